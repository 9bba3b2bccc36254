import { beforeEach, describe, expect, it } from 'vitest';
import { createWorker, type Worker } from '../../../src/background/worker';
import { SETTINGS_KEY } from '../../../src/storage/settings';
import type { Account } from '../../../src/shared/account';
import {
  checkResult,
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  summary,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

/** The host's status summary follows the badge: after each batch, and after a dismissal. */

let fake: FakeBrowser;
let worker: Worker;
let failing: Set<string>;

const published = (): HostRequest[] =>
  fake.ports.flatMap((port) => port.posted).filter((request) => request.type === 'publish-status');

function start(accounts: Account[]): void {
  fake.storage.set(SETTINGS_KEY, sampleSettings(accounts));
}

beforeEach(() => {
  failing = new Set();
  fake = createFakeBrowser((request, port) => {
    const accountId = String(request.payload.accountId);
    if (request.type !== 'check') return port.ok(request.id, { done: true });
    if (failing.has(accountId)) return port.fail(request.id, 'CONNECT_FAILED');
    port.ok(request.id, checkResult({ newMessages: [summary(`${accountId}-1`), summary(`${accountId}-2`)] }));
  });
  fake.platform.now = () => 7_000;
  worker = createWorker(fake.platform);
});

describe('the status summary handed to the host', () => {
  it('goes over the batch’s own port after the checks, with what the badge counts', async () => {
    start([sampleAccount('work'), sampleAccount('home'), sampleAccount('off', { enabled: false })]);
    failing.add('home');
    await worker.start();
    // Start-up's retain-accounts may have a port of its own; the status goes with the checks.
    const types = fake.ports.map((port) => port.posted.map((request) => request.type));
    expect(types.filter((posted) => posted.includes('check') || posted.includes('publish-status'))).toEqual([
      ['check', 'check', 'publish-status'],
    ]);
    expect(published()[0]?.payload).toEqual({
      accounts: [
        { accountId: 'work', name: 'Work', unseen: 2, lastCheckAt: 7_000 },
        { accountId: 'home', name: 'Home', unseen: 0, error: 'CONNECT_FAILED', lastCheckAt: 7_000 },
      ],
    });
    expect(fake.badge.text).toBe('2');
  });

  it('is lowered when the mail is dismissed in the popup', async () => {
    start([sampleAccount('work')]);
    await worker.start();
    await worker.onMessage({ type: 'dismiss-message', accountId: 'work', uid: 'work-1' });
    await worker.onMessage({ type: 'dismiss' });
    const unseen = published().map(
      (request) => (request.payload as { accounts: { unseen: number }[] }).accounts[0]?.unseen,
    );
    expect(unseen).toEqual([2, 1, 0]);
  });

  it('is not handed over again while it stays the same', async () => {
    start([sampleAccount('work')]);
    await worker.start();
    await worker.idle(); // start-up's own host work (retain-accounts) is not counted below
    const ports = fake.ports.length;
    await worker.onSettingsChanged();
    await worker.onMessage({ type: 'dismiss', accountId: 'work' });
    await worker.onMessage({ type: 'dismiss', accountId: 'work' });
    expect(published()).toHaveLength(2);
    expect(fake.ports).toHaveLength(ports + 1);
  });
});

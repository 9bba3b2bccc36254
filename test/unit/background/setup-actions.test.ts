import { beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionState } from '../../../src/storage/account-state';
import { BADGE_COLORS } from '../../../src/background/badge';
import { createWorker, type Worker } from '../../../src/background/worker';
import { SETTINGS_KEY, type Settings } from '../../../src/storage/settings';
import { STATE_VERSION } from '../../../src/storage/keys';
import {
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  summary,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

const certificate = {
  sha256: Array.from({ length: 32 }, () => 'AB').join(':'),
  subject: 'CN=localhost',
  issuer: 'CN=localhost',
  validFrom: 'Jan 1 2025',
  validTo: 'Jan 1 2035',
};

let fake: FakeBrowser;
let worker: Worker;
let hostLog: HostRequest[];

const settings = (): Settings => fake.storage.get(SETTINGS_KEY) as Settings;
const state = (): ExtensionState => fake.storage.state();
const requests = (type: string) => hostLog.filter((r) => r.type === type);

beforeEach(() => {
  hostLog = [];
  fake = createFakeBrowser((request, port) => {
    hostLog.push(request);
    if (request.type === 'preview')
      return port.ok(request.id, {
        uid: request.payload.uid,
        found: true,
        text: 'Hello Ann,\nsee you.',
        truncated: false,
      });
    if (request.type === 'autoconfig')
      return port.ok(request.id, {
        source: 'autoconfig',
        servers: [{ host: 'pop.example.net', port: 995, security: 'tls', username: 'ann@example.net' }],
      });
    if (request.type === 'test-account')
      return port.ok(request.id, {
        ok: false,
        error: { code: 'CERT_UNTRUSTED', message: 'self-signed', certificate },
        report: { capabilities: [], timings: [], roundTrips: 1 },
        transcript: ['S: +OK ready'],
      });
    if (request.type === 'check') return port.fail(request.id, 'CERT_UNTRUSTED', 'self-signed');
    port.ok(request.id, { done: true });
  });
  fake.storage.set(SETTINGS_KEY, sampleSettings([sampleAccount('work', { firstCheck: 'all-new' })]));
  fake.storage.setState({
    version: STATE_VERSION,
    accounts: { work: { count: 3, unseenCount: 3, unseen: ['a', 'b', 'c'].map(summary), failures: 0 } },
  });
  worker = createWorker(fake.platform);
});

describe('background: messages of the popup and options page', () => {
  it("preview asks the host for the first lines of that uid with the account's server", async () => {
    const reply = await worker.onMessage({ type: 'preview', accountId: 'work', uid: 'b' });
    expect(reply).toEqual({
      ok: true,
      result: { uid: 'b', found: true, text: 'Hello Ann,\nsee you.', truncated: false },
    });
    expect(requests('preview')[0]?.payload).toMatchObject({
      accountId: 'work',
      uid: 'b',
      server: { host: 'mail.example.org' },
    });
    expect(fake.ports.every((port) => port.disconnected)).toBe(true);
  });

  it('dismiss-message removes one message from the list, the count and the badge', async () => {
    await worker.onMessage({ type: 'dismiss-message', accountId: 'work', uid: 'b' });
    expect(state().accounts.work?.unseen.map((m) => m.uid)).toEqual(['a', 'c']);
    expect(state().accounts.work?.unseenCount).toBe(2);
    expect(fake.badge.text).toBe('2');
  });

  it('test-account passes the typed password for that session only and returns the report', async () => {
    const account = sampleAccount('new-one');
    const reply = await worker.onMessage({ type: 'test-account', account, password: 'typed secret' });
    expect(reply).toMatchObject({ ok: true, result: { ok: false, error: { code: 'CERT_UNTRUSTED', certificate } } });
    expect(requests('test-account')[0]?.payload).toEqual({
      accountId: 'new-one',
      server: account.server,
      secret: 'typed secret',
    });
    // Nothing was saved: testing is not saving.
    expect(settings().accounts.map((a) => a.id)).toEqual(['work']);
    await worker.onMessage({ type: 'test-account', account });
    expect(requests('test-account')[1]?.payload).not.toHaveProperty('secret');
  });

  it('autoconfig returns what the host found for the address', async () => {
    const reply = await worker.onMessage({ type: 'autoconfig', address: ' ann@example.net ' });
    expect(reply).toMatchObject({ ok: true, result: { source: 'autoconfig', servers: [{ host: 'pop.example.net' }] } });
    expect(requests('autoconfig')[0]?.payload).toEqual({ address: 'ann@example.net' });
  });

  it('save-settings changes only the given global settings and refuses invalid rules', async () => {
    const ok = await worker.onMessage({ type: 'save-settings', settings: { muteWhenIdle: true } });
    expect(ok).toEqual({ ok: true, result: { saved: true } });
    expect(settings()).toMatchObject({ muteWhenIdle: true, notifications: true, accounts: [{ id: 'work' }] });
    const bad = await worker.onMessage({
      type: 'save-settings',
      settings: {
        rules: [
          { name: 'x', match: 'any', action: 'ignore', conditions: [{ field: 'subject', op: 'regex', value: '(' }] },
        ],
      },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(settings().rules).toHaveLength(1);
  });

  it('trust-authserv-id adds the server the user confirmed to that account once, case-insensitively', async () => {
    for (const authservId of ['mx.example.com', 'MX.example.com'])
      expect(await worker.onMessage({ type: 'trust-authserv-id', accountId: 'work', authservId })).toEqual({
        ok: true,
        result: { saved: true },
      });
    expect(settings().accounts[0]?.trustedAuthservIds).toEqual(['MX.example.com']);
  });

  it('save-settings switches the badge colour scheme, repaints the badge and refuses an unknown scheme', async () => {
    const ok = await worker.onMessage({ type: 'save-settings', settings: { badgeColors: 'high-contrast' } });
    expect(ok).toEqual({ ok: true, result: { saved: true } });
    expect(settings()).toMatchObject({ badgeColors: 'high-contrast', notifications: true, accounts: [{ id: 'work' }] });
    expect(fake.badge).toMatchObject({ text: '3', color: BADGE_COLORS['high-contrast'].mail });
    const bad = await worker.onMessage({ type: 'save-settings', settings: { badgeColors: 'neon' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(settings().badgeColors).toBe('high-contrast');
  });

  it("sends the account's first-check choice with its check", async () => {
    await worker.onMessage({ type: 'check-now', accountId: 'work' });
    expect(requests('check')[0]?.payload).toMatchObject({ firstCheck: 'all-new' });
  });

  it('keeps the untrusted certificate in the state, for "Trust this certificate"', async () => {
    fake.script((request, port) => {
      hostLog.push(request);
      port.send({
        v: 1,
        id: request.id,
        hostVersion: '0.1.0',
        ok: false,
        error: { code: 'CERT_UNTRUSTED', message: 'self-signed', certificate },
      });
    });
    await worker.onMessage({ type: 'check-now', accountId: 'work' });
    expect(state().accounts.work?.error).toEqual({ code: 'CERT_UNTRUSTED', message: 'self-signed', certificate });
  });
});

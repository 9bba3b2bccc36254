import { expect, it } from 'vitest';
import { createWorker } from '../../../src/background/worker';
import { SETTINGS_KEY } from '../../../src/storage/settings';
import { createFakeBrowser, sampleAccount, sampleSettings, type HostRequest } from '../../helpers/fake-browser';
import { eventually } from '../../helpers/eventually';

/** Issue 10, item 9: when the browser starts the extension, the host hears which accounts it has. */
it('tells the host at start-up which accounts the extension has', async () => {
  const hostLog: HostRequest[] = [];
  const fake = createFakeBrowser((request, port) => {
    hostLog.push(request);
    if (request.type === 'retain-accounts') port.ok(request.id, { forgotten: 0 });
    else port.fail(request.id, 'SERVER_TEMPORARY', 'not in this test');
  });
  fake.storage.set(SETTINGS_KEY, sampleSettings([sampleAccount('work'), sampleAccount('home', { enabled: false })]));
  const worker = createWorker(fake.platform);
  await worker.start();
  await worker.idle();
  expect(hostLog.filter((r) => r.type === 'retain-accounts').map((r) => r.payload)).toEqual([
    { accountIds: ['work', 'home'] },
  ]);
});

it('stores a password only after start-up’s clean-up, whose list of accounts predates it, has finished', async () => {
  const hostLog: HostRequest[] = [];
  let answerRetain: (() => void) | undefined;
  const fake = createFakeBrowser((request, port) => {
    hostLog.push(request);
    if (request.type === 'retain-accounts') answerRetain = () => port.ok(request.id, { forgotten: 0 });
    else if (request.type === 'set-secret') port.ok(request.id, { done: true });
    else port.fail(request.id, 'SERVER_TEMPORARY', 'not in this test');
  });
  fake.storage.set(SETTINGS_KEY, sampleSettings([]));
  const worker = createWorker(fake.platform);
  await worker.start();
  // The options page saves a new account while the host has not yet answered retain-accounts([]).
  const saved = worker.onMessage(
    { type: 'save-account', account: sampleAccount('new'), password: 'secret' },
    { fromOptionsPage: true },
  );
  await eventually(async () => answerRetain !== undefined, Boolean, 'retain-accounts sent');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(hostLog.map((r) => r.type)).toEqual(['retain-accounts']);
  answerRetain?.();
  expect(await saved).toMatchObject({ ok: true });
  expect(hostLog.map((r) => r.type).slice(0, 2)).toEqual(['retain-accounts', 'set-secret']);
});

it('tells the host about an account whose save was under way when start-up began, so its password stays', async () => {
  const hostLog: HostRequest[] = [];
  let answerSecret: (() => void) | undefined;
  const fake = createFakeBrowser((request, port) => {
    hostLog.push(request);
    if (request.type === 'set-secret') answerSecret = () => port.ok(request.id, { done: true });
    else if (request.type === 'retain-accounts') port.ok(request.id, { forgotten: 0 });
    else port.fail(request.id, 'SERVER_TEMPORARY', 'not in this test');
  });
  fake.storage.set(SETTINGS_KEY, sampleSettings([]));
  const worker = createWorker(fake.platform);
  const saved = worker.onMessage(
    { type: 'save-account', account: sampleAccount('new'), password: 'secret' },
    { fromOptionsPage: true },
  );
  await eventually(async () => answerSecret !== undefined, Boolean, 'set-secret sent');
  // The browser starts the worker while the host is still storing the password; start-up gets
  // every chance to send its clean-up meanwhile (it must wait for the save instead).
  const started = worker.start();
  await new Promise((resolve) => setTimeout(resolve, 100));
  answerSecret?.();
  expect(await saved).toMatchObject({ ok: true });
  await started;
  await worker.idle();
  expect(hostLog.filter((r) => r.type === 'retain-accounts').map((r) => r.payload)).toEqual([{ accountIds: ['new'] }]);
});

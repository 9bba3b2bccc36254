import { expect, it } from 'vitest';
import { createWorker } from '../../../src/background/worker';
import { SETTINGS_KEY } from '../../../src/storage/settings';
import { createFakeBrowser, sampleAccount, sampleSettings, type HostRequest } from '../../helpers/fake-browser';

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

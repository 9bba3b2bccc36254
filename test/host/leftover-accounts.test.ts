/**
 * Issue 10, item 9: the host drops what it keeps for accounts the extension no longer has —
 * only that extension's own, never another browser's accounts in the same host folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CommandStore } from '../../src/host/commands/command-store';
import { createHandlers } from '../../src/host/native/handlers';
import { FileSecretStore } from '../../src/host/secrets/file-secret-store';
import { OwnerIndex } from '../../src/host/secrets/owners';
import { StateStore } from '../../src/host/mailbox/check/state-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-leftovers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const server = { host: 'pop.example.org', port: 995, username: 'ada' };
const CHROME = 'chrome-extension://fidmppmkdmcmkaomfmenpmjnjnnpfncf/';
const FIREFOX = 'firefox:popbiff@popbiff.org';

/** One host as `caller` starts it, on the shared folder. */
function hostFor(caller: string) {
  return createHandlers({
    secrets: new FileSecretStore(dir),
    commands: new CommandStore(dir),
    state: new StateStore(dir),
    owners: new OwnerIndex(dir),
    caller,

    log: { addSecret: () => undefined },
    platform: 'linux',
  });
}

it("forgets the caller's accounts it no longer has, and keeps another browser's", async () => {
  const chrome = hostFor(CHROME);
  const firefox = hostFor(FIREFOX);
  await chrome['set-secret']({ accountId: 'kept', server, secret: 'pw-kept' });
  await chrome['set-secret']({ accountId: 'cancelled-form', server, secret: 'pw-left' });
  await chrome['set-command']({ accountId: 'cancelled-form', purpose: 'mailClient', argv: ['mutt'] });
  await firefox['set-secret']({ accountId: 'firefox-only', server, secret: 'pw-ff' });

  expect(await chrome['retain-accounts']({ accountIds: ['kept'] })).toEqual({ forgotten: 1 });

  const secrets = new FileSecretStore(dir);
  expect(await secrets.get('cancelled-form')).toBeUndefined();
  expect(await new CommandStore(dir).get('cancelled-form', 'mailClient')).toBeUndefined();
  expect(await secrets.get('kept')).toContain('pw-kept');
  expect(await secrets.get('firefox-only')).toContain('pw-ff');
  expect(await chrome['retain-accounts']({ accountIds: ['kept'] })).toEqual({ forgotten: 0 });
});

it('never drops data stored before owners were recorded', async () => {
  await new FileSecretStore(dir).set('legacy', 'pw-legacy');
  expect(await hostFor(CHROME)['retain-accounts']({ accountIds: [] })).toEqual({ forgotten: 0 });
  expect(await new FileSecretStore(dir).get('legacy')).toBe('pw-legacy');
});

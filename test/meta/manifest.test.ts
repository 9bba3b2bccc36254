import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFor } from '../../scripts/build';
import { DEV_CHROMIUM_ID, FIREFOX_EXTENSION_IDS } from '../../src/shared/extension-ids';

const source = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest.json'), 'utf8'));

/** Chromium's id: SHA-256 of the DER public key, first 32 hex digits mapped 0-f → a-p. */
function chromiumIdOf(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

describe('manifest.json', () => {
  it('pins the Chromium extension id that the host allows', () => {
    expect(chromiumIdOf(source.key)).toBe(DEV_CHROMIUM_ID);
  });

  it('names the Firefox id that the host allows', () => {
    expect(source.browser_specific_settings.gecko.id).toBe(FIREFOX_EXTENSION_IDS[0]);
  });

  it('asks for the minimum permissions and no host access', () => {
    expect([...source.permissions].sort()).toEqual([
      'alarms',
      'identity',
      'idle',
      'nativeMessaging',
      'notifications',
      'storage',
    ]);
    expect(source.host_permissions).toBeUndefined();
    expect(source.optional_permissions).toBeUndefined();
    expect(source.content_security_policy.extension_pages).toContain("script-src 'self'");
  });

  it('offers web sites only as optional host permissions, which the options page asks for one webmail origin at a time', () => {
    expect([...source.optional_host_permissions].sort()).toEqual(['http://*/*', 'https://*/*']);
    for (const target of ['chrome', 'firefox'] as const) {
      const built = manifestFor(target, source, '1.2.3');
      expect(built.optional_host_permissions).toEqual(source.optional_host_permissions);
      expect(built.host_permissions).toBeUndefined();
    }
    const helper = readFileSync(resolve(import.meta.dirname, '../../src/ui/webmail-permission.ts'), 'utf8');
    expect(helper).toContain('webmailPattern(');
    expect(helper).toContain('.request({ origins: [pattern] })');
  });

  it('offers keyboard shortcuts for the popup and for "Check now", which the worker handles', () => {
    expect(Object.keys(source.commands).sort()).toEqual(['_execute_action', 'check-now']);
    expect(source.commands['check-now'].suggested_key.default).toBe('Alt+Shift+C');
    expect(readFileSync(resolve(import.meta.dirname, '../../src/background/worker.ts'), 'utf8')).toContain(
      "CHECK_NOW_COMMAND = 'check-now'",
    );
  });

  it('builds a service worker for Chrome and an event page for Firefox from the one source', () => {
    const chrome = manifestFor('chrome', source, '1.2.3');
    const firefox = manifestFor('firefox', source, '1.2.3');
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.key).toBe(source.key);
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.key).toBeUndefined();
    expect(firefox.browser_specific_settings).toEqual(source.browser_specific_settings);
    expect(chrome.version).toBe('1.2.3');
    expect(chrome.minimum_chrome_version).toBe('148');
    expect(firefox.minimum_chrome_version).toBeUndefined();
  });
});

import { afterEach, expect, it, vi } from 'vitest';
import { hostManifest, launcherScript } from '../../../src/host/install/host-files';
import { DEV_CHROMIUM_ID, chromiumIds, parseStoreIds } from '../../../src/shared/extension-ids';

/**
 * Issue 10, item 11: the development key's id is public (every unpacked copy has it), so a host
 * built with the store ids answers only them, unless `install --dev` asked for the development id.
 */
const STORE_ID = 'abcdefghijklmnopabcdefghijklmnop';
const dev = `chrome-extension://${DEV_CHROMIUM_ID}/`;
const store = `chrome-extension://${STORE_ID}/`;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The host's origin check as a build with `storeIds` compiles it. */
async function originCheckBuiltWith(storeIds: string | undefined) {
  if (storeIds !== undefined) vi.stubEnv('VITE_POPBIFF_CHROMIUM_STORE_IDS', storeIds);
  vi.resetModules();
  return (await import('../../../src/host/native/origin')).isAllowedCaller;
}

it('a host built with store ids refuses the development id', async () => {
  const isAllowedCaller = await originCheckBuiltWith(STORE_ID);
  expect(isAllowedCaller({ browser: 'chromium', origin: store }, {})).toBe(true);
  expect(isAllowedCaller({ browser: 'chromium', origin: dev }, {})).toBe(false);
});

it('answers the development id too when its launcher came from install --dev', async () => {
  const isAllowedCaller = await originCheckBuiltWith(STORE_ID);
  expect(isAllowedCaller({ browser: 'chromium', origin: dev }, { POPBIFF_DEV_EXTENSION: '1' })).toBe(true);
  expect(isAllowedCaller({ browser: 'chromium', origin: dev }, { POPBIFF_DEV_EXTENSION: 'yes' })).toBe(false);
});

it('a development build (no store ids) has only the development id to answer', async () => {
  const isAllowedCaller = await originCheckBuiltWith(undefined);
  expect(isAllowedCaller({ browser: 'chromium', origin: dev }, {})).toBe(true);
  expect(isAllowedCaller({ browser: 'chromium', origin: store }, {})).toBe(false);
});

it('reads the store ids setting strictly: 32 letters a to p, comma-separated', () => {
  expect(parseStoreIds(` ${STORE_ID} , not-an-id,${'a'.repeat(32)}`)).toEqual([STORE_ID, 'a'.repeat(32)]);
  expect(parseStoreIds(undefined)).toEqual([]);
  expect(chromiumIds(false, [STORE_ID])).toEqual([STORE_ID]);
  expect(chromiumIds(true, [STORE_ID])).toEqual([STORE_ID, DEV_CHROMIUM_ID]);
  expect(chromiumIds(false, [])).toEqual([DEV_CHROMIUM_ID]);
});

it('install --dev writes the development origin into the manifest and the switch into the launcher', () => {
  expect(hostManifest('chromium', '/l', true).allowed_origins).toContain(dev);
  expect(launcherScript('linux', '/n', '/b', true)).toContain('export POPBIFF_DEV_EXTENSION=1\nexec "/n" "/b" "$@"');
  expect(launcherScript('linux', '/n', '/b', false)).not.toContain('POPBIFF_DEV_EXTENSION');
  expect(launcherScript('win32', 'C:\\n', 'C:\\b', true)).toContain('set POPBIFF_DEV_EXTENSION=1\r\n"C:\\n"');
});

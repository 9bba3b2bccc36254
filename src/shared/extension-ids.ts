/**
 * The extension ids the host answers (and `install` allows).
 *
 * The development id follows from the `key` in manifest.json (a test checks this). That key is
 * public, so every unpacked copy of Popbiff shares the id: a host that answered it would answer
 * anyone's unpacked extension. The store ids are a build setting, VITE_POPBIFF_CHROMIUM_STORE_IDS
 * (comma-separated), like the OAuth client ids: a build with them allows only them, unless the
 * host was installed with `install --dev` (its launcher then sets DEV_EXTENSION_ENV). A build
 * without them (development, tests) has only the development id to answer.
 */
export const DEV_CHROMIUM_ID = 'fidmppmkdmcmkaomfmenpmjnjnnpfncf';

/** Set by the launcher `install --dev` writes: the development id is allowed too. */
export const DEV_EXTENSION_ENV = 'POPBIFF_DEV_EXTENSION';

/** A Chromium extension id: 32 letters a to p. */
const CHROMIUM_ID = /^[a-p]{32}$/;

export function parseStoreIds(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => CHROMIUM_ID.test(id));
}

/** This build's store ids; empty in development builds. */
export const STORE_CHROMIUM_IDS: readonly string[] = parseStoreIds(import.meta.env?.VITE_POPBIFF_CHROMIUM_STORE_IDS);

/** The Chromium ids to allow: the store ids (plus the development id with `dev`), else the development id. */
export function chromiumIds(dev: boolean, storeIds: readonly string[] = STORE_CHROMIUM_IDS): string[] {
  if (storeIds.length === 0) return [DEV_CHROMIUM_ID];
  return dev ? [...storeIds, DEV_CHROMIUM_ID] : [...storeIds];
}

/** The ids a host of this build answers by default (no `--dev`). */
const [firstId = DEV_CHROMIUM_ID, ...otherIds] = chromiumIds(false);
export const CHROMIUM_EXTENSION_IDS: readonly [string, ...string[]] = [firstId, ...otherIds];
export const FIREFOX_EXTENSION_IDS = ['popbiff@popbiff.org'] as const;

export const chromiumOrigin = (id: string): string => `chrome-extension://${id}/`;

/**
 * The extension ids the host answers (and `install` allows). The Chromium id follows from the
 * development `key` in manifest.json (a test checks this); store ids join the list when published.
 */
export const CHROMIUM_EXTENSION_IDS = ['fidmppmkdmcmkaomfmenpmjnjnnpfncf'] as const;
export const FIREFOX_EXTENSION_IDS = ['popbiff@popbiff.org'] as const;

export const chromiumOrigin = (id: string): string => `chrome-extension://${id}/`;

declare const __POPBIFF_VERSION__: string;

/** The package version, stamped in by the build (vite `define`). */
export const POPBIFF_VERSION: string = __POPBIFF_VERSION__;

/**
 * The oldest host this extension works with. Raise it (by hand, in the release that needs it)
 * when the extension starts sending a request older hosts do not know: the options page and the
 * popup then say "Update the Popbiff host" instead of failing request by request.
 */
export const MIN_HOST_VERSION = '0.1.0';

declare const __POPBIFF_VERSION__: string;

/** The package version, stamped in by the build (vite `define`). */
export const POPBIFF_VERSION: string = __POPBIFF_VERSION__;

/**
 * A port as mail programs write it: a number (prefs.js, a REG_DWORD) or digits (ini files). A
 * whole number in 1..65535, or undefined for anything else (absent, empty, 0 meaning "the
 * default", text, out of range), so the caller falls back to the default for the security.
 */
export function portOf(value: string | number | boolean | undefined): number | undefined {
  const port = typeof value === 'string' && /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : value;
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

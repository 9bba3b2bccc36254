import browser from '../browser';
import { webmailPattern } from '../shared/deep-link';

/** The one call this module needs; `browser.permissions` fits, tests pass a fake. */
export interface PermissionRequester {
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * Asks for access to the webmail's site only, so "open the client" can bring an open tab of it
 * forward instead of opening another (manifest `optional_host_permissions`). Browsers allow the
 * request only during a user gesture: call this synchronously in the Save handler, before any
 * await. The answer is not awaited and does not matter: refused, the background opens a new tab.
 */
export function requestWebmailPermission(
  webmailUrl: string,
  permissions: PermissionRequester | undefined = browser.permissions,
): void {
  const pattern = webmailPattern(webmailUrl);
  if (pattern === undefined || permissions === undefined) return;
  try {
    permissions.request({ origins: [pattern] }).catch(() => false);
  } catch {
    // Some browsers throw instead of rejecting outside a gesture; saving must go on either way.
  }
}

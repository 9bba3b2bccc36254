import { webmailPattern } from '../shared/deep-link';
import type { PermissionsApi, TabsApi, WindowsApi } from './platform';

/**
 * Shows a webmail page: in a tab of that site that is already open, when the user granted
 * Popbiff that one site (the options page asks, optionally, on save), else in a new tab.
 * Without the grant the browser hides other tabs' URLs, and Popbiff asks for nothing broader.
 */

export interface TabDeps {
  tabs: TabsApi;
  windows: WindowsApi | undefined;
  permissions: PermissionsApi;
}

export type Opened = 'focused' | 'created';

/**
 * `siteUrl` names the site (the account's webmail address); `url` is the page to show. An open
 * tab is only navigated when `url` is another page than the site's own address: a click on
 * "open" must not throw away what the user was doing in it.
 */
export async function showPage(deps: TabDeps, siteUrl: string, url: string = siteUrl): Promise<Opened> {
  const tab = await openTabOf(deps, siteUrl);
  if (tab === undefined) {
    await deps.tabs.create({ url });
    return 'created';
  }
  await deps.tabs.update(tab.id, url === siteUrl ? { active: true } : { active: true, url });
  if (tab.windowId !== undefined) await deps.windows?.update(tab.windowId, { focused: true });
  return 'focused';
}

async function openTabOf(
  deps: TabDeps,
  siteUrl: string,
): Promise<{ id: number; windowId?: number | undefined } | undefined> {
  const pattern = webmailPattern(siteUrl);
  if (pattern === undefined) return undefined;
  // A refused or revoked permission is the ordinary case, not an error: a new tab it is.
  const granted = await deps.permissions.contains({ origins: [pattern] }).catch(() => false);
  if (!granted) return undefined;
  const tabs = await deps.tabs.query({ url: pattern });
  const found = tabs.find((tab) => tab.id !== undefined);
  return found?.id === undefined ? undefined : { id: found.id, windowId: found.windowId };
}

import type { Account } from '../shared/account';
import { messageLink } from '../shared/deep-link';
import { PopbiffError } from '../shared/errors';
import type { MessageSummary } from '../shared/mail';
import { withHost } from './host-client';
import type { HostSession } from './host-client';
import { showPage, type TabDeps } from './open-tab';

/**
 * "Open the full client" for one account: its desktop mail program through the host when the
 * account says so, else its webmail, at one message when the webmail has links to messages.
 */

export interface ClientDeps extends TabDeps {
  openHost: () => HostSession;
}

export async function openClientOf(deps: ClientDeps, account: Account, message?: MessageSummary): Promise<void> {
  if (account.desktopClient !== undefined) {
    await startDesktopClient(deps.openHost, account.id);
    return;
  }
  if (account.webmailUrl === '') throw new PopbiffError('BAD_REQUEST', 'No webmail address is set for this account.');
  const url = message === undefined ? account.webmailUrl : messageLink(account.webmailUrl, message);
  await showPage(deps, account.webmailUrl, url);
}

/**
 * The host starts the program: an extension cannot. It runs the command it keeps for the account
 * (confirmed on the options page), never one named in a request.
 */
async function startDesktopClient(openHost: () => HostSession, accountId: string): Promise<void> {
  await withHost({ openHost }, (host) => host.request('open-mail-client', { accountId }));
}

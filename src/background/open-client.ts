import type { Account, DesktopClient } from '../shared/account';
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
    await startDesktopClient(deps.openHost, account.desktopClient);
    return;
  }
  if (account.webmailUrl === '') throw new PopbiffError('BAD_REQUEST', 'No webmail address is set for this account.');
  const url = message === undefined ? account.webmailUrl : messageLink(account.webmailUrl, message);
  await showPage(deps, account.webmailUrl, url);
}

/** The host starts the program: an extension cannot. The command is the user's, never mail data. */
async function startDesktopClient(openHost: () => HostSession, client: DesktopClient): Promise<void> {
  await withHost({ openHost }, (host) =>
    host.request('open-mail-client', client.command === undefined ? {} : { command: client.command }),
  );
}

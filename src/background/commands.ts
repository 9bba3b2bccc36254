import type { Account } from '../shared/account';
import type { CommandPurpose } from '../shared/commands';
import { PopbiffError } from '../shared/errors';
import type { HandlerContext } from './handler-context';
import { withHost } from './host-client';
import { validSettings } from '../storage/settings';

/**
 * The programs the host runs for an account (src/shared/commands.ts). Only the options page may
 * change one, after the user confirmed the exact argv; the settings keep a copy for display, which
 * only this module writes: a save-account from any page carries the stored copy forward.
 */

/** Messages that change what the host runs: refused unless they come from the options page. */
export const OPTIONS_PAGE_ONLY: ReadonlySet<string> = new Set(['set-command']);

/** Who sent a UI message, as the background's listener saw it. */
export interface UiSender {
  /** True only for the extension's own options page (runtime.getURL of options/index.html). */
  fromOptionsPage: boolean;
}

/** The sender's URL is the options page, whatever its query or fragment. */
export function isOptionsPage(senderUrl: string | undefined, optionsPageUrl: string): boolean {
  if (senderUrl === undefined) return false;
  const [withoutFragment = ''] = senderUrl.split('#', 1);
  const [path = ''] = withoutFragment.split('?', 1);
  return path === optionsPageUrl;
}

export function refuseOutsideOptions(type: string, sender: UiSender): void {
  if (OPTIONS_PAGE_ONLY.has(type) && !sender.fromOptionsPage)
    throw new PopbiffError('FORBIDDEN_ORIGIN', 'Only the options page may change a command that Popbiff runs.');
}

/** The account as saved: its commands are the stored copy's (or none for a new account). */
export function withStoredCommands(account: Account, old: Account | undefined): Account {
  const { passwordCommand: _given, ...server } = account.server;
  const { onNewMail: _givenHook, ...rest } = account;
  const kept = old?.server.passwordCommand;
  const hook = old?.onNewMail;
  const next: Account = {
    ...rest,
    server: kept ? { ...server, passwordCommand: kept } : server,
    ...(hook ? { onNewMail: hook } : {}),
  };
  if (account.desktopClient === undefined) return next;
  const command = old?.desktopClient?.command;
  return { ...next, desktopClient: command ? { command } : {} };
}

function withCommand(account: Account, purpose: CommandPurpose, argv: string[] | undefined): Account {
  if (purpose === 'passwordCommand') {
    const { passwordCommand: _old, ...server } = account.server;
    return { ...account, server: argv ? { ...server, passwordCommand: argv } : server };
  }
  if (purpose === 'onNewMail') {
    const { onNewMail: _old, ...rest } = account;
    return argv ? { ...rest, onNewMail: argv } : rest;
  }
  if (argv) return { ...account, desktopClient: { command: argv } };
  return account.desktopClient ? { ...account, desktopClient: {} } : account;
}

/** The host keeps the argv first; the settings' display copy follows only once the host has it. */
export async function setCommand(
  ctx: HandlerContext,
  accountId: string,
  purpose: CommandPurpose,
  argv: string[] | undefined,
): Promise<{ saved: true }> {
  await ctx.store.account(accountId);
  await withHost(ctx, (host) =>
    host.request('set-command', argv ? { accountId, purpose, argv } : { accountId, purpose }),
  );
  const snapshot = await ctx.store.update(({ settings }) => {
    const accounts = settings.accounts.map((a) => (a.id === accountId ? withCommand(a, purpose, argv) : a));
    return { settings: validSettings({ ...settings, accounts }) };
  });
  await ctx.refresh(snapshot);
  return { saved: true };
}

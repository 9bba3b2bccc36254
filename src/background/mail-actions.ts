import type { AccountState } from '../storage/account-state';
import { PopbiffError } from '../shared/errors';
import type { HandlerContext } from './handler-context';
import { withHost } from './host-client';
import { accountState, updateAccount } from './mail-state';
import type { UiResults } from '../ui-messages';
import { notificationId } from './notification-plan';

/**
 * What the popup does to one message: read its first lines, dismiss it, delete it on the server
 * (after the undo window) or take that back.
 */

/** Enough for a quick look; the host caps the text at 16,000 characters anyway. */
export const PREVIEW_LINES = 40;

/** TOP on the server (RFC 1939 §7): the message stays unread for every other client. */
export async function preview(ctx: HandlerContext, accountId: string, uid: string): Promise<UiResults['preview']> {
  const account = await ctx.store.account(accountId);
  return withHost(ctx, (host) =>
    host.request('preview', { accountId, server: account.server, uid, lines: PREVIEW_LINES }),
  );
}

/** Only messages the popup shows may be deleted: a UID from elsewhere is refused. */
export async function scheduleDelete(
  ctx: HandlerContext,
  accountId: string,
  uids: string[],
): Promise<UiResults['schedule-delete']> {
  await ctx.store.account(accountId);
  const { state } = await ctx.store.read();
  const shown = new Set(accountState(state, accountId).unseen.map((message) => message.uid));
  if (!uids.every((uid) => shown.has(uid)))
    throw new PopbiffError('BAD_REQUEST', 'That message is no longer in the list.');
  return { dueAt: await ctx.deleter.schedule(accountId, uids) };
}

export async function undoDelete(ctx: HandlerContext, accountId: string): Promise<UiResults['undo-delete']> {
  return { undone: await ctx.deleter.undo(accountId) };
}

export async function dismissMessage(
  ctx: HandlerContext,
  accountId: string,
  uid: string,
): Promise<UiResults['dismiss-message']> {
  const snapshot = await ctx.store.updateState((state) =>
    updateAccount(state, accountId, (s) => withoutMessage(s, uid)),
  );
  await ctx.refresh(snapshot);
  if (accountState(snapshot.state, accountId).unseenCount === 0) {
    await ctx.notifications.clear(notificationId(accountId)).catch(() => false);
  }
  return snapshot.state;
}

/** One message is seen: it leaves the list and, if it was listed, the count. */
export function withoutMessage(state: AccountState, uid: string): AccountState {
  const unseen = state.unseen.filter((message) => message.uid !== uid);
  if (unseen.length === state.unseen.length) return state;
  return { ...state, unseen, unseenCount: Math.max(unseen.length, state.unseenCount - 1) };
}

import { EMPTY_ACCOUNT_STATE } from '../storage/empty-state';
import type { Account } from '../shared/account';
import type { ServerAddress, ServerSettings } from '../shared/server';
import { PopbiffError, toErrorInfo } from '../shared/errors';
import { isOlderVersion } from '../shared/host-download';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { MIN_HOST_VERSION } from '../shared/version';
import { accountById, validSettings } from '../storage/settings';
import { refuseOutsideOptions, setCommand, withStoredCommands, type UiSender } from './commands';
import type { HandlerContext } from './handler-context';
import { withHost } from './host-client';
import { dismissMessage, preview, scheduleDelete, undoDelete } from './mail-actions';
import { accountState, clearError, dismiss, retainAccounts, updateAccount } from './mail-state';
import { floorHold } from './scheduler';
import { type CheckHold, UiMessage, type HostStatus, type UiReply, type UiResults } from '../ui-messages';
import { notificationId, pauseUntil } from './notification-plan';
import { signInWithOAuth } from './oauth-flow';
import { openClientOf } from './open-client';
import { autoconfig, findAccounts, saveSettings, testAccount, trustAuthservId } from './setup-actions';

export type { HandlerContext } from './handler-context';

type Handlers = { [K in UiMessage['type']]: (message: Extract<UiMessage, { type: K }>) => Promise<UiResults[K]> };

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    'check-now': (message) => checkNow(ctx, message.accountId),
    dismiss: (message) => dismissMail(ctx, message.accountId),
    'save-account': (message) => saveAccount(ctx, message.account, message.password),
    'delete-account': (message) => deleteAccount(ctx, message.accountId),
    'host-status': () => hostStatus(ctx),
    'open-client': (message) => openClient(ctx, message.accountId),
    'open-message': (message) => openMessage(ctx, message.accountId, message.uid),
    'pause-notifications': (message) => pauseNotifications(ctx, message.duration),
    preview: (message) => preview(ctx, message.accountId, message.uid),
    'schedule-delete': (message) => scheduleDelete(ctx, message.accountId, message.uids),
    'undo-delete': (message) => undoDelete(ctx, message.accountId),
    'dismiss-message': (message) => dismissMessage(ctx, message.accountId, message.uid),
    'test-account': (message) => testAccount(ctx, message.account, message.password),
    autoconfig: (message) => autoconfig(ctx, message.address),
    'find-accounts': () => findAccounts(ctx),
    'save-settings': (message) => saveSettings(ctx, message.settings),
    'set-command': (message) => setCommand(ctx, message.accountId, message.purpose, message.argv),
    'oauth-sign-in': (message) => signInWithOAuth({ identity: ctx.identity, openHost: ctx.openHost }, message),
    'trust-authserv-id': (message) => trustAuthservId(ctx, message.accountId, message.authservId),
  };
}

/** Validates a message from a UI page and answers it; every failure becomes an error reply. */
export async function route(handlers: Handlers, raw: unknown, sender: UiSender): Promise<UiReply> {
  const parsed = UiMessage.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues[0]?.message ?? 'The message was not valid.';
    return { ok: false, error: { code: 'BAD_REQUEST', message: detail } };
  }
  // The table is keyed by type, so this handler takes exactly this message.
  const handler = handlers[parsed.data.type] as (message: UiMessage) => Promise<unknown>;
  try {
    refuseOutsideOptions(parsed.data.type, sender);
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/**
 * "Check now" checks even a stopped account: the user asked, so one more try is theirs to make.
 * Only the server's own floor holds it back (floorHold): that sign-in would be refused.
 */
async function checkNow(ctx: HandlerContext, accountId: string | undefined): Promise<UiResults['check-now']> {
  if (accountId !== undefined) await ctx.store.account(accountId);
  let held: CheckHold[] = [];
  const snapshot = await ctx.runner.run(({ settings, state }, now) => {
    const asked = settings.accounts.filter((account) =>
      accountId === undefined ? account.enabled : account.id === accountId,
    );
    const holds = asked.map((account) => floorHold(account, accountState(state, account.id), now));
    held = holds.filter((hold) => hold !== undefined);
    return asked.filter((_, i) => holds[i] === undefined);
  });
  return { state: snapshot.state, held };
}

/** The mail is seen, so its notification has nothing left to say. */
async function dismissMail(ctx: HandlerContext, accountId: string | undefined): Promise<UiResults['dismiss']> {
  const snapshot = await ctx.store.updateState((state, settings) =>
    settings.accounts
      .filter((account) => accountId === undefined || account.id === accountId)
      .reduce((next, account) => updateAccount(next, account.id, dismiss), state),
  );
  await ctx.refresh(snapshot);
  const ids = accountId === undefined ? snapshot.settings.accounts.map((a) => a.id) : [accountId];
  await Promise.all(ids.map((id) => ctx.notifications.clear(notificationId(id)).catch(() => false)));
  return snapshot.state;
}

async function pauseNotifications(
  ctx: HandlerContext,
  duration: 'hour' | 'tomorrow' | 'resume',
): Promise<UiResults['pause-notifications']> {
  const until = pauseUntil(duration, ctx.now());
  const snapshot = await ctx.store.update(({ settings }) => {
    const { pauseNotificationsUntil: _old, ...rest } = settings;
    return { settings: until === undefined ? rest : { ...rest, pauseNotificationsUntil: until } };
  });
  await ctx.refresh(snapshot);
  return until === undefined ? {} : { pausedUntil: until };
}

/** The password goes to the host first: settings that point at a password never stored would only fail later. */
async function saveAccount(
  ctx: HandlerContext,
  given: Account,
  password: string | undefined,
): Promise<UiResults['save-account']> {
  // Commands change only through set-command (options page, confirmed); never through a save.
  const account = withStoredCommands(given, accountById((await ctx.store.read()).settings, given.id));
  if (password !== undefined && password !== '') {
    await withHost(ctx, (host) =>
      host.request('set-secret', { accountId: account.id, server: serverAddress(account.server), secret: password }),
    );
  }
  const snapshot = await ctx.store.update(({ settings, state }) => {
    const old = accountById(settings, account.id);
    const accounts = old
      ? settings.accounts.map((a) => (a.id === account.id ? account : a))
      : [...settings.accounts, account];
    const checked = validSettings({ ...settings, accounts });
    // Another mailbox: what we knew (token, unseen mail) belongs to the old one.
    const reset = old === undefined || !sameMailbox(old.server, account.server);
    const next = updateAccount(state, account.id, (s) => (reset ? EMPTY_ACCOUNT_STATE : clearError(s)));
    return { settings: checked, state: next };
  });
  await ctx.refresh(snapshot);
  // Checked at once, unless the server's floor says not yet (an edit of the name or the rules
  // keeps the last check's time): its alarm checks it then.
  if (account.enabled)
    ctx.spawn(
      ctx.runner.run(({ settings, state }, now) =>
        settings.accounts.filter(
          (a) => a.id === account.id && floorHold(a, accountState(state, a.id), now) === undefined,
        ),
      ),
    );
  return { accountId: account.id };
}

function serverAddress({ host, port, username }: ServerSettings): ServerAddress {
  return { host, port, username };
}

function sameMailbox(a: ServerSettings, b: ServerSettings): boolean {
  return a.host === b.host && a.port === b.port && a.username === b.username;
}

/** The account goes even when the host is unreachable; the reply says whether the password went too. */
async function deleteAccount(ctx: HandlerContext, accountId: string): Promise<UiResults['delete-account']> {
  const secretForgotten = await withHost(ctx, (host) => host.request('forget-account', { accountId })).then(
    () => true,
    () => false,
  );
  const snapshot = await ctx.store.update(({ settings, state }) => {
    const accounts = settings.accounts.filter((a) => a.id !== accountId);
    return {
      settings: { ...settings, accounts },
      state: retainAccounts(
        state,
        accounts.map((a) => a.id),
      ),
    };
  });
  await ctx.refresh(snapshot);
  return { secretForgotten };
}

async function hostStatus(ctx: HandlerContext): Promise<HostStatus> {
  try {
    const hello = await withHost(ctx, (host) => host.request('hello', {}));
    const status = {
      installed: true,
      hostVersion: hello.hostVersion,
      protocolVersion: hello.protocolVersion,
      secretStore: hello.secretStore,
      ...(hello.secretStoreNote ? { secretStoreNote: hello.secretStoreNote } : {}),
      ...(hello.registrations ? { registrations: hello.registrations } : {}),
    };
    if (hello.protocolVersion !== PROTOCOL_VERSION)
      return { ...status, error: new PopbiffError('UNSUPPORTED_VERSION').toInfo() };
    if (isOlderVersion(hello.hostVersion, MIN_HOST_VERSION))
      return {
        ...status,
        error: new PopbiffError(
          'HOST_OUTDATED',
          `This host is ${hello.hostVersion}; ${MIN_HOST_VERSION} or newer is needed.`,
        ).toInfo(),
      };
    await resumeAfterHostFixed(ctx);
    return status;
  } catch (error) {
    const info = toErrorInfo(error);
    return { installed: info.code !== 'HOST_NOT_FOUND', error: info };
  }
}

/** Errors that only said "no usable host"; a host that answers hello proves them stale. */
const HOST_PROBLEMS: ReadonlySet<string> = new Set([
  'HOST_NOT_FOUND',
  'UNSUPPORTED_VERSION',
  'FORBIDDEN_ORIGIN',
  'HOST_OUTDATED',
]);

/** Accounts stopped only because the host was missing go back on their alarms once it answers. */
async function resumeAfterHostFixed(ctx: HandlerContext): Promise<void> {
  const { state } = await ctx.store.read();
  const stale = Object.entries(state.accounts).filter(
    ([, s]) => s.error !== undefined && HOST_PROBLEMS.has(s.error.code),
  );
  if (stale.length === 0) return;
  const snapshot = await ctx.store.updateState((current) =>
    stale.reduce((next, [id]) => updateAccount(next, id, clearError), current),
  );
  await ctx.refresh(snapshot);
}

/** The desktop client, or the webmail (an open tab of it when the user allowed that site). */
async function openClient(ctx: HandlerContext, accountId: string): Promise<UiResults['open-client']> {
  await openClientOf(ctx, await ctx.store.account(accountId));
  return { opened: true };
}

/** One message where the webmail can link to it (Gmail); a message no longer kept opens the client. */
async function openMessage(ctx: HandlerContext, accountId: string, uid: string): Promise<UiResults['open-message']> {
  const account = await ctx.store.account(accountId);
  const { state } = await ctx.store.read();
  const message = state.accounts[accountId]?.unseen.find((m) => m.uid === uid);
  await openClientOf(ctx, account, message);
  return { opened: true };
}

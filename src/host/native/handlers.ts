import { homedir } from 'node:os';
import type { ServerSettings } from '../../shared/server';
import { PopbiffError, toErrorInfo } from '../../shared/errors';
import type { StatusSummary } from '../../shared/status';
import { PROTOCOL_VERSION, type PayloadOf, type RequestType, type ResultOf } from '../../shared/protocol';
import { POPBIFF_VERSION } from '../../shared/version';
import type { CheckRequest } from '../mailbox/check/check-request';
import type { StateStore } from '../mailbox/check/state-store';
import type { CommandStore } from '../commands/command-store';
import type { Logger } from '../log';
import type { NewMailHooks } from '../mailbox/new-mail-hook';
import type { Spawner } from '../mail-client';
import { OAuthTokens } from '../oauth/oauth-tokens';
import { bindingOf, encodeBound } from '../secrets/binding';
import type { OwnerIndex } from '../secrets/owners';
import { passwordFor } from '../secrets/password-source';
import type { SecretStore } from '../secrets/secret-store';
import { lazyMailboxOperations, type MailboxOperations } from './mailbox-operations';

/** What the handlers need from the outside world; tests pass fakes. */
export interface HandlerDeps {
  secrets: SecretStore;
  /** The programs the user confirmed per account; the only argv the host runs. */
  commands: Pick<CommandStore, 'get' | 'set' | 'forget'>;
  state: Pick<StateStore, 'load' | 'save' | 'delete'>;
  log: Pick<Logger, 'addSecret'>;
  platform: string;
  /** Starts programs for `open-mail-client`; absent means Node's own spawn. */
  spawn?: Spawner;
  /** Check, preview, delete, test and autoconfig; each one absent means the real one, loaded on first use. */
  mailbox?: Partial<MailboxOperations>;
  /** OAuth tokens of xoauth2/oauthbearer accounts; absent means ones kept in `secrets`. */
  oauth?: OAuthTokens;
  /** Which extension each account belongs to, for retain-accounts; absent means none is ever dropped. */
  owners?: Pick<OwnerIndex, 'own' | 'release'>;
  /** The extension that started this host (its origin or id), the owner of what it stores. */
  caller?: string;
  /**
   * The on-new-mail command (mailbox/new-mail-hook.ts), told about every check's result; it runs
   * only the account's `onNewMail` argv from the command store. Absent: no command is run.
   */
  newMailHook?: Pick<NewMailHooks, 'onCheck'>;
  /** Keeps the badge's summary for `popbiff status`; absent in tests of other handlers. */
  publishStatus?: (summary: StatusSummary) => Promise<void>;
  /** Where `install` registered this host, for `hello` (the options page shows it). */
  registrations?: () => Promise<string[]>;
  /** The mail-program account search; absent means this machine's, loaded on first use. */
  findAccounts?: () => Promise<ResultOf<'find-accounts'>>;
}

export type Handler<T extends RequestType> = (payload: PayloadOf<T>) => Promise<ResultOf<T>>;
export type HandlerTable = { [T in RequestType]: Handler<T> };

/** Loaded on first use: host start-up does not need the finder's parsers. */
async function findAccountsHere(): Promise<ResultOf<'find-accounts'>> {
  const { findAccountsHere: find } = await import('../account-finder/find-accounts');
  return find(process.env, process.platform, homedir());
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const mailbox: MailboxOperations = { ...lazyMailboxOperations, ...deps.mailbox };
  const oauth = deps.oauth ?? new OAuthTokens({ secrets: deps.secrets, log: deps.log });
  /** The password for a session, registered with the log before the session starts. */
  const passwordOf = async (accountId: string, server: ServerSettings, typed?: string) => {
    const password =
      typed || (await passwordFor(accountId, server, { secrets: deps.secrets, commands: deps.commands, oauth }));
    deps.log.addSecret(password);
    return password;
  };
  /**
   * The check's session with what the host remembers. Connecting needs neither the password nor
   * the state: it starts while they are read (files or a keyring call, both at once), so its
   * round trips overlap that work (pop3/head-start.ts).
   */
  const checkMailboxOf = async ({ accountId, server, stateToken, watch, limit, firstCheck }: PayloadOf<'check'>) => {
    const headStart = mailbox.connectAhead(server);
    try {
      const [password, known] = await Promise.all([
        passwordOf(accountId, server),
        deps.state.load(accountId, stateToken),
      ]);
      // `auto` (the default): a first check reports mail as new only when the maildrop is small,
      // so a mailbox that keeps years of mail on the server does not greet the user with hundreds
      // of "new"; the account's setting may say otherwise (issue 3).
      const request: CheckRequest = { server, password, watch, limit, firstCheck: firstCheck ?? 'auto', headStart };
      if (known) request.known = known;
      return { outcome: await mailbox.checkMailbox(request), known };
    } finally {
      headStart.discard();
    }
  };
  /** Everything the host keeps for one account. */
  const forget = async (accountId: string) => {
    await deps.secrets.delete(accountId);
    await oauth.forget(accountId);
    await deps.commands.forget(accountId);
    await deps.state.delete(accountId);
  };
  const owned = async (accountId: string) => {
    if (deps.owners && deps.caller !== undefined) await deps.owners.own(accountId, deps.caller);
  };
  return {
    hello: async () => ({
      protocolVersion: PROTOCOL_VERSION,
      hostVersion: POPBIFF_VERSION,
      platform: deps.platform,
      secretStore: deps.secrets.kind,
      ...(deps.secrets.note ? { secretStoreNote: deps.secrets.note } : {}),
      ...(deps.registrations ? { registrations: await deps.registrations() } : {}),
    }),

    // Bound to its server: passwordFor never sends it to another host, port or user name.
    'set-secret': async ({ accountId, server, secret }) => {
      deps.log.addSecret(secret);
      await deps.secrets.set(accountId, encodeBound(secret, bindingOf(server)));
      await owned(accountId);
      return { done: true };
    },

    'forget-account': async ({ accountId }) => {
      await forget(accountId);
      return { done: true };
    },

    // Leftovers (a sign-in of a form never saved, an account removed while the host was away):
    // only this extension's own, never another browser's accounts in the same folder.
    'retain-accounts': async ({ accountIds }) => {
      if (!deps.owners || deps.caller === undefined) return { forgotten: 0 };
      const leftovers = await deps.owners.release(deps.caller, accountIds);
      for (const accountId of leftovers) await forget(accountId);
      return { forgotten: leftovers.length };
    },

    // Only the argv the host keeps for the account, never one from the request (see shared/commands.ts).
    'open-mail-client': async ({ accountId }) => {
      const command = await deps.commands.get(accountId, 'mailClient');
      // Loaded on first use, so host start-up does not load node:child_process.
      await (await import('../mail-client')).openMailClient(deps.platform, command, deps.spawn);
      return { done: true };
    },

    'set-command': async ({ accountId, purpose, argv }) => {
      await deps.commands.set(accountId, purpose, argv);
      await owned(accountId);
      return { done: true };
    },

    check: async (payload) => {
      const { accountId, server, stateToken } = payload;
      const { outcome, known } = await checkMailboxOf(payload);
      const startedFrom = known && stateToken ? { token: stateToken, known } : undefined;
      const newToken = await deps.state.save(accountId, outcome.known, startedFrom);
      const result = { ...outcome.result, stateToken: newToken };
      // Not awaited: the reply does not wait for the user's program (which never throws here).
      void deps.newMailHook?.onCheck(accountId, server.username, result);
      return result;
    },

    preview: async ({ accountId, server, uid, lines }) =>
      mailbox.previewMessage({ server, password: await passwordOf(accountId, server), uid, lines }),

    'delete-messages': async ({ accountId, server, uids }) =>
      mailbox.deleteMessages({ server, password: await passwordOf(accountId, server), uids }),

    // The typed password (not yet saved) wins; the stored state is never read or written.
    'test-account': async ({ accountId, server, secret }) => {
      let password: string;
      try {
        password = await passwordOf(accountId, server, secret);
      } catch (error) {
        // A test always answers with a result: "no password" is what this test found.
        return {
          ok: false,
          error: toErrorInfo(error),
          report: { capabilities: [], timings: [], roundTrips: 0 },
          transcript: [],
        };
      }
      return mailbox.testAccount({ server, password });
    },

    autoconfig: async ({ address }) => mailbox.autoconfig(address),

    // The extension ran the browser part of the flow; the tokens stay here (see oauth/oauth-tokens.ts).
    'oauth-exchange': async (request) => {
      await oauth.exchange(request);
      await owned(request.accountId);
      return { done: true };
    },

    // Only when the user asks; read-only, and never a password (see account-finder/find-accounts.ts).
    'find-accounts': async () => (deps.findAccounts ?? findAccountsHere)(),
    'publish-status': async (summary) => {
      if (!deps.publishStatus) throw new PopbiffError('INTERNAL', 'This host keeps no status summary.');
      await deps.publishStatus(summary);
      return { done: true };
    },
  };
}

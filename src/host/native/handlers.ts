import { PROTOCOL_VERSION, type PayloadOf, type RequestType, type ResultOf } from '../../shared/protocol';
import { POPBIFF_VERSION } from '../../shared/version';
import type { CheckOutcome, CheckRequest } from '../check';
import type { Logger } from '../log';
import { openMailClient, type Spawner } from '../mail-client';
import { passwordFor } from '../secrets/password-source';
import type { SecretStore } from '../secrets/secret-store';
import type { StateStore } from '../state-store';

/** What the handlers need from the outside world; tests pass fakes. */
export interface HandlerDeps {
  secrets: SecretStore;
  state: Pick<StateStore, 'load' | 'save' | 'delete'>;
  checkMailbox: (request: CheckRequest) => Promise<CheckOutcome>;
  log: Pick<Logger, 'addSecret'>;
  platform: string;
  /** Starts programs for `open-mail-client`; absent means Node's own spawn. */
  spawn?: Spawner;
}

export type Handler<T extends RequestType> = (payload: PayloadOf<T>) => Promise<ResultOf<T>>;
export type HandlerTable = { [T in RequestType]: Handler<T> };

export function createHandlers(deps: HandlerDeps): HandlerTable {
  return {
    hello: async () => ({
      protocolVersion: PROTOCOL_VERSION,
      hostVersion: POPBIFF_VERSION,
      platform: deps.platform,
      secretStore: deps.secrets.kind,
    }),

    'set-secret': async ({ accountId, secret }) => {
      deps.log.addSecret(secret);
      await deps.secrets.set(accountId, secret);
      return { done: true };
    },

    'forget-account': async ({ accountId }) => {
      await deps.secrets.delete(accountId);
      await deps.state.delete(accountId);
      return { done: true };
    },

    'open-mail-client': async ({ command }) => {
      await openMailClient(deps.platform, command, deps.spawn);
      return { done: true };
    },

    check: async ({ accountId, server, stateToken, watch, limit }) => {
      const password = await passwordFor(accountId, server, deps.secrets);
      // Registered before the session starts, so nothing the session logs can carry it.
      deps.log.addSecret(password);
      const known = await deps.state.load(accountId, stateToken);
      // `auto`: a first check reports mail as new only when the maildrop is small, so a mailbox
      // that keeps years of mail on the server does not greet the user with hundreds of "new".
      const request: CheckRequest = { server, password, watch, limit, firstCheck: 'auto' };
      if (known) request.known = known;
      const outcome = await deps.checkMailbox(request);
      const newToken = await deps.state.save(accountId, outcome.known);
      return { ...outcome.result, stateToken: newToken };
    },
  };
}

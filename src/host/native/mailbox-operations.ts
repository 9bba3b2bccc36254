/**
 * The mailbox operations behind the native requests, loaded on first use: the POP3 engine,
 * TLS and the MIME parser are not needed to answer `hello` (host start-up is what users wait for).
 */
import type { ServerSettings } from '../../shared/server';
import type { AutoconfigResult } from '../autoconfig/autoconfig';
import type { CheckOutcome, CheckRequest } from '../mailbox/check/check-request';
import type { DeleteRequest, DeleteResult } from '../mailbox/delete-messages';
import type { PreviewRequest, PreviewResult } from '../mailbox/preview';
import type { TestAccountResult } from '../mailbox/test-account';
import type { MailboxRequest } from '../pop3/open-mailbox';

export interface MailboxOperations {
  /** Loads the check's code and builds its TLS context early; never fails (the check reports). */
  prepareCheck(server: ServerSettings): void;
  checkMailbox(request: CheckRequest): Promise<CheckOutcome>;
  previewMessage(request: PreviewRequest): Promise<PreviewResult>;
  deleteMessages(request: DeleteRequest): Promise<DeleteResult>;
  testAccount(request: MailboxRequest): Promise<TestAccountResult>;
  autoconfig(address: string): Promise<AutoconfigResult>;
}

export const lazyMailboxOperations: MailboxOperations = {
  // A module that fails to load fails the check itself, with its error.
  prepareCheck: (server) =>
    void import('../mailbox/check/check-mailbox').then(
      (module) => module.prepareCheck(server),
      () => undefined,
    ),
  checkMailbox: async (request) => (await import('../mailbox/check/check-mailbox')).checkMailbox(request),
  previewMessage: async (request) => (await import('../mailbox/preview')).previewMessage(request),
  deleteMessages: async (request) => (await import('../mailbox/delete-messages')).deleteMessages(request),
  testAccount: async (request) => (await import('../mailbox/test-account')).testAccount(request),
  autoconfig: async (address) => (await import('../autoconfig/autoconfig')).autoconfig(address),
};

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
import { HeadStart } from '../pop3/head-start';
import type { MailboxRequest } from '../pop3/open-mailbox';

export interface MailboxOperations {
  /** Starts a check's connection while its password and state are read; never fails (the check reports). */
  connectAhead(server: ServerSettings): HeadStart;
  checkMailbox(request: CheckRequest): Promise<CheckOutcome>;
  previewMessage(request: PreviewRequest): Promise<PreviewResult>;
  deleteMessages(request: DeleteRequest): Promise<DeleteResult>;
  testAccount(request: MailboxRequest): Promise<TestAccountResult>;
  autoconfig(address: string): Promise<AutoconfigResult>;
}

export const lazyMailboxOperations: MailboxOperations = {
  // A module that fails to load fails the check itself, with its error.
  connectAhead: (server) => new HeadStart(async () => (await import('../pop3/open-mailbox')).connectToMailbox(server)),
  checkMailbox: async (request) => (await import('../mailbox/check/check-mailbox')).checkMailbox(request),
  previewMessage: async (request) => (await import('../mailbox/preview')).previewMessage(request),
  deleteMessages: async (request) => (await import('../mailbox/delete-messages')).deleteMessages(request),
  testAccount: async (request) => (await import('../mailbox/test-account')).testAccount(request),
  autoconfig: async (address) => (await import('../autoconfig/autoconfig')).autoconfig(address),
};

import { createHandlers } from '../../src/host/native/handlers';

const unused = () => Promise.reject(new Error('not called'));

/** The host's real handler table with every dependency inert: for tests of one handler or of the table itself. */
export function inertHandlers(platform: string) {
  return createHandlers({
    secrets: { kind: 'none', get: unused, set: unused, delete: unused },
    state: { load: unused, save: unused, delete: unused },
    mailbox: { checkMailbox: unused },
    log: { addSecret: () => undefined },
    platform,
  });
}

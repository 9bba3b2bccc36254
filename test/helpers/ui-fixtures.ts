import type { AccountState, ExtensionState } from '../../src/storage/account-state';
import type { Account } from '../../src/shared/account';
import type { MessageSummary } from '../../src/shared/mail';
import type { Settings } from '../../src/storage/settings';
import { SETTINGS_VERSION, STATE_VERSION } from '../../src/storage/keys';

/** Small builders for what the background stores, so each test states only what matters. */
export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    name: 'Home mail',
    server: { host: 'pop.example.com', port: 995, security: 'tls', allowPlaintext: false, username: 'ann' },
    webmailUrl: 'https://mail.example.com',
    intervalMinutes: 5,
    enabled: true,
    ...overrides,
  };
}

export function message(overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    uid: 'uid-1',
    number: 1,
    size: 2048,
    from: { name: 'Bob Sender', address: 'bob@example.com' },
    subject: 'Lunch tomorrow?',
    date: '2025-03-01T12:00:00.000Z',
    messageId: '<1@example.com>',
    ...overrides,
  };
}

export function accountState(overrides: Partial<AccountState> = {}): AccountState {
  return { count: 0, unseenCount: 0, unseen: [], failures: 0, ...overrides };
}

export function stored(accounts: Account[], states: Record<string, AccountState> = {}) {
  const settings: Settings = {
    version: SETTINGS_VERSION,
    accounts,
    notifications: true,
    muteWhenIdle: false,
    rules: [],
  };
  const state: ExtensionState = { version: STATE_VERSION, accounts: states };
  return { settings, state };
}

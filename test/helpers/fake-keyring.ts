import type { EntryFactory } from '../../src/host/secrets/keyring-secret-store';

/** An in-memory keyring that records the order of writes. */
export function fakeKeyring(options: { failWith?: Error; hang?: boolean; slow?: boolean } = {}) {
  const entries = new Map<string, string>();
  const writes: string[] = [];
  const factory: EntryFactory = (account) => ({
    async setPassword(password) {
      if (options.hang) await new Promise(() => undefined);
      // Like a real D-Bus round trip: other work gets a turn before the write lands.
      if (options.slow) await new Promise((resolve) => setTimeout(resolve, 1));
      if (options.failWith) throw options.failWith;
      writes.push(account);
      entries.set(account, password);
    },
    async getPassword() {
      if (options.failWith) throw options.failWith;
      return entries.get(account) ?? null;
    },
    async deletePassword() {
      return entries.delete(account);
    },
  });
  return { entries, writes, factory };
}

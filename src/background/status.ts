import { MAX_STATUS_ACCOUNTS, type StatusSummary } from '../shared/status';
import type { HostSession } from './host-client';
import { accountState } from './mail-state';
import type { Snapshot } from './store';

/** What the badge shows (badge.ts: enabled accounts and their unseen counts), for the host's status file. */
export function statusOf({ settings, state }: Snapshot): StatusSummary {
  const accounts = settings.accounts.filter((account) => account.enabled).slice(0, MAX_STATUS_ACCOUNTS);
  return {
    accounts: accounts.map((account) => {
      const { unseenCount, error, lastCheckAt } = accountState(state, account.id);
      return {
        accountId: account.id,
        name: account.name,
        unseen: unseenCount,
        ...(error ? { error: error.code } : {}),
        ...(lastCheckAt === undefined ? {} : { lastCheckAt }),
      };
    }),
  };
}

/**
 * Hands the host the badge's summary whenever it differs from the last one handed over: on the
 * batch's own port after checks, on a port of its own after a dismissal. Nothing waits for the
 * reply: the host finishes its requests before it exits, and the port may close at once.
 */
export class StatusPublisher {
  private last: string | undefined;

  constructor(private readonly openHost: () => HostSession) {}

  publish(snapshot: Snapshot, session?: HostSession): void {
    const summary = statusOf(snapshot);
    const json = JSON.stringify(summary);
    if (json === this.last) return;
    this.last = json;
    const host = session ?? this.openHost();
    // Closing the port fails the request here, not in the host; an older host refuses the type.
    host.request('publish-status', summary).catch(() => undefined);
    if (!session) host.close();
  }
}

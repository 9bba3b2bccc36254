import type { AccountState, ExtensionState } from './account-state';
import type { MessageSummary } from '../shared/mail';

/**
 * The popup shows about a dozen rows at once. Rendering hundreds before the first paint made it
 * open slowly (measured: bench/ui-results.md), so it renders this many per account first, and
 * the glance below stores only these.
 */
export const FIRST_ROWS = 12;

/** Milliseconds in a date, for sorting; mail without a readable date sorts last. */
export function sortTime(iso: string): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/**
 * Newest first, as the popup lists them. The sort is stable and two dateless messages compare as
 * NaN, read as equal, so mail without a readable date keeps the background's order at the end.
 */
export function newestFirst(messages: readonly MessageSummary[]): MessageSummary[] {
  return [...messages].sort((a, b) => sortTime(b.date) - sortTime(a.date) || 0);
}

/** A row as the list shows it: recipients and rule headers wait for the full state (the preview shows them). */
function row({ to: _to, cc: _cc, headers: _headers, ...shown }: MessageSummary): MessageSummary {
  return shown;
}

/** One account's first screen: its FIRST_ROWS newest rows; the UIDs it keeps for the host and for notifications stay out. */
function glanceAccount({ notified: _notified, stateToken: _stateToken, unseen, ...shown }: AccountState): AccountState {
  return { ...shown, unseen: newestFirst(unseen).slice(0, FIRST_ROWS).map(row) };
}

/**
 * The state cut to what the popup's first screen shows, stored under GLANCE_KEY beside the state
 * (written in the same `set`, so the two never disagree). Counts stay exact: only rows are cut.
 */
export function glanceOf(state: ExtensionState): ExtensionState {
  const accounts: Record<string, AccountState> = {};
  for (const [id, account] of Object.entries(state.accounts)) accounts[id] = glanceAccount(account);
  return { version: state.version, accounts };
}

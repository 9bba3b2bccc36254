import type { AccountState, ExtensionState } from './account-state';
import type { MessageSummary } from '../shared/mail';

/**
 * The popup shows about a dozen rows at once. Rendering hundreds before the first paint made it
 * open slowly (measured: bench/ui-results.md), so it renders this many in all first, and the
 * glance below stores only these.
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

/**
 * How many rows of each account the popup's first screen renders, given how many each has, in
 * display order: FIRST_ROWS in all, filled account by account (later cards are below the fold;
 * their counts show meanwhile).
 */
export function firstScreenRows(rows: readonly number[]): number[] {
  let left = FIRST_ROWS;
  return rows.map((count) => {
    const shown = Math.min(count, left);
    left -= shown;
    return shown;
  });
}

/** One account's first screen: its `rows` newest rows; the UIDs it keeps for the host and for notifications stay out. */
function glanceAccount(
  { notified: _notified, stateToken: _stateToken, unseen, ...shown }: AccountState,
  rows: number,
): AccountState {
  return { ...shown, unseen: rows === 0 ? [] : newestFirst(unseen).slice(0, rows).map(row) };
}

/**
 * The state cut to what the popup's first screen shows, stored under GLANCE_KEY beside the state
 * (written in the same `set`, so the two never disagree). Counts stay exact; the rows are only
 * those the first screen renders, for the accounts in `order` (the settings' order, as the popup
 * lists them): a dozen rows however many accounts there are, so each check's result writes a
 * glance of a few kilobytes (it was FIRST_ROWS per account: 54 KB with 20 accounts).
 */
export function glanceOf(state: ExtensionState, order: readonly string[]): ExtensionState {
  const shown = firstScreenRows(order.map((id) => state.accounts[id]?.unseen.length ?? 0));
  const rowsOf = new Map(order.map((id, index) => [id, shown[index] ?? 0]));
  const accounts: Record<string, AccountState> = {};
  for (const [id, account] of Object.entries(state.accounts))
    accounts[id] = glanceAccount(account, rowsOf.get(id) ?? 0);
  return { version: state.version, accounts };
}

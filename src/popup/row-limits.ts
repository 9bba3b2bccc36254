import { FIRST_ROWS, firstScreenRows } from '../storage/glance';

/**
 * The most rows the popup renders in all: 5 accounts × 100 kept summaries, which it renders
 * within ~300 ms of opening (bench/ui-results.md); 2,000 rows took a second.
 */
export const ROWS_IN_ALL = 500;

/**
 * How many message rows each account's card renders, given how many rows each has, in display
 * order. Rendering rows is most of the popup's work: 20 accounts × 12 rows before the first
 * paint took it past its 100 ms (bench/ui-results.md).
 * - First screen: one screenful in all (glance.ts firstScreenRows, which also cuts the glance).
 * - Then: ROWS_IN_ALL shared among the accounts with mail, a screenful each at least; "and N
 *   more" counts the rest.
 */
export function rowLimits(rows: readonly number[], firstScreen: boolean): number[] {
  if (firstScreen) return firstScreenRows(rows);
  const withMail = rows.filter((count) => count > 0).length;
  const each = Math.max(FIRST_ROWS, Math.floor(ROWS_IN_ALL / Math.max(withMail, 1)));
  return rows.map((count) => Math.min(count, each));
}

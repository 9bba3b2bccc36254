import { ERROR_TABLE } from '../../shared/errors';
import type { StatusAccount } from '../../shared/status';
import type { StoredStatus } from './status-file';

/**
 * `popbiff status` output: plain text for people, one JSON object for scripts, and the line
 * formats the common status bars read. Pure: the summary (or its absence) in, text out. With
 * `stream` (`--watch`) every format is one line, since bars that read a stream take each line
 * as a new state.
 */
export const STATUS_FORMATS = ['plain', 'json', 'waybar', 'i3blocks', 'polybar'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

interface Totals {
  unseen: number;
  errors: number;
}

const NOT_YET = 'No status yet: the Popbiff extension writes it after its first check.';

export function renderStatus(status: StoredStatus | undefined, format: StatusFormat, stream = false): string {
  const accounts = status?.accounts ?? [];
  const totals: Totals = {
    unseen: accounts.reduce((sum, account) => sum + account.unseen, 0),
    errors: accounts.filter((account) => account.error !== undefined).length,
  };
  switch (format) {
    case 'json':
      return `${JSON.stringify(asJson(status, totals))}\n`;
    case 'waybar':
      // Waybar's custom module with "return-type": "json"; an empty text hides the module.
      return `${JSON.stringify({ text: compact(totals), tooltip: describe(status, totals), class: stateClass(totals), alt: stateClass(totals) })}\n`;
    case 'i3blocks':
      // full_text and short_text lines; a persistent block (--watch) takes one full_text per line.
      return stream ? `${compact(totals)}\n` : `${compact(totals)}\n${compact(totals)}\n`;
    case 'polybar':
      return `${compact(totals)}\n`;
    case 'plain':
      return stream || !status ? `${status ? headline(totals) : NOT_YET}\n` : `${describe(status, totals)}\n`;
  }
}

/** The badge's own rule: a count when there is new mail, "!" when there is none but an error. */
function compact({ unseen, errors }: Totals): string {
  if (unseen > 0) return errors > 0 ? `✉ ${unseen} !` : `✉ ${unseen}`;
  return errors > 0 ? '✉ !' : '';
}

function stateClass({ unseen, errors }: Totals): 'new' | 'error' | 'none' {
  if (unseen > 0) return 'new';
  return errors > 0 ? 'error' : 'none';
}

function headline({ unseen, errors }: Totals): string {
  const mail = unseen > 0 ? `${unseen} new` : 'No new mail';
  if (errors === 0) return mail;
  return `${mail} · ${errors} ${errors === 1 ? 'account' : 'accounts'} with an error`;
}

function describe(status: StoredStatus | undefined, totals: Totals): string {
  if (!status) return NOT_YET;
  const lines = [headline(totals), ...status.accounts.map((account) => `  ${account.name}: ${accountLine(account)}`)];
  lines.push(`  Updated ${new Date(status.updatedAt).toLocaleString()}.`);
  return lines.join('\n');
}

function accountLine(account: StatusAccount): string {
  const mail =
    account.unseen > 0
      ? `${account.unseen} new`
      : account.lastCheckAt === undefined
        ? 'not checked yet'
        : 'no new mail';
  return account.error ? `${mail}; error: ${ERROR_TABLE[account.error].message}` : mail;
}

function asJson(status: StoredStatus | undefined, totals: Totals) {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    total: totals.unseen,
    errors: totals.errors,
    updatedAt: iso(status?.updatedAt),
    accounts: (status?.accounts ?? []).map((account) => ({
      id: account.accountId,
      name: account.name,
      unseen: account.unseen,
      error: account.error ? { code: account.error, message: ERROR_TABLE[account.error].message } : null,
      lastCheckAt: iso(account.lastCheckAt),
    })),
  };
}

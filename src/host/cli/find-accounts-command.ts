import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { MAIL_PROGRAM_NAMES } from '../../shared/mail-programs';
import type { FoundAccount, ResultOf } from '../../shared/protocol';
import { findAccountsHere } from '../account-finder/find-accounts';
import { checkArgsFor } from './pop-url';
import { UsageError } from './usage-error';

/** One account as two lines: where it came from, then the `popbiff check` that checks it. */
function describe(account: FoundAccount): string {
  const from = account.profile
    ? `${MAIL_PROGRAM_NAMES[account.program]}, profile ${account.profile}`
    : MAIL_PROGRAM_NAMES[account.program];
  const title = account.name || account.address;
  return `${from}${title ? `: ${title}` : ''}\n  popbiff check ${checkArgsFor(account).join(' ')}\n`;
}

export function formatFound(result: ResultOf<'find-accounts'>): string {
  const programs = result.programs.map((program) => MAIL_PROGRAM_NAMES[program]).join(', ');
  const head =
    result.accounts.length > 0
      ? ''
      : programs === ''
        ? 'No settings of Thunderbird, Evolution, KMail, Claws Mail or Outlook were found.\n'
        : `No POP3 accounts were found in ${programs}.\n`;
  const capped = result.capped ? 'Some settings were too large or too many to read; the list may be incomplete.\n' : '';
  return head + result.accounts.map(describe).join('') + capped;
}

/** `popbiff find-accounts [--json]`: what the options page's "Find my accounts" finds, never a password. */
export async function findAccountsCommand(args: string[]): Promise<number> {
  let json = false;
  try {
    json = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true }).values.json ?? false;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const result = await findAccountsHere(process.env, process.platform, homedir());
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : formatFound(result));
  return 0;
}

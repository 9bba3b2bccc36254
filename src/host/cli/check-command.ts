import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ERROR_TABLE, type ErrorInfo, toErrorInfo } from '../../shared/errors';
import { MAX_NEW_SUMMARIES } from '../../shared/mail';
import { checkMailbox } from '../check';
import type { CheckOutcome } from '../check';
import { readPassword } from './password';
import { parsePopUrl } from './pop-url';
import { UsageError } from './usage-error';

export const CHECK_USAGE = 'popbiff check pop3s://USER@HOST[:PORT] [--json] [--ca FILE] [--limit N] [--insecure-plaintext]';

const DEFAULT_LIMIT = 20;

/** `popbiff check URL`: one check, listing the newest messages; exit 0, 1 (failed) or 2 (usage). */
export async function checkCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  let outcome: CheckOutcome;
  try {
    const { url, options } = parseCheckArgs(args);
    const server = parsePopUrl(url, { insecurePlaintext: options.insecurePlaintext, caFile: options.ca });
    const password = await readPassword();
    outcome = await checkMailbox({ server, password, watch: [], limit: options.limit, firstCheck: 'all-new' });
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(error, json);
    reportFailure(toErrorInfo(error), json);
    return 1;
  }
  process.stdout.write(json ? `${JSON.stringify(toJson(outcome))}\n` : toTable(outcome));
  return 0;
}

function parseCheckArgs(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        ca: { type: 'string' },
        limit: { type: 'string' },
        'insecure-plaintext': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'Invalid arguments.');
  }
  const [url, ...extra] = parsed.positionals;
  if (url === undefined || extra.length > 0) throw new UsageError(`Usage: ${CHECK_USAGE}`);
  const { ca, limit } = parsed.values;
  return {
    url,
    options: {
      ca: ca === undefined ? undefined : resolve(ca),
      limit: parseLimit(limit),
      insecurePlaintext: parsed.values['insecure-plaintext'],
    },
  };
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_NEW_SUMMARIES) {
    throw new UsageError(`--limit must be a whole number from 0 to ${MAX_NEW_SUMMARIES}.`);
  }
  return limit;
}

function toJson({ result }: CheckOutcome) {
  return {
    ok: true,
    count: result.count,
    size: result.size,
    capabilities: result.capabilities,
    messages: result.newMessages.map(({ uid, number, size, from, subject, date, messageId }) => ({
      uid,
      number,
      size,
      from,
      subject,
      date,
      messageId,
    })),
  };
}

function toTable({ result }: CheckOutcome): string {
  const lines = [`${result.count} message(s), ${result.size} bytes on the server.`];
  if (result.newMessages.length > 0) {
    lines.push(`Newest ${result.newMessages.length}:`, '');
    for (const message of result.newMessages) {
      const from = message.from.name || message.from.address || '(no sender)';
      lines.push(`  ${(message.date || '-').slice(0, 16).padEnd(16)}  ${clip(from, 28).padEnd(28)}  ${clip(message.subject || '(no subject)', 60)}`);
    }
  }
  if (result.capabilities.length > 0) lines.push('', `Server capabilities: ${result.capabilities.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function reportFailure(info: ErrorInfo, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: { code: info.code, message: info.message } })}\n`);
    return;
  }
  const entry = ERROR_TABLE[info.code];
  const detail = info.message === entry.message ? '' : `\n  ${info.message}`;
  process.stderr.write(`Check failed (${info.code}): ${entry.message}${detail}\nWhat to do: ${entry.action}\n`);
}

function reportUsage(error: UsageError, json: boolean): number {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: error.message } })}\n`);
  else process.stderr.write(`${error.message}\n`);
  return 2;
}

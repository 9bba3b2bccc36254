import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ERROR_TABLE, type ErrorInfo, toErrorInfo } from '../../shared/errors';
import { MAX_NEW_SUMMARIES } from '../../shared/mail';
import type { ConnectionReport } from '../../shared/protocol';
import { cleanLine, displayText } from '../../shared/sanitize';
import { checkMailbox } from '../mailbox/check/check-mailbox';
import type { CheckOutcome, CheckRequest } from '../mailbox/check/check-request';
import { connectionReport, formatReport } from '../mailbox/connection-report';
import { Transcript } from '../mailbox/transcript';
import { departed } from '../pop3/departures';
import { SessionTrace } from '../pop3/trace';
import { readPassword } from './password';
import { parsePopUrl } from './pop-url';
import { readStateFile, writeStateFile } from './state-file';
import { CHECK_USAGE } from './usage';
import { UsageError } from './usage-error';

/** What --transcript adds to the output: the masked session and what it showed of the server. */
interface Diagnostics {
  transcript: string[];
  report: ConnectionReport;
}

const DEFAULT_LIMIT = 20;

/** `popbiff check URL`: one check, listing the newest messages; exit 0, 1 (failed) or 2 (usage). */
export async function checkCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
  let outcome: CheckOutcome;
  let diagnose: (() => Diagnostics) | undefined;
  let stateFile: string | undefined;
  try {
    const { url, options } = parseCheckArgs(args);
    stateFile = options.state;
    const server = parsePopUrl(url, { insecurePlaintext: options.insecurePlaintext, caFile: options.ca });
    const password = await readPassword();
    const request: CheckRequest = { server, password, watch: [], limit: options.limit, firstCheck: 'all-new' };
    if (stateFile !== undefined) request.known = await readStateFile(stateFile, server);
    if (options.transcript) diagnose = traced(request);
    outcome = await checkMailbox(request);
    // The whole session for --transcript, down to QUIT's reply, which a check does not wait for.
    if (diagnose) await departed(server);
    if (stateFile !== undefined) await writeStateFile(stateFile, outcome.known, server);
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(error, json);
    reportFailure(toErrorInfo(error), json, diagnose?.());
    return 1;
  }
  const shown = { ...outcome, incremental: stateFile !== undefined, diagnostics: diagnose?.() };
  process.stdout.write(json ? `${JSON.stringify(toJson(shown))}\n` : toTable(shown));
  return 0;
}

/** Makes the check record its session; the returned function builds the diagnostics so far. */
function traced(request: CheckRequest): () => Diagnostics {
  const trace = new SessionTrace();
  const transcript = new Transcript(request.password, request.server.username);
  request.trace = trace;
  request.onTranscript = transcript.add;
  return () => {
    trace.phase('after sign-in');
    return { transcript: transcript.shown, report: connectionReport(trace, transcript) };
  };
}

const CHECK_OPTIONS = {
  json: { type: 'boolean', default: false },
  ca: { type: 'string' },
  limit: { type: 'string' },
  'insecure-plaintext': { type: 'boolean', default: false },
  transcript: { type: 'boolean', default: false },
  state: { type: 'string' },
} as const;

function readCheckArgs(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: CHECK_OPTIONS });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'Invalid arguments.');
  }
}

function parseCheckArgs(args: string[]) {
  const parsed = readCheckArgs(args);
  const [url, ...extra] = parsed.positionals;
  if (url === undefined || extra.length > 0) throw new UsageError(`Usage: ${CHECK_USAGE}`);
  const { ca, limit, state } = parsed.values;
  return {
    url,
    options: {
      ca: ca === undefined ? undefined : resolve(ca),
      limit: parseLimit(limit),
      insecurePlaintext: parsed.values['insecure-plaintext'],
      transcript: parsed.values.transcript,
      state: state === undefined ? undefined : resolve(state),
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

interface Shown extends CheckOutcome {
  /** --state: the messages listed are those new since the previous run. */
  incremental: boolean;
  diagnostics: Diagnostics | undefined;
}

function toJson({ result, incremental, diagnostics }: Shown) {
  return {
    ok: true,
    count: result.count,
    size: result.size,
    ...(incremental ? { newCount: result.newCount } : {}),
    capabilities: result.capabilities,
    ...(diagnostics ?? {}),
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

function toTable({ result, incremental, diagnostics }: Shown): string {
  const lines = [`${result.count} message(s), ${result.size} bytes on the server.`];
  if (incremental) lines.push(`${result.newCount} new since the last check.`);
  if (result.newMessages.length > 0) {
    lines.push(`${incremental ? 'New' : 'Newest'} ${result.newMessages.length}:`, '');
    for (const message of result.newMessages) {
      // The host cleaned these already; the terminal gets them through the one sanitiser anyway.
      const from = displayText(message.from.name || message.from.address || '(no sender)', 28);
      const subject = displayText(message.subject || '(no subject)', 60);
      lines.push(`  ${displayText(message.date || '-', 16).padEnd(16)}  ${from.padEnd(28)}  ${subject}`);
    }
  }
  if (result.capabilities.length > 0)
    lines.push('', `Server capabilities: ${cleanLine(result.capabilities.join(', '))}`);
  if (diagnostics) lines.push('', ...diagnosticLines(diagnostics));
  return `${lines.join('\n')}\n`;
}

function diagnosticLines({ transcript, report }: Diagnostics): string[] {
  // Server text in both was cleaned where it was read (transcript.ts, replies.ts, transport.ts).
  return ['Session (passwords masked):', ...transcript.map((line) => `  ${line}`), '', ...formatReport(report)];
}

function reportFailure(info: ErrorInfo, json: boolean, diagnostics: Diagnostics | undefined): void {
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: { code: info.code, message: info.message }, ...(diagnostics ?? {}) })}\n`,
    );
    return;
  }
  const entry = ERROR_TABLE[info.code];
  const detail = info.message === entry.message ? '' : `\n  ${cleanLine(info.message)}`;
  process.stderr.write(`Check failed (${info.code}): ${entry.message}${detail}\nWhat to do: ${entry.action}\n`);
  // The session is what explains the failure: print it even now.
  if (diagnostics) process.stderr.write(`\n${diagnosticLines(diagnostics).join('\n')}\n`);
}

function reportUsage(error: UsageError, json: boolean): number {
  if (json)
    process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: error.message } })}\n`);
  else process.stderr.write(`${error.message}\n`);
  return 2;
}

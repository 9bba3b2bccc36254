/**
 * `npm run bench`: Popbiff's check against a straightforward sequential POP3 client
 * (bench/reference_client.py, Python's poplib) on a real Dovecot, through a proxy that adds
 * 10 ms each way (20 ms round trip) and counts round trips and bytes.
 *
 * Scenarios: (a) no new mail in a 100,000-message mailbox, (b) 100 new messages in a
 * 5,000-message mailbox, (c) the first check of a 5,000-message mailbox. Measured over clear
 * text (allowPlaintext) so the proxy sees the POP3 turns; a TLS handshake would add the same
 * cost to both clients. Prints a markdown table and writes it to bench/results.md.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fillMaildir, RESIDENT_DOVECOT, tinyMessage } from '../scripts/lib/bulk-mail';
import { type DovecotServer, startDovecot } from '../scripts/lib/dovecot';
import type { CheckRequest } from '../src/host/mailbox/check/check-request';
import { checkMailbox } from '../src/host/mailbox/check/check-mailbox';
import type { KnownMailbox } from '../src/host/mailbox/check/known-mailbox';
import { type LatencyProxy, startLatencyProxy } from './latency-proxy';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const PASSWORD = 'bench-password';
const DELAY_MS = 10;
const SIZES = { big: 100_000, mid: 5_000, first: 5_000 } as const;
const ARRIVING = 100;

interface Row {
  scenario: string;
  client: string;
  ms: number;
  roundTrips: number;
  fromServer: number;
  fromClient: number;
  newCount: number;
  note?: string;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'popbiff-bench-'));
  const users = Object.keys(SIZES).map((user) => ({ user, password: PASSWORD }));
  const dovecot = await startDovecot({ dir, users, extraConfig: RESIDENT_DOVECOT });
  let proxy: LatencyProxy | undefined;
  try {
    for (const [user, count] of Object.entries(SIZES)) {
      log(`filling ${user} with ${count} messages`);
      await fillMaildir(dovecot.maildir(user), count, user);
    }
    log('warming up Dovecot (it indexes a maildir on first access)');
    const direct = (user: string, known?: KnownMailbox) =>
      checkMailbox({ ...request(dovecot.host, dovecot.pop3Port, user, known), limit: 0 });
    const big = await direct('big');
    const mid = await direct('mid');
    await direct('first');
    proxy = await startLatencyProxy({ host: dovecot.host, port: dovecot.pop3Port }, DELAY_MS);
    const rows: Row[] = [];
    rows.push(...(await scenario(proxy, dir, 'a) no new mail, 100,000 messages', 'big', big.known, 20)));
    for (let i = 0; i < ARRIVING; i++) await dovecot.deliver('mid', tinyMessage(`new-${i}`));
    await direct('mid', mid.known); // index the arrivals, as a resident server would have
    rows.push(...(await scenario(proxy, dir, 'b) 100 new of 5,100 messages', 'mid', mid.known, 200)));
    rows.push(...(await scenario(proxy, dir, 'c) first check, 5,000 messages', 'first', undefined, 20)));
    const memory = await peakMemory(dovecot, dir, big.known, mid.known);
    const table = render(rows, memory);
    process.stdout.write(table);
    await writeFile(path.join(here, 'results.md'), table);
  } finally {
    await proxy?.close();
    await dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function request(host: string, port: number, user: string, known: KnownMailbox | undefined): CheckRequest {
  return {
    server: { host, port, security: 'plain', allowPlaintext: true, username: user },
    password: PASSWORD,
    known,
    watch: [],
    limit: 20,
    firstCheck: 'auto',
  };
}

/** Popbiff (in-process, with the state of the previous check) and the reference, same mailbox state. */
async function scenario(
  proxy: LatencyProxy,
  dir: string,
  name: string,
  user: string,
  known: KnownMailbox | undefined,
  limit: number,
): Promise<Row[]> {
  log(name);
  proxy.reset();
  const started = performance.now();
  const { result } = await checkMailbox({ ...request('127.0.0.1', proxy.port, user, known), limit });
  const popbiff: Row = {
    scenario: name,
    client: 'Popbiff',
    ms: performance.now() - started,
    ...counters(proxy),
    newCount: result.newCount,
  };
  if (!known) popbiff.note = `first check: count ${result.count}, baseline (no flood)`;
  const knownFile = path.join(dir, `${user}.known`);
  await writeFile(knownFile, (known?.uids ?? []).join('\n'));
  proxy.reset();
  const { stdout } = await run(
    'python3',
    [path.join(here, 'reference_client.py'), '127.0.0.1', String(proxy.port), user, knownFile],
    {
      env: { ...process.env, POPBIFF_PASSWORD: PASSWORD },
      maxBuffer: 1024 * 1024,
    },
  );
  const reference = JSON.parse(stdout) as { count: number; new: number; ms: number };
  return [
    popbiff,
    { scenario: name, client: 'reference (poplib)', ms: reference.ms, ...counters(proxy), newCount: reference.new },
  ];
}

function counters(proxy: LatencyProxy): Pick<Row, 'roundTrips' | 'fromServer' | 'fromClient'> {
  const { roundTrips, bytesFromServer, bytesFromClient } = proxy.counters;
  return { roundTrips, fromServer: bytesFromServer, fromClient: bytesFromClient };
}

/** Peak RSS of a fresh Node process running one check (bundled like the host), for (a) and (b). */
async function peakMemory(
  dovecot: DovecotServer,
  dir: string,
  big: KnownMailbox,
  mid: KnownMailbox,
): Promise<{ a: number; b: number }> {
  const bundle = path.join(dir, 'rss-child.mjs');
  await run(path.join(here, '..', 'node_modules', '.bin', 'esbuild'), [
    path.join(here, 'rss-child.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    `--outfile=${bundle}`,
  ]);
  const measure = async (user: string, known: KnownMailbox) => {
    const input = path.join(dir, `${user}.input.json`);
    const { password: _omitted, known: _state, ...rest } = request(dovecot.host, dovecot.pop3Port, user, known);
    await writeFile(input, JSON.stringify({ request: rest, known }));
    const { stdout } = await run(process.execPath, [bundle, input], {
      env: { ...process.env, POPBIFF_PASSWORD: PASSWORD },
    });
    return (JSON.parse(stdout) as { maxRssKb: number }).maxRssKb / 1024;
  };
  return { a: await measure('big', big), b: await measure('mid', mid) };
}

function render(rows: Row[], memory: { a: number; b: number }): string {
  const lines = [
    `Popbiff vs. a sequential poplib client, Dovecot on 127.0.0.1 behind a proxy adding ${DELAY_MS} ms each way (${2 * DELAY_MS} ms RTT), clear text.`,
    'Round trips are turns after the greeting; a TLS handshake (not measured) would cost both clients the same.',
    'Dovecot runs with resident-server tuning (see RESIDENT_DOVECOT in scripts/lib/bulk-mail.ts); Popbiff checks with the state of its previous check.',
    '',
    '| scenario | client | time (ms) | round trips | bytes from server | bytes from client | new | speed-up |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (let i = 0; i < rows.length; i += 2) {
    const [ours, theirs] = [rows[i] as Row, rows[i + 1] as Row];
    for (const row of [ours, theirs]) {
      const speedUp = row === ours ? `${(theirs.ms / ours.ms).toFixed(1)}×` : '';
      lines.push(
        `| ${row.scenario} | ${row.client} | ${row.ms.toFixed(0)} | ${row.roundTrips} | ${row.fromServer} | ${row.fromClient} | ${row.newCount} | ${speedUp} |`,
      );
    }
  }
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario}: ${r.client}: ${r.note}.`);
  lines.push('', ...notes);
  lines.push(
    `- Peak RSS of one check in a fresh Node process (bundled host code): (a) ${memory.a.toFixed(1)} MB, (b) ${memory.b.toFixed(1)} MB.`,
    '',
  );
  return lines.join('\n');
}

function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

await main();

/**
 * `npm run bench` (part): the peak memory of one check in the real host programs, started as a
 * browser starts them (issue 11: the self-contained executable within 80 MB). Each program is
 * installed as a user installs it (bench/installed-hosts.ts); each measured process is spawned
 * through what the host manifest names, sent `hello`, `set-secret` and one `check` of a real
 * Dovecot mailbox over TLS, and its peak resident set (VmHWM) is read just before its stdin
 * closes. The mailboxes are bench/run.ts's: 100,000 messages (its first check, and a later check
 * with nothing new) and 5,000 (then 100 arrive). The server's certificate is trusted as a public one
 * would be (NODE_EXTRA_CA_CERTS), not through an account's CA file.
 *
 * Prints a markdown table and writes it to bench/memory-results.md. Linux only (/proc).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fillMaildir, RESIDENT_DOVECOT, tinyMessage } from '../scripts/lib/bulk-mail';
import { type DovecotServer, startDovecot } from '../scripts/lib/dovecot';
import { CHROMIUM_EXTENSION_IDS, chromiumOrigin } from '../src/shared/extension-ids';
import { HostProcess, type Reply } from '../test/host/host-process';
import { peakRssMb } from '../test/helpers/process-port';
import { type InstalledHost, installBundle, installExecutable } from './installed-hosts';

const BUDGET_MB = 80;
const PASSWORD = 'bench-password';
const SIZES = { big: 100_000, mid: 5_000 } as const;
const ARRIVING = 100;
// A first check of 100,000 messages waits for Dovecot to index them; a loaded machine is slow.
const CHECK_TIMEOUT_MS = 180_000;

interface Measured {
  /** VmHWM once `hello` was answered: what starting the program costs. */
  helloMb: number;
  /** VmHWM once the check was answered. */
  checkMb: number;
  result: Record<string, unknown>;
}

interface HostRow {
  what: string;
  hello: number;
  firstBig: number;
  quietBig: number;
  arrivingMid: number;
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the memory bench reads /proc: Linux only');
  const dir = await mkdtemp(path.join(tmpdir(), 'popbiff-memory-'));
  const users = Object.keys(SIZES).map((user) => ({ user, password: PASSWORD }));
  const dovecot = await startDovecot({ dir: path.join(dir, 'dovecot'), users, extraConfig: RESIDENT_DOVECOT });
  try {
    for (const [user, count] of Object.entries(SIZES)) {
      log(`filling ${user} with ${count} messages`);
      await fillMaildir(dovecot.maildir(user), count, user);
    }
    const loadBefore = loadavg()[0] ?? 0;
    const hosts = [installBundle(path.join(dir, 'bundle')), installExecutable(path.join(dir, 'executable'))];
    const rows = await measureAll(dovecot, hosts);
    const table = render(rows, [loadBefore, loadavg()[0] ?? 0]);
    process.stdout.write(table);
    await writeFile(path.join(import.meta.dirname, 'memory-results.md'), table);
  } finally {
    await dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each host keeps its own state (its own config folder), so each sees the same mailbox history. */
async function measureAll(dovecot: DovecotServer, hosts: InstalledHost[]): Promise<HostRow[]> {
  const started = [];
  for (const host of hosts) {
    log(`${host.what}: first checks`);
    started.push({ big: await settle(dovecot, host, 'big'), mid: await settle(dovecot, host, 'mid') });
  }
  for (let i = 0; i < ARRIVING; i++) await dovecot.deliver('mid', tinyMessage(`new-${i}`));
  const rows: HostRow[] = [];
  for (const [i, host] of hosts.entries()) {
    log(`${host.what}: measured checks`);
    const { big, mid } = started[i] as (typeof started)[number];
    const quiet = await oneCheck(dovecot, host, 'big', big.token);
    expectResult(quiet, { count: SIZES.big, newCount: 0, baseline: false });
    const arriving = await oneCheck(dovecot, host, 'mid', mid.token);
    expectResult(arriving, { count: SIZES.mid + ARRIVING, newCount: ARRIVING, baseline: false });
    rows.push({
      what: host.what,
      hello: Math.max(...[big.first, mid.first, quiet, arriving].map((m) => m.helloMb)),
      firstBig: big.first.checkMb,
      quietBig: quiet.checkMb,
      arrivingMid: arriving.checkMb,
    });
  }
  return rows;
}

/**
 * The first check of `user` (a baseline), then one with nothing new: from then on the state file
 * holds the previous state beside the current one (state-store.ts), as it does in a browser from
 * the third check on, so the measured checks read and write what they usually do.
 */
async function settle(
  dovecot: DovecotServer,
  host: InstalledHost,
  user: keyof typeof SIZES,
): Promise<{ first: Measured; token: unknown }> {
  const first = await oneCheck(dovecot, host, user, undefined);
  expectResult(first, { count: SIZES[user], newCount: 0, baseline: true });
  const second = await oneCheck(dovecot, host, user, first.result.stateToken);
  expectResult(second, { count: SIZES[user], newCount: 0, baseline: false });
  return { first, token: second.result.stateToken };
}

/** A fresh host process, as a browser starts one for a batch: hello, set-secret, one check. */
async function oneCheck(
  dovecot: DovecotServer,
  host: InstalledHost,
  user: string,
  stateToken: unknown,
): Promise<Measured> {
  const { caFile, ...server } = dovecot.serverSettings(user, 'tls');
  const env = { ...host.env, NODE_EXTRA_CA_CERTS: caFile };
  const child = new HostProcess([chromiumOrigin(CHROMIUM_EXTENSION_IDS[0])], env, host.launcher);
  try {
    await child.helloOnceChosen();
    const helloMb = peakRssMb(child.child.pid);
    accepted(await child.request('s', 'set-secret', { accountId: user, server, secret: PASSWORD }));
    child.send({
      v: 1,
      id: 'c',
      type: 'check',
      payload: { accountId: user, server, stateToken, watch: [], limit: 20 },
    });
    const result = accepted(await child.reply('c', CHECK_TIMEOUT_MS));
    return { helloMb, checkMb: peakRssMb(child.child.pid), result };
  } finally {
    await child.close();
  }
}

function accepted(reply: Reply): Record<string, unknown> {
  if (reply.ok !== true) throw new Error(`the host refused: ${JSON.stringify(reply.error)}`);
  return reply.result ?? {};
}

/** A figure of a check that went wrong is no figure: the bench stops instead. */
function expectResult(measured: Measured, expected: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(expected)) {
    if (measured.result[key] !== value)
      throw new Error(`check result ${key} = ${JSON.stringify(measured.result[key])}, expected ${value}`);
  }
}

function render(rows: HostRow[], load: number[]): string {
  const mb = (value: number) => `${value.toFixed(1)} MB`;
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${process.platform}`;
  const lines = [
    '# Host memory for one check',
    '',
    `Measured by \`npm run bench\` (bench/host-memory.ts) on ${machine}, load average ${load.map((l) => l.toFixed(1)).join(' → ')} (start → end).`,
    'Each figure is the peak resident set (VmHWM) of a fresh host process, started through what `install` registered and sent `hello`, `set-secret` and one `check` over TLS of a real Dovecot.',
    'The checks after the first run on a state file that also holds the state before (as from the third check of an account on).',
    '',
    `| Host | after \`hello\` | first check, ${SIZES.big.toLocaleString('en')} messages | no new mail, ${SIZES.big.toLocaleString('en')} | ${ARRIVING} new of ${(SIZES.mid + ARRIVING).toLocaleString('en')} | budget ≤ ${BUDGET_MB} MB |`,
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((row) => {
      const peak = Math.max(row.firstBig, row.quietBig, row.arrivingMid);
      const verdict = peak <= BUDGET_MB ? 'meets' : 'misses';
      return `| ${row.what} | ${mb(row.hello)} | ${mb(row.firstBig)} | ${mb(row.quietBig)} | ${mb(row.arrivingMid)} | ${verdict} (${mb(peak)}) |`;
    }),
    '',
  ];
  return lines.join('\n');
}

function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

await main();

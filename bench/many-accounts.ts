/**
 * `npm run bench` (part): 20 accounts checked as the background sends them, against 20 bare TLS
 * sign-ins in parallel (bench/bare-sign-in.ts). Each account has its own Dovecot user and
 * reaches the local Dovecot's pop3s port through its own port of a proxy adding 10 ms each way,
 * so each looks like its own server; the proxies run in a process of their own, as a network
 * would (latency-network.ts). The background part is the real CheckRunner, its store
 * and HostSession; the host is the built program, started for each batch as a browser does.
 *
 * Prints a markdown table and writes it to bench/many-accounts-results.md, above the file's
 * `## Notes` (kept as they are).
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { fillMaildir, RESIDENT_DOVECOT } from '../scripts/lib/bulk-mail';
import { type DovecotServer, makeMessage, startDovecot } from '../scripts/lib/dovecot';
import { CheckRunner } from '../src/background/check-runner';
import { type HostSession, openHostSession } from '../src/background/host-client';
import { Store } from '../src/background/store';
import type { Account } from '../src/shared/account';
import { createFakeBrowser, sampleAccount, sampleSettings } from '../test/helpers/fake-browser';
import { processPorts } from '../test/helpers/process-port';
import { SETTINGS_KEY } from '../src/storage/settings';
import { bareSignIn } from './bare-sign-in';
import { type LatencyNetwork, startLatencyNetwork } from './latency-network';
import { nativeExecutable } from './installed-hosts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ACCOUNTS = 20;
const DELAY_MS = 10;
const ROUNDS = 5;
const PASSWORD = 'many-accounts password';
const MESSAGES_EACH = 50;
const NOTES = '## Notes';

interface Measured {
  single: number;
  control: number;
  /** The control as the first sessions after a delivery: Dovecot's own new-mail work included. */
  controlAfterDelivery: number;
  quiet: number;
  quietStarted: number;
  arriving: number;
  arrivingStarted: number;
  /** The self-contained executable (start-up snapshot) started for the batch. */
  quietExecutable: number;
  arrivingExecutable: number;
  peakRssMb: number;
  executablePeakRssMb: number;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'popbiff-many-'));
  const users = Array.from({ length: ACCOUNTS }, (_, i) => ({
    user: `user${String(i + 1).padStart(2, '0')}`,
    password: PASSWORD,
  }));
  const dovecot = await startDovecot({ dir: path.join(dir, 'dovecot'), users, extraConfig: RESIDENT_DOVECOT });
  let network: LatencyNetwork | undefined;
  try {
    for (const { user } of users) await fillMaildir(dovecot.maildir(user), MESSAGES_EACH, user);
    network = await startLatencyNetwork({ host: dovecot.host, port: dovecot.pop3sPort }, DELAY_MS, users.length);
    const load = loadavg()[0] ?? 0;
    const measured = await measure(
      dovecot,
      network.ports,
      users.map((u) => u.user),
      path.join(dir, 'host'),
    );
    const table = render(measured, load);
    process.stdout.write(table);
    await writeResults(table);
  } finally {
    network?.close();
    await dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The table replaces the file's top; a hand-written `## Notes` part below it (analysis of runs) stays. */
async function writeResults(table: string): Promise<void> {
  const file = path.join(here, 'many-accounts-results.md');
  const old = await readFile(file, 'utf8').catch(() => '');
  const notes = old.indexOf(NOTES);
  await writeFile(file, notes === -1 ? table : `${table}\n${old.slice(notes)}`);
}

async function measure(
  dovecot: DovecotServer,
  proxyPorts: number[],
  users: string[],
  configDir: string,
): Promise<Measured> {
  const context = tls.createSecureContext({ ca: [...tls.rootCertificates, await readFile(dovecot.caFile, 'utf8')] });
  const bare = users.map((user, i) => ({ port: proxyPorts[i] as number, user, password: PASSWORD }));
  const accounts: Account[] = users.map((user, i) =>
    sampleAccount(`acct-${user}`, {
      server: { ...dovecot.serverSettings(user, 'tls'), port: proxyPorts[i] as number },
    }),
  );
  const fake = createFakeBrowser();
  fake.storage.set(SETTINGS_KEY, sampleSettings(accounts));
  const env = hostEnvironment(configDir);
  const ports = processPorts(env);
  const executable = processPorts(env, nativeExecutable().program);
  const store = new Store(fake.platform.storage);
  // The host for the next batch: a fresh one per batch as on an alarm, or one already started.
  let next: (() => HostSession) | undefined;
  const runner = new CheckRunner({
    store,
    openHost: () => (next ?? (() => openHostSession(ports.connectNative, { lastError: () => undefined })))(),
    afterBatch: async () => undefined,
    now: () => Date.now(),
  });
  // The same background, store and accounts; each batch starts the executable instead.
  const executableRunner = new CheckRunner({
    store,
    openHost: () => openHostSession(executable.connectNative, { lastError: () => undefined }),
    afterBatch: async () => undefined,
    now: () => Date.now(),
  });
  const started = async () => {
    const session = openHostSession(ports.connectNative, { lastError: () => undefined });
    await session.request('hello', {});
    next = () => session;
  };
  await setSecrets(ports.connectNative, accounts);
  log('first batch (baselines, not measured)');
  await batch(runner, accounts);
  const times: Record<keyof Omit<Measured, 'peakRssMb' | 'executablePeakRssMb'>, number[]> = {
    single: [],
    control: [],
    controlAfterDelivery: [],
    quiet: [],
    quietStarted: [],
    arriving: [],
    arrivingStarted: [],
    quietExecutable: [],
    arrivingExecutable: [],
  };
  const deliver = (round: number, kind: string) =>
    Promise.all(
      users.map((user) =>
        dovecot.deliver(user, makeMessage({ from: 'B <b@example.org>', subject: `${kind} ${round}` })),
      ),
    );
  for (let round = 0; round < ROUNDS; round++) {
    log(`round ${round + 1} of ${ROUNDS}`);
    times.single.push(await timed(() => bareSignIn(bare[0] as (typeof bare)[number], context)));
    times.control.push(await timed(() => Promise.all(bare.map((account) => bareSignIn(account, context)))));
    next = undefined;
    times.quiet.push(await timed(() => batch(runner, accounts)));
    await deliver(round, 'fresh host');
    times.arriving.push(await timed(() => batch(runner, accounts)));
    await started();
    times.quietStarted.push(await timed(() => batch(runner, accounts)));
    await deliver(round, 'started host');
    await started();
    times.arrivingStarted.push(await timed(() => batch(runner, accounts)));
    times.quietExecutable.push(await timed(() => batch(executableRunner, accounts)));
    await deliver(round, 'executable');
    times.arrivingExecutable.push(await timed(() => batch(executableRunner, accounts)));
    await deliver(round, 'control');
    times.controlAfterDelivery.push(
      await timed(() => Promise.all(bare.map((account) => bareSignIn(account, context)))),
    );
    // Not measured: takes the control's message in, so the next round's quiet rows stay quiet.
    await batch(executableRunner, accounts);
  }
  return {
    single: median(times.single),
    control: median(times.control),
    controlAfterDelivery: median(times.controlAfterDelivery),
    quiet: median(times.quiet),
    quietStarted: median(times.quietStarted),
    arriving: median(times.arriving),
    arrivingStarted: median(times.arrivingStarted),
    quietExecutable: median(times.quietExecutable),
    arrivingExecutable: median(times.arrivingExecutable),
    peakRssMb: Math.max(...ports.peakRssMb.filter(Number.isFinite)),
    executablePeakRssMb: Math.max(...executable.peakRssMb.filter(Number.isFinite)),
  };
}

/**
 * The host's environment as a browser on a desktop gives it. Not NODE_EXTRA_CA_CERTS: this kind
 * of machine sets it, for its own tools, to the whole system bundle, which makes every Node
 * process parse ~150 certificates more as it starts (a started npm bundle answered `hello` after
 * ~180 ms with it, ~90 ms without); a browser's environment does not have it.
 */
function hostEnvironment(configDir: string): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _notInBrowsers, ...env } = process.env;
  return { ...env, POPBIFF_CONFIG_DIR: configDir, POPBIFF_SECRET_STORE: 'file' };
}

/** One batch of the real runner; any failed check spoils the measurement. */
async function batch(runner: CheckRunner, accounts: Account[]): Promise<void> {
  const snapshot = await runner.run(() => accounts);
  const failed = Object.entries(snapshot.state.accounts).filter(([, state]) => state.error);
  if (failed.length > 0) throw new Error(`checks failed: ${JSON.stringify(failed[0])}`);
}

async function setSecrets(
  connect: ReturnType<typeof processPorts>['connectNative'],
  accounts: Account[],
): Promise<void> {
  const session = openHostSession(connect, { lastError: () => undefined });
  for (const account of accounts)
    await session.request('set-secret', {
      accountId: account.id,
      server: { host: account.server.host, port: account.server.port, username: account.server.username },
      secret: PASSWORD,
    });
  session.close();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function render(m: Measured, load: number): string {
  // New mail is compared with the control after a delivery too: the server's work is in both.
  const row = (name: string, ms: number, sameMail = m.control) =>
    `| ${name} | ${ms.toFixed(0)} | ${(ms / m.control).toFixed(2)}× | ${(ms / sameMail).toFixed(2)}× | ${(ms / m.single).toFixed(2)}× |`;
  const arriving = (name: string, ms: number) => row(name, ms, m.controlAfterDelivery);
  return [
    `${ACCOUNTS} accounts, each its own Dovecot user behind its own port of a proxy adding ${DELAY_MS} ms each way (${2 * DELAY_MS} ms RTT), pop3s. Medians of ${ROUNDS} rounds; load average ${load.toFixed(1)} on 2 cores when it started.`,
    "Popbiff: the background's CheckRunner sending the batch over one port, either to a host started for the batch (its start-up included, as on an alarm) or to one that has already answered `hello`. The host is the npm bundle under this bench's Node, or the self-contained executable that the app packages install (start-up snapshot), in a browser's environment (without this machine's NODE_EXTRA_CA_CERTS).",
    'The "same mail" control is the control itself for rows without new mail, and the control run as the first sessions after a delivery (Dovecot\'s own new-mail work included) for rows with one new message each.',
    '',
    '| what | time (ms) | ÷ control | ÷ control, same mail | ÷ one session |',
    '|---|---:|---:|---:|---:|',
    row('one bare TLS sign-in (USER, PASS, STAT, QUIT)', m.single),
    row(`control: ${ACCOUNTS} bare sign-ins in parallel`, m.control),
    arriving(`control, right after one new message each`, m.controlAfterDelivery),
    row(`Popbiff: ${ACCOUNTS} accounts, no new mail, host started for the batch`, m.quiet),
    arriving(`Popbiff: ${ACCOUNTS} accounts, one new message each, host started for the batch`, m.arriving),
    row(`Popbiff: ${ACCOUNTS} accounts, no new mail, host already running`, m.quietStarted),
    arriving(`Popbiff: ${ACCOUNTS} accounts, one new message each, host already running`, m.arrivingStarted),
    row(`Popbiff: ${ACCOUNTS} accounts, no new mail, executable started for the batch`, m.quietExecutable),
    arriving(
      `Popbiff: ${ACCOUNTS} accounts, one new message each, executable started for the batch`,
      m.arrivingExecutable,
    ),
    '',
    `- Host peak RSS during a ${ACCOUNTS}-account batch: ${m.peakRssMb.toFixed(1)} MB (npm bundle), ${m.executablePeakRssMb.toFixed(1)} MB (executable).`,
    '',
  ].join('\n');
}

function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

await main();

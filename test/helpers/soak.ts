/**
 * The soak: one host process, many checks over one native-messaging connection against a real
 * Dovecot, alternating a small mailbox and a big one, with a message delivered every so often.
 * It asks what months of uptime would: does every delivered message come out new exactly once,
 * does any check fail, does the host's memory stay flat. `npm run soak` runs the long version
 * (bench/soak.ts), the default suite a short one (test/host/soak.test.ts).
 */
import { readFileSync } from 'node:fs';
import { fillMaildir, RESIDENT_DOVECOT } from '../../scripts/lib/bulk-mail';
import { type DovecotServer, makeMessage, startDovecot } from '../../scripts/lib/dovecot';
import type { ServerSettings } from '../../src/shared/server';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { CheckResult } from '../../src/shared/mail';
import { HostProcess } from '../host/host-process';

/** How the account trusts the server: the system's CAs (the test CA added to them), or its own CA file. */
export type SoakTrust = 'public-ca' | 'ca-file';

const PASSWORD = 'soak password';
const SMALL = 'small';
const BIG = 'big';
const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;
/** A check through a resident Dovecot takes milliseconds; this only bounds a stuck host. */
const REPLY_TIMEOUT_MS = 30_000;

/** A Dovecot with the small mailbox empty and the big one holding `bigCount` messages. */
export async function startSoakServer(dir: string, bigCount: number): Promise<DovecotServer> {
  const users = [SMALL, BIG].map((user) => ({ user, password: PASSWORD }));
  const dovecot = await startDovecot({ dir, users, extraConfig: RESIDENT_DOVECOT });
  await fillMaildir(dovecot.maildir(BIG), bigCount, 'soak-big');
  return dovecot;
}

export interface SoakOptions {
  dovecot: DovecotServer;
  /** The host's config folder (secrets, state, log); fresh for each run. */
  configDir: string;
  trust: SoakTrust;
  checks: number;
  /** A message is delivered before every this-many-th check, to the two mailboxes in turn. */
  deliverEvery: number;
  /**
   * The first this-many checks count for mail and failures but not for memory: a host's heap
   * grows until it settles (about 400 checks; 1,500-check runs of 2026-12-03), and a short run
   * that judged its growth from the start would judge that, not a leak.
   */
  warmUp?: number;
  /** Called every `progressEvery` checks (the bench prints it). */
  onProgress?: (done: number, rssMb: number) => void;
  progressEvery?: number;
}

export interface SoakFigures {
  trust: SoakTrust;
  checks: number;
  delivered: number;
  /** "check N (account): CODE: message" for each check that failed. */
  failures: string[];
  /** Delivered messages reported new more than once, never, or reported but never delivered. */
  duplicates: string[];
  missing: string[];
  unexpected: string[];
  rss: RssFigures;
  msPerCheck: number;
}

export interface RssFigures {
  startMb: number;
  peakMb: number;
  /** Mean RSS of the tenth of the run after its midpoint, and of its last tenth. */
  midMb: number;
  endMb: number;
  /** endMb / midMb - 1: how much the host grew over the second half. */
  secondHalfGrowth: number;
}

export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const { dovecot, trust } = options;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    POPBIFF_CONFIG_DIR: options.configDir,
    POPBIFF_SECRET_STORE: 'file',
  };
  // A public-CA account names no CA file: the test CA joins the system's roots instead.
  if (trust === 'public-ca') env.NODE_EXTRA_CA_CERTS = dovecot.caFile;
  const host = new HostProcess([ORIGIN], env);
  const accounts = [SMALL, BIG].map((user) => ({ id: `soak-${user}`, user, server: server(dovecot, user, trust) }));
  const tokens = new Map<string, string>();
  const delivered = new Set<string>();
  const reported = new Map<string, number>();
  const failures: string[] = [];
  const samples: number[] = [];
  try {
    for (const account of accounts) {
      const reply = await host.request(`s-${account.user}`, 'set-secret', {
        accountId: account.id,
        server: { host: account.server.host, port: account.server.port, username: account.server.username },
        secret: PASSWORD,
      });
      if (!reply.ok) throw new Error(`set-secret failed: ${JSON.stringify(reply.error)}`);
    }
    const started = performance.now();
    for (let i = 0; i < options.checks; i++) {
      if (i > 0 && i % options.deliverEvery === 0 && i + accounts.length <= options.checks) {
        const id = `soak-${trust}-${delivered.size}`;
        const to = delivered.size % 2 === 0 ? SMALL : BIG;
        await dovecot.deliver(
          to,
          makeMessage({ from: 'Soak <soak@example.org>', subject: id, messageId: `<${id}@popbiff.test>` }),
        );
        delivered.add(id);
      }
      const account = accounts[i % accounts.length] as (typeof accounts)[number];
      const token = tokens.get(account.id);
      host.send({
        v: 1,
        id: `c${i}`,
        type: 'check',
        payload: {
          accountId: account.id,
          server: account.server,
          watch: [],
          limit: 20,
          firstCheck: 'baseline',
          ...(token === undefined ? {} : { stateToken: token }),
        },
      });
      const reply = await host.reply(`c${i}`, REPLY_TIMEOUT_MS);
      if (i >= (options.warmUp ?? 0)) samples.push(rssMb(host));
      if (!reply.ok) {
        failures.push(`check ${i} (${account.user}): ${reply.error?.code}: ${reply.error?.message}`);
      } else {
        const result = CheckResult.parse(reply.result);
        tokens.set(account.id, result.stateToken);
        if (result.newCount !== result.newMessages.length)
          failures.push(
            `check ${i} (${account.user}): ${result.newCount} new but ${result.newMessages.length} summaries`,
          );
        for (const message of result.newMessages) {
          const id = message.messageId.replace(/^<|@popbiff\.test>$/g, '');
          reported.set(id, (reported.get(id) ?? 0) + 1);
        }
      }
      if (options.onProgress && (i + 1) % (options.progressEvery ?? 1000) === 0)
        options.onProgress(i + 1, samples.at(-1) ?? 0);
    }
    const msPerCheck = (performance.now() - started) / options.checks;
    return {
      trust,
      checks: options.checks,
      delivered: delivered.size,
      failures,
      duplicates: [...reported].filter(([, times]) => times > 1).map(([id, times]) => `${id} ×${times}`),
      missing: [...delivered].filter((id) => !reported.has(id)),
      unexpected: [...reported.keys()].filter((id) => !delivered.has(id)),
      rss: rssFigures(samples),
      msPerCheck,
    };
  } finally {
    await host.close();
  }
}

function server(dovecot: DovecotServer, user: string, trust: SoakTrust): ServerSettings {
  const { caFile, ...settings } = dovecot.serverSettings(user, 'tls');
  return trust === 'ca-file' ? { ...settings, caFile } : settings;
}

/** The host's resident set now, from /proc (the soak runs on Linux, as the live tests do). */
function rssMb(host: HostProcess): number {
  const status = readFileSync(`/proc/${host.child.pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * Means over a tenth of the run rather than single samples: the garbage collector's sawtooth
 * would otherwise decide the verdict.
 */
export function rssFigures(samples: number[]): RssFigures {
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const half = Math.floor(samples.length / 2);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const midMb = mean(samples.slice(half, half + tenth));
  const endMb = mean(samples.slice(-tenth));
  return {
    startMb: samples[0] ?? 0,
    peakMb: Math.max(...samples),
    midMb,
    endMb,
    secondHalfGrowth: endMb / midMb - 1,
  };
}

/**
 * `npm run soak`: the long soak (test/helpers/soak.ts) with 10,000 checks for a public-CA
 * account and 10,000 for an account with a CA file, a message delivered every 100 checks.
 * Prints the figures as markdown and writes them to bench/soak-results.md; exits non-zero when
 * a rule is broken (a failed check, a message reported twice or never, RSS growth > 10 % over
 * the second half, RSS above 120 MB). `--checks N` runs a shorter soak (results not written).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureHostBundle } from '../test/host/host-process';
import { runSoak, type SoakFigures, type SoakTrust, startSoakServer } from '../test/helpers/soak';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHECKS = 10_000;
const DELIVER_EVERY = 100;
const BIG_MAILBOX = 5_000;
const MAX_GROWTH = 0.1;
const MAX_RSS_MB = 120;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { checks: { type: 'string' } } });
  const checks = values.checks === undefined ? CHECKS : Number(values.checks);
  if (!Number.isInteger(checks) || checks < 10) throw new Error('--checks takes a whole number of at least 10.');
  ensureHostBundle();
  const dir = await mkdtemp(path.join(tmpdir(), 'popbiff-soak-'));
  const dovecot = await startSoakServer(path.join(dir, 'dovecot'), BIG_MAILBOX);
  const rows: SoakFigures[] = [];
  const load = loadavg()[0] ?? 0;
  try {
    for (const trust of ['public-ca', 'ca-file'] as SoakTrust[]) {
      log(`${trust}: ${checks} checks`);
      rows.push(
        await runSoak({
          dovecot,
          configDir: await mkdtemp(path.join(dir, `host-${trust}-`)),
          trust,
          checks,
          deliverEvery: DELIVER_EVERY,
          progressEvery: Math.max(100, Math.floor(checks / 20)),
          onProgress: (done, rss) => log(`${trust}: ${done} checks, host RSS ${rss.toFixed(1)} MB`),
        }),
      );
    }
  } finally {
    await dovecot.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const table = render(rows, load);
  process.stdout.write(table);
  if (checks === CHECKS) await writeFile(path.join(here, 'soak-results.md'), table);
  const broken = rows.flatMap(verdicts);
  for (const line of broken) log(`FAILED: ${line}`);
  if (broken.length > 0) process.exitCode = 1;
}

function verdicts(row: SoakFigures): string[] {
  const out: string[] = [];
  const name = row.trust;
  if (row.failures.length > 0) out.push(`${name}: ${row.failures.length} checks failed, first: ${row.failures[0]}`);
  if (row.duplicates.length > 0) out.push(`${name}: reported twice: ${row.duplicates.slice(0, 5).join(', ')}`);
  if (row.missing.length > 0) out.push(`${name}: never reported: ${row.missing.slice(0, 5).join(', ')}`);
  if (row.unexpected.length > 0)
    out.push(`${name}: reported but never delivered: ${row.unexpected.slice(0, 5).join(', ')}`);
  if (row.rss.secondHalfGrowth > MAX_GROWTH)
    out.push(`${name}: RSS grew ${(row.rss.secondHalfGrowth * 100).toFixed(1)} % over the second half`);
  if (row.rss.peakMb > MAX_RSS_MB) out.push(`${name}: RSS peaked at ${row.rss.peakMb.toFixed(1)} MB`);
  return out;
}

function render(rows: SoakFigures[], load: number): string {
  const lines = [
    `Soak: one host, checks over one native-messaging connection against Dovecot on 127.0.0.1 (pop3s), alternating an empty-at-start mailbox and a ${BIG_MAILBOX.toLocaleString('en')}-message one, a message delivered every ${DELIVER_EVERY} checks.`,
    `Load average when it started: ${load.toFixed(1)} (2 cores). RSS is the host's resident set from /proc; mid and end are means over a tenth of the run.`,
    '',
    '| account | checks | ms per check | delivered | reported new once | failed checks | RSS start (MB) | RSS mid | RSS end | second-half growth | RSS peak |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const once = row.delivered - row.missing.length - row.duplicates.length;
    lines.push(
      `| ${row.trust} | ${row.checks} | ${row.msPerCheck.toFixed(1)} | ${row.delivered} | ${once} | ${row.failures.length} | ${row.rss.startMb.toFixed(1)} | ${row.rss.midMb.toFixed(1)} | ${row.rss.endMb.toFixed(1)} | ${(row.rss.secondHalfGrowth * 100).toFixed(1)} % | ${row.rss.peakMb.toFixed(1)} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

function log(text: string): void {
  process.stderr.write(`soak: ${text}\n`);
}

await main();

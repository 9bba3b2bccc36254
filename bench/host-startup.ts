/**
 * `npm run bench:startup`: how long a browser waits for the host's first reply, against the
 * floor of starting Node at all. Each host is spawned through what `install` registers (as the
 * browser does), sent `hello`, and timed until the reply frame arrives:
 * - the npm bundle through its launcher, against the Node running this bench (issue 6),
 * - the self-contained executable for this machine, against the very Node binary it is made of
 *   (issue 11): both budgets are median ≤ 1.5 × that Node's `-e ''`.
 * Writes bench/startup-results.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM_EXTENSION_IDS, chromiumOrigin } from '../src/shared/extension-ids';
import { encodeFrame } from '../src/host/native/framing';
import { buildDeb } from '../scripts/lib/deb';
import { buildExecutable } from '../scripts/lib/executable';
import { nativeTarget } from '../scripts/lib/host-targets';
import { type InstalledHost, installBundle, installExecutable } from './installed-hosts';

const RUNS = 21;
const GOAL = 1.5;
const root = resolve(import.meta.dirname, '..');

/** Spawn-to-exit of a Node that does nothing: the floor no host can beat. */
function timeBareNode(node: string): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(node, ['-e', ''], { stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', () => done(performance.now() - start));
  });
}

/** Spawn-to-first-reply-frame of the host, through its launcher, as a browser starts it. */
function timeHostHello(launcher: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(launcher, [chromiumOrigin(CHROMIUM_EXTENSION_IDS[0])], {
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error('no reply within 10 s'));
    }, 10_000);
    child.on('error', fail);
    let received = 0;
    child.stdout.on('data', (data: Buffer) => {
      received += data.length;
      // 4-byte length prefix, then the reply; a whole frame means the host has answered.
      if (received < 4) return;
      clearTimeout(timer);
      const elapsed = performance.now() - start;
      child.stdin.end();
      child.on('exit', () => done(elapsed));
    });
    child.stdin.write(encodeFrame(JSON.stringify({ v: 1, id: 'bench', type: 'hello', payload: {} })));
  });
}

/** Alternates the two, so a busy moment of the machine weighs on both alike. */
async function sample(
  node: string,
  launcher: string,
  env: NodeJS.ProcessEnv,
): Promise<{ node: number[]; host: number[] }> {
  await timeHostHello(launcher, env); // warm the file cache once, like a browser's second start
  const times = { node: [] as number[], host: [] as number[] };
  for (let run = 0; run < RUNS; run += 1) {
    times.node.push(await timeBareNode(node));
    times.host.push(await timeHostHello(launcher, env));
  }
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

interface Row {
  what: string;
  floor: string;
  node: number;
  host: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'popbiff-bench-'));
  try {
    const rows = [await row(installBundle(join(dir, 'bundle'))), await row(installExecutable(join(dir, 'executable')))];
    report(rows, sizes(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a user downloads and installs for this machine's target (the .deb built or taken from the cache). */
function sizes(dir: string): string {
  const name = nativeTarget();
  if (name === undefined) return '';
  const built = buildExecutable(name);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const lines = [
    '| Artifact | Size |',
    '| --- | --- |',
    `| executable, ${name} (Node ${built.target.nodeVersion} + host) | ${mb(statSync(built.program).size)} |`,
  ];
  if (built.target.os === 'linux') {
    const project = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<string, string>;
    const deb = buildDeb(
      { executable: built, version: project.version ?? '', homepage: project.homepage ?? '' },
      join(dir, 'deb'),
    );
    lines.push(`| ${basename(deb)} (xz, as downloaded) | ${mb(statSync(deb).size)} |`);
  }
  return lines.join('\n');
}

async function row(host: InstalledHost): Promise<Row> {
  const times = await sample(host.node, host.launcher, host.env);
  return { what: host.what, floor: host.floor, node: median(times.node), host: median(times.host) };
}

function report(rows: Row[], sizeTable: string): void {
  const lines = [
    `| Host | \`node -e ''\` (spawn to exit) | Host: spawn to first \`hello\` reply | Ratio (goal ≤ ${GOAL}×) |`,
    '| --- | --- | --- | --- |',
    ...rows.map((row) => {
      const ratio = row.host / row.node;
      const verdict = ratio <= GOAL ? 'meets' : 'misses';
      return `| ${row.what} | ${ms(row.node)} (${row.floor}) | ${ms(row.host)} | ${ratio.toFixed(2)}× — ${verdict} the goal |`;
    }),
  ];
  const table = lines.join('\n');
  console.log(table);
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  // Wall-clock times on a shared machine: the load average says how much to trust them.
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${process.platform}, load average ${load}`;
  console.log(sizeTable);
  const text = `# Host start-up\n\nMeasured by \`npm run bench:startup\` (bench/host-startup.ts) on ${machine}; medians of ${RUNS} runs, alternating with the bare Node.\n\n${table}\n\n${sizeTable}\n`;
  writeFileSync(resolve(root, 'bench/startup-results.md'), text);
}

await main();

/**
 * `npm run bench:startup`: how long a browser waits for the host's first reply, against the
 * floor of starting Node at all. The host is spawned through the launcher `popbiff install`
 * writes (as the browser does), sent `hello`, and timed until the reply frame arrives.
 * Goal (issue 6): median ≤ 1.5 × `node -e ''`. Writes bench/startup-results.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM_EXTENSION_IDS, chromiumOrigin } from '../src/shared/extension-ids';
import { encodeFrame } from '../src/host/native/framing';

const RUNS = 21;
const GOAL = 1.5;
const root = resolve(import.meta.dirname, '..');
const bundle = resolve(root, 'dist/host/popbiff.mjs');

/** Spawn-to-exit of a Node that does nothing: the floor no host can beat. */
function timeBareNode(): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
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
async function sample(launcher: string, env: NodeJS.ProcessEnv): Promise<{ node: number[]; host: number[] }> {
  const times = { node: [] as number[], host: [] as number[] };
  for (let run = 0; run < RUNS; run += 1) {
    times.node.push(await timeBareNode());
    times.host.push(await timeHostHello(launcher, env));
  }
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'popbiff-bench-'));
  try {
    const env = { ...process.env, HOME: dir, POPBIFF_CONFIG_DIR: join(dir, 'config') };
    execFileSync(
      process.execPath,
      [bundle, 'install', '--browser', 'chromium', '--profile-dir', join(dir, 'profile')],
      { env, stdio: 'ignore' },
    );
    const launcher = join(dir, 'config', 'host', 'popbiff-host');
    await timeHostHello(launcher, env); // warm the file cache once, like a browser's second start
    const times = await sample(launcher, env);
    report(median(times.node), median(times.host));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(node: number, host: number): void {
  const ratio = host / node;
  const verdict = ratio <= GOAL ? 'meets' : 'misses';
  const table = [
    `| What | Median of ${RUNS} runs |`,
    '| --- | --- |',
    `| \`node -e ''\` (spawn to exit) | ${ms(node)} |`,
    `| Popbiff host, spawn through launcher to first \`hello\` reply | ${ms(host)} |`,
    `| Ratio (goal ≤ ${GOAL}×) | ${ratio.toFixed(2)}× — ${verdict} the goal |`,
  ].join('\n');
  console.log(table);
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  // Wall-clock times on a shared machine: the load average says how much to trust them.
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}, load average ${load}`;
  const text = `# Host start-up\n\nMeasured by \`npm run bench:startup\` (bench/host-startup.ts) on ${machine}.\n\n${table}\n`;
  writeFileSync(resolve(root, 'bench/startup-results.md'), text);
}

await main();

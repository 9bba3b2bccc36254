/**
 * The UI budgets of issue 5, measured on the built extension (run `npm run build` first):
 * - popup JS: every script the popup page loads, gzip -9, at most 12 KB (12,288 bytes);
 * - first render: navigation start to the popup's first commit with stored data (its
 *   `popbiff:first-render` mark), 5 accounts × 100 messages in storage, headless Chromium,
 *   median of 15 runs, at most 100 ms.
 * Prints a table, writes bench/ui-results.md, and exits 1 when a budget is exceeded.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchWithExtension } from '../scripts/lib/chromium';
import { bulkSeed, seedStorage, type Seed } from '../test/e2e/ui-seed';

const root = resolve(import.meta.dirname, '..');
const extension = resolve(root, 'dist/chrome');
const JS_BUDGET = 12 * 1024;
const PAINT_BUDGET_MS = 100;
const RUNS = 15;
const WARMUP = 2;

/** The scripts a page loads: its module scripts and preloads, then their static imports, transitively. */
function pageScripts(htmlPath: string): string[] {
  const html = readFileSync(htmlPath, 'utf8');
  const pending = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => join(extension, m[1] ?? ''));
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) pending.push(resolve(dirname(file), m[1] ?? ''));
  }
  return [...seen];
}

function popupJs(): { files: number; raw: number; gzip: number } {
  const files = pageScripts(join(extension, 'popup/index.html'));
  const sizes = files.map((file) => readFileSync(file));
  return {
    files: files.length,
    raw: sizes.reduce((sum, code) => sum + code.length, 0),
    gzip: sizes.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface Renders {
  /** Navigation start to the first commit with data, per run. */
  times: number[];
  /** Navigation start to the commit with every row, per run. */
  allRows: number[];
  rows: number;
}

async function firstRenders(seed: Seed): Promise<Renders> {
  const dir = mkdtempSync(join(tmpdir(), 'popbiff-bench-ui-'));
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const browser = await launchWithExtension({ profileDir, extensionDir: extension, headless: true, env: process.env, extraArgs: ['--lang=en-US'] });
  try {
    await seedStorage(browser, seed);
    const times: number[] = [];
    const allRows: number[] = [];
    let rows = 0;
    for (let run = 0; run < WARMUP + RUNS; run += 1) {
      const page = await browser.openPage('popup/index.html', { width: 400, height: 600 });
      const mark = await page.waitForFunction(() => performance.getEntriesByName('popbiff:first-render')[0]?.startTime, undefined, { timeout: 10_000 });
      const startTime = (await mark.jsonValue()) as number;
      const all = await page.waitForFunction(() => performance.getEntriesByName('popbiff:all-rows')[0]?.startTime ?? 0, undefined, { timeout: 10_000 });
      rows = await page.locator('.message').count();
      if (run >= WARMUP) times.push(startTime);
      if (run >= WARMUP) allRows.push((await all.jsonValue()) as number);
      await page.close();
    }
    return { times, allRows, rows };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const js = popupJs();
const load = loadavg()[0] ?? 0;
const bulk = await firstRenders(bulkSeed(Date.now(), 5, 100));
// The same page with almost nothing stored: what the machine and browser cost alone.
const small = await firstRenders(bulkSeed(Date.now(), 1, 3));
const med = median(bulk.times);
const spread = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  const p90 = sorted[Math.ceil(sorted.length * 0.9) - 1] ?? 0;
  return `min ${(sorted[0] ?? 0).toFixed(1)}, p90 ${p90.toFixed(1)}, max ${(sorted.at(-1) ?? 0).toFixed(1)}`;
};
const verdict = (ok: boolean) => (ok ? 'within' : '**over**');
const table = [
  '| Budget | Measured | Limit | |',
  '|---|---|---|---|',
  `| Popup JS, gzip -9 (${js.files} file${js.files === 1 ? '' : 's'}, ${js.raw.toLocaleString('en')} bytes raw) | ${js.gzip.toLocaleString('en')} bytes | ${JS_BUDGET.toLocaleString('en')} bytes (12 KB) | ${verdict(js.gzip <= JS_BUDGET)} |`,
  `| Popup first render, 5 accounts × 100 messages, median of ${RUNS} | ${med.toFixed(1)} ms (${spread(bulk.times)}) | ${PAINT_BUDGET_MS} ms | ${verdict(med <= PAINT_BUDGET_MS)} |`,
  `| (same, until all ${bulk.rows} rows are rendered) | ${median(bulk.allRows).toFixed(1)} ms (${spread(bulk.allRows)}) | — | |`,
  `| (reference: 1 account × 3 messages, first render) | ${median(small.times).toFixed(1)} ms (${spread(small.times)}) | — | |`,
].join('\n');

const report = `# UI budgets

Measured by \`npx tsx bench/ui-budgets.ts\` on the built extension (\`npm run build\`), headless
Chromium (Debian package), ${new Date().toISOString().slice(0, 10)}, 1-minute load average ${load.toFixed(1)} on
this machine at the start (other test suites were running: the reference row shows what the
browser alone cost then). First render: navigation start to the popup's \`popbiff:first-render\`
performance mark (its first commit with the stored data: a screenful of rows per account; the
rest follow after the first paint, \`popbiff:all-rows\`), after ${WARMUP} warm-up runs.

${table}
`;
console.log(table);
writeFileSync(join(root, 'bench/ui-results.md'), report);
if (js.gzip > JS_BUDGET || med > PAINT_BUDGET_MS) process.exitCode = 1;

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The popup's JavaScript budget: every script its page loads, gzip -9 (issue 5). */
export const POPUP_JS_BUDGET = 12 * 1024;

/** The scripts a page loads: its module scripts and preloads, then their static imports, transitively. */
function pageScripts(extension: string, htmlPath: string): string[] {
  const html = readFileSync(htmlPath, 'utf8');
  const pending = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
    (m) => join(extension, m[1] ?? ''),
  );
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      pending.push(resolve(dirname(file), m[1] ?? ''));
  }
  return [...seen];
}

/** What the popup of a built extension (its folder, e.g. dist/chrome) loads: files, bytes raw and gzip -9. */
export function popupJs(extension: string): { files: number; raw: number; gzip: number } {
  const files = pageScripts(extension, join(extension, 'popup/index.html'));
  const sizes = files.map((file) => readFileSync(file));
  return {
    files: files.length,
    raw: sizes.reduce((sum, code) => sum + code.length, 0),
    gzip: sizes.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0),
  };
}

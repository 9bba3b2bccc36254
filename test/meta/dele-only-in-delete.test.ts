/** DELE is destructive and irreversible: exactly one module may send it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const ALLOWED = ['host/pop3/commands/dele.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Code only: comments may (and do) say "never DELE". */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

it('sends DELE from the delete command module only', () => {
  const offenders = sourceFiles(SRC)
    .filter((file) => /\bDELE\b/.test(withoutComments(readFileSync(file, 'utf8'))))
    .map((file) => relative(SRC, file).split('\\').join('/'));
  expect(offenders).toEqual(ALLOWED);
});

it('calls the DELE command from delete-messages.ts only', () => {
  const callers = sourceFiles(SRC)
    .filter((file) => /commands\/dele['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file).split('\\').join('/'));
  expect(callers).toEqual(['host/mailbox/delete-messages.ts']);
});

/** DELE is destructive and irreversible: exactly one module may send it. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect, it } from 'vitest';
import { SRC, sourceFiles, withoutComments } from '../helpers/source-files';

const ALLOWED = ['host/pop3/commands/dele.ts'];

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

/**
 * The real spawn path of open-mail-client, with a harmless program (this Node) instead of a mail
 * client: its arguments arrive one by one and literally, so no shell ever saw them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { inertHandlers } from '../helpers/inert-handlers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-client-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const handlers = inertHandlers('linux');

/** The started program runs on its own (detached): wait for its file, a bounded number of times. */
async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 200 && !existsSync(path); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  return readFileSync(path, 'utf8');
}

it('starts the configured program with each argument literal, through no shell', async () => {
  const out = join(dir, 'argv.json');
  const marker = join(dir, 'injected');
  // Written under another name and renamed, so the test never reads half a file.
  const script = `const fs = require('fs'); fs.writeFileSync(${JSON.stringify(`${out}.tmp`)}, JSON.stringify(process.argv.slice(1))); fs.renameSync(${JSON.stringify(`${out}.tmp`)}, ${JSON.stringify(out)});`;
  const hostile = [`; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, `| touch ${marker}`, '*', '~'];

  await handlers['set-command']({
    accountId: 'work',
    purpose: 'mailClient',
    argv: [process.execPath, '-e', script, ...hostile],
  });
  expect(await handlers['open-mail-client']({ accountId: 'work' })).toEqual({ done: true });

  expect(JSON.parse(await waitForFile(out))).toEqual(hostile);
  expect(existsSync(marker)).toBe(false);
});

it('reports a program that does not exist as CLIENT_FAILED', async () => {
  const missing = join(dir, 'no-such-mail-client');
  await handlers['set-command']({ accountId: 'work', purpose: 'mailClient', argv: [missing, '--flag'] });
  await expect(handlers['open-mail-client']({ accountId: 'work' })).rejects.toMatchObject({
    code: 'CLIENT_FAILED',
    message: 'Could not start the mail client "no-such-mail-client": the program was not found.',
  });
});

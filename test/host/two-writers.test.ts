/**
 * Issue 10, "two writers": Chrome and Firefox on one computer each start a host, and both may
 * change the secrets file and the commands file at the same moment. Two real processes write
 * interleaved; every update of both must be there afterwards (file-lock.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CommandStore } from '../../src/host/commands/command-store';
import { FileSecretStore } from '../../src/host/secrets/file-secret-store';

const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
const WRITER = new URL('../helpers/store-writer.ts', import.meta.url).pathname;
const COUNT = 40;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-writers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writer(prefix: string): Promise<number | null> {
  const child = spawn(TSX, [WRITER, dir, prefix, String(COUNT)], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

it('two hosts writing at once lose no secret and no command', { timeout: 120_000 }, async () => {
  expect(await Promise.all([writer('chrome'), writer('firefox')])).toEqual([0, 0]);
  const secrets = new FileSecretStore(dir);
  const commands = new CommandStore(dir);
  const missing: string[] = [];
  for (const prefix of ['chrome', 'firefox']) {
    for (let i = 0; i < COUNT; i += 1) {
      const id = `${prefix}-${i}`;
      if ((await secrets.get(id)) !== `secret-${id}`) missing.push(`secret ${id}`);
      if ((await commands.get(id, 'mailClient'))?.[0] !== `client-${id}`) missing.push(`command ${id}`);
    }
  }
  expect(missing).toEqual([]);
});

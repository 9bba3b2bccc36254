import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Logger } from '../../../src/host/log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'popbiff-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('masks every registered secret in messages and error details', () => {
  const file = join(dir, 'host.log');
  const log = new Logger({ file });
  log.addSecret('s3cr3t!');
  log.info('login with s3cr3t! and again s3cr3t!');
  log.error('failed', new Error('server said: bad password s3cr3t!'));
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain('s3cr3t!');
  expect(text).toContain('login with ******** and again ********');
  expect(text).toContain('server said: bad password ********');
});

it('rotates the log file instead of growing it without bound', () => {
  const file = join(dir, 'host.log');
  writeFileSync(file, 'x'.repeat(300 * 1024));
  new Logger({ file }).info('fresh line');
  expect(existsSync(`${file}.1`)).toBe(true);
  expect(readFileSync(file, 'utf8')).toMatch(/^\S+ info fresh line\n$/);
});

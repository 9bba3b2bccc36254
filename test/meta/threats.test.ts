/**
 * THREATS.md names, for each defence, the test that shows it. Every test named there must exist,
 * under that name, in that file: a renamed or deleted test fails here instead of leaving the
 * threat model claiming a proof that is gone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const threats = readFileSync(resolve(root, 'THREATS.md'), 'utf8');

/** "`test/x.test.ts` — "name"" pairs; the name is the test's first argument, word for word. */
const REFERENCE = /`(test\/[\w./-]+\.test\.tsx?)` — "([^"]+)"/g;
const references = [...threats.matchAll(REFERENCE)].map(([, file = '', name = '']) => ({ file, name }));

/** The test file's text with JavaScript's escaped quotes undone, as the test name reads. */
const sourceOf = (file: string): string => readFileSync(resolve(root, file), 'utf8').replace(/\\(['"`])/g, '$1');

describe('THREATS.md', () => {
  it('names tests at all, in the form the check below reads', () => {
    expect(references.length).toBeGreaterThan(30);
  });

  it('every test it names exists under that name in that file', () => {
    const missing = references.filter(
      ({ file, name }) => !existsSync(resolve(root, file)) || !sourceOf(file).includes(name),
    );
    expect(missing).toEqual([]);
  });

  it('is linked from the README, beside PROTOCOL.md', () => {
    expect(readFileSync(resolve(root, 'README.md'), 'utf8')).toContain('[THREATS.md](THREATS.md)');
  });
});

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { inertHandlers } from '../helpers/inert-handlers';
import { ERROR_CODES, ERROR_TABLE } from '../../src/shared/errors';
import { REQUEST_TYPES } from '../../src/shared/protocol';

const protocolMd = readFileSync(new URL('../../PROTOCOL.md', import.meta.url), 'utf8');

const handlers = inertHandlers('test');

it('has a host handler for every request type, and no handler for anything else', () => {
  expect(Object.keys(handlers).sort()).toEqual([...REQUEST_TYPES].sort());
  for (const type of REQUEST_TYPES) expect(typeof handlers[type]).toBe('function');
});

it('documents every request type in its own PROTOCOL.md section', () => {
  const sections = [...protocolMd.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
  for (const type of REQUEST_TYPES) expect(sections).toContain(type);
});

it('lists every error code in the PROTOCOL.md table with its retry behaviour', () => {
  for (const code of ERROR_CODES) {
    expect(protocolMd).toMatch(new RegExp(`^\\| \`${code}\` \\| ${ERROR_TABLE[code].retry} \\|`, 'm'));
  }
});

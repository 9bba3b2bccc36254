import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGE_KEYS } from '../../../src/options/schema-messages';
import { AccountColor, AuthMethod, Security } from '../../../src/shared/account';
import { BadgeColors } from '../../../src/storage/settings';
import { ERROR_CODES, ERROR_TABLE } from '../../../src/shared/errors';
import { PROVIDERS } from '../../../src/shared/providers';
import { actionParts } from '../../../src/ui/error-help';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

const root = resolve(import.meta.dirname, '../../..');
type Catalog = Record<string, { message: string }>;
const catalog = (language: string): Catalog =>
  JSON.parse(readFileSync(join(root, 'src/_locales', language, 'messages.json'), 'utf8')) as Catalog;
const en = catalog('en');
const es = catalog('es');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every literal key passed to `t(...)` in the pages and the UI helpers. */
function literalKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of ['popup', 'options', 'ui'].flatMap((dir) => sources(join(root, 'src', dir)))) {
    const text = readFileSync(file, 'utf8');
    if (!/from '(\.\.\/ui|\.)\/i18n'/.test(text)) continue;
    for (const match of text.matchAll(/\bt\('([^']+)'/g)) keys.add(match[1] ?? '');
  }
  return keys;
}

/** The keys built from a prefix and a value (t(`error_${code}_message`) and the like). */
function builtKeys(): string[] {
  const outcomes = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy', 'other'];
  const fields = [
    'name',
    'host',
    'port',
    'username',
    'password',
    'webmailUrl',
    'intervalMinutes',
    'caFile',
    'quietFrom',
    'quietTo',
  ];
  return [
    ...ERROR_CODES.flatMap((code) => [`error_${code}_message`, `error_${code}_action`]),
    ...PROVIDERS.flatMap((provider) => provider.notes.map((note) => `provider_note_${note.id.replaceAll('-', '_')}`)),
    ...outcomes.map((outcome) => `trust_outcome_${outcome}`),
    ...Security.options.flatMap((security) => [`security_${security}`, `security_option_${security}`]),
    ...AuthMethod.options.map((method) => `auth_${method.replace('-', '_')}`),
    ...fields.map((field) => `field_${field}`),
    ...Object.values(MESSAGE_KEYS),
    ...['ignore', 'important', 'silent'].map((action) => `rules_action_${action}`),
    ...['from', 'to', 'subject', 'header'].map((field) => `rules_field_${field}`),
    ...['contains', 'equals', 'regex', 'present'].map((op) => `rules_op_${op}`),
    ...['auto', 'all_new', 'baseline'].map((choice) => `firstCheck_${choice}`),
    ...['auto', ...AccountColor.options].map((color) => `color_${color}`),
    ...BadgeColors.options.map((scheme) => `badgeColors_${scheme.replace('-', '_')}`),
    ...['autoconfig', 'well_known', 'ispdb', 'srv', 'none'].map((source) => `autoconfig_source_${source}`),
  ];
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\$\d/g) ?? [])].sort();

describe('the locales', () => {
  it('have the same keys in English and Spanish, none of them empty', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of [...Object.entries(en), ...Object.entries(es)])
      expect(message.trim(), key).not.toBe('');
  });

  it('have every key the code uses, literal or built', () => {
    const used = [...literalKeys()].filter((key) => !key.startsWith('@@'));
    expect(used.length).toBeGreaterThan(50);
    const missing = [...used, ...builtKeys()].filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });

  it('use only key characters the browsers accept', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('give a translation the same $1…$9 substitutions as the English text', () => {
    for (const key of Object.keys(en))
      expect(placeholders(es[key]?.message ?? ''), key).toEqual(placeholders(en[key]?.message ?? ''));
  });

  it('hold the English error table word for word, so the table stays the one source', () => {
    for (const code of ERROR_CODES) {
      expect(en[`error_${code}_message`]?.message).toBe(ERROR_TABLE[code].message);
      expect(en[`error_${code}_action`]?.message).toBe(ERROR_TABLE[code].action);
    }
  });

  it('keep the popbiff commands of an error action quoted in Spanish too (they are shown as code)', () => {
    for (const code of ERROR_CODES) {
      const commands = (text: string) =>
        actionParts(text)
          .filter((part) => part.command)
          .map((part) => part.text);
      expect(commands(es[`error_${code}_action`]?.message ?? ''), code).toEqual(commands(ERROR_TABLE[code].action));
    }
  });

  it('hold the schema messages word for word in English', () => {
    for (const [message, key] of Object.entries(MESSAGE_KEYS)) expect(en[key]?.message).toBe(message);
  });
});

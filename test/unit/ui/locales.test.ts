import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGE_KEYS } from '../../../src/options/schema-messages';
import { AccountColor } from '../../../src/shared/account';
import { AuthMethod, Security } from '../../../src/shared/server';
import { BadgeColors } from '../../../src/storage/settings';
import { ERROR_CODES, ERROR_TABLE } from '../../../src/shared/errors';
import { PROVIDERS } from '../../../src/shared/providers';
import { actionParts } from '../../../src/ui/error-help';
import { PLURAL_KEYS, type PluralKey } from '../../../src/shared/plural';
import { helpKeys } from '../../../src/options/help-topics';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

const root = resolve(import.meta.dirname, '../../..');
type Catalog = Record<string, { message: string }>;
const catalog = (language: string): Catalog =>
  JSON.parse(readFileSync(join(root, 'src/_locales', language, 'messages.json'), 'utf8')) as Catalog;
const en = catalog('en');
/** Every locale Popbiff ships, by its _locales folder name ("pt_BR"). */
const LOCALES = readdirSync(join(root, 'src/_locales')).sort();
const others = LOCALES.filter((language) => language !== 'en');
/** The BCP 47 tag the locale names itself with, for Intl ("pt-BR"). */
const tagOf = (language: string): string => catalog(language).locale_code?.message ?? '';
/** A plural family's member ("popup_newCount_few"), split into its base and category. */
const pluralMember = (key: string): { base: PluralKey; category: string } | undefined => {
  const base = PLURAL_KEYS.find((candidate) => key.startsWith(`${candidate}_`));
  return base && { base, category: key.slice(base.length + 1) };
};
/** The English text a key translates: for a plural form, English's "other". */
const englishFor = (key: string): string => {
  const member = pluralMember(key);
  return (member ? en[`${member.base}_other`] : en[key])?.message ?? '';
};

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
  // The background's words: texts.say('…') and texts.count('…'), and the labels it maps to.
  for (const file of sources(join(root, 'src', 'background'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bsay\('([^']+)'|: '((?:preview|popup|badge|notify)_[A-Za-z]+)'/g))
      keys.add(match[1] ?? match[2] ?? '');
    for (const match of text.matchAll(/\bcount\('([^']+)'/g)) keys.add(`${match[1] ?? ''}_other`);
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
    ...helpKeys(),
  ];
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\$\d/g) ?? [])].sort();

describe('the locales', () => {
  it('are English and the six translations, each naming itself by its folder', () => {
    expect(LOCALES).toEqual(['de', 'en', 'es', 'fr', 'he', 'it', 'pt_BR', 'ru']);
    for (const language of LOCALES) expect(tagOf(language)).toBe(language.replace('_', '-'));
  });

  it.each(others)('%s has every key English has, apart from plural forms, none of them empty', (language) => {
    const singular = (keys: string[]) => keys.filter((key) => pluralMember(key) === undefined).sort();
    const translated = catalog(language);
    expect(singular(Object.keys(translated))).toEqual(singular(Object.keys(en)));
    for (const [key, { message }] of Object.entries(translated)) expect(message.trim(), key).not.toBe('');
  });

  it.each(LOCALES)('%s has exactly the plural forms its language has, for every counted text', (language) => {
    const categories = new Intl.PluralRules(tagOf(language)).resolvedOptions().pluralCategories;
    const present = Object.keys(catalog(language)).filter((key) => pluralMember(key) !== undefined);
    const expected = PLURAL_KEYS.flatMap((base) => categories.map((category) => `${base}_${category}`));
    expect(present.sort()).toEqual(expected.sort());
  });

  it.each(LOCALES)('%s never hedges a plural with brackets, as in "message(s)"', (language) => {
    const hedged = Object.entries(catalog(language)).filter(([, { message }]) => /\p{L}\(\p{L}{1,3}\)/u.test(message));
    expect(hedged.map(([key]) => key)).toEqual([]);
  });

  it('have every key the code uses, literal or built', () => {
    const used = [...literalKeys()].filter((key) => !key.startsWith('@@'));
    expect(used.length).toBeGreaterThan(50);
    const counted = PLURAL_KEYS.map((base) => `${base}_other`);
    const missing = [...used, ...builtKeys(), ...counted].filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });

  it('use only key characters the browsers accept', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it.each(others)('%s gives each text the same $1…$9 substitutions as the English text', (language) => {
    for (const [key, { message }] of Object.entries(catalog(language)))
      expect(placeholders(message), key).toEqual(placeholders(englishFor(key)));
  });

  it('hold the English error table word for word, so the table stays the one source', () => {
    for (const code of ERROR_CODES) {
      expect(en[`error_${code}_message`]?.message).toBe(ERROR_TABLE[code].message);
      expect(en[`error_${code}_action`]?.message).toBe(ERROR_TABLE[code].action);
    }
  });

  it.each(others)('%s keeps the popbiff commands of an error action quoted (they are shown as code)', (language) => {
    const translated = catalog(language);
    for (const code of ERROR_CODES) {
      const commands = (text: string) =>
        actionParts(text)
          .filter((part) => part.command)
          .map((part) => part.text);
      expect(commands(translated[`error_${code}_action`]?.message ?? ''), code).toEqual(
        commands(ERROR_TABLE[code].action),
      );
    }
  });

  it('hold the schema messages word for word in English', () => {
    for (const [message, key] of Object.entries(MESSAGE_KEYS)) expect(en[key]?.message).toBe(message);
  });
});

/**
 * Fuzzing settings import: a settings file came from anywhere. Reading it never throws; it is
 * either refused with a problem to show, or gives settings that pass the schema and bring no
 * command with them (a command would run on this computer through the host).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportSettings, importSettings } from '../../src/options/settings-file';
import { DEFAULT_SETTINGS, Settings } from '../../src/storage/settings';
import { sampleAccount } from '../helpers/fake-browser';
import { FUZZ_TIMEOUT_MS, fuzzOptions } from '../helpers/fuzz';

const base = JSON.parse(
  exportSettings({
    ...DEFAULT_SETTINGS,
    accounts: [
      {
        ...sampleAccount('work'),
        desktopClient: { command: ['/usr/bin/thunderbird'] },
        server: { ...sampleAccount('work').server, passwordCommand: ['pass', 'show', 'mail'] },
      },
    ],
  }),
) as Record<string, unknown>;

/** The exported file with one top-level or account field replaced by an arbitrary JSON value. */
const mutated = fc
  .tuple(fc.constantFrom(...Object.keys(base), 'accounts.0.server', 'accounts.0.rules', 'version'), fc.jsonValue())
  .map(([path, value]) => {
    const copy = structuredClone(base);
    const [head, index, field] = path.split('.');
    if (head === 'accounts' && index !== undefined && field !== undefined) {
      const accounts = copy.accounts as Record<string, unknown>[];
      if (accounts[0]) accounts[0][field] = value;
    } else copy[head ?? 'version'] = value;
    return JSON.stringify(copy);
  });

describe('fuzz: settings import', () => {
  it(
    'any file is refused with a message or gives valid settings without commands',
    () => {
      fc.assert(
        fc.property(fc.oneof(mutated, fc.string({ maxLength: 300 }), fc.json()), (text) => {
          const result = importSettings(text);
          if (!result.ok) {
            expect(typeof result.problem).toBe('string');
            expect(result.problem.length).toBeGreaterThan(0);
            return;
          }
          expect(Settings.safeParse(result.settings).success).toBe(true);
          for (const account of result.settings.accounts) {
            expect(account.server.passwordCommand).toBeUndefined();
            expect(account.desktopClient?.command).toBeUndefined();
          }
        }),
        fuzzOptions,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

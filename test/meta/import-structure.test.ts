/**
 * One home for each concern (issue #9): no import cycles anywhere in src/, the POP3 engine knows
 * nothing above it, shared/ is pure, and the extension's UI and background meet only in
 * storage/, shared/ and the ui-messages contract.
 */
import { describe, expect, it } from 'vitest';
import { findCycles, type LayerRule, layerViolations, reachableFrom, readImportGraph } from '../helpers/import-graph';

const graph = readImportGraph();

it('reads the whole import graph of src/', () => {
  expect(graph.size).toBeGreaterThan(150);
  expect(graph.get('host/pop3/session.ts')).toEqual(
    expect.arrayContaining(['host/pop3/line-reader.ts', 'shared/errors.ts']),
  );
});

it('has no import cycle in src/ (type-only imports included)', () => {
  expect(findCycles(graph).map((chain) => chain.join(' -> '))).toEqual([]);
});

const UI = ['ui/', 'popup/', 'options/'];
const RULES: Record<string, LayerRule> = {
  'the POP3 engine imports only itself and shared/': { from: 'host/pop3/', mayImport: ['host/pop3/', 'shared/'] },
  'shared/ imports only shared/ (host and extension both use it)': { from: 'shared/', mayImport: ['shared/'] },
  'storage/ imports only storage/ and shared/': { from: 'storage/', mayImport: ['storage/', 'shared/'] },
  'the background never imports the UI': { from: 'background/', mayNotImport: [...UI, 'host/'] },
  'the popup never imports the background or the host': { from: 'popup/', mayNotImport: ['background/', 'host/'] },
  'the options page never imports the background or the host': {
    from: 'options/',
    mayNotImport: ['background/', 'host/'],
  },
  'the UI kit never imports the background or the host': { from: 'ui/', mayNotImport: ['background/', 'host/'] },
  'the host never imports extension code': {
    from: 'host/',
    mayNotImport: ['background/', 'storage/', 'ui-messages.ts', 'browser.ts', 'native-browser.ts', ...UI],
  },
};

describe('layering', () => {
  for (const [name, rule] of Object.entries(RULES)) {
    it(name, () => {
      expect(layerViolations(graph, rule)).toEqual([]);
    });
  }
});

/**
 * Budgets that an import can break without a test noticing until the bench runs: what a start
 * loads is the static closure of its entry (bench/ui-budgets.ts, bench/host-startup.ts).
 */
describe('start-up paths', () => {
  const loaded = readImportGraph({ dynamic: false, packages: true });

  it('the popup carries no preact/hooks (a twelfth of its 12 KB gzip budget)', () => {
    expect([...reachableFrom(loaded, 'popup/main.tsx')].filter((file) => file.startsWith('preact/hooks'))).toEqual([]);
  });

  it("the host's start never loads the rules' regex engine or the CLI", () => {
    const start = reachableFrom(loaded, 'host/main.ts');
    expect(start.has('host/native/run-host.ts')).toBe(true);
    expect([...start].filter((file) => file === 're2js' || file.startsWith('host/cli/'))).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import { findCycles, importSpecifiers, layerViolations, reachableFrom } from '../../helpers/import-graph';

it('reads value, type-only, re-export, side-effect and dynamic imports of files and packages, not comments', () => {
  const code = [
    "import { a } from './a';",
    "import type { B } from '../b';",
    "export { c } from './c';",
    "import './d.css';",
    "const e = await import('./e');",
    "// import { f } from './f';",
    "import { g } from 'zod/mini';",
  ].join('\n');
  expect(importSpecifiers(code).sort()).toEqual(['../b', './a', './c', './d.css', './e', 'zod/mini']);
  expect(importSpecifiers(code, { dynamic: false }).sort()).toEqual(['../b', './a', './c', './d.css', 'zod/mini']);
});

it('follows the graph from a file to everything it reaches, once each', () => {
  const graph = new Map([
    ['a.ts', ['b.ts', 'zod']],
    ['b.ts', ['a.ts', 'c.ts']],
    ['d.ts', ['a.ts']],
  ]);
  expect([...reachableFrom(graph, 'a.ts')].sort()).toEqual(['a.ts', 'b.ts', 'c.ts', 'zod']);
});

it('finds a cycle and names its chain', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
});

it('finds no cycle in a graph that has none', () => {
  expect(
    findCycles(
      new Map([
        ['a.ts', ['b.ts']],
        ['b.ts', []],
      ]),
    ),
  ).toEqual([]);
});

it('names each import that breaks a layering rule', () => {
  const graph = new Map([
    ['host/pop3/session.ts', ['host/pop3/transport.ts', 'shared/errors.ts', 'host/mailbox/check.ts']],
    ['host/mailbox/check.ts', ['host/pop3/session.ts']],
  ]);
  expect(layerViolations(graph, { from: 'host/pop3/', mayImport: ['host/pop3/', 'shared/'] })).toEqual([
    'host/pop3/session.ts -> host/mailbox/check.ts',
  ]);
  expect(layerViolations(graph, { from: 'host/', mayNotImport: ['background/'] })).toEqual([]);
});

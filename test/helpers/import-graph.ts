/**
 * The import graph of `src/` as plain data: who imports whom (type-only imports count, they are
 * knots a reader trips on too), its cycles and the imports that break a layering rule.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { SRC, sourceFiles, withoutComments } from './source-files';

/** File (relative to src, '/'-separated) → the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const STATIC_SPECIFIERS = [/\bfrom\s+['"]([^'"]+)['"]/g, /^\s*import\s+['"]([^'"]+)['"]/gm];
const DYNAMIC_SPECIFIER = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** What a file imports: relative paths and packages, dynamic imports unless `dynamic` is false. */
export function importSpecifiers(code: string, { dynamic = true } = {}): string[] {
  const text = withoutComments(code);
  const patterns = dynamic ? [...STATIC_SPECIFIERS, DYNAMIC_SPECIFIER] : STATIC_SPECIFIERS;
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''));
}

const isRelative = (specifier: string): boolean => specifier.startsWith('./') || specifier.startsWith('../');

function resolveSource(fromFile: string, specifier: string): string | undefined {
  const base = join(dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((path) => /\.tsx?$/.test(path) && existsSync(path));
}

const key = (path: string): string => relative(SRC, path).split('\\').join('/');

/**
 * Who imports whom in src/. `dynamic: false` leaves out import() (what loads only when used), for
 * what a start-up path loads; packages are kept as their bare names when `packages` is true.
 */
export function readImportGraph({ dynamic = true, packages = false } = {}): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    const specifiers = importSpecifiers(readFileSync(file, 'utf8'), { dynamic });
    const external = packages ? specifiers.filter((specifier) => !isRelative(specifier)) : [];
    const targets = specifiers
      .filter(isRelative)
      .map((specifier) => resolveSource(file, specifier))
      .filter((path): path is string => path !== undefined)
      .map(key);
    graph.set(key(file), [...new Set([...targets, ...external])]);
  }
  return graph;
}

/** Every file and package that `start` reaches through the graph, itself included. */
export function reachableFrom(graph: ImportGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...(graph.get(file) ?? []));
  }
  return seen;
}

/** Every import cycle as its chain of files (first file repeated at the end), each reported once. */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): void => {
    const at = onPath.indexOf(file);
    if (at >= 0) {
      cycles.push([...onPath.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    onPath.push(file);
    for (const target of graph.get(file) ?? []) visit(target);
    onPath.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return cycles;
}

/** A layering rule: files under `from` may import only files under one of `mayImport` (or none of `mayNotImport`). */
export interface LayerRule {
  from: string;
  mayImport?: readonly string[];
  mayNotImport?: readonly string[];
}

const under = (file: string, folder: string): boolean => file.startsWith(folder);

/** The imports that break a rule, as "importer -> imported". */
export function layerViolations(graph: ImportGraph, rule: LayerRule): string[] {
  const broken = (target: string): boolean =>
    (rule.mayImport !== undefined && !rule.mayImport.some((folder) => under(target, folder))) ||
    (rule.mayNotImport ?? []).some((folder) => under(target, folder));
  return [...graph]
    .filter(([file]) => under(file, rule.from))
    .flatMap(([file, targets]) => targets.filter(broken).map((target) => `${file} -> ${target}`));
}

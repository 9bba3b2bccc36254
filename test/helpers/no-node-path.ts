import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What a machine without Node.js lacks. */
const NODE_PROGRAMS = new Set(['node', 'nodejs', 'npm', 'npx', 'corepack']);

/**
 * A PATH with every program of the current one except Node's: one folder of symlinks, so the
 * browser's wrapper scripts still find their shell tools while `node` is found nowhere.
 */
export function pathWithoutNode(dir: string, path = process.env.PATH ?? ''): string {
  const bin = join(dir, 'bin-without-node');
  mkdirSync(bin, { recursive: true });
  const linked = new Set<string>();
  for (const folder of path.split(delimiter).filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue; // a PATH entry that does not exist
    }
    for (const name of names) {
      if (NODE_PROGRAMS.has(name) || linked.has(name)) continue;
      symlinkSync(join(folder, name), join(bin, name));
      linked.add(name);
    }
  }
  return bin;
}

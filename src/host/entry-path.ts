/**
 * The absolute path of the file Node started (dist/host/popbiff.mjs), which `install` writes
 * into the launcher. Set by main.ts: other modules live in lazily loaded chunks, so their own
 * import.meta.url names a chunk, not the entry.
 */
let entry: string | undefined;

export function setEntryPath(path: string): void {
  entry = path;
}

export function entryPath(): string {
  if (entry === undefined) throw new Error('entry path not set: main.ts sets it at start');
  return entry;
}

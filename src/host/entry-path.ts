/**
 * How this host was started, set once by its entry file: `install` registers it and the keyring
 * addon is found from it. Other modules cannot tell by themselves: in the npm bundle they live in
 * lazily loaded chunks (their own import.meta.url names a chunk, not the entry), and inside the
 * self-contained executable there is no file of the bundle at all.
 */
export interface Entry {
  /** dist/host/popbiff.mjs for the npm bundle; the program itself for the executable. */
  path: string;
  /** True in the self-contained executable (Node single executable application). */
  executable: boolean;
}

let entry: Entry | undefined;

export function setEntry(value: Entry): void {
  entry = value;
}

export function currentEntry(): Entry {
  if (entry === undefined) throw new Error('entry not set: the entry file (main.ts, sea-main.ts) sets it at start');
  return entry;
}

export const entryPath = (): string => currentEntry().path;

/** False until an entry says otherwise, so library code and tests behave as the npm bundle. */
export const isExecutable = (): boolean => entry?.executable === true;

/** How the user runs this host's CLI, for the commands we print ("Check it with: …"). */
export const commandName = (): string => (isExecutable() ? 'popbiff-host' : 'npx popbiff');

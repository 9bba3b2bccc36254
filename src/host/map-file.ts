import { readFile, rm } from 'node:fs/promises';
import { PopbiffError } from '../shared/errors';
import { isMissing, writeFileAtomic } from './atomic-file';
import { withFileLock } from './file-lock';
import { SharedRead } from './shared-read';

/** What one kind of map file holds and how it speaks of itself. */
export interface MapFormat<V> {
  /** The map's key in the file: `{"version": 1, "<field>": {...}}`. */
  field: string;
  /** The file as error messages name it ("the secrets file"). */
  name: string;
  /** What the user can do about a damaged file, said when a lookup finds one. */
  whenDamaged: string;
  /** The map in the parsed JSON, or undefined when it is damaged. Never echoes the content. */
  parse(json: unknown): Record<string, V> | undefined;
}

/**
 * A map kept by the host in one JSON file readable by the user only (0600): the secrets and the
 * commands, by account id. Lookups share a read already under way (shared-read.ts). Updates are
 * serialised within this process and locked against other hosts (Chrome's and Firefox's each
 * start one), read the file afresh under that lock and replace it atomically, so two concurrent
 * updates cannot lose each other (file-lock.ts).
 */
export class MapFile<V> {
  private readonly lookups: SharedRead;

  constructor(
    private readonly path: string,
    private readonly format: MapFormat<V>,
  ) {
    this.lookups = new SharedRead(path);
  }

  /** The map as stored (empty when there is no file); STORAGE_FAILED when the file is damaged. */
  async entries(): Promise<Record<string, V>> {
    const map = await this.read(() => this.lookups.text());
    if (!map)
      throw new PopbiffError(
        'STORAGE_FAILED',
        `${capitalised(this.format.name)} is damaged; ${this.format.whenDamaged}`,
      );
    return map;
  }

  /** Changes the map in place under the lock; a damaged file starts afresh (it was useless anyway). */
  update(change: (map: Record<string, V>) => void): Promise<void> {
    return withFileLock(this.path, async () => {
      const map = Object.assign(Object.create(null) as Record<string, V>, await this.read());
      change(map);
      try {
        await writeFileAtomic(this.path, JSON.stringify({ version: 1, [this.format.field]: map }), 0o600);
      } catch {
        throw new PopbiffError('STORAGE_FAILED', `Could not write ${this.format.name}.`);
      } finally {
        this.lookups.changed();
      }
    });
  }

  /** Removes the file itself. */
  async remove(): Promise<void> {
    await rm(this.path, { force: true });
    this.lookups.changed();
  }

  /** The map, or undefined when the file is damaged; a lookup may share a read under way. */
  private async read(fileText = () => readFile(this.path, 'utf8')): Promise<Record<string, V> | undefined> {
    let text: string;
    try {
      text = await fileText();
    } catch (error) {
      if (isMissing(error)) return Object.create(null) as Record<string, V>;
      throw new PopbiffError('STORAGE_FAILED', `Could not read ${this.format.name}.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    return this.format.parse(json);
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The value a map's own key names; never one inherited from Object.prototype ("__proto__", "constructor"). */
export function own<V>(map: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

import { readFile } from 'node:fs/promises';

/**
 * Reads of one small file that start while another read of it is under way get that read's
 * text. Every check of a batch looks up the secrets and commands files (20 checks: 60 reads at
 * once, the new-mail command's included), and Node's four fs threads served them ahead of what
 * the checks were waiting for: their own state files and the check's code.
 *
 * Only for lookups: a read-modify-write reads afresh under its lock. The store calls `changed()`
 * once a write of this process is done, so a lookup that starts after that write never gets a
 * read that began before it ended.
 */
export class SharedRead {
  private pending: Promise<string> | undefined;

  constructor(private readonly path: string) {}

  text(): Promise<string> {
    if (this.pending !== undefined) return this.pending;
    const reading = readFile(this.path, 'utf8');
    this.pending = reading;
    const done = (): void => {
      if (this.pending === reading) this.pending = undefined;
    };
    reading.then(done, done);
    return reading;
  }

  /** A write of this process is done: later lookups read the file again. */
  changed(): void {
    this.pending = undefined;
  }
}

/**
 * Big mailboxes for benchmarks and the soak: thousands of tiny messages written straight into
 * a Dovecot Maildir, and the resident-server settings such runs use.
 */
import { chown, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mailOwner } from './dovecot';

/**
 * A resident server's settings, so measurements show the client rather than Dovecot's per-login
 * costs: no maildir rescan when the folder did not change, sizes from the index, login and pop3
 * processes kept warm.
 */
export const RESIDENT_DOVECOT = `
maildir_very_dirty_syncs = yes
pop3_fast_size_lookups = yes
service pop3 {
  process_min_avail = 2
  service_count = 0
}
service pop3-login {
  service_count = 0
  process_min_avail = 1
}
`;

/** Writes `count` tiny messages straight into cur/ (Dovecot picks them up on first access). */
export async function fillMaildir(maildir: string, count: number, tag: string): Promise<void> {
  const owner = mailOwner();
  const base = 1_600_000_000;
  const BATCH = 256;
  for (let start = 0; start < count; start += BATCH) {
    const writes: Promise<void>[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const body = tinyMessage(`${tag}-${i}`);
      const file = path.join(maildir, 'cur', `${base + i}.M${i}P1.bench,S=${Buffer.byteLength(body)}:2,S`);
      writes.push(writeFile(file, body).then(() => chown(file, owner.uid, owner.gid)));
    }
    await Promise.all(writes);
  }
}

export function tinyMessage(id: string): string {
  return `From: Bench <bench@example.org>\nSubject: Message ${id}\nDate: Mon, 1 Jan 2024 10:00:00 +0000\nMessage-ID: <${id}@bench.test>\n\nx\n`;
}

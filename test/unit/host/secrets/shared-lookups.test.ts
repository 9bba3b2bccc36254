import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { CommandStore } from '../../../../src/host/commands/command-store';
import { FileSecretStore } from '../../../../src/host/secrets/file-secret-store';
import { useTempDir } from '../../../helpers/temp-dir';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

const tempDir = useTempDir();
const ids = Array.from({ length: 20 }, (_, i) => `acc-${i}`);

describe('lookups in the secrets and commands files during a batch', () => {
  it('twenty checks looking up their passwords at once read the secrets file once', async () => {
    const store = new FileSecretStore(tempDir());
    for (const id of ids) await store.set(id, `secret-${id}`);
    vi.mocked(readFile).mockClear();
    expect(await Promise.all(ids.map((id) => store.get(id)))).toEqual(ids.map((id) => `secret-${id}`));
    expect(readFile).toHaveBeenCalledTimes(1);
  });

  it('twenty lookups of commands at once read the commands file once', async () => {
    const store = new CommandStore(tempDir());
    await store.set('acc-1', 'mailClient', ['thunderbird']);
    vi.mocked(readFile).mockClear();
    const found = await Promise.all(ids.map((id) => store.get(id, 'mailClient')));
    expect(found.filter((argv) => argv !== undefined)).toEqual([['thunderbird']]);
    expect(readFile).toHaveBeenCalledTimes(1);
  });

  it('a lookup after a write sees it, even when a lookup begun before the write was still reading', async () => {
    const store = new FileSecretStore(tempDir());
    await store.set('acc-1', 'old');
    const before = store.get('acc-1');
    await store.set('acc-1', 'new');
    expect(await store.get('acc-1')).toBe('new');
    expect(['old', 'new']).toContain(await before);
    const commands = new CommandStore(tempDir());
    const earlier = commands.get('acc-1', 'mailClient');
    await commands.set('acc-1', 'mailClient', ['mutt']);
    expect(await commands.get('acc-1', 'mailClient')).toEqual(['mutt']);
    await earlier;
  });
});

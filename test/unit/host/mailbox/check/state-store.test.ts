import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modeOf, useTempDir } from '../../../../helpers/temp-dir';
import { StateStore } from '../../../../../src/host/mailbox/check/state-store';

const tempDir = useTempDir();

describe('StateStore', () => {
  it('returns the saved mailbox only for the token it handed out', async () => {
    const store = new StateStore(tempDir());
    const token = await store.save('acc1', { uids: ['u1', 'u2'] });
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(await store.load('acc1', token)).toEqual({ uids: ['u1', 'u2'] });
    expect(await store.load('acc1', 'someone-elses-token')).toBeUndefined();
    expect(await store.load('acc1', undefined)).toBeUndefined();
    expect(await store.load('acc2', token)).toBeUndefined();
  });

  it('hands out a new token on every save, invalidating the old one', async () => {
    const store = new StateStore(tempDir());
    const first = await store.save('acc1', { uids: ['u1'] });
    const second = await store.save('acc1', { uids: ['u1', 'u2'] });
    expect(second).not.toBe(first);
    expect(await store.load('acc1', first)).toBeUndefined();
    expect(await store.load('acc1', second)).toEqual({ uids: ['u1', 'u2'] });
  });

  it('keeps the state a check started from under its token, for a reply the extension never stored', async () => {
    const store = new StateStore(tempDir());
    const first = await store.save('acc1', { uids: ['u1'] });
    const second = await store.save('acc1', { uids: ['u1', 'u2'] }, { token: first, known: { uids: ['u1'] } });
    expect(await store.load('acc1', first)).toEqual({ uids: ['u1'] });
    expect(await store.load('acc1', second)).toEqual({ uids: ['u1', 'u2'] });
    // Checking again from the older state replaces the lost one; older states are gone.
    const third = await store.save('acc1', { uids: ['u1', 'u2', 'u3'] }, { token: first, known: { uids: ['u1'] } });
    expect(await store.load('acc1', second)).toBeUndefined();
    expect(await store.load('acc1', first)).toEqual({ uids: ['u1'] });
    const fourth = await store.save(
      'acc1',
      { uids: ['u1', 'u2', 'u3', 'u4'] },
      { token: third, known: { uids: ['u1', 'u2', 'u3'] } },
    );
    expect(await store.load('acc1', first)).toBeUndefined();
    expect(await store.load('acc1', third)).toEqual({ uids: ['u1', 'u2', 'u3'] });
    expect(fourth).not.toBe(third);
  });

  it('writes nothing for a check that found the mailbox as it started, and keeps its token', async () => {
    const store = new StateStore(tempDir());
    const first = await store.save('acc1', { uids: ['u1'], lastFullScanAt: 1 });
    const file = join(tempDir(), 'state', 'acc1.json');
    const before = statSync(file);
    const loaded = await store.load('acc1', first);
    expect(
      await store.save('acc1', { uids: ['u1'], lastFullScanAt: 1 }, { token: first, known: loaded ?? { uids: [] } }),
    ).toBe(first);
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    // Anything else the check learned, even only when it last scanned in full, is saved.
    const second = await store.save(
      'acc1',
      { uids: ['u1'], lastFullScanAt: 2 },
      { token: first, known: loaded ?? { uids: [] } },
    );
    expect(second).not.toBe(first);
    expect(await store.load('acc1', second)).toEqual({ uids: ['u1'], lastFullScanAt: 2 });
  });

  it('keeps the state a check started from as the check loaded it, even if another host wrote the file meanwhile', async () => {
    const store = new StateStore(tempDir());
    const other = new StateStore(tempDir());
    const first = await store.save('acc1', { uids: ['u1'] });
    const loaded = await store.load('acc1', first);
    // The other browser's host checks the same account while this check runs.
    await other.save('acc1', { uids: ['u1', 'x'] });
    const second = await store.save('acc1', { uids: ['u1', 'u2'] }, { token: first, known: loaded ?? { uids: [] } });
    expect(await store.load('acc1', first)).toEqual({ uids: ['u1'] });
    expect(await store.load('acc1', second)).toEqual({ uids: ['u1', 'u2'] });
  });

  it('saves of one account by two hosts at once leave one whole state file, as the last of them wrote it', async () => {
    const stores = [new StateStore(tempDir()), new StateStore(tempDir())];
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (stores[i % 2] as StateStore).save('acc1', { uids: [`u${i}`] })),
    );
    const readable = await Promise.all(tokens.map((token) => stores[0]?.load('acc1', token)));
    // Exactly one save's state is on disk, whole: every other token names nothing.
    expect(readable.filter((known) => known !== undefined)).toHaveLength(1);
  });

  it('keeps one compact private file per account and forgets it on delete', async () => {
    const store = new StateStore(tempDir());
    const token = await store.save('acc1', { uids: ['u1'] });
    const file = join(tempDir(), 'state', 'acc1.json');
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ token, uids: ['u1'] }));
    expect(modeOf(file)).toBe(0o600);
    await store.delete('acc1');
    expect(await store.load('acc1', token)).toBeUndefined();
    await store.delete('acc1'); // deleting twice is fine
  });

  it('remembers everything the next check needs to stay O(1): last full scan and server facts', async () => {
    const store = new StateStore(tempDir());
    const known = {
      uids: ['u1', 'u2'],
      lastFullScanAt: 1_700_000_000_000,
      serverFacts: { capa: true, pipelining: false, uidl: true, capabilities: ['TOP', 'UIDL', 'SASL PLAIN'] },
      fingerprints: false,
    };
    const token = await store.save('acc1', known);
    expect(await store.load('acc1', token)).toEqual(known);
  });

  it('treats a state file of the wrong shape as lost state', async () => {
    const store = new StateStore(tempDir());
    const token = await store.save('acc1', { uids: ['u1'] });
    writeFileSync(
      join(tempDir(), 'state', 'acc1.json'),
      JSON.stringify({ token, uids: ['u1'], serverFacts: { capa: 'yes' } }),
    );
    expect(await store.load('acc1', token)).toBeUndefined();
  });

  it('treats a damaged state file as lost state', async () => {
    const store = new StateStore(tempDir());
    const token = await store.save('acc1', { uids: ['u1'] });
    writeFileSync(join(tempDir(), 'state', 'acc1.json'), `{"token":"${token}","uids":[1`);
    expect(await store.load('acc1', token)).toBeUndefined();
  });

  it('refuses account ids that could escape the state folder', async () => {
    await expect(new StateStore(tempDir()).save('../evil', { uids: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

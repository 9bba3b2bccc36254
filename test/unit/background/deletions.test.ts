import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNDO_WINDOW_MS, type AccountState, type ExtensionState } from '../../../src/storage/account-state';
import { applyDeletion, scheduleDeletion, takeDue, undoDeletion } from '../../../src/background/deletion-plan';
import { createWorker, type Worker } from '../../../src/background/worker';
import { SETTINGS_KEY } from '../../../src/storage/settings';
import { STATE_VERSION } from '../../../src/storage/keys';
import {
  checkResult,
  createFakeBrowser,
  sampleAccount,
  sampleSettings,
  summary,
  type FakeBrowser,
  type HostRequest,
} from '../../helpers/fake-browser';

const T0 = 1_700_000_000_000;
const base = (uids: string[]): AccountState => ({
  count: 10,
  unseenCount: uids.length + 3,
  unseen: uids.map(summary),
  failures: 0,
});

describe('deletion steps (pure)', () => {
  it('a scheduled deletion waits the undo window, and a second choice restarts it with both messages', () => {
    const first = scheduleDeletion(base(['a', 'b']), ['a'], T0);
    expect(first.pendingDeletion).toEqual({ uids: ['a'], dueAt: T0 + UNDO_WINDOW_MS });
    const second = scheduleDeletion(first, ['b', 'a'], T0 + 4000);
    expect(second.pendingDeletion).toEqual({ uids: ['a', 'b'], dueAt: T0 + 4000 + UNDO_WINDOW_MS });
  });

  it('nothing is taken before the window ends, and what is taken is taken once', () => {
    const pending = scheduleDeletion(base(['a']), ['a'], T0);
    expect(takeDue(pending, T0 + UNDO_WINDOW_MS - 1).uids).toEqual([]);
    const taken = takeDue(pending, T0 + UNDO_WINDOW_MS);
    expect(taken.uids).toEqual(['a']);
    expect(takeDue(taken.state, T0 + UNDO_WINDOW_MS + 1).uids).toEqual([]);
  });

  it('undo leaves nothing to take', () => {
    const undone = undoDeletion(scheduleDeletion(base(['a']), ['a'], T0));
    expect(undone.pendingDeletion).toBeUndefined();
    expect(takeDue(undone, T0 + UNDO_WINDOW_MS * 2).uids).toEqual([]);
  });

  it('deleted and missing messages leave the list and the count; ambiguous ones stay', () => {
    const next = applyDeletion(base(['a', 'b', 'c']), { deleted: ['a'], missing: ['b'], ambiguous: ['c'], at: T0 });
    expect(next.unseen.map((m) => m.uid)).toEqual(['c']);
    expect(next.unseenCount).toBe(4);
    expect(next.count).toBe(9);
    expect(next.lastDeletion).toEqual({ deleted: ['a'], missing: ['b'], ambiguous: ['c'], at: T0 });
  });
});

describe('background: delete on server with undo', () => {
  let fake: FakeBrowser;
  let worker: Worker;
  let hostLog: HostRequest[];
  let deleteReply: (request: HostRequest) => unknown;

  const accountOf = (): AccountState => fake.storage.state().accounts.work ?? base([]);
  const deletes = () => hostLog.filter((r) => r.type === 'delete-messages');

  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    hostLog = [];
    deleteReply = (request) => ({ deleted: request.payload.uids, missing: [], ambiguous: [] });
    fake = createFakeBrowser((request, port) => {
      hostLog.push(request);
      if (request.type === 'delete-messages') return port.ok(request.id, deleteReply(request));
      port.ok(request.id, { done: true });
    });
    fake.storage.set(SETTINGS_KEY, sampleSettings([sampleAccount('work')]));
    const state: ExtensionState = { version: STATE_VERSION, accounts: { work: base(['m1', 'm2', 'm3']) } };
    fake.storage.setState(state);
    worker = createWorker(fake.platform);
  });
  afterEach(() => vi.useRealTimers());

  it('deletes only after 10 s, through the host, and the messages leave the list', async () => {
    const reply = await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['m2'] });
    expect(reply).toEqual({ ok: true, result: { dueAt: T0 + UNDO_WINDOW_MS } });
    expect(accountOf().pendingDeletion).toEqual({ uids: ['m2'], dueAt: T0 + UNDO_WINDOW_MS });
    expect(fake.alarms.has('delete:work')).toBe(true);
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS - 1);
    expect(deletes()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await worker.idle();
    expect(deletes()).toHaveLength(1);
    expect(deletes()[0]?.payload).toMatchObject({
      accountId: 'work',
      uids: ['m2'],
      server: { host: 'mail.example.org' },
    });
    expect(accountOf().unseen.map((m) => m.uid)).toEqual(['m1', 'm3']);
    expect(accountOf().lastDeletion).toMatchObject({ deleted: ['m2'], missing: [] });
    expect(accountOf().pendingDeletion).toBeUndefined();
    expect(fake.alarms.has('delete:work')).toBe(false);
    // The safety-net alarm firing late finds nothing left to do.
    await worker.onAlarm('delete:work');
    expect(deletes()).toHaveLength(1);
  });

  it('undo within the window means the host is never asked', async () => {
    await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['m1'] });
    await vi.advanceTimersByTimeAsync(5000);
    expect(await worker.onMessage({ type: 'undo-delete', accountId: 'work' })).toEqual({
      ok: true,
      result: { undone: true },
    });
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS * 3);
    await worker.onAlarm('delete:work');
    await worker.idle();
    expect(deletes()).toHaveLength(0);
    expect(accountOf().unseen.map((m) => m.uid)).toEqual(['m1', 'm2', 'm3']);
  });

  it('undo after the deletion started says it was too late', async () => {
    await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['m1'] });
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    await worker.idle();
    expect(await worker.onMessage({ type: 'undo-delete', accountId: 'work' })).toEqual({
      ok: true,
      result: { undone: false },
    });
    expect(deletes()).toHaveLength(1);
  });

  it('a worker restarted after the window (timer lost) deletes from the alarm, once', async () => {
    await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['m3'] });
    const restarted = createWorker(fake.platform);
    vi.setSystemTime(T0 + UNDO_WINDOW_MS + 1000);
    await restarted.onAlarm('delete:work');
    await restarted.onAlarm('delete:work');
    expect(deletes()).toHaveLength(1);
    expect(accountOf().unseen.map((m) => m.uid)).toEqual(['m1', 'm2']);
  });

  it('refuses to delete a message that is not in the list', async () => {
    const reply = await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['elsewhere'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(accountOf().pendingDeletion).toBeUndefined();
  });

  it('a host failure is reported and removes nothing from the list', async () => {
    fake.script((request, port) => {
      hostLog.push(request);
      port.fail(request.id, 'IN_USE', 'mailbox locked');
    });
    await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['m1'] });
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    await worker.idle();
    expect(accountOf().lastDeletion).toMatchObject({ deleted: [], error: { code: 'IN_USE' } });
    expect(accountOf().unseen).toHaveLength(3);
  });

  for (const onServer of [false, true]) {
    it(`a deletion the server never confirmed leaves the list as "not yet confirmed"; the next check ${onServer ? 'finds it still there and shows it again' : 'confirms it'}`, async () => {
      deleteReply = () => ({ deleted: [], missing: [], ambiguous: [], unconfirmed: ['m2'] });
      await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['m2'] });
      await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
      await worker.idle();
      expect(accountOf().unseen.map((m) => m.uid)).toEqual(['m1', 'm3']);
      expect(accountOf().lastDeletion).toMatchObject({ deleted: [], unconfirmed: ['m2'] });
      expect(accountOf().lastDeletion?.error).toBeUndefined();

      fake.script((request, port) => {
        hostLog.push(request);
        const watch = request.payload.watch as string[];
        port.ok(request.id, checkResult({ gone: onServer ? [] : watch.filter((uid) => uid === 'm2') }));
      });
      await worker.onMessage({ type: 'check-now', accountId: 'work' });
      expect(hostLog.find((r) => r.type === 'check')?.payload.watch).toContain('m2');
      const settled = accountOf();
      expect(settled.error).toBeUndefined();
      expect(settled.lastDeletion?.unconfirmed).toBeUndefined();
      if (onServer) {
        expect(settled.unseen.map((m) => m.uid).sort()).toEqual(['m1', 'm2', 'm3']);
        expect(settled.lastDeletion).toMatchObject({ deleted: [], notDeleted: ['m2'] });
      } else {
        expect(settled.unseen.map((m) => m.uid)).toEqual(['m1', 'm3']);
        expect(settled.lastDeletion).toMatchObject({ deleted: ['m2'] });
        expect(settled.lastDeletion?.notDeleted).toBeUndefined();
      }
    });
  }

  it('already-gone and shared messages are reported as such', async () => {
    deleteReply = () => ({ deleted: [], missing: ['m1'], ambiguous: ['m2'] });
    await worker.onMessage({ type: 'schedule-delete', accountId: 'work', uids: ['m1', 'm2'] });
    await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    await worker.idle();
    expect(accountOf().lastDeletion).toMatchObject({ deleted: [], missing: ['m1'], ambiguous: ['m2'] });
    expect(accountOf().unseen.map((m) => m.uid)).toEqual(['m2', 'm3']);
  });
});

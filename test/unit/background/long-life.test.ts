/**
 * The background over a long life: 1,000 alarm-driven checks in the fake browser against a
 * scripted host whose mailboxes change the way real ones do (mail arrives, is deleted elsewhere,
 * is delivered again, is dismissed in the popup; now and then the host reports mail it already
 * reported, as after a lost reply, and the server reuses the UID of mail that is gone for a new
 * message). Storage stays within a fixed bound per account, the announced UIDs are pruned to what
 * the server still has, every message is announced at most once, and a reused UID is a new message.
 */
import { describe, expect, it } from 'vitest';
import { createWorker } from '../../../src/background/worker';
import { MAX_NOTIFIED_KEPT } from '../../../src/storage/account-state';
import { SETTINGS_KEY } from '../../../src/storage/settings';
import type { MessageSummary } from '../../../src/shared/mail';
import { checkResult, createFakeBrowser, sampleAccount, sampleSettings } from '../../helpers/fake-browser';

const CHECKS = 1_000;
const ACCOUNTS = ['home', 'work', 'club'];
const STEP_MS = 5 * 60_000;
/** Per account in storage.local: 100 summaries of a few hundred bytes plus the notified UIDs. */
const MAX_BYTES_PER_ACCOUNT = 64 * 1024;

/** A small deterministic PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** `generation` tells a message apart from an earlier one that had the same (reused) UID. */
const summaryOf = (uid: string, generation: number): MessageSummary => ({
  uid,
  number: 1,
  size: 200,
  from: { name: `sender ${uid}#${generation}`, address: `${uid}@example.org` },
  subject: `Message ${uid} with a subject long enough to weigh what real ones do in storage`,
  date: '',
  messageId: `<${uid}@example.org>`,
});

describe('the background over a long life', () => {
  it(`stays within its storage bound and announces nothing twice over ${CHECKS} alarm-driven checks`, async () => {
    const random = prng(20_261_203);
    const server = new Map<string, string[]>(ACCOUNTS.map((id) => [id, []]));
    /** What the scripted host remembers per account (its state file), and the token naming it. */
    const hostKnown = new Map<string, { token: string; uids: Set<string> }>();
    /** Each message the host reported new (not a replay), as `uid#generation`. */
    const reportedNew = new Set<string>();
    /** How often each UID has been given to a message: a reused UID names a new message. */
    const generation = new Map<string, number>();
    /** Per account, UIDs that a check has seen gone: the server may reuse them. */
    const reusable = new Map<string, string[]>(ACCOUNTS.map((id) => [id, []]));
    const deliver = (uid: string) => generation.set(uid, (generation.get(uid) ?? 0) + 1);
    let reused = 0;
    let tokens = 0;
    let delivered = 0;
    let now = Date.UTC(2026, 0, 5, 9, 0, 0);

    const fake = createFakeBrowser((request, port) => {
      if (request.type !== 'check') return port.ok(request.id, { done: true });
      const accountId = String(request.payload.accountId);
      const uids = server.get(accountId) ?? [];
      const known = hostKnown.get(accountId);
      const token = `t${++tokens}`;
      const baseline = known === undefined || known.token !== request.payload.stateToken;
      // A replay: the host reports again what it reported last time, as after a lost reply.
      const replay = !baseline && random() < 0.05;
      const fresh = baseline ? [] : uids.filter((uid) => replay || !known.uids.has(uid)).slice(-20);
      for (const uid of known?.uids ?? []) if (!uids.includes(uid)) reusable.get(accountId)?.push(uid);
      hostKnown.set(accountId, { token, uids: new Set(uids) });
      const watch = (request.payload.watch as string[]) ?? [];
      const named = (uid: string) => `${uid}#${generation.get(uid) ?? 0}`;
      if (!baseline) for (const uid of fresh) if (!known.uids.has(uid)) reportedNew.add(named(uid));
      port.ok(
        request.id,
        checkResult({
          count: uids.length,
          newCount: fresh.length,
          newMessages: fresh.map((uid) => summaryOf(uid, generation.get(uid) ?? 0)).reverse(),
          gone: watch.filter((uid) => !uids.includes(uid)),
          baseline,
          stateToken: token,
        }),
      );
    });
    fake.platform.now = () => now;
    fake.storage.set(SETTINGS_KEY, sampleSettings(ACCOUNTS.map((id) => sampleAccount(id, { intervalMinutes: 5 }))));
    const worker = createWorker(fake.platform);
    await worker.start();

    for (let check = 0; check < CHECKS; check++) {
      const accountId = ACCOUNTS[check % ACCOUNTS.length] as string;
      const uids = server.get(accountId) as string[];
      const roll = random();
      const gone = reusable.get(accountId) as string[];
      if (roll < 0.4) {
        for (let n = 1 + Math.floor(random() * 3); n > 0; n--) uids.push(`m${++delivered}`);
      } else if (roll < 0.55 && uids.length > 0) {
        uids.splice(Math.floor(random() * uids.length), 1); // deleted by another client
      } else if (roll < 0.6) {
        uids.push(`m${++delivered}`); // the same mail delivered again gets a new UID (RFC 1939 §7)
      } else if (roll < 0.7) {
        await worker.onMessage({ type: 'dismiss', accountId });
      } else if (roll < 0.75 && gone.length > 0) {
        // A server may give a new message the UID of one that is gone (RFC 1939 §7 allows it).
        const uid = gone.splice(Math.floor(random() * gone.length), 1)[0] as string;
        deliver(uid);
        uids.push(uid);
        reused++;
        delivered++;
      }
      for (const uid of uids) if (!generation.has(uid)) deliver(uid);
      // Mailboxes that are never emptied would make the bound trivial or unreachable: keep ~150.
      if (uids.length > 150) uids.splice(0, uids.length - 150);
      now += STEP_MS;
      await worker.onAlarm(`check:${accountId}`);
      await worker.idle();

      const state = fake.storage.state();
      for (const id of ACCOUNTS) {
        const account = state.accounts[id];
        expect(JSON.stringify(account ?? {}).length, `${id} after check ${check}`).toBeLessThanOrEqual(
          MAX_BYTES_PER_ACCOUNT,
        );
        expect(account?.notified?.length ?? 0).toBeLessThanOrEqual(MAX_NOTIFIED_KEPT);
      }
      // What the check just reported gone is forgotten: only mail the server still has is remembered.
      const onServer = new Set(uids);
      const stale = (state.accounts[accountId]?.notified ?? []).filter((uid) => !onServer.has(uid));
      expect(stale, `${accountId} after check ${check}`).toEqual([]);
    }

    const announced = fake.notificationLog.map(({ options }) => {
      const many = /: (\d+) new messages$/.exec(options.title);
      return many ? Number(many[1]) : 1;
    });
    const once = fake.notificationLog.filter(({ options }) => !/new messages$/.test(options.title));
    const namedUids = once.map(({ options }) => /sender (m\d+#\d+)$/.exec(options.title)?.[1]);
    expect(delivered).toBeGreaterThan(500);
    expect(reused).toBeGreaterThan(10);
    expect(new Set(namedUids).size).toBe(namedUids.length);
    // Every message the host reported new once was announced once, however often it was replayed.
    expect(announced.reduce((sum, n) => sum + n, 0)).toBe(reportedNew.size);
  }, 120_000);
});

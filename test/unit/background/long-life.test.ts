/**
 * The background over a long life: 1,000 alarm-driven checks in the fake browser against a
 * scripted host whose mailboxes change the way real ones do (mail arrives, is deleted elsewhere,
 * is delivered again, is dismissed in the popup; now and then the host reports mail it already
 * reported, as after a lost reply). Storage stays within a fixed bound per account, and every
 * message is announced at most once.
 */
import { describe, expect, it } from 'vitest';
import { createWorker } from '../../../src/background/worker';
import { MAX_NOTIFIED_KEPT, STATE_KEY, type ExtensionState } from '../../../src/storage/account-state';
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

const summaryOf = (uid: string): MessageSummary => ({
  uid,
  number: 1,
  size: 200,
  from: { name: `sender ${uid}`, address: `${uid}@example.org` },
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
    const reportedNew = new Set<string>();
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
      hostKnown.set(accountId, { token, uids: new Set(uids) });
      const watch = (request.payload.watch as string[]) ?? [];
      if (!baseline) for (const uid of fresh) if (!known.uids.has(uid)) reportedNew.add(uid);
      port.ok(
        request.id,
        checkResult({
          count: uids.length,
          newCount: fresh.length,
          newMessages: fresh.map(summaryOf).reverse(),
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
      if (roll < 0.4) {
        for (let n = 1 + Math.floor(random() * 3); n > 0; n--) uids.push(`m${++delivered}`);
      } else if (roll < 0.55 && uids.length > 0) {
        uids.splice(Math.floor(random() * uids.length), 1); // deleted by another client
      } else if (roll < 0.6) {
        uids.push(`m${++delivered}`); // the same mail delivered again gets a new UID (RFC 1939 §7)
      } else if (roll < 0.7) {
        await worker.onMessage({ type: 'dismiss', accountId });
      }
      // Mailboxes that are never emptied would make the bound trivial or unreachable: keep ~150.
      if (uids.length > 150) uids.splice(0, uids.length - 150);
      now += STEP_MS;
      await worker.onAlarm(`check:${accountId}`);
      await worker.idle();

      const state = fake.storage.get(STATE_KEY) as ExtensionState;
      for (const id of ACCOUNTS) {
        const account = state.accounts[id];
        expect(JSON.stringify(account ?? {}).length, `${id} after check ${check}`).toBeLessThanOrEqual(
          MAX_BYTES_PER_ACCOUNT,
        );
        expect(account?.notified?.length ?? 0).toBeLessThanOrEqual(MAX_NOTIFIED_KEPT);
      }
    }

    const announced = fake.notificationLog.map(({ options }) => {
      const many = /: (\d+) new messages$/.exec(options.title);
      return many ? Number(many[1]) : 1;
    });
    const once = fake.notificationLog.filter(({ options }) => !/new messages$/.test(options.title));
    const namedUids = once.map(({ options }) => /sender (m\d+)$/.exec(options.title)?.[1]);
    expect(delivered).toBeGreaterThan(500);
    expect(new Set(namedUids).size).toBe(namedUids.length);
    // Every message the host reported new once was announced once, however often it was replayed.
    expect(announced.reduce((sum, n) => sum + n, 0)).toBe(reportedNew.size);
  }, 120_000);
});

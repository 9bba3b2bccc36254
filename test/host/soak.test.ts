/**
 * The short soak of the default suite: 300 checks by one host over one native-messaging
 * connection against the real Dovecot, for a public-CA account and for one with its own CA file,
 * after 400 that warm the host's heap up (they count for mail and failures, not for memory).
 * `npm run soak` runs the 10,000-check version with the same rules, where warming up is noise.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DovecotServer } from '../../scripts/lib/dovecot';
import { runSoak, type SoakTrust, startSoakServer } from '../helpers/soak';
import { ensureHostBundle } from './host-process';

const CHECKS = 300;
const WARM_UP = 400;
/** Often enough that a short run still delivers dozens of messages. */
const DELIVER_EVERY = 10;
const BIG_MAILBOX = 5_000;

let dir: string;
let dovecot: DovecotServer;

beforeAll(async () => {
  ensureHostBundle();
  dir = await mkdtemp(join(tmpdir(), 'popbiff-soak-'));
  dovecot = await startSoakServer(join(dir, 'dovecot'), BIG_MAILBOX);
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.each<SoakTrust>(['public-ca', 'ca-file'])('a host checking for a long time (%s account)', (trust) => {
  it(`reports every delivered message new exactly once over ${WARM_UP + CHECKS} checks, fails none, and stays flat in memory over the last ${CHECKS}`, async () => {
    const figures = await runSoak({
      dovecot,
      configDir: await mkdtemp(join(dir, `host-${trust}-`)),
      trust,
      checks: WARM_UP + CHECKS,
      warmUp: WARM_UP,
      deliverEvery: DELIVER_EVERY,
    });
    expect(figures.failures).toEqual([]);
    expect(figures.delivered).toBe(Math.floor((WARM_UP + CHECKS - 2) / DELIVER_EVERY));
    expect(figures.duplicates).toEqual([]);
    expect(figures.missing).toEqual([]);
    expect(figures.unexpected).toEqual([]);
    expect(figures.rss.peakMb).toBeLessThanOrEqual(120);
    expect(figures.rss.secondHalfGrowth).toBeLessThanOrEqual(0.1);
  }, 300_000);
});

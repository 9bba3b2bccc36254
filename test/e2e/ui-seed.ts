/**
 * Storage contents for the UI's browser tests and budget bench: what the background would have
 * written after some checks. Seeded from the service worker, so the pages read it as usual.
 */
import { launchLocalized } from './localized-browser';
import type { AccountState } from '../../src/storage/account-state';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtensionBrowser } from '../../scripts/lib/chromium';
import type { Account } from '../../src/shared/account';
import type { MessageSummary } from '../../src/shared/mail';
import { glanceOf } from '../../src/storage/glance';
import { GLANCE_KEY, SETTINGS_KEY, SETTINGS_VERSION, STATE_VERSION } from '../../src/storage/keys';
import { stateWrite } from '../../src/storage/state-layout';

export interface Seed {
  accounts: Account[];
  states: Record<string, AccountState>;
}

const MINUTE = 60_000;

function account(id: string, name: string, host: string): Account {
  return {
    id,
    name,
    server: {
      host,
      port: 995,
      security: 'tls',
      allowPlaintext: false,
      username: name.toLowerCase().replace(/\s+/g, '.'),
    },
    webmailUrl: `https://${host.replace(/^pop\d?\./, 'mail.')}/`,
    // Long enough that the background does not check (and rewrite the state) during a test.
    intervalMinutes: 600,
    enabled: true,
  };
}

function message(n: number, now: number, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    uid: `uid-${n}`,
    number: n,
    size: 1800 + n * 977,
    from: { name: `Sender ${n}`, address: `sender${n}@example.org` },
    subject: `Message number ${n} about the quarterly report`,
    date: new Date(now - n * 7 * MINUTE).toISOString(),
    messageId: `<${n}@example.org>`,
    ...overrides,
  };
}

/** A realistic popup: new mail with a spoofing attempt, a wrong password, a quiet account. */
export function demoSeed(now: number): Seed {
  const home = account('home', 'Home', 'pop.example.org');
  const work = account('work', 'Work', 'pop.work.example');
  const club = account('club', 'Chess club', 'pop3.club.example');
  const unseen: MessageSummary[] = [
    message(1, now, {
      from: { name: 'Grace Hopper', address: 'grace@example.org' },
      subject: 'Found the bug in relay 70',
      to: [{ name: 'Ann', address: 'ann@example.org' }],
      headers: {
        'authentication-results':
          'mx.example.org; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org; dmarc=pass',
      },
    }),
    message(2, now, {
      from: { name: 'paypal@paypal.com', address: 'billing@paypa1-secure.example' },
      subject: 'Your account is limited: confirm your details',
      headers: {
        'authentication-results': 'mx.example.org; spf=fail smtp.mailfrom=paypa1-secure.example; dkim=none; dmarc=fail',
      },
    }),
    message(3, now, {
      from: { name: 'מערכת', address: 'system@example.co.il' },
      subject: 'שלום, ההזמנה שלך נשלחה',
      size: 2_400_000,
    }),
  ];
  return {
    accounts: [home, work, club],
    states: {
      home: {
        count: 42,
        unseenCount: 3,
        unseen,
        lastCheckAt: now - 2 * MINUTE,
        lastSuccessAt: now - 2 * MINUTE,
        failures: 0,
      },
      work: {
        count: 7,
        unseenCount: 0,
        unseen: [],
        lastCheckAt: now - 5 * MINUTE,
        failures: 1,
        error: { code: 'AUTH_FAILED', message: '-ERR [AUTH] Invalid credentials' },
      },
      club: {
        count: 0,
        unseenCount: 0,
        unseen: [],
        lastCheckAt: now - 61 * MINUTE,
        lastSuccessAt: now - 61 * MINUTE,
        failures: 0,
      },
    },
  };
}

/** The budget's worst case: many accounts full of kept summaries. */
export function bulkSeed(now: number, accounts = 5, perAccount = 100): Seed {
  const seed: Seed = { accounts: [], states: {} };
  for (let a = 1; a <= accounts; a += 1) {
    const acc = account(`acc-${a}`, `Account ${a}`, `pop.mail${a}.example`);
    const unseen = Array.from({ length: perAccount }, (_, i) =>
      message(a * 1000 + i, now, { date: new Date(now - i * MINUTE).toISOString() }),
    );
    seed.accounts.push(acc);
    seed.states[acc.id] = {
      count: perAccount * 3,
      unseenCount: perAccount,
      unseen,
      lastCheckAt: now - MINUTE,
      lastSuccessAt: now - MINUTE,
      failures: 0,
    };
  }
  return seed;
}

/** Writes the seed into the extension's storage.local from its service worker, with the glance the background writes beside the state. */
export async function seedStorage(browser: ExtensionBrowser, seed: Seed): Promise<void> {
  const state = { version: STATE_VERSION, accounts: seed.states } as const;
  const items = {
    [SETTINGS_KEY]: {
      version: SETTINGS_VERSION,
      accounts: seed.accounts,
      notifications: true,
      muteWhenIdle: false,
      rules: [],
    },
    ...stateWrite(state, undefined).items,
    [GLANCE_KEY]: glanceOf(
      state,
      seed.accounts.map((account) => account.id),
    ),
  };
  const worker = await browser.worker();
  await worker.evaluate(async (values) => {
    const chrome = (
      globalThis as unknown as {
        chrome: { storage: { local: { clear(): Promise<void>; set(items: object): Promise<void> } } };
      }
    ).chrome;
    await chrome.storage.local.clear();
    await chrome.storage.local.set(values);
  }, items);
}

/**
 * Headless Chromium with the built extension in `language` (a _locales folder name) and the demo
 * seed in its storage. `--lang` picks the extension's _locales in headless Chromium; LANGUAGE for
 * good measure. The caller closes the browser and removes `dir`.
 */
export async function launchSeeded(language: string): Promise<{ browser: ExtensionBrowser; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `popbiff-shots-${language}-`));
  const profileDir = join(dir, 'profile');
  mkdirSync(profileDir);
  const browser = await launchLocalized(profileDir, language);
  await seedStorage(browser, demoSeed(Date.now()));
  return { browser, dir };
}

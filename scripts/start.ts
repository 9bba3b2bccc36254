/**
 * `npm start`: Popbiff on a demo mailbox, with nothing of the user's touched.
 *
 * Starts Dovecot on 127.0.0.1 with a generated mailbox, registers the built host into a
 * throwaway Chromium profile, opens Chromium with the extension and adds a "Demo" account
 * through the extension's own messages (the password goes to the host, as when a user saves
 * the options form).
 *
 *   npm start                                   opens a browser window; Enter delivers more mail
 *   npm start -- --headless --screenshot FILE   no window: writes a screenshot of the popup
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { launchWithExtension, type ExtensionBrowser } from './lib/chromium';
import { DEMO_MESSAGES } from './lib/demo-mail';
import { makeMessage, startDovecot, type DovecotServer } from './lib/dovecot';
import { registerHost } from './lib/host-registration';
import { addAccountThroughExtension, waitForFirstCheck } from './lib/extension-driver';

const { values: args } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, screenshot: { type: 'string' } },
});

// Without a display a window cannot open; show the demo as a screenshot rather than fail.
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!args.headless && !hasDisplay) {
  args.headless = true;
  args.screenshot ??= 'popbiff-demo.png';
  console.error(`No display found: running headless; the popup's screenshot goes to ${args.screenshot}.`);
}

const root = resolve(import.meta.dirname, '..');
const demoDir = resolve(root, '.popbiff-demo');

async function main(): Promise<void> {
  rmSync(demoDir, { recursive: true, force: true });
  const profileDir = resolve(demoDir, 'profile');
  mkdirSync(profileDir, { recursive: true });
  const env = { ...process.env, POPBIFF_CONFIG_DIR: resolve(demoDir, 'config') };

  const password = randomBytes(12).toString('base64url');
  const dovecot = await startDovecot({ dir: resolve(demoDir, 'dovecot'), users: [{ user: 'demo', password }] });
  let browser: ExtensionBrowser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await dovecot.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  try {
    for (const message of DEMO_MESSAGES) await dovecot.deliver('demo', makeMessage(message));
    console.error(registerHost({ profileDir, env }).trim());
    browser = await launchWithExtension({
      profileDir,
      extensionDir: resolve(root, 'dist/chrome'),
      headless: args.headless,
      env,
    });
    await addAccountThroughExtension(browser, demoAccount(dovecot), password);
    await waitForFirstCheck(browser);
    console.error(
      `Demo mailbox: pop3s://demo@127.0.0.1:${dovecot.pop3sPort} — badge shows "${await browser.badgeText()}".`,
    );

    if (args.screenshot) {
      const popup = await browser.openPage('popup/index.html', { width: 400, height: 600 });
      await popup.locator('body').screenshot({ path: resolve(args.screenshot) });
      console.error(`Screenshot of the popup written to ${args.screenshot}`);
      return;
    }
    if (args.headless) return;
    await deliverOnEnter(dovecot);
  } finally {
    await stop();
  }
}

function demoAccount(dovecot: DovecotServer) {
  return {
    id: 'demo',
    name: 'Demo',
    server: dovecot.serverSettings('demo'),
    webmailUrl: '',
    intervalMinutes: 1,
    enabled: true,
  };
}

/** Keeps the demo running; each Enter drops one more message into the demo mailbox. */
async function deliverOnEnter(dovecot: DovecotServer): Promise<void> {
  console.error('Chromium is open with Popbiff. Press Enter to deliver a new message, Ctrl-D or Ctrl-C to stop.');
  const lines = createInterface({ input: process.stdin });
  let n = 0;
  for await (const _ of lines) {
    n += 1;
    await dovecot.deliver(
      'demo',
      makeMessage({
        from: 'Demo Sender <sender@example.org>',
        subject: `Fresh demo message #${n}`,
        body: 'Delivered by npm start.',
      }),
    );
    console.error(`Delivered "Fresh demo message #${n}": press "Check now" in the popup, or wait a minute.`);
  }
}

await main();

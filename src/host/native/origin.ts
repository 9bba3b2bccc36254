import { DEV_EXTENSION_ENV, FIREFOX_EXTENSION_IDS, chromiumIds, chromiumOrigin } from '../../shared/extension-ids';

/**
 * Who started the host, from its arguments. Chromium passes `chrome-extension://ID/` (and on
 * Windows `--parent-window=N`); Firefox passes the host manifest's path and the extension id.
 * The browser already enforces the manifest's allowed origins; this second check keeps the host
 * from serving anything else that manages to start it with its own manifest.
 */
export type Caller =
  | { browser: 'chromium'; origin: string }
  | { browser: 'firefox'; extensionId: string }
  | { browser: 'unknown' };

export function callerFromArgs(args: readonly string[]): Caller {
  const origin = args.find((arg) => arg.startsWith('chrome-extension://'));
  if (origin !== undefined) return { browser: 'chromium', origin };
  const [manifestPath, extensionId] = args;
  if (args.length === 2 && manifestPath?.endsWith('.json') && extensionId) return { browser: 'firefox', extensionId };
  return { browser: 'unknown' };
}

/** Who owns what this host stores (see secrets/owners.ts): the origin or the extension id. */
export function callerKey(caller: Caller): string | undefined {
  if (caller.browser === 'chromium') return caller.origin;
  if (caller.browser === 'firefox') return `firefox:${caller.extensionId}`;
  return undefined;
}

/** True when the arguments are a browser starting the host (rather than a person using the CLI). */
export function isNativeMessagingLaunch(args: readonly string[]): boolean {
  return callerFromArgs(args).browser !== 'unknown';
}

/**
 * Only the listed ids, exactly; no wildcards. The development id only in a development build, or
 * when the launcher of an `install --dev` says so (see extension-ids.ts).
 */
export function isAllowedCaller(caller: Caller, env: NodeJS.ProcessEnv = process.env): boolean {
  if (caller.browser === 'chromium') {
    const ids = chromiumIds(env[DEV_EXTENSION_ENV] === '1');
    return ids.some((id) => chromiumOrigin(id) === caller.origin);
  }
  if (caller.browser === 'firefox') return (FIREFOX_EXTENSION_IDS as readonly string[]).includes(caller.extensionId);
  return false;
}

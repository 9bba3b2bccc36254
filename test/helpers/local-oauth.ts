/**
 * What the browser tests of OAuth share: a build of the extension and host whose "local" OAuth
 * provider points at a local authorization server (src/shared/local-oauth.ts), built into a
 * folder of its own so dist/ stays a release-like build, and a fake POP3 server that accepts
 * XOAUTH2 with an access token that server issued, and nothing else.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { maildrop, messages } from './fake-maildrop';
import { type FakeServer, startFakeServer } from './fake-pop3-server';
import type { OAuthTestServer } from './oauth-test-server';

const root = resolve(import.meta.dirname, '../..');
/** The fake POP3 server's address, the only kind the local provider signs in to. */
export const LOCAL_SERVER = '127.0.0.1';
/** A whole build takes about 7 s here; far more means it hangs. */
const BUILD_TIMEOUT_MS = 120_000;

export interface LocalOAuthBuild {
  chrome: string;
  firefox: string;
  hostBundle: string;
}

/** `scripts/build.ts --out DIR` with the local provider set to `server`'s endpoints. */
export async function buildWithLocalOAuth(out: string, server: OAuthTestServer): Promise<LocalOAuthBuild> {
  await promisify(execFile)(resolve(root, 'node_modules/.bin/tsx'), [resolve(root, 'scripts/build.ts'), '--out', out], {
    cwd: root,
    timeout: BUILD_TIMEOUT_MS,
    env: {
      ...process.env,
      VITE_POPBIFF_LOCAL_OAUTH_AUTHORIZE_URL: server.authorizeUrl,
      VITE_POPBIFF_LOCAL_OAUTH_TOKEN_URL: server.tokenUrl,
      VITE_POPBIFF_LOCAL_OAUTH_CLIENT_ID: server.clientId,
    },
  });
  return {
    chrome: resolve(out, 'chrome'),
    firefox: resolve(out, 'firefox'),
    hostBundle: resolve(out, 'host/popbiff.mjs'),
  };
}

export interface Xoauth2Server {
  pop: FakeServer;
  /** Every decoded XOAUTH2 initial response the server received. */
  responses: string[];
}

/** A maildrop of `count` messages for `user`, signed in to only with a token `oauth` issued. */
export async function startXoauth2Server(oauth: OAuthTestServer, user: string, count: number): Promise<Xoauth2Server> {
  const responses: string[] = [];
  const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');
  const pop = await startFakeServer(
    maildrop({
      messages: messages(count),
      capa: ['TOP', 'UIDL', 'RESP-CODES', 'AUTH-RESP-CODE', 'SASL XOAUTH2'],
      // RFC 5034 §4: the response inline ("AUTH XOAUTH2 <b64>") or after an empty challenge.
      auth: async (line, c) => {
        let response = line.split(' ')[2];
        if (response === undefined) {
          c.write('+ \r\n');
          response = (await c.readLine()) ?? '';
        }
        responses.push(unb64(response));
        return oauth.issued.access.some((token) => unb64(response) === `user=${user}\x01auth=Bearer ${token}\x01\x01`);
      },
    }),
  );
  return { pop, responses };
}

/** What the fake server receives from a client signing in as `user` with a token `oauth` issued. */
export function xoauth2Responses(oauth: OAuthTestServer, user: string): string[] {
  return oauth.issued.access.map((token) => `user=${user}\x01auth=Bearer ${token}\x01\x01`);
}

/**
 * Everything the extension keeps (storage.local, .sync and .session) as one string. Runs inside
 * an extension page (page.evaluate), so it uses only the page's own `browser` namespace, which
 * Firefox and Chromium (148 and later) both have.
 */
export async function extensionStorageText(): Promise<string> {
  type Area = { get(keys: null): Promise<Record<string, unknown>> };
  const { storage } = (globalThis as unknown as { browser: { storage: Record<'local' | 'sync' | 'session', Area> } })
    .browser;
  return JSON.stringify(
    await Promise.all([storage.local.get(null), storage.sync.get(null), storage.session.get(null)]),
  );
}

export interface TokenSearch {
  /** The account is in the extension's storage: the search looked where accounts are kept. */
  accountStored: boolean;
  /** The host logged the exchange: the search read the log the host wrote. */
  exchangeLogged: boolean;
  /** Every access or refresh token the server issued that appears in either. */
  leaked: string[];
}

/** Searches the extension's storage (extensionStorageText) and the host's log for issued tokens. */
export function searchForTokens(oauth: OAuthTestServer, storage: string, configDir: string): TokenSearch {
  const logFile = join(configDir, 'host.log');
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  const tokens = [...oauth.issued.access, ...oauth.issued.refresh];
  return {
    accountStored: storage.includes(LOCAL_SERVER),
    exchangeLogged: log.includes('oauth-exchange'),
    leaked: tokens.filter((token) => storage.includes(token) || log.includes(token)),
  };
}

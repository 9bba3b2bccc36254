/**
 * What the browser tests of OAuth share: a build of the extension and host whose "local" OAuth
 * provider points at a local authorization server (src/shared/local-oauth.ts), built into a
 * folder of its own so dist/ stays a release-like build, and a fake POP3 server that accepts
 * XOAUTH2 with an access token that server issued, and nothing else.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { maildrop, messages } from './fake-maildrop';
import { type FakeServer, startFakeServer } from './fake-pop3-server';
import type { OAuthTestServer } from './oauth-test-server';

const root = resolve(import.meta.dirname, '../..');
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

/**
 * The whole host path of an OAuth account, over native-messaging frames: `oauth-exchange`
 * stores the refresh token; a later host process (empty token cache) refreshes it at the local
 * token endpoint and signs in to the fake POP3 server with XOAUTH2 carrying exactly that fresh
 * access token. Nothing of it reaches the host's log.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CommandStore } from '../../src/host/commands/command-store';
import { checkMailbox } from '../../src/host/mailbox/check/check-mailbox';
import { Logger } from '../../src/host/log';
import { createHandlers } from '../../src/host/native/handlers';
import { FrameDecoder, encodeFrame } from '../../src/host/native/framing';
import { serve } from '../../src/host/native/serve';
import { OAuthTokens } from '../../src/host/oauth/oauth-tokens';
import { TOKEN_URL_OVERRIDE_ENV } from '../../src/host/oauth/token-endpoint';
import { FileSecretStore } from '../../src/host/secrets/file-secret-store';
import { StateStore } from '../../src/host/mailbox/check/state-store';
import { OAUTH_PROVIDERS, challengeFor, createVerifier } from '../../src/shared/oauth';
import { MAX_HOST_MESSAGE_BYTES, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { maildrop, messages } from '../helpers/fake-maildrop';
import { type FakeServer, startFakeServer, within } from '../helpers/fake-pop3-server';
import { type OAuthTestServer, startOAuthTestServer } from '../helpers/oauth-test-server';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oauth';
const unb64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

let configDir: string;
let oauthServer: OAuthTestServer;
let pop: FakeServer | undefined;

beforeEach(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'popbiff-oauth-host-'));
  oauthServer = await startOAuthTestServer();
});
afterEach(async () => {
  await pop?.close();
  await oauthServer.close();
  rmSync(configDir, { recursive: true, force: true });
});

interface Reply {
  id: string;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** One host "process": real stores in configDir, real engine, served over in-memory stdio. */
async function runHost(requests: { type: string; payload: unknown }[]): Promise<Reply[]> {
  const log = new Logger({ file: join(configDir, 'host.log') });
  const secrets = new FileSecretStore(configDir);
  const providers = {
    google: { ...OAUTH_PROVIDERS.google, clientId: oauthServer.clientId },
    microsoft: OAUTH_PROVIDERS.microsoft,
    local: OAUTH_PROVIDERS.local,
  };
  const oauth = new OAuthTokens({
    secrets,
    log,
    providers,
    env: { [TOKEN_URL_OVERRIDE_ENV]: oauthServer.tokenUrl },
    timeoutMs: 2000,
  });
  const handlers = createHandlers({
    secrets,
    state: new StateStore(configDir),
    mailbox: { checkMailbox },
    log,
    platform: 'test',
    oauth,
    commands: new CommandStore(configDir),
  });
  const input = new PassThrough();
  const output = new PassThrough();
  const replies: Reply[] = [];
  const decoder = new FrameDecoder(MAX_HOST_MESSAGE_BYTES);
  output.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) if (frame.kind === 'message') replies.push(frame.value as Reply);
  });
  const served = serve({ input, output, handlers, allowed: true, log });
  // One at a time, as the browser does for a sign-in followed by a check.
  for (const [index, request] of requests.entries()) {
    input.write(encodeFrame(JSON.stringify({ v: PROTOCOL_VERSION, id: `r${index}`, ...request })));
    await waitFor(() => replies.length > index);
  }
  input.end();
  await served;
  return replies;
}

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!done()) throw new Error('no reply within 5 s');
}

const server = (port: number) => ({
  host: '127.0.0.1',
  port,
  security: 'plain',
  allowPlaintext: true,
  username: 'alice@gmail.com',
  auth: 'xoauth2',
});

it('signs in with XOAUTH2 using the access token refreshed from the stored refresh token', async () => {
  const sent: string[] = [];
  pop = await startFakeServer(
    maildrop({
      messages: messages(2),
      capa: ['TOP', 'UIDL', 'SASL XOAUTH2'],
      // Either form: "AUTH XOAUTH2 <b64>" or "AUTH XOAUTH2" then the response on its own line.
      auth: async (line, c) => {
        let response = line.split(' ')[2];
        if (response === undefined) {
          c.write('+ \r\n');
          response = (await c.readLine()) ?? '';
        }
        sent.push(unb64(response));
        return unb64(response) === `user=alice@gmail.com\x01auth=Bearer ${oauthServer.issued.access.at(-1)}\x01\x01`;
      },
    }),
  );
  const verifier = createVerifier();
  const code = oauthServer.issueCode({ challenge: await challengeFor(verifier), redirectUri: REDIRECT });

  const [exchanged] = await runHost([
    {
      type: 'oauth-exchange',
      payload: { accountId: 'acct-1', provider: 'google', code, verifier, redirectUri: REDIRECT },
    },
  ]);
  expect(exchanged).toMatchObject({ ok: true, result: { done: true } });
  expect(JSON.stringify(exchanged)).not.toContain(oauthServer.issued.refresh[0]);

  const [checked] = await runHost([
    {
      type: 'check',
      payload: { accountId: 'acct-1', server: server(pop.port), watch: [], limit: 5, firstCheck: 'all-new' },
    },
  ]);
  expect(checked).toMatchObject({ ok: true, result: { count: 2 } });
  expect(oauthServer.tokenRequests.map((form) => form.grant_type)).toEqual(['authorization_code', 'refresh_token']);
  expect(sent).toEqual([`user=alice@gmail.com\x01auth=Bearer ${oauthServer.issued.access[1]}\x01\x01`]);

  const logText = readFileSync(join(configDir, 'host.log'), 'utf8');
  expect(logText).toContain('oauth-exchange');
  for (const secret of [code, verifier, ...oauthServer.issued.access, ...oauthServer.issued.refresh])
    expect(logText).not.toContain(secret);
  const secretsFile = readFileSync(join(configDir, 'secrets.json'), 'utf8');
  expect(secretsFile).toContain(oauthServer.issued.refresh[0]);
  expect(secretsFile).not.toContain(oauthServer.issued.access[1]);
});

it('a revoked sign-in stops the check with OAUTH_FAILED before any POP3 command', async () => {
  pop = await startFakeServer(maildrop({ messages: messages(1), capa: ['TOP', 'UIDL', 'SASL XOAUTH2'] }));
  const verifier = createVerifier();
  const code = oauthServer.issueCode({ challenge: await challengeFor(verifier), redirectUri: REDIRECT });
  await runHost([
    {
      type: 'oauth-exchange',
      payload: { accountId: 'acct-1', provider: 'google', code, verifier, redirectUri: REDIRECT },
    },
  ]);
  oauthServer.revoke(oauthServer.issued.refresh[0]!);

  const [checked] = await runHost([
    { type: 'check', payload: { accountId: 'acct-1', server: server(pop.port), watch: [], limit: 5 } },
  ]);
  expect(checked).toMatchObject({ ok: false, error: { code: 'OAUTH_FAILED' } });
  // The check may have connected while the token was refreshed (pop3/head-start.ts); that
  // connection carried nothing, so no sign-in with a dead token reached the server, and it closed.
  expect(pop.connections.flatMap((connection) => connection.received)).toEqual([]);
  for (const connection of pop.connections) expect(await within(connection.closed, 2000)).toBe(true);
});

it('refuses an exchange whose verifier is not a PKCE verifier, naming the field', async () => {
  const [reply] = await runHost([
    {
      type: 'oauth-exchange',
      payload: { accountId: 'acct-1', provider: 'google', code: 'c', verifier: 'short', redirectUri: REDIRECT },
    },
  ]);
  expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(reply?.error?.message).toContain('verifier');
  expect(oauthServer.tokenRequests).toHaveLength(0);
});

/**
 * A local OAuth 2.0 authorization server on 127.0.0.1 for tests: an authorize endpoint that
 * redirects at once (no login page) and a token endpoint that checks the PKCE verifier against
 * the challenge (RFC 7636 §4.6), issues access and refresh tokens, refreshes them (RFC 6749 §6)
 * and answers invalid_grant for anything it did not issue or has revoked. Faults on demand:
 * garbage, oversize and stalled answers, server errors; and an authorize endpoint that answers
 * with another state, redirects to another path, or reports a denied consent.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TokenMode = 'normal' | 'garbage' | 'oversize' | 'stall' | 'server-error' | 'no-refresh-token';
/** How the authorize endpoint answers: a consent, or one of the faults a client must refuse. */
export type AuthorizeMode = 'consent' | 'wrong-state' | 'other-path' | 'access-denied';

/** Where `other-path` redirects: the registered redirect's origin, another path. */
export const OTHER_REDIRECT_PATH = '/elsewhere';

export interface OAuthTestServer {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  /** The client id the server accepts. */
  readonly clientId: string;
  /** Every token request's form, in order. */
  readonly tokenRequests: Record<string, string>[];
  /** Every access and refresh token issued, in order. */
  readonly issued: { access: string[]; refresh: string[] };
  mode: TokenMode;
  authorizeMode: AuthorizeMode;
  /** Every request to the authorize endpoint, in order. */
  readonly authorizeRequests: URL[];
  expiresIn: number;
  /** Issue a new refresh token on every refresh (as Microsoft does). */
  rotateRefreshTokens: boolean;
  /** An authorization code, as the authorize endpoint would issue it for this request. */
  issueCode(request: { challenge: string; redirectUri: string }): string;
  revoke(refreshToken: string): void;
  close(): Promise<void>;
}

interface PendingCode {
  challenge: string;
  redirectUri: string;
}

const token = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;
const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

export async function startOAuthTestServer(clientId = 'popbiff-test-client'): Promise<OAuthTestServer> {
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Set<string>();
  const tokenRequests: Record<string, string>[] = [];
  const issued = { access: [] as string[], refresh: [] as string[] };

  const issueCode = (request: PendingCode): string => {
    const code = token('code');
    codes.set(code, request);
    return code;
  };

  const grant = (form: Record<string, string>, rotate: boolean): { status: number; body: object } => {
    if (form.client_id !== clientId) return { status: 401, body: { error: 'invalid_client' } };
    if (form.grant_type === 'authorization_code') return redeemCode(form);
    if (form.grant_type === 'refresh_token') return refresh(form, rotate);
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  };

  const redeemCode = (form: Record<string, string>) => {
    const pending = codes.get(form.code ?? '');
    codes.delete(form.code ?? ''); // single use (RFC 6749 §4.1.2)
    const valid =
      pending && pending.redirectUri === form.redirect_uri && s256(form.code_verifier ?? '') === pending.challenge;
    if (!valid) return { status: 400, body: { error: 'invalid_grant' } };
    return { status: 200, body: tokens(true) };
  };

  const refresh = (form: Record<string, string>, rotate: boolean) => {
    const old = form.refresh_token ?? '';
    if (!refreshTokens.has(old))
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    if (rotate) refreshTokens.delete(old);
    return { status: 200, body: tokens(rotate) };
  };

  const tokens = (withRefresh: boolean) => {
    const access = token('access');
    issued.access.push(access);
    const body: Record<string, unknown> = {
      access_token: access,
      token_type: 'Bearer',
      expires_in: state.expiresIn,
      scope: 'https://mail.google.com/',
    };
    if (withRefresh && state.mode !== 'no-refresh-token') {
      const refreshToken = token('refresh');
      refreshTokens.add(refreshToken);
      issued.refresh.push(refreshToken);
      body.refresh_token = refreshToken;
    }
    return body;
  };

  const onToken = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    tokenRequests.push(form);
    if (state.mode === 'stall') return; // never answers; the client's deadline must end it
    if (state.mode === 'garbage')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json');
    if (state.mode === 'server-error') return void res.writeHead(503).end('<html>busy</html>');
    if (state.mode === 'oversize') return sendOversize(res);
    const { status, body } = grant(form, state.rotateRefreshTokens);
    res
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  };

  // RFC 6749 §4.1.1/§4.1.2: no login page, the test user consents at once.
  const onAuthorize = (url: URL, res: http.ServerResponse) => {
    state.authorizeRequests.push(url);
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    const ok =
      q.get('response_type') === 'code' && q.get('client_id') === clientId && q.get('code_challenge_method') === 'S256';
    const target = new URL(redirectUri);
    if (!ok) target.searchParams.set('error', 'invalid_request');
    else if (state.authorizeMode === 'access-denied') target.searchParams.set('error', 'access_denied');
    else target.searchParams.set('code', issueCode({ challenge: q.get('code_challenge') ?? '', redirectUri }));
    target.searchParams.set('state', state.authorizeMode === 'wrong-state' ? 'forged-state' : (q.get('state') ?? ''));
    if (state.authorizeMode === 'other-path') target.pathname = OTHER_REDIRECT_PATH;
    res.writeHead(302, { location: target.toString() }).end();
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/token') return void onToken(req, res).catch(() => res.destroy());
    if (req.method === 'GET' && url.pathname === '/authorize') return onAuthorize(url, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const state: OAuthTestServer = {
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    clientId,
    tokenRequests,
    issued,
    mode: 'normal',
    authorizeMode: 'consent',
    authorizeRequests: [],
    expiresIn: 3600,
    rotateRefreshTokens: false,
    issueCode,
    revoke: (refreshToken) => void refreshTokens.delete(refreshToken),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

/** A megabyte in pieces, with no content-length: the client must stop reading on its own. */
function sendOversize(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const piece = `{"access_token":"${'x'.repeat(16 * 1024)}`;
  for (let i = 0; i < 64; i += 1) res.write(piece);
  res.end();
}

/**
 * Runs the chosen sign-in method over a session (RFC 1939 §7 USER/PASS and APOP, RFC 5034
 * AUTH). USER/PASS, APOP and AUTH PLAIN are "one-shot": all their commands can be written at
 * once, so with PIPELINING (RFC 2449 §6.6) they go out in the same packet as what follows.
 */
import { PopbiffError } from '../../../shared/errors';
import { signInError, type SignInContext } from '../errors';
import { quiet } from '../batch';
import { MAX_COMMAND, MAX_SASL_ROUNDS } from '../limits';
import type { Status } from '../replies';
import type { Command, Pop3Session } from '../session';
import { type Method, SASL_NAME } from './choose';
import {
  apopDigest,
  cramMd5Response,
  loginResponses,
  oauthBearerResponse,
  oauthErrorAck,
  plainResponse,
  xoauth2Response,
} from './sasl';

export interface SignInRequest {
  method: Method;
  username: string;
  /** The password, or the OAuth access token for xoauth2/oauthbearer. */
  secret: string;
  /** The greeting's APOP timestamp. */
  timestamp: string | undefined;
  /** For OAUTHBEARER's host and port fields. */
  host: string;
  port: number;
  context: SignInContext;
}

/** True when every command of the method can be written before any reply is read. */
export function isOneShot(request: SignInRequest): boolean {
  if (request.method === 'user' || request.method === 'apop') return true;
  return request.method === 'plain' && fitsOneLine('PLAIN', plainResponse(request.username, request.secret));
}

/**
 * Signs in and moves the session to TRANSACTION. With `pipelined`, a one-shot method's
 * commands are all written before this returns its promise (the caller may queue more).
 */
export function signIn(session: Pop3Session, request: SignInRequest, pipelined: boolean): Promise<void> {
  session.markSecret(request.secret);
  const done = run(session, request, pipelined);
  return done.then(() => {
    session.state = 'TRANSACTION';
  });
}

function run(session: Pop3Session, request: SignInRequest, pipelined: boolean): Promise<void> {
  const { username, secret } = request;
  switch (request.method) {
    case 'user':
      return userPass(session, request, pipelined);
    case 'apop':
      return expectOk(session, session.send(apopCommand(request)), request);
    case 'plain':
      return sasl(session, request, plainResponse(username, secret), () => '*');
    case 'login': {
      const answers = loginResponses(username, secret);
      return sasl(session, request, undefined, (_challenge, round) => answers[round] ?? '*');
    }
    case 'cram-md5':
      return sasl(session, request, undefined, (challenge, round) =>
        round === 0 ? cramMd5Response(username, secret, challenge) : '*',
      );
    case 'xoauth2':
      return sasl(session, request, xoauth2Response(username, secret), () => oauthErrorAck('XOAUTH2'));
    case 'oauthbearer':
      return sasl(session, request, oauthBearerResponse(username, secret, request.host, request.port), () =>
        oauthErrorAck('OAUTHBEARER'),
      );
  }
}

async function userPass(session: Pop3Session, request: SignInRequest, pipelined: boolean): Promise<void> {
  const user = session.send({ verb: 'USER', args: [request.username] });
  if (!pipelined) {
    await expectOk(session, user, request);
    return expectOk(session, session.send({ verb: 'PASS', args: [request.secret], secret: true }), request);
  }
  const pass = session.send({ verb: 'PASS', args: [request.secret], secret: true });
  // Both are in flight; a failed USER must not leave PASS's rejection unhandled.
  void quiet(pass);
  await expectOk(session, user, request);
  return expectOk(session, pass, request);
}

function apopCommand(request: SignInRequest): Command {
  if (request.timestamp === undefined)
    throw new PopbiffError('AUTH_UNSUPPORTED', 'The server greeting has no timestamp for APOP.');
  return { verb: 'APOP', args: [request.username, apopDigest(request.timestamp, request.secret)], secret: true };
}

async function expectOk(session: Pop3Session, reply: Promise<Status>, request: SignInRequest): Promise<void> {
  const status = await reply;
  if (!status.ok) throw signInError({ ...status, text: session.redact(status.text) }, request.context);
}

function fitsOneLine(mechanism: string, initial: string): boolean {
  return `AUTH ${mechanism} ${initial}`.length + 2 <= MAX_COMMAND;
}

/**
 * RFC 5034 §4: `AUTH mech [initial-response]`; when the initial response would make the line
 * longer than 255 octets it goes on a continuation line after the server's empty "+ ".
 * `answer` gives the response to each further challenge; "*" cancels (RFC 5034 §4).
 */
async function sasl(
  session: Pop3Session,
  request: SignInRequest,
  initial: string | undefined,
  answer: (challenge: string, round: number) => string,
): Promise<void> {
  const mechanism = SASL_NAME[request.method] as string;
  let pendingInitial: string | undefined;
  let status: Status;
  if (initial !== undefined && fitsOneLine(mechanism, initial)) {
    // An empty initial response is sent as "=" (RFC 5034 §4).
    status = await session.sendContinuable({
      verb: 'AUTH',
      args: [mechanism, initial === '' ? '=' : initial],
      secret: true,
    });
  } else {
    pendingInitial = initial;
    status = await session.sendContinuable({ verb: 'AUTH', args: [mechanism] });
  }
  let answered = 0;
  for (let round = 0; status.continuation; round++) {
    if (round >= MAX_SASL_ROUNDS) throw new PopbiffError('PROTOCOL_ERROR', 'The server sent too many SASL challenges.');
    const response = pendingInitial ?? answer(status.text, answered++);
    pendingInitial = undefined;
    status = await session.sendResponse(response);
  }
  if (!status.ok) throw signInError({ ...status, text: session.redact(status.text) }, request.context);
}

/**
 * Which sign-in method to use: a pure decision from what the account asks for, what the
 * server offers, and whether the connection is encrypted.
 *
 * The clear-text rule, in one place: a method that sends the secret itself (USER/PASS, PLAIN,
 * LOGIN, XOAUTH2, OAUTHBEARER) goes over an unencrypted connection only when the user allowed
 * clear text for this account (`allowPlaintext`). CRAM-MD5 and APOP never reveal the secret,
 * so over clear text `auto` prefers them.
 */
import type { AuthMethod } from '../../../shared/server';
import { PopbiffError } from '../../../shared/errors';
import type { Capabilities } from '../replies';

export type Method = Exclude<AuthMethod, 'auto'>;

/** The SASL name of each mechanism (RFC 5034); USER and APOP are RFC 1939 commands. */
export const SASL_NAME: Partial<Record<Method, string>> = {
  plain: 'PLAIN',
  login: 'LOGIN',
  'cram-md5': 'CRAM-MD5',
  xoauth2: 'XOAUTH2',
  oauthbearer: 'OAUTHBEARER',
};

const DISCLOSING = new Set<Method>(['user', 'plain', 'login', 'xoauth2', 'oauthbearer']);

/** `auto` never picks an OAuth mechanism: its secret is a token, which the user chooses explicitly. */
const OVER_TLS: Method[] = ['plain', 'user', 'login', 'cram-md5', 'apop'];
const OVER_CLEAR_TEXT: Method[] = ['cram-md5', 'apop', 'plain', 'user', 'login'];

export interface ChoiceInput {
  requested: AuthMethod | undefined;
  /** Undefined when the server has no CAPA: only RFC 1939 is assumed. */
  capabilities: Capabilities | undefined;
  /** The greeting's APOP timestamp, if it had one. */
  timestamp: string | undefined;
  secure: boolean;
  allowPlaintext: boolean;
}

export function chooseMethod(input: ChoiceInput): Method {
  const requested = input.requested ?? 'auto';
  if (requested !== 'auto') return explicit(requested, input);
  const order = input.secure ? OVER_TLS : OVER_CLEAR_TEXT;
  const usable = order.find((m) => offered(m, input) && permitted(m, input));
  if (usable) return usable;
  if (!input.secure && !input.allowPlaintext) throw new PopbiffError('PLAINTEXT_REFUSED');
  throw new PopbiffError('AUTH_UNSUPPORTED');
}

function explicit(method: Method, input: ChoiceInput): Method {
  if (!permitted(method, input)) throw new PopbiffError('PLAINTEXT_REFUSED');
  // Without CAPA we cannot know; trying costs one -ERR at most.
  if (input.capabilities !== undefined && !offered(method, input)) {
    throw new PopbiffError('AUTH_UNSUPPORTED', `The server does not offer the sign-in method "${method}".`);
  }
  if (method === 'apop' && input.timestamp === undefined) {
    throw new PopbiffError('AUTH_UNSUPPORTED', 'The server greeting has no timestamp, so APOP cannot be used.');
  }
  return method;
}

function permitted(method: Method, input: ChoiceInput): boolean {
  return input.secure || input.allowPlaintext || !DISCLOSING.has(method);
}

/**
 * SASL mechanisms are announced in CAPA (RFC 2449 §6.3), APOP by the greeting's timestamp.
 * USER/PASS is RFC 1939's baseline: many servers support it without announcing USER, so it is
 * always worth a try (last in `auto`'s order over clear text).
 */
function offered(method: Method, input: ChoiceInput): boolean {
  if (method === 'apop') return input.timestamp !== undefined;
  const caps = input.capabilities;
  if (method === 'user') return true;
  const name = SASL_NAME[method];
  return caps !== undefined && name !== undefined && caps.saslMechanisms.includes(name);
}

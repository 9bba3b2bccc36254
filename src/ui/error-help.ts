import { ERROR_TABLE, type ErrorCode } from '../shared/errors';

/**
 * What the UI offers next to an error: the settings form (the account is wrong), the host's
 * install/doctor commands (the host is missing or broken), or nothing (Popbiff retries itself).
 * A Record over every code, so a new code cannot ship without this decision.
 */
export type Fix = 'edit-account' | 'host' | 'wait';

const FIXES: Record<ErrorCode, Fix> = {
  AUTH_FAILED: 'edit-account',
  IN_USE: 'wait',
  LOGIN_DELAY: 'wait',
  SERVER_TEMPORARY: 'wait',
  SERVER_PERMANENT: 'edit-account',
  CONNECT_FAILED: 'edit-account',
  TIMEOUT: 'wait',
  TLS_UNAVAILABLE: 'edit-account',
  TLS_FAILED: 'edit-account',
  CERT_UNTRUSTED: 'edit-account',
  PLAINTEXT_REFUSED: 'edit-account',
  AUTH_UNSUPPORTED: 'edit-account',
  PROTOCOL_ERROR: 'edit-account',
  LIMIT_EXCEEDED: 'wait',
  NO_PASSWORD: 'edit-account',
  BAD_REQUEST: 'host',
  UNSUPPORTED_VERSION: 'host',
  FORBIDDEN_ORIGIN: 'host',
  HOST_NOT_FOUND: 'host',
  HOST_DISCONNECTED: 'host',
  HOST_TIMEOUT: 'host',
  STORAGE_FAILED: 'host',
  INTERNAL: 'host',
};

export interface ErrorHelp {
  message: string;
  action: string;
  fix: Fix;
}

export function errorHelp(code: ErrorCode): ErrorHelp {
  const { message, action } = ERROR_TABLE[code];
  return { message, action, fix: FIXES[code] };
}

/** A piece of an action sentence: plain text, or a command to type (shown as code). */
export type ActionPart = { text: string; command: boolean };

/** Splits `Install it with "npx popbiff install"` so the quoted command can be shown as code. */
export function actionParts(action: string): ActionPart[] {
  return action
    .split(/"(npx popbiff [a-z-]+)"/)
    .map((text, index) => ({ text, command: index % 2 === 1 }))
    .filter((part) => part.text !== '');
}

import type { ErrorCode } from '../shared/errors';
import { t } from './i18n';

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
  HOST_OUTDATED: 'host',
  HOST_DISCONNECTED: 'host',
  HOST_TIMEOUT: 'host',
  STORAGE_FAILED: 'host',
  INTERNAL: 'host',
  CLIENT_FAILED: 'edit-account',
  OAUTH_FAILED: 'edit-account',
  OAUTH_UNAVAILABLE: 'wait',
  OAUTH_NOT_CONFIGURED: 'edit-account',
  SECRET_OTHER_SERVER: 'edit-account',
  INSTALL_UNSAFE: 'host',
  CA_FILE_INVALID: 'edit-account',
  AUTH_DOWNGRADE: 'edit-account',
};

export interface ErrorHelp {
  message: string;
  action: string;
  fix: Fix;
}

/**
 * The table's texts in the user's language: `error_<CODE>_message` and `_action` in _locales.
 * The English locale holds ERROR_TABLE's texts word for word (a unit test keeps them equal), and
 * the browser falls back to English for a key another language lacks; so the popup gets the
 * English table without carrying it in its bundle.
 */
export function errorHelp(code: ErrorCode): ErrorHelp {
  return { message: t(`error_${code}_message`), action: t(`error_${code}_action`), fix: FIXES[code] };
}

/** The label of the button that leads to the fix, or undefined when there is nothing to do. */
export function fixLabel(code: ErrorCode): string | undefined {
  const fix = FIXES[code];
  if (fix === 'wait') return undefined;
  if (fix === 'host') return t('fix_host');
  return code === 'CERT_UNTRUSTED' ? t('fix_review_certificate') : t('fix_edit_account');
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

import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, ERROR_TABLE } from '../../../src/shared/errors';
import { actionParts, errorHelp, fixLabel } from '../../../src/ui/error-help';
import { resetUiLanguage } from '../../../src/ui/i18n';
import { useLanguage } from '../../helpers/ui-fake-browser';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

describe('errorHelp', () => {
  it('gives every code the table’s message and action', () => {
    for (const code of ERROR_CODES) {
      const help = errorHelp(code);
      expect(help.message).toBe(ERROR_TABLE[code].message);
      expect(help.action).toBe(ERROR_TABLE[code].action);
    }
  });

  it.each(['AUTH_FAILED', 'NO_PASSWORD', 'CERT_UNTRUSTED', 'PLAINTEXT_REFUSED', 'TLS_UNAVAILABLE'] as const)(
    '%s is fixed in the account settings',
    (code) => expect(errorHelp(code).fix).toBe('edit-account'),
  );

  it.each(['HOST_NOT_FOUND', 'UNSUPPORTED_VERSION', 'FORBIDDEN_ORIGIN', 'HOST_DISCONNECTED'] as const)(
    '%s is fixed by the host commands',
    (code) => expect(errorHelp(code).fix).toBe('host'),
  );

  it.each(['IN_USE', 'LOGIN_DELAY', 'SERVER_TEMPORARY', 'TIMEOUT'] as const)('%s needs only waiting', (code) =>
    expect(errorHelp(code).fix).toBe('wait'),
  );
});

describe('errors in the user’s language', () => {
  it('reads Spanish texts from the locale, and names the fix in Spanish', () => {
    useLanguage('es');
    resetUiLanguage();
    expect(errorHelp('AUTH_FAILED').message).toBe('El servidor rechazó el nombre de usuario o la contraseña.');
    expect(fixLabel('CERT_UNTRUSTED')).toBe('Revisar el certificado');
    expect(fixLabel('IN_USE')).toBeUndefined();
    useLanguage('en');
  });
});

describe('actionParts', () => {
  it('marks the quoted popbiff commands as commands and drops the quotes', () => {
    expect(actionParts('Install it with "npx popbiff install", then run "npx popbiff doctor".')).toEqual([
      { text: 'Install it with ', command: false },
      { text: 'npx popbiff install', command: true },
      { text: ', then run ', command: false },
      { text: 'npx popbiff doctor', command: true },
      { text: '.', command: false },
    ]);
  });

  it('leaves other quoted text alone', () => {
    expect(actionParts('Tick "Allow clear text".')).toEqual([{ text: 'Tick "Allow clear text".', command: false }]);
  });
});

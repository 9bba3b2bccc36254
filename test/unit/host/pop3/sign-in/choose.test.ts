/** `auto` sign-in: the strongest method the server offers that the account may use. */
import { describe, expect, it } from 'vitest';
import { parseCapabilities } from '../../../../../src/host/pop3/replies';
import { type ChoiceInput, chooseMethod } from '../../../../../src/host/pop3/sign-in/choose';
import { PopbiffError } from '../../../../../src/shared/errors';

const caps = (...lines: string[]) => parseCapabilities(lines);
const TIMESTAMP = '<1.2@host>';

function choose(overrides: Partial<ChoiceInput>): string {
  return chooseMethod({
    requested: 'auto',
    capabilities: caps('USER', 'SASL PLAIN LOGIN CRAM-MD5'),
    timestamp: undefined,
    secure: true,
    allowPlaintext: false,
    ...overrides,
  });
}

function refusal(overrides: Partial<ChoiceInput>): string {
  try {
    choose(overrides);
  } catch (error) {
    if (error instanceof PopbiffError) return error.code;
    throw error;
  }
  return 'chosen';
}

describe('choosing the sign-in method', () => {
  it('over TLS prefers SASL PLAIN, then USER/PASS', () => {
    expect(choose({})).toBe('plain');
    expect(choose({ capabilities: caps('USER', 'SASL CRAM-MD5') })).toBe('user');
  });

  it('over clear text prefers CRAM-MD5, then APOP, which never reveal the password', () => {
    expect(choose({ secure: false, allowPlaintext: true, timestamp: TIMESTAMP })).toBe('cram-md5');
    expect(
      choose({ secure: false, allowPlaintext: true, timestamp: TIMESTAMP, capabilities: caps('USER', 'SASL PLAIN') }),
    ).toBe('apop');
  });

  it('over clear text uses PLAIN or USER only with the account allowing clear text', () => {
    expect(choose({ secure: false, allowPlaintext: true, capabilities: caps('USER', 'SASL PLAIN') })).toBe('plain');
    expect(refusal({ secure: false, allowPlaintext: false, capabilities: caps('USER', 'SASL PLAIN') })).toBe(
      'PLAINTEXT_REFUSED',
    );
    expect(choose({ secure: false, allowPlaintext: false, timestamp: TIMESTAMP, capabilities: caps('USER') })).toBe(
      'apop',
    );
  });

  it('never picks an OAuth mechanism by itself', () => {
    expect(choose({ capabilities: caps('SASL XOAUTH2 OAUTHBEARER') })).toBe('user');
  });

  it('without CAPA, falls back to RFC 1939 USER/PASS (or APOP over clear text)', () => {
    expect(choose({ capabilities: undefined })).toBe('user');
    expect(choose({ capabilities: undefined, secure: false, allowPlaintext: true, timestamp: TIMESTAMP })).toBe('apop');
  });

  it('an explicit method the server does not offer is AUTH_UNSUPPORTED', () => {
    expect(refusal({ requested: 'xoauth2' })).toBe('AUTH_UNSUPPORTED');
    expect(refusal({ requested: 'apop' })).toBe('AUTH_UNSUPPORTED');
    expect(choose({ requested: 'cram-md5' })).toBe('cram-md5');
  });

  it('an explicit disclosing method over clear text without consent is PLAINTEXT_REFUSED', () => {
    expect(refusal({ requested: 'login', secure: false })).toBe('PLAINTEXT_REFUSED');
  });
});

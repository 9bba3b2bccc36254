import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signInError, socketError } from '../../../../src/host/pop3/errors';
import {
  parseCapabilities,
  parseListLine,
  parseStat,
  parseStatus,
  parseUidLine,
  parseUidListing,
} from '../../../../src/host/pop3/replies';
import { PopbiffError } from '../../../../src/shared/errors';

describe('POP3 reply parsers', () => {
  it('read +OK and -ERR with and without text', () => {
    expect(parseStatus('+OK')).toEqual({ ok: true, text: '' });
    expect(parseStatus('+OK Dovecot ready.')).toEqual({ ok: true, text: 'Dovecot ready.' });
    expect(parseStatus('-ERR no such message')).toEqual({ ok: false, text: 'no such message' });
  });

  it('read RFC 2449 §8 response codes in any case', () => {
    expect(parseStatus('-ERR [IN-USE] locked')).toEqual({ ok: false, code: 'IN-USE', text: 'locked' });
    expect(parseStatus('-ERR [sys/temp] later')).toEqual({ ok: false, code: 'SYS/TEMP', text: 'later' });
    expect(parseStatus('-ERR [AUTH]')).toEqual({ ok: false, code: 'AUTH', text: '' });
  });

  it('refuse a status line that is neither +OK nor -ERR, quoting at most 100 characters', () => {
    const long = `* OK IMAP4rev1 ${'x'.repeat(300)}`;
    const error = (() => {
      try {
        parseStatus(long);
      } catch (e) {
        return e as PopbiffError;
      }
    })();
    expect(error?.code).toBe('PROTOCOL_ERROR');
    expect(error?.message.length).toBeLessThan(200);
    expect(() => parseStatus('+OKAY')).toThrow(PopbiffError);
  });

  it('read CAPA lines, their tags and LOGIN-DELAY', () => {
    const caps = parseCapabilities(['top', 'UIDL', 'SASL PLAIN LOGIN', 'LOGIN-DELAY 900 USER', '']);
    expect(caps.lines).toEqual(['TOP', 'UIDL', 'SASL PLAIN LOGIN', 'LOGIN-DELAY 900 USER']);
    expect(caps.has('top')).toBe(true);
    expect(caps.has('STLS')).toBe(false);
    expect(caps.loginDelaySeconds).toBe(900);
    expect(parseCapabilities(['LOGIN-DELAY soon']).loginDelaySeconds).toBeUndefined();
  });

  it('refuse an absurd number of capabilities', () => {
    expect(() => parseCapabilities(Array.from({ length: 101 }, (_, i) => `X-${i}`))).toThrow(/more than 100/);
  });

  it('read STAT, UIDL and LIST replies', () => {
    expect(parseStat('3 4096')).toEqual({ count: 3, size: 4096 });
    expect(parseStat('0 0 messages')).toEqual({ count: 0, size: 0 });
    expect(parseUidLine('2 000000016b084f77')).toEqual({ number: 2, uid: '000000016b084f77' });
    expect(parseListLine('2 120')).toEqual({ number: 2, size: 120 });
    expect(parseUidListing(['1 a', '2 b'])).toEqual([
      { number: 1, uid: 'a' },
      { number: 2, uid: 'b' },
    ]);
  });

  it('refuse malformed STAT, UIDL and LIST replies', () => {
    for (const bad of ['', 'three 4096', '3', '-1 2']) expect(() => parseStat(bad)).toThrow(PopbiffError);
    for (const bad of ['1', 'x abc', '0 abc', `1 ${'u'.repeat(71)}`, '1 a b', '1 a\x7f']) {
      expect(() => parseUidLine(bad)).toThrow(PopbiffError);
    }
    expect(() => parseUidListing(['1 a', '1 b'])).toThrow(/twice/);
    expect(() => parseListLine('1')).toThrow(PopbiffError);
  });

  it('only ever throw PopbiffError on random input', () => {
    const parsers = [
      parseStatus,
      parseStat,
      parseUidLine,
      parseListLine,
      (s: string) => parseCapabilities(s.split('\n')),
    ];
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (text, bytes) => {
        for (const parse of parsers) {
          for (const input of [text, Buffer.from(bytes).toString('latin1')]) {
            try {
              parse(input);
            } catch (error) {
              expect(error).toBeInstanceOf(PopbiffError);
            }
          }
        }
      }),
    );
  });
});

describe('sign-in and socket error mapping', () => {
  const plain = { authRespCode: false };

  it('maps each RFC 2449 / RFC 3206 response code onto the shared table', () => {
    expect(signInError(parseStatus('-ERR [AUTH] no'), plain).code).toBe('AUTH_FAILED');
    expect(signInError(parseStatus('-ERR [IN-USE] locked'), plain).code).toBe('IN_USE');
    expect(signInError(parseStatus('-ERR [LOGIN-DELAY] wait'), plain).code).toBe('LOGIN_DELAY');
    expect(signInError(parseStatus('-ERR [SYS/TEMP] db down'), plain).code).toBe('SERVER_TEMPORARY');
    expect(signInError(parseStatus('-ERR [SYS/PERM] closed'), plain).code).toBe('SERVER_PERMANENT');
  });

  it('without a code, reads the words of old servers, and trusts AUTH-RESP-CODE', () => {
    expect(signInError(parseStatus('-ERR maildrop already locked'), plain).code).toBe('IN_USE');
    expect(signInError(parseStatus('-ERR please try again later'), plain).code).toBe('SERVER_TEMPORARY');
    expect(signInError(parseStatus('-ERR invalid password'), plain).code).toBe('AUTH_FAILED');
    expect(signInError(parseStatus('-ERR oops'), { authRespCode: true }).code).toBe('SERVER_TEMPORARY');
  });

  it('gives LOGIN_DELAY a retry time from the announced delay', () => {
    const error = signInError(parseStatus('-ERR [LOGIN-DELAY] wait'), {
      authRespCode: true,
      loginDelaySeconds: 60,
      now: 1000,
    });
    expect(error.retryAfter).toBe(61_000);
  });

  it('maps socket errors by their code only', () => {
    const err = (code: string) => Object.assign(new Error(`secret detail ${code}`), { code });
    expect(socketError(err('ECONNREFUSED'), { during: 'connecting' }).code).toBe('CONNECT_FAILED');
    expect(socketError(err('ENOTFOUND'), { during: 'connecting' }).code).toBe('CONNECT_FAILED');
    const cert = socketError(err('ERR_TLS_CERT_ALTNAME_INVALID'), {
      during: 'the TLS handshake',
      fingerprint: 'AB:CD',
    });
    expect(cert.code).toBe('CERT_UNTRUSTED');
    expect(cert.message).toContain('AB:CD');
    expect(socketError(err('SELF_SIGNED_CERT_IN_CHAIN'), { during: 'the TLS handshake' }).code).toBe('CERT_UNTRUSTED');
    expect(socketError(err('ERR_SSL_WRONG_VERSION_NUMBER'), { during: 'the TLS handshake' }).code).toBe('TLS_FAILED');
    expect(socketError(err('ECONNREFUSED'), { during: 'connecting' }).message).not.toContain('secret detail');
  });

  it('says that no server of the given name was found, naming it, instead of a bare ENOTFOUND', () => {
    const err = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    const error = socketError(err, { during: 'the TLS handshake', host: 'pop.exmaple.org' });
    expect(error.code).toBe('CONNECT_FAILED');
    expect(error.message).toBe(
      'No server named "pop.exmaple.org" was found. Check the server name in the account settings.',
    );
    const odd = socketError(err, { during: 'connecting', host: 'bad\nname\u202e' });
    expect(odd.message).toContain('"bad?name?"');
  });
});

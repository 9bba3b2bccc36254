/** The SASL responses and the APOP digest, checked against the examples in their RFCs. */
import { describe, expect, it } from 'vitest';
import {
  apopDigest,
  cramMd5Response,
  greetingTimestamp,
  loginResponses,
  oauthBearerResponse,
  oauthErrorAck,
  plainResponse,
  xoauth2Response,
} from '../../../../../src/host/pop3/sign-in/sasl';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('SASL responses and APOP', () => {
  it('APOP digest matches RFC 1939 §7', () => {
    expect(apopDigest('<1896.697170952@dbc.mtview.ca.us>', 'tanstaaf')).toBe('c4c9334bac560ecc979e58001b3e22fb');
  });

  it('CRAM-MD5 response matches RFC 2195 §2', () => {
    const challenge = Buffer.from('<1896.697170952@postoffice.reston.mci.net>').toString('base64');
    expect(decode(cramMd5Response('tim', 'tanstaaftanstaaf', challenge))).toBe('tim b913a602c7eda7a495b4e6e7334d3890');
  });

  it('PLAIN is NUL user NUL password (RFC 4616 §2)', () => {
    expect(decode(plainResponse('tim', 'tanstaaf'))).toBe('\0tim\0tanstaaf');
  });

  it('LOGIN sends the user name, then the password', () => {
    expect(loginResponses('tim', 'secret').map(decode)).toEqual(['tim', 'secret']);
  });

  it("XOAUTH2 matches Google's documented example", () => {
    expect(xoauth2Response('someuser@example.com', 'ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg')).toBe(
      'dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==',
    );
  });

  it('OAUTHBEARER matches RFC 7628 §4.1', () => {
    const response = oauthBearerResponse(
      'user@example.com',
      'vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==',
      'server.example.com',
      143,
    );
    expect(decode(response)).toBe(
      'n,a=user@example.com,\x01host=server.example.com\x01port=143\x01auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01',
    );
  });

  it('OAUTHBEARER escapes "," and "=" in the authzid (RFC 5801 §4)', () => {
    expect(decode(oauthBearerResponse('a,b=c', 't', 'h', 1))).toMatch(/^n,a=a=2Cb=3Dc,/);
  });

  it('answers an OAuth error challenge with an empty line (XOAUTH2) or %x01 (OAUTHBEARER, RFC 7628 §3.2.3)', () => {
    expect(oauthErrorAck('XOAUTH2')).toBe('');
    expect(decode(oauthErrorAck('OAUTHBEARER'))).toBe('\x01');
  });

  it('finds the APOP timestamp in a greeting, and none where there is none', () => {
    expect(greetingTimestamp('POP3 server ready <1896.697170952@dbc.mtview.ca.us>')).toBe(
      '<1896.697170952@dbc.mtview.ca.us>',
    );
    expect(greetingTimestamp('Dovecot ready.')).toBeUndefined();
    expect(greetingTimestamp('ready <no-at-sign>')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parsePopUrl } from '../../../../src/host/cli/pop-url';
import { UsageError } from '../../../../src/host/cli/usage-error';

describe('parsePopUrl', () => {
  it('reads pop3s:// as TLS on port 995 by default', () => {
    expect(parsePopUrl('pop3s://ada@mail.example.org')).toEqual({
      host: 'mail.example.org',
      port: 995,
      security: 'tls',
      allowPlaintext: false,
      username: 'ada',
    });
  });

  it('reads pop3:// as required STARTTLS on port 110, or clear text only when asked', () => {
    expect(parsePopUrl('pop3://ada@127.0.0.1:1110')).toMatchObject({
      port: 1110,
      security: 'starttls',
      allowPlaintext: false,
    });
    expect(parsePopUrl('pop3://ada@127.0.0.1', { insecurePlaintext: true })).toMatchObject({
      port: 110,
      security: 'plain',
      allowPlaintext: true,
    });
  });

  it('percent-decodes the user name and unwraps an IPv6 literal', () => {
    expect(parsePopUrl('pop3s://user%40example.org@[::1]:2995')).toMatchObject({
      username: 'user@example.org',
      host: '::1',
      port: 2995,
    });
  });

  it('passes the CA file along', () => {
    expect(parsePopUrl('pop3s://a@h', { caFile: '/etc/ca.pem' })).toMatchObject({ caFile: '/etc/ca.pem' });
  });

  it.each([
    ['not a url', 'is not a URL'],
    ['imaps://a@h', 'Unknown scheme'],
    ['pop3s://h:995', 'needs a user name'],
    ['pop3s://a:pw@h', 'Do not put the password'],
    ['pop3s://a@h/inbox', 'may not have a path'],
    ['pop3s://a%E0%A4%A@h', 'percent-encoded'],
  ])('rejects %s', (url, message) => {
    expect(() => parsePopUrl(url)).toThrow(UsageError);
    expect(() => parsePopUrl(url)).toThrow(message);
  });

  it('refuses --insecure-plaintext with pop3s://', () => {
    expect(() => parsePopUrl('pop3s://a@h', { insecurePlaintext: true })).toThrow('only goes with pop3://');
  });

  it('applies the account rules (line breaks in the user name)', () => {
    expect(() => parsePopUrl('pop3s://a%0Ab@h')).toThrow('line breaks');
  });
});

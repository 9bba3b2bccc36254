import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuthResults, spoofedAddresses, trustHints } from '../../../src/shared/trust';

describe('Authentication-Results (RFC 8601)', () => {
  it('reads SPF, DKIM and DMARC results and who claims them', () => {
    const value =
      'mx.google.com; dkim=pass header.i=@example.com header.s=s1; spf=pass (google.com: domain of a@example.com designates 1.2.3.4) smtp.mailfrom=a@example.com; dmarc=pass (p=REJECT) header.from=example.com';
    expect(parseAuthResults(value)).toEqual({
      authservId: 'mx.google.com',
      results: { dkim: 'pass', spf: 'pass', dmarc: 'pass' },
    });
  });

  it('reports failures and leaves out methods the header does not mention', () => {
    expect(
      parseAuthResults('mx.example.net 1; spf=softfail smtp.mailfrom=x.ru; dmarc=fail header.from=paypal.com'),
    ).toEqual({
      authservId: 'mx.example.net',
      results: { spf: 'softfail', dmarc: 'fail' },
    });
  });

  it('counts DKIM as passed when one of several signatures passes', () => {
    expect(parseAuthResults('mx; dkim=fail header.d=a.com; dkim=pass header.d=b.com')?.results.dkim).toBe('pass');
    expect(parseAuthResults('mx; dkim=neutral; dkim=fail')?.results.dkim).toBe('neutral');
  });

  it('ignores semicolons and equals signs inside comments, and unknown methods', () => {
    const value = 'mx.example.org (comment; spf=pass (nested)); auth=pass smtp.auth=x; spf=FAIL';
    expect(parseAuthResults(value)).toEqual({ authservId: 'mx.example.org', results: { spf: 'fail' } });
  });

  it('calls an unknown result "other" and a header without authserv-id unreadable', () => {
    expect(parseAuthResults('mx; dmarc=bestguesspass')?.results.dmarc).toBe('other');
    expect(parseAuthResults('  ; spf=pass')).toBeUndefined();
    expect(parseAuthResults('')).toBeUndefined();
  });

  it('never throws, whatever the header holds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (value) => void parseAuthResults(value)));
  });
});

describe('spoofing: an address in the display name that is not the sender', () => {
  it('warns about "paypal@paypal.com" <evil@x.ru>', () => {
    expect(spoofedAddresses({ name: 'paypal@paypal.com', address: 'evil@x.ru' })).toEqual(['paypal@paypal.com']);
  });

  it('finds the address inside a longer name, once, in lower case', () => {
    const from = { name: 'Service (Service@Bank.example) / service@bank.example', address: 'noreply@mailer.example' };
    expect(spoofedAddresses(from)).toEqual(['service@bank.example']);
  });

  it('does not warn when the name shows the real address, in any case, or no address', () => {
    expect(spoofedAddresses({ name: 'Ann@Example.com', address: 'ann@example.com' })).toEqual([]);
    expect(spoofedAddresses({ name: 'Ann Smith', address: 'ann@example.com' })).toEqual([]);
    expect(spoofedAddresses({ name: '', address: 'ann@example.com' })).toEqual([]);
    expect(spoofedAddresses({ name: 'Meet @ noon', address: 'ann@example.com' })).toEqual([]);
  });
});

describe('trust hints for one message', () => {
  it('reads the lower-cased Authentication-Results header when the host sent it', () => {
    const hints = trustHints({
      from: { name: 'support@apple.com', address: 'x@evil.test' },
      headers: { 'authentication-results': 'mx.example.com; spf=fail; dkim=none' },
    });
    expect(hints).toEqual({
      auth: { authservId: 'mx.example.com', results: { spf: 'fail', dkim: 'none' } },
      spoofed: ['support@apple.com'],
    });
  });

  it('has no authentication hint when the header is absent', () => {
    expect(trustHints({ from: { name: 'Ann', address: 'ann@example.com' } })).toEqual({ auth: undefined, spoofed: [] });
  });
});

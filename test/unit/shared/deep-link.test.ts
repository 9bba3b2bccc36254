import { describe, expect, it } from 'vitest';
import { messageLink, webmailPattern } from '../../../src/shared/deep-link';

const gmail = 'https://mail.google.com/mail/u/0/';

describe('webmailPattern', () => {
  it('covers every page of the webmail site, on any port', () => {
    expect(webmailPattern('https://mail.example.org/owa/?path=/mail')).toBe('https://mail.example.org/*');
    expect(webmailPattern('http://localhost:8080/roundcube/')).toBe('http://localhost/*');
  });

  it('gives nothing for an empty or non-web address', () => {
    expect(webmailPattern('')).toBeUndefined();
    expect(webmailPattern('not a url')).toBeUndefined();
    expect(webmailPattern('file:///etc/passwd')).toBeUndefined();
    expect(webmailPattern('javascript:alert(1)')).toBeUndefined();
  });
});

describe('messageLink', () => {
  it('searches Gmail by the Message-ID without its angle brackets', () => {
    expect(messageLink(gmail, { messageId: '<CAF=abc+1@mail.gmail.com>' })).toBe(
      'https://mail.google.com/mail/u/0/#search/rfc822msgid%3ACAF%3Dabc%2B1%40mail.gmail.com',
    );
  });

  it('keeps the signed-in Gmail account the webmail address names', () => {
    expect(messageLink('https://mail.google.com/mail/u/2/#inbox', { messageId: '<a@b>' })).toBe(
      'https://mail.google.com/mail/u/2/#search/rfc822msgid%3Aa%40b',
    );
    expect(messageLink('https://mail.google.com/', { messageId: 'a@b' })).toBe(
      'https://mail.google.com/mail/u/0/#search/rfc822msgid%3Aa%40b',
    );
  });

  it('encodes anything a Message-ID may smuggle into the link', () => {
    const link = messageLink(gmail, { messageId: '<x/../#y?z&q= "w"@h>' });
    expect(link.startsWith('https://mail.google.com/mail/u/0/#search/rfc822msgid%3A')).toBe(true);
    expect(link.slice(link.indexOf('%3A') + 3)).not.toMatch(/[/#?&" ]/);
    expect(decodeURIComponent(link.slice(link.indexOf('%3A') + 3))).toBe('x/../#y?z&q= "w"@h');
  });

  it('opens the webmail itself where there is no per-message link', () => {
    expect(messageLink('https://outlook.office.com/mail/', { messageId: '<a@b>' })).toBe(
      'https://outlook.office.com/mail/',
    );
    expect(messageLink(gmail, { messageId: '' })).toBe(gmail);
    expect(messageLink(gmail, { messageId: '<>' })).toBe(gmail);
    expect(messageLink('http://mail.google.com.evil.example/', { messageId: '<a@b>' })).toBe(
      'http://mail.google.com.evil.example/',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeHeaders } from '../../src/host/headers';
import { HEADER_LIMITS } from '../../src/shared/mail';

const block = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

describe('summarizeHeaders', () => {
  it('reads From, Subject, Date and Message-ID', async () => {
    const summary = await summarizeHeaders(
      block('From: Ada Lovelace <ada@example.org>', 'Subject: Notes', 'Date: Tue, 02 Jan 2024 10:30:00 +0100', 'Message-ID: <m1@example.org>'),
    );
    expect(summary).toEqual({
      from: { name: 'Ada Lovelace', address: 'ada@example.org' },
      subject: 'Notes',
      date: '2024-01-02T09:30:00.000Z',
      messageId: '<m1@example.org>',
    });
  });

  it('decodes RFC 2047 encoded words and unfolds folded lines', async () => {
    const summary = await summarizeHeaders(
      block(
        'From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.org>',
        'Subject: =?UTF-8?B?R3LDvMOfZQ==?=',
        '  =?UTF-8?Q?_und_mehr?= folded',
      ),
    );
    expect(summary.from.name).toBe('André');
    expect(summary.subject).toBe('Grüße und mehr folded');
  });

  it('reads raw 8-bit headers as UTF-8 when valid, else windows-1252', async () => {
    const utf8 = Buffer.from('Subject: Grüße €\r\n', 'utf8');
    const cp1252 = Buffer.concat([Buffer.from('Subject: Gr'), Buffer.from([0xfc, 0xdf, 0x65, 0x20, 0x80]), Buffer.from('\r\n')]);
    expect((await summarizeHeaders(utf8)).subject).toBe('Grüße €');
    expect((await summarizeHeaders(cp1252)).subject).toBe('Grüße €');
  });

  it('gives empty fields for missing headers and an unreadable date', async () => {
    const summary = await summarizeHeaders(block('Date: someday soon', 'X-Other: 1'));
    expect(summary).toEqual({ from: { name: '', address: '' }, subject: '', date: '', messageId: '' });
  });

  it('strips control characters and bidi overrides', async () => {
    const summary = await summarizeHeaders(block('Subject: =?UTF-8?B?' + Buffer.from('a\x07b\u202Egnp.exe').toString('base64') + '?='));
    expect(summary.subject).toBe('a bgnp.exe');
  });

  it('caps every field at the shared limits', async () => {
    const summary = await summarizeHeaders(
      block(`Subject: ${'s'.repeat(5000)}`, `From: ${'n'.repeat(500)} <${'a'.repeat(400)}@example.org>`, `Message-ID: <${'m'.repeat(2000)}@x>`),
    );
    expect(summary.subject).toHaveLength(HEADER_LIMITS.subject);
    expect(summary.from.name.length).toBeLessThanOrEqual(HEADER_LIMITS.name);
    expect(summary.from.address.length).toBeLessThanOrEqual(HEADER_LIMITS.address);
    expect(summary.messageId.length).toBeLessThanOrEqual(HEADER_LIMITS.messageId);
  });

  it('never throws and never returns control characters, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const summary = await summarizeHeaders(Buffer.concat([Buffer.from('Subject: '), Buffer.from(bytes)]));
        expect(summary.subject).not.toMatch(/[\x00-\x1f\x7f]/);
        expect(summary.subject.length).toBeLessThanOrEqual(HEADER_LIMITS.subject);
      }),
      { numRuns: 200 },
    );
  });
});

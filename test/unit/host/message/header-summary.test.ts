import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeHeaders } from '../../../../src/host/message/header-summary';
import { splitReply } from '../../../../src/host/native/chunking';
import { RULE_HEADERS } from '../../../../src/host/message/rule-headers';
import {
  HEADER_LIMITS,
  MAX_EXTRA_HEADERS,
  MAX_NEW_SUMMARIES,
  MAX_RECIPIENTS,
  MessageSummary,
} from '../../../../src/shared/mail';

const block = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

describe('summarizeHeaders', () => {
  it('reads From, Subject, Date and Message-ID', async () => {
    const summary = await summarizeHeaders(
      block(
        'From: Ada Lovelace <ada@example.org>',
        'Subject: Notes',
        'Date: Tue, 02 Jan 2024 10:30:00 +0100',
        'Message-ID: <m1@example.org>',
      ),
    );
    expect(summary).toEqual({
      from: { name: 'Ada Lovelace', address: 'ada@example.org' },
      subject: 'Notes',
      date: '2024-01-02T09:30:00.000Z',
      messageId: '<m1@example.org>',
      to: [],
      cc: [],
      headers: {},
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
    const cp1252 = Buffer.concat([
      Buffer.from('Subject: Gr'),
      Buffer.from([0xfc, 0xdf, 0x65, 0x20, 0x80]),
      Buffer.from('\r\n'),
    ]);
    expect((await summarizeHeaders(utf8)).subject).toBe('Grüße €');
    expect((await summarizeHeaders(cp1252)).subject).toBe('Grüße €');
  });

  it('gives empty fields for missing headers and an unreadable date', async () => {
    const summary = await summarizeHeaders(block('Date: someday soon', 'X-Other: 1'));
    expect(summary).toEqual({
      from: { name: '', address: '' },
      subject: '',
      date: '',
      messageId: '',
      to: [],
      cc: [],
      headers: {},
    });
  });

  it('strips control characters and bidi overrides', async () => {
    const summary = await summarizeHeaders(
      block(`Subject: =?UTF-8?B?${Buffer.from('a\x07b\u202Egnp.exe').toString('base64')}?=`),
    );
    expect(summary.subject).toBe('a bgnp.exe');
  });

  it('caps every field at the shared limits', async () => {
    const summary = await summarizeHeaders(
      block(
        `Subject: ${'s'.repeat(5000)}`,
        `From: ${'n'.repeat(500)} <${'a'.repeat(400)}@example.org>`,
        `Message-ID: <${'m'.repeat(2000)}@x>`,
      ),
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
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
        expect(summary.subject).not.toMatch(/[\x00-\x1f\x7f]/);
        expect(summary.subject.length).toBeLessThanOrEqual(HEADER_LIMITS.subject);
      }),
      { numRuns: 200 },
    );
  });
});

describe('summarizeHeaders: rule inputs', () => {
  it('reads To and Cc as decoded mailboxes, group members included', async () => {
    const summary = await summarizeHeaders(
      block(
        'From: ann@example.org',
        'To: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>, "Doe, Jane" <jane@example.org>,',
        ' team: a@example.org, b@example.org;',
        'Cc: c@example.org',
      ),
    );
    expect(summary.to).toEqual([
      { name: 'Jürgen', address: 'j@example.org' },
      { name: 'Doe, Jane', address: 'jane@example.org' },
      { name: '', address: 'a@example.org' },
      { name: '', address: 'b@example.org' },
    ]);
    expect(summary.cc).toEqual([{ name: '', address: 'c@example.org' }]);
  });

  it('keeps the chosen headers decoded and lowercased, and nothing else', async () => {
    const summary = await summarizeHeaders(
      block(
        'X-Spam-Flag: YES',
        'X-Spam-Status: =?UTF-8?B?WWVz?=, score=7.1',
        '  required=5.0',
        'List-Id: Popbiff users <users.popbiff.org>',
        'Received: from somewhere',
        'X-Secret-Token: abc',
      ),
    );
    expect(summary.headers).toEqual({
      'x-spam-flag': 'YES',
      'x-spam-status': 'Yes, score=7.1 required=5.0',
      'list-id': 'Popbiff users <users.popbiff.org>',
    });
  });

  it('keeps the topmost Authentication-Results (the receiving server), not one the sender added below', async () => {
    const summary = await summarizeHeaders(
      block(
        'Authentication-Results: mx.example.org; dkim=fail',
        'Authentication-Results: mx.example.org; dkim=pass',
        '  (forged)',
      ),
    );
    expect(summary.headers?.['authentication-results']).toBe('mx.example.org; dkim=fail');
  });

  it('strips control characters and bidi overrides from header values', async () => {
    const encoded = Buffer.from('Paypal\x07\u202Eevil').toString('base64');
    const summary = await summarizeHeaders(
      block(`Reply-To: =?UTF-8?B?${encoded}?= <r@example.org>`, `Organization: =?UTF-8?B?${encoded}?=`),
    );
    expect(summary.headers?.['reply-to']).toBe('Paypal evil <r@example.org>');
    expect(summary.headers?.organization).toBe('Paypal evil');
  });

  it('caps recipients and header values at the shared limits', async () => {
    const many = Array.from({ length: 50 }, (_, i) => `user${i}@example.org`).join(', ');
    const summary = await summarizeHeaders(
      block(`To: ${many}`, `Cc: ${'x'.repeat(500)} <${'a'.repeat(400)}@example.org>`, `List-Id: ${'l'.repeat(5000)}`),
    );
    expect(summary.to).toHaveLength(MAX_RECIPIENTS);
    expect(summary.to?.[19]).toEqual({ name: '', address: 'user19@example.org' });
    expect(summary.cc?.[0]?.name.length).toBeLessThanOrEqual(HEADER_LIMITS.name);
    expect(summary.cc?.[0]?.address.length).toBeLessThanOrEqual(HEADER_LIMITS.address);
    expect(summary.headers?.['list-id']).toHaveLength(HEADER_LIMITS.headerValue);
  });

  it('gives schema-valid rule inputs without control characters, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), async (a, b) => {
        const raw = Buffer.concat([
          Buffer.from('To: '),
          Buffer.from(a),
          Buffer.from('\r\nX-Spam-Status: '),
          Buffer.from(b),
          Buffer.from('\r\n'),
        ]);
        const summary = await summarizeHeaders(raw);
        const texts = [
          ...Object.values(summary.headers ?? {}),
          ...(summary.to ?? []).flatMap((m) => [m.name, m.address]),
        ];
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
        for (const text of texts) expect(text).not.toMatch(/[\x00-\x1f\x7f]/);
        expect(MessageSummary.safeParse({ uid: 'u', number: 1, size: 1, ...summary }).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never keeps more headers than the schema allows', async () => {
    expect(RULE_HEADERS.length).toBeLessThanOrEqual(MAX_EXTRA_HEADERS);
    const summary = await summarizeHeaders(block(...RULE_HEADERS.map((name) => `${name}: v`), 'X-Other: 1'));
    expect(Object.keys(summary.headers ?? {}).sort()).toEqual([...RULE_HEADERS].sort());
    expect(MessageSummary.safeParse({ uid: 'u', number: 1, size: 1, ...summary }).success).toBe(true);
  });
});

describe('summary size', () => {
  /** Every field at its cap, in 3-byte UTF-8 characters and with quotes to escape: the worst case. */
  const wide = (length: number): string => '€"'.repeat(length).slice(0, length);
  const mailbox = { name: wide(HEADER_LIMITS.name), address: wide(HEADER_LIMITS.address) };
  const largest = {
    uid: 'u'.repeat(70),
    number: 1,
    size: 1,
    from: mailbox,
    subject: wide(HEADER_LIMITS.subject),
    date: '2024-01-02T09:30:00.000Z',
    messageId: wide(HEADER_LIMITS.messageId),
    to: Array.from({ length: MAX_RECIPIENTS }, () => mailbox),
    cc: Array.from({ length: MAX_RECIPIENTS }, () => mailbox),
    headers: Object.fromEntries(
      Array.from({ length: MAX_EXTRA_HEADERS }, (_, i) => [
        `x-h${i}-${'n'.repeat(90)}`,
        wide(HEADER_LIMITS.headerValue),
      ]),
    ),
  };

  it('the largest summary the schema allows is valid, and one field more is not', () => {
    expect(MessageSummary.safeParse(largest).success).toBe(true);
    expect(MessageSummary.safeParse({ ...largest, to: [...largest.to, mailbox] }).success).toBe(false);
    expect(MessageSummary.safeParse({ ...largest, headers: { ...largest.headers, extra: 'x' } }).success).toBe(false);
    expect(MessageSummary.safeParse({ ...largest, subject: wide(HEADER_LIMITS.subject + 1) }).success).toBe(false);
  });

  it('a reply of MAX_NEW_SUMMARIES largest summaries still goes through the host in chunks', () => {
    const reply = JSON.stringify({
      v: 1,
      id: 'x',
      hostVersion: '0.1.0',
      ok: true,
      result: { newMessages: Array.from({ length: MAX_NEW_SUMMARIES }, () => largest) },
    });
    expect(Buffer.byteLength(reply)).toBeGreaterThan(1024 * 1024);
    expect(() => splitReply(reply, { v: 1, id: 'x', hostVersion: '0.1.0' })).not.toThrow();
  });
});

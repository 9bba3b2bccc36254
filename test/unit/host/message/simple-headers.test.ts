/**
 * The fast header path must never disagree with the full MIME parser: wherever it answers, the
 * summary is the same; where it cannot be sure, it declines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeHeaders, summarizeWithParser } from '../../../../src/host/message/header-summary';
import { parseSimpleHeaders } from '../../../../src/host/message/simple-headers';

const word = fc.stringMatching(/^[A-Za-z0-9'_-]{1,10}$/);
const address = fc
  .tuple(fc.stringMatching(/^[a-z0-9._+-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,10}\.[a-z]{2,4}$/))
  .map(([l, d]) => `${l}@${d}`);
const from = fc.oneof(
  address,
  address.map((a) => `<${a}>`),
  fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), address).map(([n, a]) => `${n.join(' ')} <${a}>`),
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9 ,.;:()@'-]{0,20}$/), address).map(([n, a]) => `"${n}" <${a}>`),
);
const date = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
    .map((d) => d.toUTCString().replace('GMT', '+0000')),
  fc.constantFrom('Mon, 1 Jan 2024 10:00:00 +0200', 'garbage', '', '1 Jan 2024 10:00 -0500'),
);
const text = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const messageId = fc.oneof(
  address.map((a) => `<${a}>`),
  address,
);

const block = fc
  .record({
    from: fc.option(from),
    subject: fc.option(text),
    date: fc.option(date),
    messageId: fc.option(messageId),
    extra: fc.array(text, { maxLength: 3 }),
  })
  .map((h) => {
    const lines = [
      ...(h.from === null ? [] : [`From: ${h.from}`]),
      ...h.extra.map((e, i) => `X-Extra-${i}: ${e}`),
      ...(h.subject === null ? [] : [`Subject: ${h.subject}`]),
      ...(h.date === null ? [] : [`Date: ${h.date}`]),
      ...(h.messageId === null ? [] : [`Message-ID: ${h.messageId}`]),
    ];
    return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
  });

describe('the fast header path', () => {
  it('gives the same summary as the MIME parser wherever it answers', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(block, async (headers) => {
        if (parseSimpleHeaders(headers) !== undefined) answered++;
        expect(await summarizeHeaders(headers)).toEqual(await summarizeWithParser(headers));
      }),
      { numRuns: 400 },
    );
    // The fast path must actually be taken for ordinary mail, or it is pointless.
    expect(answered).toBeGreaterThan(200);
  });

  it('declines encoded words, folded lines, 8-bit bytes and repeated fields', () => {
    for (const raw of [
      'Subject: =?UTF-8?B?w6k=?=\r\n',
      'Subject: one\r\n two\r\n',
      'Subject: caf\xe9\r\n',
      'Subject: a\r\nSubject: b\r\n',
      'From: a@b.c, d@e.f\r\n',
    ]) {
      expect(parseSimpleHeaders(Buffer.from(raw, 'latin1'))).toBeUndefined();
    }
  });
});

/**
 * Fuzzing the header summary: whatever header block a sender writes (8-bit bytes, encoded
 * words, folding, control and bidi characters), the summary is produced, passes the shared
 * schema's caps, and carries no control or invisible character.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeHeaders } from '../../src/host/message/header-summary';
import { MessageSummary } from '../../src/shared/mail';
import { FUZZ_TIMEOUT_MS, fuzzOptions } from '../helpers/fuzz';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const NAMES = ['From', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'Authentication-Results', 'List-Id', 'X-Spam-Flag'];

const value = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ maxLength: 60 }).map((s) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`),
  fc.constantFrom('"a@b.example" <evil@x.test>', '<>', '=?x?Q?=ZZ?=', '\u202e\u200b', '(((((', 'a'.repeat(3000)),
);
const headerLine = fc
  .tuple(fc.constantFrom(...NAMES), value, fc.boolean())
  .map(([name, text, folded]) =>
    folded ? `${name}: ${text.slice(0, 40)}\r\n\t${text.slice(40)}` : `${name}: ${text}`,
  );
const block = fc.oneof(
  fc.array(headerLine, { maxLength: 15 }).map((lines) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8')),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
);

describe('fuzz: header summary', () => {
  it(
    'any header block gives a summary within the schema caps, free of control and invisible characters',
    async () => {
      await fc.assert(
        fc.asyncProperty(block, async (bytes) => {
          const summary = await summarizeHeaders(bytes);
          const checked = MessageSummary.safeParse({ uid: 'u1', number: 1, size: bytes.length, ...summary });
          expect(checked.success).toBe(true);
          const texts = [summary.subject, summary.from.name, summary.from.address, summary.messageId];
          for (const text of [...texts, ...Object.values(summary.headers ?? {})]) expect(text).not.toMatch(UNSAFE);
        }),
        fuzzOptions,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

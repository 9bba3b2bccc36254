import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineReader, MultilineCollector } from '../../../../src/host/pop3/line-reader';
import { PopbiffError } from '../../../../src/shared/errors';

/** Feeds chunks through a reader and collector the way the session does; returns body lines. */
function readMultiline(
  chunks: Buffer[],
  maxLine = 1000,
  maxTotal = 100_000,
): { status: string; body: string[]; rest: number } {
  const reader = new LineReader();
  const collector = new MultilineCollector(maxTotal);
  let status: string | undefined;
  for (const chunk of chunks) {
    reader.push(chunk);
    if (status === undefined) {
      const line = reader.nextLine(maxLine);
      if (!line) continue;
      status = line.toString('latin1');
    }
    for (
      let line = reader.nextLine(maxLine);
      line && !collector.done;
      line = collector.done ? undefined : reader.nextLine(maxLine)
    ) {
      if (collector.add(line)) break;
    }
  }
  expect(collector.done).toBe(true);
  return { status: status ?? '', body: collector.lines.map((l) => l.toString('latin1')), rest: reader.buffered };
}

const STREAM = Buffer.from('+OK 3 messages\r\n1 aaa\r\n..hidden dot\r\n\r\nlast\r\n.\r\n+OK next', 'latin1');

describe('LineReader and MultilineCollector', () => {
  it('give the same lines for every split of the stream into two chunks', () => {
    const whole = readMultiline([STREAM]);
    expect(whole.body).toEqual(['1 aaa', '.hidden dot', '', 'last']);
    for (let at = 0; at <= STREAM.length; at++) {
      const split = readMultiline([STREAM.subarray(0, at), STREAM.subarray(at)]);
      expect(split).toEqual(whole);
    }
  });

  it('give the same lines when the stream arrives one byte at a time', () => {
    const bytes = [...STREAM].map((b) => Buffer.from([b]));
    expect(readMultiline(bytes)).toEqual(readMultiline([STREAM]));
  });

  it('accept a bare LF as a line ending', () => {
    const { body } = readMultiline([Buffer.from('+OK\n1 a\n2 b\n.\n')]);
    expect(body).toEqual(['1 a', '2 b']);
  });

  it('leave what follows the terminator for the next reply', () => {
    expect(readMultiline([STREAM]).rest).toBe('+OK next'.length);
  });

  it('refuse a line longer than the cap, even before its end arrives', () => {
    const reader = new LineReader();
    reader.push(Buffer.alloc(20, 0x41));
    expect(() => reader.nextLine(10)).toThrow(PopbiffError);
    const complete = new LineReader();
    complete.push(Buffer.from(`${'B'.repeat(11)}\r\n`));
    expect(() => complete.nextLine(10)).toThrow(/longer than 10/);
  });

  it('accept a line of exactly the cap with its CRLF split from it', () => {
    const reader = new LineReader();
    reader.push(Buffer.from('0123456789\r'));
    expect(reader.nextLine(10)).toBeUndefined();
    reader.push(Buffer.from('\n'));
    expect(reader.nextLine(10)?.toString()).toBe('0123456789');
  });

  it('refuse a multi-line body above its total cap', () => {
    const collector = new MultilineCollector(10);
    collector.add(Buffer.from('12345'));
    expect(() => collector.add(Buffer.from('678901'))).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });

  it('keep only a prefix when told to, while still finding the terminator', () => {
    const collector = new MultilineCollector(1000, 12);
    for (const line of ['abcd', 'efghijklmnop', 'x', '.']) collector.add(Buffer.from(line));
    expect(collector.done).toBe(true);
    expect(collector.lines.map(String)).toEqual(['abcd']);
  });

  it('discard everything buffered (for STLS)', () => {
    const reader = new LineReader();
    reader.push(Buffer.from('+OK injected\r\n+OK more'));
    expect(reader.discard()).toBe(22);
    expect(reader.nextLine(100)).toBeUndefined();
  });

  it('only ever throw PopbiffError on random bytes in random chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 40 }),
        (chunks, cap) => {
          const reader = new LineReader();
          const collector = new MultilineCollector(200);
          try {
            for (const chunk of chunks) {
              reader.push(Buffer.from(chunk));
              for (let line = reader.nextLine(cap); line; line = reader.nextLine(cap)) {
                expect(line.includes(0x0a)).toBe(false);
                if (collector.done || collector.add(line)) return;
              }
            }
          } catch (error) {
            expect(error).toBeInstanceOf(PopbiffError);
          }
        },
      ),
    );
  });

  it('unstuff dots exactly as RFC 1939 §3 says, for any body', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[ -~]{0,20}$/), { maxLength: 30 }), (lines) => {
        const stuffed = lines.map((l) => (l.startsWith('.') ? `.${l}` : l));
        const wire = Buffer.from(`+OK\r\n${stuffed.map((l) => `${l}\r\n`).join('')}.\r\n`, 'latin1');
        const at = Math.floor(wire.length / 2);
        expect(readMultiline([wire.subarray(0, at), wire.subarray(at)]).body).toEqual(lines);
      }),
    );
  });
});

/** Property (fast-check): a whole POP3 conversation parses the same however TCP chunks it. */
import { EventEmitter } from 'node:events';
import type net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capa } from '../../../../src/host/pop3/commands/capa';
import { stat } from '../../../../src/host/pop3/commands/stat';
import { topHeaders } from '../../../../src/host/pop3/commands/top';
import { uidlAll } from '../../../../src/host/pop3/commands/uidl';
import { Pop3Session } from '../../../../src/host/pop3/session';

/** Just enough of a socket for Pop3Session: the test pushes server bytes as 'data' events. */
class FakeSocket extends EventEmitter {
  destroyed = false;
  written = '';
  write(data: string): boolean {
    this.written += data;
    return true;
  }
  cork(): void {}
  uncork(): void {}
  destroy(): void {
    this.destroyed = true;
  }
}

const uid = fc.stringMatching(/^[\x21-\x7e]{1,70}$/);
const headerLine = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

function stream(uids: string[], header: string[], caps: string[]): string {
  const stuffed = header.map((l) => (l.startsWith('.') ? `.${l}` : l));
  return [
    '+OK ready',
    '+OK',
    ...caps,
    '.',
    `+OK ${uids.length} ${uids.length * 10}`,
    '+OK',
    ...uids.map((u, i) => `${i + 1} ${u}`),
    '.',
    '+OK',
    ...stuffed,
    '.',
    '',
  ].join('\r\n');
}

async function converse(bytes: Buffer, cuts: number[]) {
  const socket = new FakeSocket();
  const session = new Pop3Session(socket as unknown as net.Socket, 1000);
  const greeting = session.greeting();
  const replies = Promise.all([capa(session), stat(session), uidlAll(session), topHeaders(session, 1)]);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) socket.emit('data', bytes.subarray(start, point));
    start = point;
  }
  const [caps, counted, listing, block] = await replies;
  await greeting;
  session.close();
  return { caps: caps?.lines, counted, listing, block: block?.toString('latin1') };
}

describe('properties', () => {
  it('any chunking of a valid conversation parses to the same replies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(uid, { maxLength: 30 }),
        fc.array(headerLine, { maxLength: 10 }),
        fc.array(fc.constantFrom('TOP', 'UIDL', 'PIPELINING', 'SASL PLAIN', 'LOGIN-DELAY 60'), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (uids, header, caps, cuts) => {
          const bytes = Buffer.from(stream(uids, header, caps), 'latin1');
          const whole = await converse(bytes, []);
          const chunked = await converse(bytes, cuts);
          expect(chunked).toEqual(whole);
          expect(whole.listing.map((e) => e.uid)).toEqual(uids);
          expect(whole.block).toBe(header.map((l) => `${l}\r\n`).join(''));
          expect(whole.counted.count).toBe(uids.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/**
 * Threat: a server writes terminal escape sequences (ESC ] 0 ; … BEL retitles the terminal,
 * ESC [ 2 J clears it, the one-byte C1 CSI does the same on some terminals) into its greeting,
 * its capabilities and its replies, or a sender hides text with bidi and zero-width characters.
 * `popbiff check --transcript` prints all of that; before the fix, capability lines reached the
 * terminal raw. Everything printed must be free of control characters other than line breaks.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../src/host/cli/check-command';
import { answer, FAKE_PASSWORD, type FakeServer, HAPPY_REPLIES, startFakeServer } from '../helpers/fake-pop3-server';

const ESC = '\x1b';
const RETITLE = `${ESC}]0;owned${'\x07'}`;
const CLEAR = `${ESC}[2J${ESC}[H`;
const C1_CSI = '\x9b2J';
/** Anything a terminal acts on, other than the line feeds that separate the output's lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const HIDING = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Runs `popbiff check` in this process; returns its exit code and everything it printed. */
async function runCheck(args: string[]): Promise<{ code: number; printed: string }> {
  let printed = '';
  const capture = (chunk: string | Uint8Array) => {
    printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  vi.stubEnv('POPBIFF_PASSWORD', FAKE_PASSWORD);
  const code = await checkCommand(args);
  vi.restoreAllMocks();
  return { code, printed };
}

/** An RFC 2047 encoded word: the header is ASCII on the wire, the decoded subject is not. */
const subject = `Subject: =?UTF-8?B?${Buffer.from(`Invoice\u202e fdp.exe\u200b ${CLEAR}`).toString('base64')}?=`;

describe('server text on the terminal', () => {
  it('capabilities, greeting and headers with escape sequences are printed without them', async () => {
    server = await startFakeServer(async (c) => {
      c.write(`+OK hello ${RETITLE}${C1_CSI}\r\n`);
      await answer(c, {
        ...HAPPY_REPLIES,
        CAPA: `+OK\r\nUIDL\r\nTOP\r\nUSER\r\nIMPLEMENTATION ${RETITLE}${CLEAR}\r\nX-${C1_CSI}\r\n.\r\n`,
        TOP: `+OK\r\nFrom: ${RETITLE} <a@example.org>\r\n${subject}\r\n\r\n.\r\n`,
      });
    });
    const url = `pop3://alice@127.0.0.1:${server.port}`;
    const { code, printed } = await runCheck([url, '--insecure-plaintext', '--transcript']);
    expect(code).toBe(0);
    expect(printed).toContain('IMPLEMENTATION ]0;owned');
    expect(printed).toContain('Invoice fdp.exe');
    expect(printed).not.toMatch(ACTIVE);
    expect(printed).not.toMatch(HIDING);
  });

  it('an error reply with escape sequences is printed without them', async () => {
    server = await startFakeServer(async (c) => {
      c.write('+OK hello\r\n');
      await answer(c, { ...HAPPY_REPLIES, PASS: `-ERR [AUTH] no ${RETITLE}${CLEAR}${C1_CSI}\r\n` });
    });
    const url = `pop3://alice@127.0.0.1:${server.port}`;
    const { code, printed } = await runCheck([url, '--insecure-plaintext', '--transcript']);
    expect(code).toBe(1);
    expect(printed).toContain('AUTH_FAILED');
    expect(printed).not.toMatch(ACTIVE);
  });
});

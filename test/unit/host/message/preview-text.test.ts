import { expect, it } from 'vitest';
import { bodyText, capText, tidy } from '../../../../src/host/message/body-text';
import { htmlToText } from '../../../../src/host/message/html-text';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

it('turns HTML into text: blocks become lines, hidden parts and tags go, entities are decoded', () => {
  const html =
    '<html><head><title>T</title><style>p{color:red}</style></head><body><p>Hi&nbsp;Ada &amp; Bob,</p><script>alert(1)</script><div>see <a href="https://x.example">this</a><img src="https://tracker.example/p.gif"></div>&#x1F600;&#8364;</body></html>';
  const text = htmlToText(html);
  expect(text).toContain('Hi Ada & Bob,');
  expect(text).toContain('see this');
  expect(text).toContain('😀€');
  expect(text).not.toMatch(/alert|color:red|tracker|<|>/);
});

it('decodes quoted-printable latin-1 text parts', async () => {
  const raw = crlf([
    'Subject: x',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Gr=FC=DFe aus K=F6ln',
    '',
  ]);
  expect((await bodyText(raw)).text).toBe('Grüße aus Köln');
});

it('prefers the text part of multipart/alternative and falls back to converted HTML', async () => {
  const alternative = crlf([
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'plain version',
    '--b',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>html version</p>',
    '--b--',
    '',
  ]);
  expect((await bodyText(alternative)).text).toBe('plain version');
  const htmlOnly = crlf([
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('<p>Nur <b>HTML</b> ✓</p><p>zweite</p>').toString('base64'),
    '',
  ]);
  expect((await bodyText(htmlOnly)).text).toBe('Nur HTML ✓\n\nzweite');
});

it('survives a body cut off in the middle of a MIME part (TOP n k)', async () => {
  const cut = crlf([
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'first line',
    'second line',
  ]);
  expect((await bodyText(cut)).text).toContain('first line');
});

it('caps the text without splitting a surrogate pair and says so', async () => {
  expect(capText('ab😀', 3)).toEqual({ text: 'ab', cut: true });
  expect(capText('abc', 3)).toEqual({ text: 'abc', cut: false });
  const long = crlf(['Content-Type: text/plain', '', 'x'.repeat(20_000), '']);
  const result = await bodyText(long);
  expect(result.text.length).toBe(16_000);
  expect(result.cut).toBe(true);
});

it('removes control and bidirectional-override characters and squeezes blank lines', () => {
  expect(tidy('a\u0007b\u202Ec\r\n\r\n\r\n\r\nd  \n')).toBe('abc\n\nd');
});

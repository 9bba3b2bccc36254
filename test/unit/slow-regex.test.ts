import { describe, expect, it } from 'vitest';
import { pop3Servers } from '../../src/host/autoconfig/thunderbird-config';
import { bodyText } from '../../src/host/message/body-text';
import { htmlToText } from '../../src/host/message/html-text';
import type { MessageSummary } from '../../src/shared/mail';
import { classify, RuleList, type Rule } from '../../src/shared/rules';
import { cleanLines } from '../../src/shared/sanitize';
import { summary } from '../helpers/fake-browser';

/**
 * Text a stranger writes (a subject, an HTML body, a downloaded autoconfig file) against every
 * pattern that reads it. Before the fix each input below took seconds to minutes (measured:
 * `^(a|aa)+$` on 45 characters ≈ 10 s; 240 KB of `<a` ≈ 50 s; a 32-character host name ≈ 20 s);
 * now each must finish under a bound of one second (they take milliseconds).
 */
function elapsedMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const BOUND_MS = 1000;
const KB_240 = 240 * 1024;

describe('rules cannot be made slow', () => {
  const evil: Rule = {
    name: 'catastrophic backtracking',
    match: 'any',
    conditions: [{ field: 'subject', op: 'regex', value: '^(a|aa)+$' }],
    action: 'ignore',
  };

  it('a rule `^(a|aa)+$` against a 45-character subject answers at once', () => {
    const message: MessageSummary = { ...summary('u1'), subject: `${'a'.repeat(44)}b` };
    let action = '';
    expect(elapsedMs(() => (action = classify([evil], message)))).toBeLessThan(BOUND_MS);
    expect(action).toBe('notify');
    expect(classify([evil], { ...message, subject: 'a'.repeat(44) })).toBe('ignore');
  });

  it('an imported rule list with that pattern validates and runs on the longest subject at once', () => {
    const rules = RuleList.parse([evil]);
    const message: MessageSummary = { ...summary('u1'), subject: `${'a'.repeat(5000)}b` };
    expect(elapsedMs(() => classify(rules, message))).toBeLessThan(BOUND_MS);
  });

  it('refuses look-around and back-references, which only a backtracking engine can run', () => {
    const withValue = (value: string) =>
      RuleList.safeParse([{ ...evil, conditions: [{ ...evil.conditions[0], value }] }]);
    expect(withValue('(?=a)b').success).toBe(false);
    expect(withValue('(a)\\1').success).toBe(false);
    expect(withValue('^\\s*yes\\b').success).toBe(true);
  });
});

describe('the preview of an HTML-only mail is linear in its size', () => {
  const cases: Record<string, string> = {
    'unclosed tags': '<a'.repeat(KB_240 / 2),
    'unclosed block tags': '<p'.repeat(KB_240 / 2),
    'script elements that never close': '<script>'.repeat(KB_240 / 8),
    'unclosed comments': '<!--'.repeat(KB_240 / 4),
    'tags whose `>` is at the very end': `${'<b '.repeat(KB_240 / 3)}>`,
  };
  for (const [name, html] of Object.entries(cases)) {
    it(`240 KB of ${name} become text at once`, () => {
      expect(elapsedMs(() => htmlToText(html))).toBeLessThan(BOUND_MS);
    });
  }

  it('240 KB of spaces without a line break are tidied at once', () => {
    let text = 'x';
    expect(elapsedMs(() => (text = cleanLines(`${' '.repeat(KB_240)}x`)))).toBeLessThan(BOUND_MS);
    expect(text).toBe('x');
  });

  it('a whole 240 KB HTML-only message is decoded for the preview at once', async () => {
    const raw = Buffer.from(`Content-Type: text/html\r\n\r\n${'<a'.repeat(KB_240 / 2)}\r\n`, 'latin1');
    const start = performance.now();
    await bodyText(raw);
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
  });

  it('still hides script, style and comments and keeps text around unclosed markup', () => {
    expect(htmlToText('a<script>x</script >b<style>y</STYLE>c<!-- z -->d')).toBe('abcd');
    expect(htmlToText('1 < 2 and <3 hearts')).toBe('1 < 2 and <3 hearts');
    expect(htmlToText('<p>one</p><p>two')).toBe('\none\n\ntwo');
    expect(htmlToText('text <b unclosed')).toBe('text <b unclosed');
    expect(htmlToText('<script>never closed')).toBe('never closed');
  });
});

describe('host names from a downloaded autoconfig file', () => {
  const config = (hostname: string) =>
    `<clientConfig version="1.1"><emailProvider id="x"><incomingServer type="pop3"><hostname>${hostname}</hostname><port>995</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>`;

  it('a 32-character name that is not a host name is refused at once', () => {
    let servers: unknown[] = [];
    expect(elapsedMs(() => (servers = pop3Servers(config(`${'a'.repeat(32)}!`), 'ada@example.org')))).toBeLessThan(
      BOUND_MS,
    );
    expect(servers).toEqual([]);
  });

  it('accepts host names label by label and refuses empty, over-long or odd labels', () => {
    const ok = (host: string) => pop3Servers(config(host), 'ada@example.org').length === 1;
    expect(ok('pop.example.org')).toBe(true);
    expect(ok('mail-1.example.org')).toBe(true);
    expect(ok('pop..example.org')).toBe(false);
    expect(ok(`${'a'.repeat(64)}.example.org`)).toBe(false);
    expect(ok('-pop.example.org')).toBe(false);
    expect(ok('pop_1.example.org')).toBe(false);
  });
});

/**
 * HTML mail to plain text for the preview. The result is text only, so nothing remote can
 * load (no images, no tracking pixels, no styles): tags are dropped, block ends become line
 * breaks, and the few entities mail uses are decoded. Not a renderer, and not meant to be.
 */

/** Elements whose content is never text the reader sees. */
const HIDDEN = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg']);
/** Elements that end a line of text, opening or closing. */
const BLOCKS = new Set(
  'p div br li tr h1 h2 h3 h4 h5 h6 blockquote pre table ul ol section article header footer hr'.split(' '),
);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  zwnj: '',
  zwj: '',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
  bull: '•',
  middot: '·',
};

/**
 * One pass from left to right, never looking back: the mail is hostile, and the regex version
 * this replaces was quadratic (`<a<a<a…` with no `>`: 27 s for 240 KB). Every search below starts
 * where the previous one ended, or is skipped once it is known to find nothing.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const closers = new ClosingTags(html);
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) break;
    out.push(html.slice(at, open));
    const tag = readTag(html, open);
    if (tag === undefined) {
      out.push('<');
      at = open + 1;
    } else if (tag === 'unclosed') {
      // No `>` anywhere after this: the rest is text, as the reader would see it.
      at = open;
      break;
    } else {
      if (BLOCKS.has(tag.name)) out.push('\n');
      at = tag.end;
      if (HIDDEN.has(tag.name) && !tag.closing) at = closers.after(tag.name, at) ?? at;
    }
  }
  out.push(html.slice(at));
  return decodeEntities(out.join(''));
}

interface Tag {
  /** Lower case; '' for comments and declarations. */
  name: string;
  closing: boolean;
  /** Index just past the tag. */
  end: number;
}

/** The tag starting at `open` (a `<`), undefined when that `<` is text, 'unclosed' when no `>` follows. */
function readTag(html: string, open: number): Tag | 'unclosed' | undefined {
  if (html.startsWith('<!--', open)) {
    const close = html.indexOf('-->', open + 4);
    return { name: '', closing: false, end: close < 0 ? html.length : close + 3 };
  }
  const closing = html[open + 1] === '/';
  let at = open + (closing ? 2 : 1);
  const first = html.charCodeAt(at);
  if (first === 0x21 /* ! */) {
    const close = html.indexOf('>', at);
    return close < 0 ? 'unclosed' : { name: '', closing, end: close + 1 };
  }
  if (!isLetter(first)) return undefined;
  const nameStart = at;
  while (isLetter(html.charCodeAt(at)) || isDigit(html.charCodeAt(at))) at++;
  const close = html.indexOf('>', at);
  if (close < 0) return 'unclosed';
  return { name: html.slice(nameStart, at).toLowerCase(), closing, end: close + 1 };
}

/**
 * Finds `</name ... >` for hidden elements. When a search finds none, none exists further on
 * either: the failure is remembered, so a mail of a thousand `<script>` without a closing tag
 * costs one scan, not a thousand.
 */
class ClosingTags {
  private readonly noneFrom = new Map<string, number>();
  constructor(private readonly html: string) {}

  /** The index just past the closing tag of `name` at or after `from`, or undefined. */
  after(name: string, from: number): number | undefined {
    const none = this.noneFrom.get(name);
    if (none !== undefined && from >= none) return undefined;
    let at = from;
    for (;;) {
      const open = this.html.indexOf('</', at);
      if (open < 0) break;
      const tag = readTag(this.html, open);
      if (tag === 'unclosed') break;
      at = tag === undefined ? open + 2 : tag.end;
      if (tag !== undefined && tag.name === name) return tag.end;
    }
    this.noneFrom.set(name, from);
    return undefined;
  }
}

const isLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
  });
}

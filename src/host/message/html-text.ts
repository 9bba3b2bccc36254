/**
 * HTML mail to plain text for the preview. The result is text only, so nothing remote can
 * load (no images, no tracking pixels, no styles): tags are dropped, block ends become line
 * breaks, and the few entities mail uses are decoded. Not a renderer, and not meant to be.
 */

/** Elements whose content is never text the reader sees. */
const HIDDEN = /<(script|style|head|title|template|noscript|svg)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const BLOCK_END = /<\/?(p|div|br|li|tr|h[1-6]|blockquote|pre|table|ul|ol|section|article|header|footer|hr)\b[^>]*>/gi;
const TAG = /<\/?[A-Za-z!][^>]*>/g;

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

export function htmlToText(html: string): string {
  const text = html.replace(COMMENT, '').replace(HIDDEN, '').replace(BLOCK_END, '\n').replace(TAG, '');
  return decodeEntities(text);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
  });
}

/**
 * A small, strict XML reader for Thunderbird autoconfig files (a few KiB of plain elements).
 * It refuses what such a file never needs and an attacker would: DOCTYPE (and with it entity
 * definitions and their expansion), unknown entities, processing instructions other than the
 * prolog, excessive depth or element counts. Anything malformed is refused, never guessed.
 */
import { PopbiffError } from '../../shared/errors';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded, children's text not included. */
  text: string;
}

export const XML_LIMITS = { maxChars: 64 * 1024, maxDepth: 32, maxElements: 2000 } as const;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function refuse(why: string): PopbiffError {
  return new PopbiffError('PROTOCOL_ERROR', `The mail configuration file is not usable: ${why}.`);
}

export function parseXml(text: string): XmlElement {
  if (text.length > XML_LIMITS.maxChars) throw refuse('it is too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw refuse('it declares a DOCTYPE');
  return new Reader(text).document();
}

class Reader {
  private at = 0;
  private elements = 0;

  constructor(private readonly text: string) {}

  document(): XmlElement {
    this.skipMisc(true);
    if (!this.text.startsWith('<', this.at)) throw refuse('no root element');
    const root = this.element(1);
    this.skipMisc(false);
    if (this.at !== this.text.length) throw refuse('content after the root element');
    return root;
  }

  /** Whitespace, comments and (only at the very start) the <?xml ...?> prolog. */
  private skipMisc(prologAllowed: boolean): void {
    for (;;) {
      this.skipSpace();
      if (prologAllowed && this.text.startsWith('<?xml', this.at)) {
        this.at = this.endOf('?>');
        prologAllowed = false;
      } else if (this.text.startsWith('<!--', this.at)) {
        this.at = this.endOf('-->');
      } else {
        return;
      }
    }
  }

  private element(depth: number): XmlElement {
    if (depth > XML_LIMITS.maxDepth) throw refuse('elements nested too deeply');
    if (++this.elements > XML_LIMITS.maxElements) throw refuse('too many elements');
    this.at++; // '<'
    const name = this.name();
    const attributes = this.attributes();
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (this.text.startsWith('/>', this.at)) {
      this.at += 2;
      return element;
    }
    this.expect('>');
    this.content(element, depth);
    return element;
  }

  private content(element: XmlElement, depth: number): void {
    for (;;) {
      const next = this.text.indexOf('<', this.at);
      if (next === -1) throw refuse(`<${element.name}> is not closed`);
      element.text += decode(this.text.slice(this.at, next));
      this.at = next;
      if (this.text.startsWith('</', this.at)) {
        this.closeTag(element.name);
        return;
      }
      if (this.text.startsWith('<!--', this.at)) this.at = this.endOf('-->');
      else if (this.text.startsWith('<![CDATA[', this.at)) element.text += this.cdata();
      else if (this.text.startsWith('<!', this.at) || this.text.startsWith('<?', this.at))
        throw refuse('a declaration inside the document');
      else element.children.push(this.element(depth + 1));
    }
  }

  private closeTag(name: string): void {
    this.at += 2;
    if (this.name() !== name) throw refuse(`<${name}> is closed by another element`);
    this.skipSpace();
    this.expect('>');
  }

  private cdata(): string {
    const start = this.at + '<![CDATA['.length;
    this.at = this.endOf(']]>');
    return this.text.slice(start, this.at - 3);
  }

  private attributes(): Record<string, string> {
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (;;) {
      const spaced = this.skipSpace();
      if (this.text.startsWith('>', this.at) || this.text.startsWith('/>', this.at)) return attributes;
      if (!spaced) throw refuse('attributes not separated by space');
      const name = this.name();
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") throw refuse('an unquoted attribute');
      const end = this.text.indexOf(quote, this.at + 1);
      if (end === -1) throw refuse('an unterminated attribute');
      const raw = this.text.slice(this.at + 1, end);
      if (raw.includes('<')) throw refuse('"<" in an attribute');
      if (Object.hasOwn(attributes, name)) throw refuse(`the attribute ${name} twice`);
      attributes[name] = decode(raw);
      this.at = end + 1;
    }
  }

  private name(): string {
    const match = NAME.exec(this.text.slice(this.at, this.at + 200));
    if (!match) throw refuse('a malformed name');
    this.at += match[0].length;
    return match[0];
  }

  private skipSpace(): boolean {
    const start = this.at;
    while (/[ \t\r\n]/.test(this.text[this.at] ?? '')) this.at++;
    return this.at > start;
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.at)) throw refuse(`"${token}" expected`);
    this.at += token.length;
  }

  /** The index just past the next `token`. */
  private endOf(token: string): number {
    const end = this.text.indexOf(token, this.at);
    if (end === -1) throw refuse(`"${token}" missing`);
    return end + token.length;
  }
}

/** The five predefined entities and character references; anything else is refused. */
function decode(text: string): string {
  return text.replace(/&([^;&]{0,10});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw refuse('a bare "&"');
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const code = /^#x[0-9a-f]{1,6}$/i.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#\d{1,7}$/.test(name)
        ? Number(name.slice(1))
        : NaN;
    if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) throw refuse(`the entity "&${name};"`);
    return String.fromCodePoint(code);
  });
}

/** Children named `name` (one level down). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The trimmed text of the first child named `name`, if any. */
export function childText(element: XmlElement, name: string): string | undefined {
  return childrenNamed(element, name)[0]?.text.trim();
}

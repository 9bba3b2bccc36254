/**
 * The readable text of a (possibly cut-off) message, decoded by postal-mime: MIME structure,
 * transfer encodings and charsets. The text part is preferred; HTML is converted to text.
 */
import PostalMime from 'postal-mime';
import { MAX_PREVIEW_CHARS } from '../../shared/protocol';
import { htmlToText } from './html-text';

export interface BodyText {
  text: string;
  /** True when the text was cut to MAX_PREVIEW_CHARS. */
  cut: boolean;
}

export async function bodyText(raw: Buffer, max = MAX_PREVIEW_CHARS): Promise<BodyText> {
  const email = await PostalMime.parse(raw);
  const text = email.text?.trim() ? email.text : htmlToText(email.html ?? '');
  return capText(tidy(text), max);
}

/**
 * No control characters except line breaks and tabs, no bidirectional overrides (they can make
 * text read as something else), at most one blank line in a row.
 */
export function tidy(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
      .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[ \t\u00a0]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
export function capText(text: string, max: number): BodyText {
  if (text.length <= max) return { text, cut: false };
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return { text: cut, cut: true };
}

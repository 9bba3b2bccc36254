/**
 * Whether text is a DNS host name (RFC 1123 §2.1): at most 253 characters, dot-separated labels
 * of 1-63 letters, digits and hyphens, each starting with a letter or digit. Checked label by
 * label without a regex: the names come from downloaded files and DNS answers, and the pattern
 * this replaces backtracked exponentially (30 characters took 5 s).
 */
export function isHostName(text: string): boolean {
  if (text.length < 1 || text.length > 253) return false;
  return text.split('.').every(isLabel);
}

function isLabel(label: string): boolean {
  if (label.length < 1 || label.length > 63 || label[0] === '-') return false;
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    const alnum = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (!alnum && code !== 0x2d) return false;
  }
  return true;
}

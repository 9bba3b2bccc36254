/**
 * Windows Credential Manager holds at most 2,560 bytes per credential (CRED_MAX_CREDENTIAL_BLOB_SIZE),
 * and the keyring stores text there as UTF-16: long OAuth tokens must be split. A secret that
 * fits is stored as it is; a longer one as numbered parts plus a header naming their count.
 */
export const WINDOWS_CREDENTIAL_BYTES = 2560;

/** Starts the header entry; a secret that itself starts with it is always stored in parts. */
export const CHUNK_HEADER = 'popbiff-parts:';

/** UTF-16 code units per part: two bytes each; a surrogate pair is never cut in half. */
export function splitSecret(secret: string, maxBytes: number): string[] {
  const unitsPerPart = Math.floor(maxBytes / 2);
  if (secret.length <= unitsPerPart && !secret.startsWith(CHUNK_HEADER)) return [secret];
  const parts: string[] = [];
  let start = 0;
  while (start < secret.length) {
    let end = Math.min(start + unitsPerPart, secret.length);
    if (end < secret.length && isHighSurrogate(secret.charCodeAt(end - 1))) end -= 1;
    parts.push(secret.slice(start, end));
    start = end;
  }
  return parts;
}

export function chunkHeader(count: number): string {
  return `${CHUNK_HEADER}${count}`;
}

/** The number of parts a stored value announces, or undefined when it is the secret itself. */
export function partCount(stored: string): number | undefined {
  if (!stored.startsWith(CHUNK_HEADER)) return undefined;
  const count = Number(stored.slice(CHUNK_HEADER.length));
  return Number.isInteger(count) && count >= 1 && count <= 64 ? count : undefined;
}

export const partAccount = (accountId: string, index: number) => `${accountId}#${index + 1}`;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

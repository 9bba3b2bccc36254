/**
 * The extra CA certificates of an account (`caFile`): a regular file of PEM certificates, at
 * most MAX_CA_FILE_BYTES. The path comes from the extension or a settings file, so it may name
 * anything: `/dev/zero` (read forever), a FIFO (blocks forever), a directory, a huge file. The
 * file is opened without blocking and checked on the open descriptor (no swap between check
 * and read), then read no further than the cap.
 */
import { X509Certificate } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { PopbiffError } from '../../shared/errors';

/** Real CA bundles are a few KiB; the system's whole bundle (≈ 150 CAs) is about 220 KiB. */
export const MAX_CA_FILE_BYTES = 1024 * 1024;

// Linear: the body class has no "-", so each match ends at the first dash after its BEGIN line.
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----/g;

/**
 * The file's PEM certificate blocks, as text, not yet decoded: checkCertificates does that, once
 * per distinct content (secure-contexts.ts). Anything else is a CA_FILE_INVALID naming what is wrong.
 */
export function readPemBlocks(path: string): string[] {
  const blocks = readCapped(path).match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw invalid('it holds no PEM certificate ("-----BEGIN CERTIFICATE-----")');
  return blocks;
}

/** Decodes every block: a CA_FILE_INVALID unless each one is a certificate. */
export function checkCertificates(blocks: string[]): void {
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw invalid('one of its certificates cannot be read');
    }
  }
}

function readCapped(path: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    throw invalid('it cannot be opened');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw invalid('it is not a regular file');
    if (stat.size > MAX_CA_FILE_BYTES) throw invalid(`it is larger than ${MAX_CA_FILE_BYTES / 1024} KiB`);
    // Sized to the file, one byte more to notice one that grew since fstat (then up to one byte
    // over the cap): every check reads this file, and a 1 MiB buffer each time kept the GC busy.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer], MAX_CA_FILE_BYTES + 1);
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_CA_FILE_BYTES) throw invalid(`it is larger than ${MAX_CA_FILE_BYTES / 1024} KiB`);
    }
    return buffer.toString('latin1', 0, length);
  } catch (error) {
    if (error instanceof PopbiffError) throw error;
    throw invalid('it cannot be read');
  } finally {
    closeSync(fd);
  }
}

const invalid = (why: string): PopbiffError =>
  new PopbiffError('CA_FILE_INVALID', `The CA certificate file given for this account cannot be used: ${why}.`);

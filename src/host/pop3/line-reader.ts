/**
 * Pure, incremental framing of a POP3 byte stream: bytes in, lines out. No I/O, so every chunk
 * split can be tested. Lines end in CRLF (RFC 1939 §3); a bare LF is tolerated because some
 * servers send one, and a line never grows past the cap its caller gives.
 */
import { PopbiffError } from '../../shared/errors';

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);
const CRLF = Buffer.from('\r\n');

export class LineReader {
  private buffer: Buffer = EMPTY;
  /** Bytes already searched for LF, so a long line is not rescanned on every chunk. */
  private scanned = 0;

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /**
   * The next complete line without its line ending, or undefined when none is buffered yet.
   * Throws LIMIT_EXCEEDED as soon as a line is known to be longer than `maxLength` octets.
   */
  nextLine(maxLength: number): Buffer | undefined {
    const end = this.buffer.indexOf(LF, this.scanned);
    if (end === -1) {
      this.scanned = this.buffer.length;
      // Allow for the CR that may precede the still-missing LF.
      if (this.buffer.length > maxLength + 1) throw tooLong(maxLength);
      return undefined;
    }
    const contentEnd = end > 0 && this.buffer[end - 1] === CR ? end - 1 : end;
    if (contentEnd > maxLength) throw tooLong(maxLength);
    const line = this.buffer.subarray(0, contentEnd);
    this.buffer = this.buffer.subarray(end + 1);
    this.scanned = 0;
    return line;
  }

  /** Octets received but not yet returned as lines. */
  get buffered(): number {
    return this.buffer.length;
  }

  /**
   * Drops everything buffered. After STLS's +OK anything already received came before the TLS
   * handshake and may have been injected by an attacker (RFC 2595 §4), so it must not be read.
   */
  discard(): number {
    const dropped = this.buffer.length;
    this.buffer = EMPTY;
    this.scanned = 0;
    return dropped;
  }
}

function tooLong(maxLength: number): PopbiffError {
  return new PopbiffError('LIMIT_EXCEEDED', `The server sent a line longer than ${maxLength} octets.`);
}

/**
 * Collects the body of a multi-line reply (RFC 1939 §3): lines up to a line holding only ".",
 * with the leading "." removed from every other line that begins with one (dot-unstuffing).
 */
export class MultilineCollector {
  private readonly collected: Buffer[] = [];
  private total = 0;
  private kept = 0;
  private finished = false;

  /**
   * @param maxTotal octets after which the reply is refused (LIMIT_EXCEEDED).
   * @param keep octets of lines kept; later lines are read and dropped, so an oversized but
   *   finite reply (a huge header block) still leaves the session in step.
   */
  constructor(
    private readonly maxTotal: number,
    private readonly keep: number = maxTotal,
  ) {}

  /** Adds one line (without its line ending); returns true once the terminator was seen. */
  add(line: Buffer): boolean {
    if (this.finished) throw new PopbiffError('INTERNAL', 'A finished multi-line reply was given more lines.');
    if (line.length === 1 && line[0] === 0x2e) {
      this.finished = true;
      return true;
    }
    const content = line[0] === 0x2e ? line.subarray(1) : line;
    // Count the CRLF too, so the cap matches what crossed the wire.
    this.total += content.length + 2;
    if (this.total > this.maxTotal) {
      throw new PopbiffError('LIMIT_EXCEEDED', `The server sent a reply longer than ${this.maxTotal} octets.`);
    }
    if (this.kept + content.length + 2 <= this.keep) {
      this.kept += content.length + 2;
      this.collected.push(content);
    } else {
      // Keep a prefix only: a later short line must not be glued onto a gap.
      this.kept = this.keep + 1;
    }
    return false;
  }

  get done(): boolean {
    return this.finished;
  }

  get lines(): Buffer[] {
    return this.collected;
  }

  /** True when lines were dropped because of `keep`. */
  get truncated(): boolean {
    return this.kept > this.keep;
  }
}

/** Multi-line reply lines back into one block, each line ended by CRLF. */
export function joinCrlf(lines: readonly Buffer[]): Buffer {
  return Buffer.concat(lines.flatMap((line) => [line, CRLF]));
}

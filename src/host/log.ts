import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The host's log. stdout belongs to native messaging, so lines go to stderr (the browser's log,
 * with --enable-logging) and/or <configDir>/host.log. Every line passes through mask(), which
 * blanks each secret the host has seen; request payloads are never logged at all.
 */

/** host.log is rotated to host.log.1 beyond this size, so it never grows without bound. */
const MAX_LOG_BYTES = 256 * 1024;
const MASK = '********';

export interface LogSinks {
  /** Full path of the log file, or undefined for none. */
  file?: string | undefined;
  stderr?: boolean;
}

export class Logger {
  private readonly secrets = new Set<string>();
  /** host.log's size as this logger last knew it: stat once, then counted per line. */
  private fileSize: number | undefined;

  constructor(private readonly sinks: LogSinks) {}

  /** Registers a secret so no later line can carry it. */
  addSecret(secret: string): void {
    if (secret.length > 0) this.secrets.add(secret);
  }

  mask(text: string): string {
    let masked = text;
    for (const secret of this.secrets) masked = masked.split(secret).join(MASK);
    return masked;
  }

  info(message: string): void {
    this.write('info', message);
  }

  error(message: string, detail?: unknown): void {
    this.write('error', detail === undefined ? message : `${message}: ${describe(detail)}`);
  }

  private write(level: string, message: string): void {
    const line = `${new Date().toISOString()} ${level} ${this.mask(message)}\n`;
    if (this.sinks.stderr) process.stderr.write(line);
    if (this.sinks.file) this.appendToFile(this.sinks.file, line);
  }

  private appendToFile(file: string, line: string): void {
    try {
      this.fileSize ??= sizeOf(file);
      // Confirm with the file itself before rotating: another host process may have rotated it.
      if (this.fileSize > MAX_LOG_BYTES) this.fileSize = sizeOf(file);
      if (this.fileSize > MAX_LOG_BYTES) {
        renameSync(file, `${file}.1`);
        this.fileSize = 0;
      }
      appendFileSync(file, line, { mode: 0o600 });
      this.fileSize += Buffer.byteLength(line);
    } catch {
      // A log that cannot be written must not take the host down; stderr still has the line.
      this.fileSize = undefined; // unknown now: stat again next time
    }
  }
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  return String(detail);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function hostLogPath(configDir: string): string {
  return join(configDir, 'host.log');
}

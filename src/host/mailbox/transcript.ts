/**
 * A session transcript fit to show the user: the session already masks every secret where the
 * command is built (session.ts); this adds a second net for the password and the forms SASL
 * encodes it in (a server echoing it, a mechanism added later), and caps the size.
 */
import { MAX_TRANSCRIPT_LINE_CHARS, MAX_TRANSCRIPT_LINES } from '../../shared/protocol';
import { loginResponses, plainResponse } from '../pop3/sign-in/sasl';

const MASK = '****';

export class Transcript {
  readonly lines: string[] = [];
  /** Times the client sent commands and waited: each run of client lines is one round trip. */
  private commandRuns = 0;
  private lastWasClient = false;
  private dropped = 0;
  private readonly secrets: string[];

  constructor(secret: string, username = '') {
    this.secrets = secretForms(secret, username);
  }

  readonly add = (line: string): void => {
    const client = line.startsWith('C: ');
    if (client && !this.lastWasClient) this.commandRuns++;
    this.lastWasClient = client;
    if (this.lines.length >= MAX_TRANSCRIPT_LINES - 1) {
      this.dropped++;
      return;
    }
    this.lines.push(clip(this.mask(line)));
  };

  /** The connection and greeting count as one round trip, then each batch of commands. */
  get roundTrips(): number {
    return this.commandRuns + (this.lines.length > 0 ? 1 : 0);
  }

  /** The lines, with a note in place of those beyond the cap. */
  get shown(): string[] {
    return this.dropped === 0 ? [...this.lines] : [...this.lines, `-- ${this.dropped} more lines not shown`];
  }

  private mask(line: string): string {
    let masked = line;
    for (const secret of this.secrets) masked = masked.split(secret).join(MASK);
    return masked;
  }
}

/** The secret as typed and as SASL PLAIN and LOGIN send it (base64), longest first. */
function secretForms(secret: string, username: string): string[] {
  if (secret === '') return [];
  const [, loginSecret] = loginResponses(username, secret);
  const forms = [secret, loginSecret, plainResponse(username, secret)];
  return forms.filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

function clip(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
  const clean = line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '?');
  return clean.length <= MAX_TRANSCRIPT_LINE_CHARS ? clean : `${clean.slice(0, MAX_TRANSCRIPT_LINE_CHARS - 1)}…`;
}

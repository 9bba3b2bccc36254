import type { CertificateInfo } from '../../shared/errors';

export interface TlsInfo {
  protocol: string;
  cipher: string;
  certificate?: CertificateInfo;
}

/**
 * What a session did, for `test-account` and `popbiff check --transcript`: how long each phase
 * took, how the connection was secured and which sign-in method was chosen. A trace outlives
 * reconnects, so it shows every attempt.
 */
export class SessionTrace {
  readonly timings: { phase: string; ms: number }[] = [];
  tls: TlsInfo | undefined;
  method: string | undefined;
  /** The capability lines that counted for sign-in (after STLS when used). */
  capabilities: string[] | undefined;
  private last: number;

  constructor(private readonly now: () => number = Date.now) {
    this.last = now();
  }

  /** Ends the current phase under `name` and starts the next one. */
  phase(name: string): void {
    const now = this.now();
    this.timings.push({ phase: name, ms: now - this.last });
    this.last = now;
  }
}

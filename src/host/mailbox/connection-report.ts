/**
 * The capability report of `test-account` and `popbiff check --transcript`: what the session
 * learned about the server, built from its trace (see pop3/trace.ts) and transcript.
 */
import type { ConnectionReport } from '../../shared/protocol';
import type { SessionTrace } from '../pop3/trace';
import type { Transcript } from './transcript';

/** What the signed-in part found out; absent when the session failed before. */
export interface SignedInFacts {
  count: number;
  uidl?: boolean | undefined;
  top?: boolean | undefined;
}

export function connectionReport(trace: SessionTrace, transcript: Transcript, found?: SignedInFacts): ConnectionReport {
  const capabilities = trace.capabilities ?? [];
  const has = (tag: string) => capabilities.some((line) => line.split(' ')[0] === tag);
  const report: ConnectionReport = { capabilities, timings: [...trace.timings], roundTrips: transcript.roundTrips };
  if (trace.tls) report.tls = trace.tls;
  if (trace.method) report.authMethod = trace.method;
  const delay = capabilities.find((line) => line.startsWith('LOGIN-DELAY '))?.split(' ')[1];
  if (delay !== undefined && /^\d{1,9}$/.test(delay)) report.loginDelaySeconds = Number(delay);
  if (trace.capabilities !== undefined) report.pipelining = has('PIPELINING');
  // CAPA is the server's own word; without it, only a probe after sign-in can tell.
  const uidl = trace.capabilities !== undefined ? has('UIDL') : found?.uidl;
  const top = trace.capabilities !== undefined ? has('TOP') : found?.top;
  if (uidl !== undefined) report.uidl = uidl;
  if (top !== undefined) report.top = top;
  if (found) report.count = found.count;
  return report;
}

/** The report as the CLI prints it, one fact a line. */
export function formatReport(report: ConnectionReport): string[] {
  const yesNo = (value: boolean | undefined) => (value === undefined ? 'unknown' : value ? 'yes' : 'no');
  const lines: string[] = [];
  if (report.tls) {
    lines.push(`TLS: ${report.tls.protocol}, ${report.tls.cipher}`);
    const cert = report.tls.certificate;
    if (cert)
      lines.push(
        `Certificate: ${cert.subject}`,
        `  issued by ${cert.issuer}`,
        `  valid ${cert.validFrom} to ${cert.validTo}`,
        `  SHA-256 ${cert.sha256}`,
      );
  } else {
    lines.push('TLS: none (clear text)');
  }
  lines.push(
    `Capabilities: ${report.capabilities.length > 0 ? report.capabilities.join(', ') : '(CAPA not supported)'}`,
  );
  lines.push(`Sign-in method: ${report.authMethod ?? 'not reached'}`);
  lines.push(`UIDL: ${yesNo(report.uidl)}  TOP: ${yesNo(report.top)}  PIPELINING: ${yesNo(report.pipelining)}`);
  lines.push(
    `LOGIN-DELAY: ${report.loginDelaySeconds === undefined ? 'none announced' : `${report.loginDelaySeconds} s`}`,
  );
  if (report.count !== undefined) lines.push(`Messages: ${report.count}`);
  lines.push(`Timings: ${report.timings.map((t) => `${t.phase} ${t.ms} ms`).join(', ')}`);
  lines.push(`Round trips: ${report.roundTrips}`);
  return lines;
}

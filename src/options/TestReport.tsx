import type { ResultOf } from '../shared/protocol';
import { CertificateReview } from '../ui/CertificateReview';
import { ErrorNote } from '../ui/ErrorNote';
import { t } from '../ui/i18n';
import { displayText } from '../ui/sanitize';

type TestResult = ResultOf<'test-account'>;

interface Props {
  result: TestResult;
  /** Pins the certificate the test met (offered on CERT_UNTRUSTED only). */
  onTrust: (sha256: string) => void;
}

const yesNo = (value: boolean | undefined): string =>
  value === undefined ? t('test_unknown') : value ? t('host_yes') : t('test_no');

/** "Test connection": the outcome, what the server offers, and the masked session to copy. */
export function TestReport({ result, onTrust }: Props) {
  const { report } = result;
  const certificate = result.error?.code === 'CERT_UNTRUSTED' ? result.error.certificate : undefined;
  const transcript = result.transcript.map((line) => displayText(line, 300)).join('\n');
  return (
    <section class="test-report" aria-labelledby="test-title">
      <h3 id="test-title">{t('test_title')}</h3>
      {result.ok ? (
        <p class="ok" role="status">
          {t('test_ok')}
        </p>
      ) : (
        result.error && <ErrorNote error={result.error} />
      )}
      {certificate && <CertificateReview certificate={certificate} onTrust={() => onTrust(certificate.sha256)} />}
      <dl class="host-facts">
        {report.tls && (
          <>
            <dt>{t('test_tls')}</dt>
            <dd>{displayText(`${report.tls.protocol} · ${report.tls.cipher}`)}</dd>
          </>
        )}
        {report.authMethod && (
          <>
            <dt>{t('test_authMethod')}</dt>
            <dd>{displayText(report.authMethod)}</dd>
          </>
        )}
        <dt>{t('test_capabilities')}</dt>
        <dd>{report.capabilities.length > 0 ? displayText(report.capabilities.join(', '), 1000) : t('test_none')}</dd>
        <dt>UIDL · TOP · PIPELINING</dt>
        <dd>{[report.uidl, report.top, report.pipelining].map(yesNo).join(' · ')}</dd>
        {report.loginDelaySeconds !== undefined && (
          <>
            <dt>LOGIN-DELAY</dt>
            <dd>{t('test_seconds', String(report.loginDelaySeconds))}</dd>
          </>
        )}
        {report.count !== undefined && (
          <>
            <dt>{t('test_count')}</dt>
            <dd>{String(report.count)}</dd>
          </>
        )}
        <dt>{t('test_timings')}</dt>
        <dd>
          {report.timings.map((timing) => `${displayText(timing.phase, 40)} ${Math.round(timing.ms)} ms`).join(' · ') ||
            t('test_none')}
        </dd>
        <dt>{t('test_roundTrips')}</dt>
        <dd>{String(report.roundTrips)}</dd>
      </dl>
      <details open={!result.ok}>
        <summary>{t('test_transcript')}</summary>
        {/* Text only, as the host masked it; scrollable, and selectable for a bug report. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useAriaPropsSupportedByRole: a scrollable region must be reachable by keyboard and named (axe: scrollable-region-focusable) */}
        <pre class="transcript" tabIndex={0} aria-label={t('test_transcript')}>
          {transcript}
        </pre>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(transcript).catch(() => undefined)}>
          {t('test_copy')}
        </button>
      </details>
    </section>
  );
}

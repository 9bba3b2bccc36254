import type { CertificateInfo } from '../shared/errors';
import { t } from './i18n';
import { displayText } from './sanitize';

interface Props {
  certificate: CertificateInfo;
  /** Pins this certificate for the account (and checks again). */
  onTrust: () => void;
  busy?: boolean | undefined;
}

/**
 * What the user needs to decide about a certificate their system does not trust (a self-signed
 * one on their own server): whose it is, who signed it, when it is valid, and its fingerprint to
 * compare with the server's. Trusting pins exactly this certificate, for this account only.
 */
export function CertificateReview({ certificate, onTrust, busy = false }: Props) {
  return (
    <fieldset class="certificate" aria-label={t('cert_title')}>
      <p class="cert-title">{t('cert_title')}</p>
      <dl>
        <dt>{t('cert_subject')}</dt>
        <dd>{displayText(certificate.subject, 200)}</dd>
        <dt>{t('cert_issuer')}</dt>
        <dd>{displayText(certificate.issuer, 200)}</dd>
        <dt>{t('cert_valid')}</dt>
        <dd>{t('cert_validRange', [displayText(certificate.validFrom, 60), displayText(certificate.validTo, 60)])}</dd>
        <dt>{t('cert_fingerprint')}</dt>
        <dd>
          <code class="fingerprint">{displayText(certificate.sha256, 120)}</code>
        </dd>
      </dl>
      <p class="hint">{t('cert_explain')}</p>
      <button type="button" class="primary" aria-disabled={busy} onClick={() => !busy && onTrust()}>
        {t('cert_trust')}
      </button>
    </fieldset>
  );
}

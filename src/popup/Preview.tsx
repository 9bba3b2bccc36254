import type { Mailbox, MessageSummary } from '../shared/mail';
import { trustHints, type AuthMethodName, type AuthResults } from '../shared/trust';
import { fullDate } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { displayText } from '../ui/sanitize';

interface Props {
  id: string;
  message: MessageSummary;
}

const mailbox = (box: Mailbox): string => {
  const name = displayText(box.name);
  const address = displayText(box.address);
  return name ? `${name} <${address}>` : address;
};

function Row({ label, value }: { label: string; value: string }) {
  if (value === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

/**
 * The quick preview: everything the summary holds, in full, and what the headers say about who
 * sent it. The first lines of the body come later from the host (a `preview` request); they
 * belong below the trust hints, as text only.
 */
export function Preview({ id, message }: Props) {
  const hints = trustHints(message);
  return (
    <div id={id} class="preview">
      {hints.spoofed.length > 0 && (
        <p class="warning-line" role="note">
          {t('trust_spoofed', [hints.spoofed.map((address) => displayText(address)).join(', '), displayText(message.from.address)])}
        </p>
      )}
      <dl>
        <Row label={t('preview_from')} value={mailbox(message.from)} />
        <Row label={t('preview_to')} value={(message.to ?? []).map(mailbox).join(', ')} />
        <Row label={t('preview_cc')} value={(message.cc ?? []).map(mailbox).join(', ')} />
        <Row label={t('preview_date')} value={fullDate(message.date, uiLanguage())} />
        <Row label={t('preview_messageId')} value={displayText(message.messageId)} />
      </dl>
      {hints.auth && <AuthLine auth={hints.auth} />}
    </div>
  );
}

const METHOD_LABEL: Record<AuthMethodName, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' };

/** "SPF pass · DKIM fail · DMARC pass — reported by mx.example.com", coloured by outcome. */
function AuthLine({ auth }: { auth: AuthResults }) {
  const methods = (Object.keys(METHOD_LABEL) as AuthMethodName[]).filter((method) => auth.results[method] !== undefined);
  if (methods.length === 0) return null;
  return (
    <p class="auth">
      {methods.map((method) => {
        const outcome = auth.results[method] ?? 'other';
        return (
          <span key={method} class={`auth-result ${outcome === 'pass' ? 'pass' : outcome === 'fail' ? 'fail' : 'other'}`}>
            {METHOD_LABEL[method]} {t(`trust_outcome_${outcome}`)}
          </span>
        );
      })}
      <span class="muted">{t('trust_reportedBy', displayText(auth.authservId, 100))}</span>
    </p>
  );
}

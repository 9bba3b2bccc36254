import { Component } from 'preact';
import type { ErrorInfo } from '../shared/errors';
import type { Mailbox, MessageSummary } from '../shared/mail';
import type { ResultOf } from '../shared/protocol';
import { trustHints, type AuthMethodName, type AuthResults } from '../shared/trust';
import { errorHelp } from '../ui/error-help';
import { fullDate } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { send } from '../ui/messaging';
import { displayBody, displayText } from '../ui/sanitize';

interface Props {
  id: string;
  accountId: string;
  message: MessageSummary;
}

type Body =
  | { kind: 'loading' }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'gone' }
  | { kind: 'failed'; error: ErrorInfo };

interface State {
  body: Body;
  /** "Delete on server" asks once before it schedules anything. */
  confirming: boolean;
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
      <dd dir="auto">{value}</dd>
    </>
  );
}

/**
 * The quick preview: everything the summary holds, in full, what the headers say about who sent
 * it, then the first lines of the body from the host (TOP, as plain text, never HTML), and what
 * can be done with the message: open it, dismiss it, delete it on the server.
 */
export class Preview extends Component<Props, State> {
  override state: State = { body: { kind: 'loading' }, confirming: false };
  private live = true;

  override componentDidMount(): void {
    void this.load();
  }

  override componentWillUnmount(): void {
    this.live = false;
  }

  private async load(): Promise<void> {
    const { accountId, message } = this.props;
    const reply = await send<ResultOf<'preview'>>({ type: 'preview', accountId, uid: message.uid });
    if (!this.live) return;
    if (!reply.ok) return this.setState({ body: { kind: 'failed', error: reply.error } });
    // The reply crossed a message boundary unchecked: an empty one is a failure, not a crash.
    if (typeof reply.result?.text !== 'string')
      return this.setState({ body: { kind: 'failed', error: { code: 'INTERNAL', message: '' } } });
    const { found, text, truncated } = reply.result;
    this.setState({ body: found ? { kind: 'text', text: displayBody(text), truncated } : { kind: 'gone' } });
  }

  private act(message: Parameters<typeof send>[0]): void {
    void send(message);
  }

  override render() {
    const { id, accountId, message } = this.props;
    const { body, confirming } = this.state;
    const uid = message.uid;
    return (
      <div id={id} class="preview">
        <Headers message={message} />
        <BodyText body={body} />
        <div class="preview-actions">
          <button type="button" onClick={() => this.act({ type: 'open-message', accountId, uid })}>
            {t('preview_open')}
          </button>
          <button type="button" onClick={() => this.act({ type: 'dismiss-message', accountId, uid })}>
            {t('preview_dismiss')}
          </button>
          {confirming ? (
            <fieldset class="confirm" aria-label={t('preview_deleteQuestion')}>
              <span>{t('preview_deleteQuestion')}</span>
              <button
                type="button"
                class="danger"
                onClick={() => this.act({ type: 'schedule-delete', accountId, uids: [uid] })}
              >
                {t('preview_deleteYes')}
              </button>
              <button type="button" onClick={() => this.setState({ confirming: false })}>
                {t('accounts_no')}
              </button>
            </fieldset>
          ) : (
            <button type="button" class="danger" onClick={() => this.setState({ confirming: true })}>
              {t('preview_delete')}
            </button>
          )}
        </div>
      </div>
    );
  }
}

function BodyText({ body }: { body: Body }) {
  if (body.kind === 'loading') {
    return (
      <p class="muted body-loading" role="status">
        <span class="spinner" aria-hidden="true" /> {t('preview_loading')}
      </p>
    );
  }
  if (body.kind === 'gone') return <p class="muted">{t('preview_gone')}</p>;
  // One quiet line: the account's own card already explains an error and how to fix it.
  if (body.kind === 'failed')
    return <p class="muted">{t('preview_unavailable', errorHelp(body.error.code).message)}</p>;
  return (
    <>
      <pre class="body-text" dir="auto">
        {body.text === '' ? t('preview_empty') : body.text}
      </pre>
      {body.truncated && <p class="muted">{t('preview_more')}</p>}
    </>
  );
}

function Headers({ message }: { message: MessageSummary }) {
  const hints = trustHints(message);
  return (
    <>
      {hints.spoofed.length > 0 && (
        <p class="warning-line" role="note">
          {t('trust_spoofed', [
            hints.spoofed.map((address) => displayText(address)).join(', '),
            displayText(message.from.address),
          ])}
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
    </>
  );
}

const METHOD_LABEL: Record<AuthMethodName, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' };

/** "SPF pass · DKIM fail · DMARC pass — reported by mx.example.com", coloured by outcome. */
function AuthLine({ auth }: { auth: AuthResults }) {
  const methods = (Object.keys(METHOD_LABEL) as AuthMethodName[]).filter(
    (method) => auth.results[method] !== undefined,
  );
  if (methods.length === 0) return null;
  return (
    <p class="auth">
      {methods.map((method) => {
        const outcome = auth.results[method] ?? 'other';
        return (
          <span
            key={method}
            class={`auth-result ${outcome === 'pass' ? 'pass' : outcome === 'fail' ? 'fail' : 'other'}`}
          >
            {METHOD_LABEL[method]} {t(`trust_outcome_${outcome}`)}
          </span>
        );
      })}
      <span class="muted">{t('trust_reportedBy', displayText(auth.authservId, 100))}</span>
    </p>
  );
}

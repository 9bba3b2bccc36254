import { useEffect, useState } from 'preact/hooks';
import type { HostStatus } from '../ui-messages';
import type { ErrorInfo } from '../shared/errors';
import { PROTOCOL_VERSION, SECRET_STORE_PENDING } from '../shared/protocol';
import { ActionText, ErrorNote } from '../ui/ErrorNote';
import { t } from '../ui/i18n';
import { send } from '../ui/messaging';
import { displayText } from '../ui/sanitize';

type Status = { kind: 'asking' } | { kind: 'installed'; status: HostStatus } | { kind: 'missing'; error: ErrorInfo };

const NOT_INSTALLED: ErrorInfo = { code: 'HOST_NOT_FOUND', message: '' };

async function askHost(): Promise<Status> {
  const reply = await send<HostStatus>({ type: 'host-status' });
  if (!reply.ok) return { kind: 'missing', error: reply.error };
  const status = reply.result;
  if (status.installed && !status.error) return { kind: 'installed', status };
  return { kind: 'missing', error: status.error ?? NOT_INSTALLED };
}

/** Whether the native host that speaks POP3 is installed and compatible, and how to fix it if not. */
export function HostPanel() {
  const [status, setStatus] = useState<Status>({ kind: 'asking' });

  const refresh = async (): Promise<void> => {
    setStatus({ kind: 'asking' });
    setStatus(await askHost());
  };

  useEffect(() => {
    void refresh();
  }, []);

  return (
    <section class="host-panel" aria-labelledby="host-title" aria-busy={status.kind === 'asking'}>
      <h2 id="host-title">{t('host_title')}</h2>
      {status.kind === 'asking' && <p class="muted">{t('host_asking')}</p>}
      {status.kind === 'installed' && <Installed status={status.status} />}
      {status.kind === 'missing' && (
        <>
          <ErrorNote error={status.error} />
          <p>
            {t('host_explain')} <code>npx popbiff install</code>
          </p>
          <p>
            {t('host_doctor')} <code>npx popbiff doctor</code>
          </p>
        </>
      )}
      <button type="button" onClick={refresh} aria-disabled={status.kind === 'asking'}>
        {t('host_checkAgain')}
      </button>
    </section>
  );
}

function Installed({ status }: { status: HostStatus }) {
  const compatible = status.protocolVersion === undefined || status.protocolVersion === PROTOCOL_VERSION;
  return (
    <dl class="host-facts">
      <dt>{t('host_installed')}</dt>
      <dd class="ok">{t('host_yes')}</dd>
      <dt>{t('host_version')}</dt>
      <dd>{displayText(status.hostVersion ?? t('host_unknown'))}</dd>
      <dt>{t('host_protocol')}</dt>
      <dd class={compatible ? 'ok' : 'field-error'}>{compatible ? t('host_compatible') : t('host_incompatible')}</dd>
      {status.secretStore && (
        <>
          <dt>{t('host_secretStore')}</dt>
          <dd>
            {status.secretStore === SECRET_STORE_PENDING ? t('host_secretPending') : displayText(status.secretStore)}
            {status.secretStore === 'file' && <p class="hint">{t('host_secretFile')}</p>}
          </dd>
        </>
      )}
      <dt>{t('host_registration')}</dt>
      <dd>
        {status.registrations && status.registrations.length > 0 && (
          <ul class="host-registrations">
            {status.registrations.map((path) => (
              <li key={path}>
                <code>{displayText(path, 500)}</code>
              </li>
            ))}
          </ul>
        )}
        <ActionText text={t('host_registrationWhere')} />
      </dd>
    </dl>
  );
}

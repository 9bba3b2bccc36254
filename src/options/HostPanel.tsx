import { useEffect, useState } from 'preact/hooks';
import type { HostStatus } from '../background/messages';
import type { ErrorInfo } from '../shared/errors';
import { ErrorNote } from '../ui/ErrorNote';
import { send } from '../ui/messaging';

type Status = { kind: 'asking' } | { kind: 'installed'; status: HostStatus } | { kind: 'missing'; error: ErrorInfo };

const NOT_INSTALLED: ErrorInfo = { code: 'HOST_NOT_FOUND', message: '' };

async function askHost(): Promise<Status> {
  const reply = await send<HostStatus>({ type: 'host-status' });
  if (!reply.ok) return { kind: 'missing', error: reply.error };
  const status = reply.result;
  if (status.installed && !status.error) return { kind: 'installed', status };
  return { kind: 'missing', error: status.error ?? NOT_INSTALLED };
}

/** Whether the native host that speaks POP3 is installed, and how to install it if not. */
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
    <section class="host-panel" aria-labelledby="host-title">
      <h2 id="host-title">Popbiff host</h2>
      {status.kind === 'asking' && <p class="muted">Asking the host…</p>}
      {status.kind === 'installed' && (
        <p class="ok">
          Host installed, version {status.status.hostVersion ?? 'unknown'}
          {status.status.secretStore && <span class="muted"> · passwords kept in: {status.status.secretStore}</span>}
        </p>
      )}
      {status.kind === 'missing' && (
        <>
          <ErrorNote error={status.error} />
          <p>
            The host is a small program on this computer that talks to your mail server. Install it with{' '}
            <code>npx popbiff install</code>; if it still does not answer, <code>npx popbiff doctor</code> tells you why.
          </p>
        </>
      )}
      <button type="button" onClick={refresh} aria-disabled={status.kind === 'asking'}>
        Check again
      </button>
    </section>
  );
}

import { useState } from 'preact/hooks';
import type { ErrorInfo } from '../shared/errors';
import { ErrorNote } from '../ui/ErrorNote';
import { openOptions, send } from '../ui/messaging';

interface Props {
  unseenTotal: number;
}

/** Title and the popup-wide actions: check every account, dismiss all new mail, settings. */
export function Header({ unseenTotal }: Props) {
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();

  const checkNow = async (): Promise<void> => {
    // aria-disabled keeps the button focusable while busy, so ignore presses here instead.
    if (checking) return;
    setChecking(true);
    setError(undefined);
    const reply = await send({ type: 'check-now' });
    setChecking(false);
    if (!reply.ok) setError(reply.error);
  };

  const dismiss = async (): Promise<void> => {
    const reply = await send({ type: 'dismiss' });
    if (!reply.ok) setError(reply.error);
  };

  return (
    <header>
      <div class="bar">
        <h1>Popbiff</h1>
        <button type="button" class="primary" aria-disabled={checking} aria-busy={checking} onClick={checkNow}>
          {checking && <span class="spinner" aria-hidden="true" />}
          Check now
        </button>
        <button type="button" onClick={dismiss} disabled={unseenTotal === 0}>
          Dismiss
        </button>
        <button type="button" onClick={openOptions}>
          Settings
        </button>
      </div>
      {error && <ErrorNote error={error} onEdit={openOptions} />}
    </header>
  );
}

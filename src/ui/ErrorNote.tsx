import type { ErrorInfo } from '../shared/errors';
import { actionParts, errorHelp } from './error-help';
import { displayText } from './sanitize';

interface Props {
  error: ErrorInfo;
  /** Shown as an "Edit account" button when the error is fixed in the account settings. */
  onEdit?: (() => void) | undefined;
}

/** An error as the user needs it: what happened, the specific detail, and what fixes it. */
export function ErrorNote({ error, onEdit }: Props) {
  const help = errorHelp(error.code);
  const detail = displayText(error.message);
  return (
    <div class="error-note" role="alert">
      <p class="error-message">{help.message}</p>
      {detail !== '' && detail !== help.message && <p class="error-detail">{detail}</p>}
      <p class="error-action">
        {actionParts(help.action).map((part, index) =>
          part.command ? <code key={index}>{part.text}</code> : <span key={index}>{part.text}</span>,
        )}
      </p>
      {help.fix === 'edit-account' && onEdit && (
        <button type="button" class="link" onClick={onEdit}>
          Edit account
        </button>
      )}
    </div>
  );
}

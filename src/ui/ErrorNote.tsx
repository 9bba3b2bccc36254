import type { ErrorInfo } from '../shared/errors';
import { actionParts, errorHelp, fixLabel } from './error-help';
import { displayText } from '../shared/sanitize';
import { GetHost } from './GetHost';

interface Props {
  error: ErrorInfo;
  /** Leads to the fix (the account settings, the host panel); offered unless waiting is the fix. */
  onFix?: (() => void) | undefined;
}

/** The detail without a first sentence that only repeats the headline, e.g. "… cannot start. (Specified host not found.)". */
function withoutRepeat(detail: string, headline: string): string {
  return detail.startsWith(headline)
    ? detail
        .slice(headline.length)
        .trim()
        .replace(/^\((.*)\)$/s, '$1')
    : detail;
}

/** An action text with its `commands` shown as code (see actionParts). */
export function ActionText({ text }: { text: string }) {
  return (
    <>
      {actionParts(text).map((part, index) =>
        part.command ? <code key={index}>{part.text}</code> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}

/** Errors whose fix is getting the host: the steps for this OS replace the generic action. */
const GET_HOST: ReadonlySet<string> = new Set(['HOST_NOT_FOUND', 'HOST_OUTDATED']);

/** An error as the user needs it: what happened, the specific detail, and what fixes it. */
export function ErrorNote({ error, onFix }: Props) {
  const help = errorHelp(error.code);
  const detail = displayText(withoutRepeat(error.message, help.message));
  const label = fixLabel(error.code);
  return (
    <div class="error-note" role="alert">
      <p class="error-message">{help.message}</p>
      {detail !== '' && <p class="error-detail">{detail}</p>}
      {GET_HOST.has(error.code) ? (
        <GetHost update={error.code === 'HOST_OUTDATED'} />
      ) : (
        <p class="error-action">
          <ActionText text={help.action} />
        </p>
      )}
      {label !== undefined && onFix && (
        <button type="button" class="link" onClick={onFix}>
          {label}
        </button>
      )}
    </div>
  );
}

import type { MessageSummary } from '../shared/mail';
import { newestFirst } from '../storage/glance';
import { byteSize, mailDate } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { plural } from '../ui/plural';
import { DISPLAY_CAP, displayText } from '../ui/sanitize';
import { Preview } from './Preview';

interface Props {
  /** Makes the preview ids unique: two accounts may hold the same UID. */
  accountId: string;
  messages: MessageSummary[];
  /** The exact unseen count; the stored summaries may be fewer. */
  total: number;
  now: number;
  /** The open quick preview ("accountId/uid"), if any. */
  open: string | undefined;
  /** Render at most this many rows (the popup renders the rest after its first paint). */
  limit: number;
  onToggle: (key: string) => void;
}

function senderLabel(message: MessageSummary): { label: string; address: string } {
  const address = displayText(message.from.address);
  const name = displayText(message.from.name);
  return { label: name || address || t('popup_unknownSender'), address };
}

interface RowProps {
  accountId: string;
  previewId: string;
  message: MessageSummary;
  now: number;
  expanded: boolean;
  onToggle: () => void;
}

/**
 * One message: a button that expands its quick preview. Header text is untrusted: every field
 * is rendered as text, cleaned and capped. The sender's address shows on hover (title) and, for
 * keyboard users, in the row itself while it has focus.
 */
function MessageRow({ accountId, previewId, message, now, expanded, onToggle }: RowProps) {
  const from = senderLabel(message);
  const subject = displayText(message.subject, DISPLAY_CAP) || t('popup_noSubject');
  return (
    <li class="message">
      <button type="button" class="row" aria-expanded={expanded} aria-controls={previewId} onClick={onToggle}>
        <span class="unread" aria-hidden="true" />
        {/* Mail text is in its writer's direction, whatever the UI's: dir="auto" lets each field find its own. */}
        <span class="from" title={from.address}>
          <span class="name" dir="auto">
            {from.label}
          </span>
          {from.address !== from.label && <span class="address"> {from.address}</span>}
        </span>
        <span class="date">{mailDate(message.date, now, uiLanguage())}</span>
        <span class="subject" title={subject} dir="auto">
          {subject}
        </span>
        <span class="size">{byteSize(message.size, uiLanguage())}</span>
        <span class="visually-hidden">{t('popup_unread')}</span>
      </button>
      {expanded && <Preview id={previewId} accountId={accountId} message={message} />}
    </li>
  );
}

export function MessageList({ accountId, messages, total, now, open, limit, onToggle }: Props) {
  if (messages.length === 0) return null;
  const shown = newestFirst(messages).slice(0, limit);
  // Until every row is rendered, "and N more" would flash a wrong number (the glance holds only
  // the first rows): it waits too.
  const more = Number.isFinite(limit) ? 0 : total - messages.length;
  return (
    <ul class="messages">
      {shown.map((message, index) => {
        const key = `${accountId}/${message.uid}`;
        return (
          <MessageRow
            key={message.uid}
            accountId={accountId}
            previewId={`preview-${accountId}-${index}`}
            message={message}
            now={now}
            expanded={open === key}
            onToggle={() => onToggle(key)}
          />
        );
      })}
      {more > 0 && <li class="more muted">{plural('popup_andMore', more)}</li>}
    </ul>
  );
}

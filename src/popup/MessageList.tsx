import type { MessageSummary } from '../shared/mail';
import { newestFirst } from '../storage/glance';
import { byteSize, mailDate } from '../ui/format';
import { t, uiLanguage } from '../ui/i18n';
import { DISPLAY_CAP, displayText } from '../shared/sanitize';
import { plural } from '../ui/plural';
import { Preview } from './Preview';

interface Props {
  /** Makes the preview ids unique: two accounts may hold the same UID. */
  accountId: string;
  /** Whose Authentication-Results count for this account (src/shared/trust.ts). */
  trustedAuthserv: readonly string[];
  messages: MessageSummary[];
  /** The exact unseen count; the stored summaries may be fewer. */
  total: number;
  now: number;
  /** The open quick preview ("accountId/uid"), if any. */
  open: string | undefined;
  /** Render at most this many rows, newest first (row-limits.ts). */
  limit: number;
  /** Only the first screen is rendered yet. */
  firstScreen: boolean;
  onToggle: (key: string) => void;
}

function senderLabel(message: MessageSummary): { label: string; address: string } {
  const address = displayText(message.from.address);
  const name = displayText(message.from.name);
  return { label: name || address || t('popup_unknownSender'), address };
}

interface RowProps {
  accountId: string;
  trustedAuthserv: readonly string[];
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
function MessageRow({ accountId, trustedAuthserv, previewId, message, now, expanded, onToggle }: RowProps) {
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
      {expanded && <Preview id={previewId} accountId={accountId} trustedAuthserv={trustedAuthserv} message={message} />}
    </li>
  );
}

export function MessageList({
  accountId,
  trustedAuthserv,
  messages,
  total,
  now,
  open,
  limit,
  firstScreen,
  onToggle,
}: Props) {
  const shown = newestFirst(messages).slice(0, limit);
  if (shown.length === 0) return null;
  // On the first screen "and N more" would flash a wrong number (the glance holds only the
  // first rows): it waits for the full list. Then it counts every unseen message not shown.
  const more = firstScreen ? 0 : total - shown.length;
  return (
    <ul class="messages">
      {shown.map((message, index) => {
        const key = `${accountId}/${message.uid}`;
        return (
          <MessageRow
            key={message.uid}
            accountId={accountId}
            trustedAuthserv={trustedAuthserv}
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

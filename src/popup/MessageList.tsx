import type { MessageSummary } from '../shared/mail';
import { byteSize, mailDate, sortTime } from '../ui/format';
import { DISPLAY_CAP, displayText } from '../ui/sanitize';

interface Props {
  messages: MessageSummary[];
  /** The exact unseen count; the stored summaries may be fewer. */
  total: number;
  now: number;
}

/**
 * Newest first. The sort is stable and two dateless messages compare as NaN, read as equal, so
 * mail without a readable date keeps the background's order at the end.
 */
function newestFirst(messages: MessageSummary[]): MessageSummary[] {
  return [...messages].sort((a, b) => sortTime(b.date) - sortTime(a.date) || 0);
}

function sender(message: MessageSummary): { label: string; address: string } {
  const address = displayText(message.from.address);
  const name = displayText(message.from.name);
  return { label: name || address || '(unknown sender)', address };
}

/** Header text is untrusted: every field is rendered as text, cleaned and capped. */
function MessageRow({ message, now }: { message: MessageSummary; now: number }) {
  const from = sender(message);
  const subject = displayText(message.subject, DISPLAY_CAP) || '(no subject)';
  return (
    <li class="message">
      <span class="from" title={from.address}>
        {from.label}
      </span>
      <span class="date">{mailDate(message.date, now)}</span>
      <span class="subject" title={subject}>
        {subject}
      </span>
      <span class="size">{byteSize(message.size)}</span>
    </li>
  );
}

export function MessageList({ messages, total, now }: Props) {
  if (messages.length === 0) return null;
  const more = total - messages.length;
  return (
    <ul class="messages">
      {newestFirst(messages).map((message) => (
        <MessageRow key={message.uid} message={message} now={now} />
      ))}
      {more > 0 && <li class="more muted">and {more} more</li>}
    </ul>
  );
}

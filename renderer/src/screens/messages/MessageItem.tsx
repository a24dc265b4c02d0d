import type { MessageView } from '../../../../shared/domain/messaging';
import { formatRelativeTime } from '../../lib/format';
import { MessageBody } from './MessageBody';

const fullTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function exactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : fullTime.format(date);
}

/** " · 5 minutes ago" within the last week; older messages need only their date. */
function relativeSuffix(iso: string, now: Date): string {
  const relative = formatRelativeTime(iso, now);
  return relative.startsWith('on ') ? '' : ` · ${relative}`;
}

/** One message: who wrote it, when, and its body. Staff and client messages are told apart by tint. */
export function MessageItem({ message, now }: { message: MessageView; now: Date }) {
  return (
    <article className={`message message--${message.senderKind}`}>
      <header className="message__header">
        <span className="message__sender">{message.senderName}</span>
        <span className="message__role">{message.senderKind === 'client' ? 'Client' : 'Staff'}</span>
        <time className="message__time" dateTime={message.sentAt} title={exactTime(message.sentAt)}>
          {exactTime(message.sentAt)}
          {relativeSuffix(message.sentAt, now)}
        </time>
      </header>
      <MessageBody html={message.bodyHtml} />
    </article>
  );
}

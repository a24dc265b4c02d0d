import type { MessageView } from '../../../../shared/domain/messaging';
import { Icon } from '../../components/Icon';
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

/**
 * Where a staff message stands with its client: not delivered while the client is not connected
 * to the Customer Portal, delivered (and when, if it waited for them), then seen, with the time
 * the client had it on their screen.
 */
function Delivery({ message, clientName }: { message: MessageView; clientName: string }) {
  if (message.senderKind !== 'staff') return null;
  if (message.seenAt !== null) {
    return (
      <p className="message__delivery message__delivery--seen">
        <Icon name="check" size={14} />
        <span>
          Seen <time dateTime={message.seenAt}>{exactTime(message.seenAt)}</time>
        </span>
      </p>
    );
  }
  if (message.deliveredAt === null) {
    return (
      <p className="message__delivery message__delivery--waiting">
        <Icon name="clock" size={14} />
        <span>
          Not delivered yet: {clientName} is not connected to the Customer Portal. They will see it once they
          connect.
        </span>
      </p>
    );
  }
  if (Date.parse(message.deliveredAt) <= Date.parse(message.sentAt)) {
    return (
      <p className="message__delivery">
        <Icon name="check" size={14} />
        <span>Delivered to the Customer Portal</span>
      </p>
    );
  }
  return (
    <p className="message__delivery">
      <Icon name="check" size={14} />
      <span>
        Delivered <time dateTime={message.deliveredAt}>{exactTime(message.deliveredAt)}</time>, when{' '}
        {clientName} joined the Customer Portal.
      </span>
    </p>
  );
}

/** One message: who wrote it, when, and its body. Staff and client messages are told apart by tint. */
export function MessageItem({
  message,
  now,
  clientName,
}: {
  message: MessageView;
  now: Date;
  clientName: string;
}) {
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
      <Delivery message={message} clientName={clientName} />
    </article>
  );
}

import { useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { useNow } from '../../lib/use-now';
import { useInboxStore } from '../../stores/inbox-store';
import { routeHash, type ThreadOrigin } from '../../stores/navigation-store';
import { useThreadStore } from '../../stores/thread-store';
import { MessageItem } from './MessageItem';
import { OutboxItem } from './OutboxItem';
import { ResponseBox } from './ResponseBox';
import { ThreadHeader } from './ThreadHeader';

/** One conversation, oldest message first, with what is still waiting to send and the reply box. */
export function ThreadScreen({ threadId, origin }: { threadId: string; origin: ThreadOrigin }) {
  const open = useThreadStore((state) => state.open);
  const close = useThreadStore((state) => state.close);
  const thread = useThreadStore((state) => (state.threadId === threadId ? state.thread : null));
  const status = useThreadStore((state) => state.status);
  const error = useThreadStore((state) => state.error);
  const box = useInboxStore((state) => state.box);
  const now = useNow();
  const backRef = useRef<HTMLAnchorElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);

  useEffect(() => {
    scrolled.current = false;
    void open(threadId);
    // Closed when left, so a message arriving later is not marked read behind the person's back.
    return () => close();
  }, [threadId, open, close]);

  useEffect(() => {
    backRef.current?.focus({ preventScroll: true });
  }, []);

  // The newest message is what the person came for: bring it into view once, when it arrives.
  useEffect(() => {
    if (!thread || scrolled.current) return;
    scrolled.current = true;
    if (thread.messages.length + thread.outbox.length > 2) endRef.current?.scrollIntoView({ block: 'end' });
  }, [thread]);

  const back =
    origin.from === 'client'
      ? {
          href: routeHash({ name: 'client', clientId: origin.clientId, tab: 'messages' }),
          label: 'Back to client',
        }
      : { href: routeHash({ name: 'inbox', box }), label: 'Back to Inbox' };

  return (
    <div className="page page--thread">
      <a ref={backRef} className="back-link" href={back.href}>
        <Icon name="back" size={16} />
        {thread && origin.from === 'client' ? `Back to ${thread.entry.clientName}` : back.label}
      </a>
      {thread ? (
        <>
          <ThreadHeader entry={thread.entry} origin={origin} />
          <ol className="message-list" aria-label="Messages">
            {thread.messages.map((message) => (
              <li key={message.id}>
                <MessageItem message={message} now={now} clientName={thread.entry.clientName} />
              </li>
            ))}
            {thread.outbox.map((entry) => (
              <li key={entry.id}>
                <OutboxItem entry={entry} now={now} />
              </li>
            ))}
          </ol>
          <div ref={endRef} />
          {thread.canReply ? (
            <ResponseBox entry={thread.entry} />
          ) : (
            <p className="note note--info">
              <Icon name="lock" size={16} />
              This is {thread.entry.staffName}’s conversation with {thread.entry.clientName}. You can read it
              because you can see {thread.entry.clientName}’s record, but only {thread.entry.staffName} can
              respond.
            </p>
          )}
        </>
      ) : status === 'missing' ? (
        <div className="card">
          <EmptyState icon="lock" title="This conversation isn’t available">
            <p>
              It may not be shared with your agency, or it has not reached this computer yet. Check the sync
              status at the top of the window.
            </p>
          </EmptyState>
        </div>
      ) : status === 'error' ? (
        <div className="card">
          <EmptyState icon="warning" title="This conversation could not be opened" tone="danger">
            <p>{error}</p>
            <button type="button" className="button button--secondary" onClick={() => void open(threadId)}>
              Try again
            </button>
          </EmptyState>
        </div>
      ) : (
        <div className="card thread-loading" aria-busy="true">
          <p className="visually-hidden">Opening the conversation…</p>
          <span className="skeleton skeleton--title" />
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--line" />
        </div>
      )}
    </div>
  );
}

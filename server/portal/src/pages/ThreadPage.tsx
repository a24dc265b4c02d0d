import { type FormEvent, useRef, useState } from 'react';
import { openThread, reply } from '../api/portal-api';
import type { PortalMessage } from '../api/types';
import { ErrorAlert, LoadError, Loading } from '../components/Feedback';
import { FieldFrame } from '../components/Field';
import { MessageBody } from '../components/MessageBody';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { newMessageId, textToHtml } from '../lib/message-html';
import { useMessageLength } from '../lib/message-length';
import { useResource } from '../lib/use-resource';
import { useSeenMarks } from '../lib/use-seen-marks';

function ReplyBox({ threadId, onSent }: { threadId: string; onSent: (message: PortalMessage) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // Kept across retries of one message, so a resend after a lost answer is stored once.
  const pendingId = useRef(newMessageId());
  const length = useMessageLength(text);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = text;
    const html = textToHtml(sent);
    setError(undefined);
    if (html === '' || length.problem) {
      setProblem(length.problem ?? t('messages.empty'));
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      const answer = await reply(threadId, pendingId.current, html);
      pendingId.current = newMessageId();
      // The box may already hold the next message, typed while this one was on its way: only
      // the words just sent leave it.
      setText((current) => (current === sent ? '' : current));
      onSent(answer.message);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="reply-box card" onSubmit={submit} noValidate>
      {error !== undefined && <ErrorAlert error={error} />}
      <FieldFrame label={t('messages.reply')} hint={length.hint} error={problem}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className="input textarea"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldFrame>
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? t('messages.sending') : t('messages.send')}
      </button>
    </form>
  );
}

/**
 * Older messages of a long conversation, a page at a time, above the latest page: a phone on a
 * slow network opens a conversation of years as fast as a new one.
 */
function useEarlierMessages(threadId: string, firstPageEarlier: boolean | undefined) {
  const [pages, setPages] = useState<{ messages: PortalMessage[]; earlier: boolean } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const load = async (oldestShown: string | undefined) => {
    if (!oldestShown) return;
    setBusy(true);
    setError(undefined);
    try {
      const page = await openThread(threadId, oldestShown);
      setPages((previous) => ({
        messages: [...page.messages, ...(previous?.messages ?? [])],
        earlier: page.earlier,
      }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return {
    messages: pages?.messages ?? [],
    more: pages ? pages.earlier : (firstPageEarlier ?? false),
    busy,
    error,
    load,
  };
}

export function ThreadPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const thread = useResource(() => openThread(id), id);
  const earlier = useEarlierMessages(id, thread.data?.earlier);
  const [sent, setSent] = useState<PortalMessage[]>([]);
  const [announce, setAnnounce] = useState('');

  const messages = [...earlier.messages, ...(thread.data?.messages ?? []), ...sent];
  const seenRef = useSeenMarks(
    id,
    messages.map((message) => message.id),
  );
  const title = thread.data?.thread.staffName ?? t('messages.thread');
  return (
    <Page title={title} back={{ to: '/messages', label: t('messages.back') }} className="thread-page">
      {thread.loading && !thread.data ? (
        <Loading />
      ) : thread.data ? (
        <>
          {thread.data.thread.staffTitle && (
            <p className="muted thread-subtitle">{thread.data.thread.staffTitle}</p>
          )}
          {earlier.error !== undefined && <ErrorAlert error={earlier.error} />}
          {earlier.more && (
            <button
              type="button"
              className="button button-secondary button-block"
              disabled={earlier.busy}
              onClick={async () => {
                await earlier.load(messages[0]?.id);
                setAnnounce(t('messages.earlierShown'));
              }}
            >
              {earlier.busy ? t('messages.loadingEarlier') : t('messages.earlier')}
            </button>
          )}
          <ol className="message-list" aria-label={t('messages.conversation')}>
            {messages.map((message) => (
              <li
                key={message.id}
                ref={message.senderKind === 'staff' ? seenRef : undefined}
                data-message-id={message.id}
                className={
                  message.senderKind === 'client' ? 'message message-mine' : 'message message-theirs'
                }
              >
                <p className="message-meta">
                  <span className="message-sender">
                    {message.senderKind === 'client' ? t('messages.you') : message.senderName}
                  </span>
                  <time dateTime={message.sentAt}>{dateTime(message.sentAt)}</time>
                </p>
                <MessageBody html={message.bodyHtml} />
              </li>
            ))}
          </ol>
          <p className="visually-hidden" role="status">
            {announce}
          </p>
          {thread.data.thread.canReply ? (
            <ReplyBox
              threadId={id}
              onSent={(message) => {
                setSent((previous) => [...previous, message]);
                setAnnounce(t('messages.sent'));
              }}
            />
          ) : (
            <p className="alert alert-info">{t('messages.cannotReply')}</p>
          )}
        </>
      ) : (
        <LoadError error={thread.error} retry={thread.reload} />
      )}
    </Page>
  );
}

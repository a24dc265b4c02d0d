import { useId, useState } from 'react';
import { type InboxEntry, replyDraftKey } from '../../../../shared/domain/messaging';
import { isEmptyDocument, toHtml } from '../../../../shared/rich-text';
import { EMPTY_DOCUMENT, type RichTextDocument } from '../../../../shared/rich-text/model';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { bridge } from '../../bridge';
import { Icon } from '../../components/Icon';
import { RichTextEditor } from '../../editor/RichTextEditor';
import { messageOf } from '../../lib/errors';
import { useThreadStore } from '../../stores/thread-store';
import { showToast } from '../../stores/toast-store';
import { DraftStatus } from './DraftStatus';
import { NotConnectedNotice } from './NotConnectedNotice';
import { sentText } from './sent-text';
import { useDraft } from './use-draft';

/** The reply box under a conversation: the same editor, a shorter toolbar, and SEND RESPONSE. */
export function ResponseBox({ entry }: { entry: InboxEntry }) {
  const draft = useDraft(replyDraftKey(entry.threadId), entry.clientId, entry.threadId);
  const reload = useThreadStore((state) => state.reload);
  const [content, setContent] = useState<RichTextDocument | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // A new editor after each reply, so the box starts empty without fighting Slate's own state.
  const [round, setRound] = useState(0);
  const titleId = useId();

  const loaded = draft.loaded;
  const current = content ?? loaded?.content ?? EMPTY_DOCUMENT;
  const empty = isEmptyDocument(current);

  // Ctrl+Enter passes the editor's document as of that keystroke, which may be newer than `current`.
  const send = async (document: RichTextDocument = current) => {
    if (isEmptyDocument(document) || sending) return;
    setSending(true);
    setFailure(null);
    try {
      await bridge.messages.send({
        clientId: entry.clientId,
        threadId: entry.threadId,
        html: toHtml(document),
      });
    } catch (error) {
      setFailure(messageOf(error));
      setSending(false);
      return;
    }
    await draft.discard().catch(() => undefined);
    setContent(EMPTY_DOCUMENT);
    setRound((n) => n + 1);
    setSending(false);
    showToast(sentText(entry.clientPortalConnected ? undefined : entry.clientName));
    void reload();
  };

  return (
    <section className="card response" aria-labelledby={titleId}>
      <form
        className="response__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <h2 id={titleId} className="response__title">
          Respond to {entry.clientName}
        </h2>
        {failure && (
          <div className="alert alert--error" role="alert">
            {failure}
          </div>
        )}
        {!entry.clientPortalConnected && (
          <NotConnectedNotice clientId={entry.clientId} clientName={entry.clientName} />
        )}
        {loaded ? (
          <RichTextEditor
            key={round}
            initialValue={round === 0 ? (loaded.content ?? EMPTY_DOCUMENT) : EMPTY_DOCUMENT}
            label={`Response to ${entry.clientName}`}
            placeholder="Type your response…"
            compact
            disabled={sending}
            onSend={(document) => void send(document)}
            onChange={(next) => {
              setContent(next);
              draft.schedule(next);
            }}
          />
        ) : (
          <div className="rte rte--loading rte--compact" aria-busy="true" />
        )}
        <div className="response__footer">
          <DraftStatus state={draft.saveState} />
          <button
            type="submit"
            className="button button--primary"
            disabled={empty || sending}
            aria-busy={sending}
          >
            {sending ? <span className="spinner" aria-hidden="true" /> : <Icon name="send" size={16} />}
            {PRODUCT_TEXTS.sendResponse}
          </button>
        </div>
      </form>
    </section>
  );
}

import { useState } from 'react';
import { newMessageDraftKey } from '../../../../shared/domain/messaging';
import { isEmptyDocument, toHtml } from '../../../../shared/rich-text';
import { EMPTY_DOCUMENT, type RichTextDocument } from '../../../../shared/rich-text/model';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { bridge } from '../../bridge';
import { ConfirmInline } from '../../components/ConfirmInline';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { RichTextEditor } from '../../editor/RichTextEditor';
import { messageOf } from '../../lib/errors';
import { formatRelativeTime } from '../../lib/format';
import { showToast } from '../../stores/toast-store';
import { DraftStatus } from './DraftStatus';
import { NotConnectedNotice } from './NotConnectedNotice';
import { sentText } from './sent-text';
import { useDraft } from './use-draft';

interface ComposeMessageDialogProps {
  clientId: string;
  clientName: string;
  /** Whether the client has a Customer Portal account; without one the message waits for them. */
  portalConnected: boolean;
  onClose(): void;
  /** After the message is queued, e.g. to show it in the client's Messages tab. */
  onSent?(): void;
}

/** CREATE A MESSAGE: a new Customer Portal conversation with one client. */
export function ComposeMessageDialog({
  clientId,
  clientName,
  portalConnected,
  onClose,
  onSent,
}: ComposeMessageDialogProps) {
  const draft = useDraft(newMessageDraftKey(clientId), clientId, null);
  const [content, setContent] = useState<RichTextDocument | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);

  const loaded = draft.loaded;
  const current = content ?? loaded?.content ?? EMPTY_DOCUMENT;
  const empty = isEmptyDocument(current);

  const close = () => {
    if (sending) return;
    // Nothing is lost by closing; saying so keeps people from copying text out "to be safe".
    void draft.flush().then((saved) => {
      if (!empty) showToast(saved ? 'Draft saved' : 'The draft could not be saved on this computer.');
    });
    onClose();
  };

  // Ctrl+Enter passes the editor's document as of that keystroke, which may be newer than `current`.
  const send = async (document: RichTextDocument = current) => {
    if (isEmptyDocument(document) || sending || confirmingDiscard) return;
    setSending(true);
    setFailure(null);
    try {
      await bridge.messages.send({ clientId, threadId: null, html: toHtml(document) });
    } catch (error) {
      setFailure(messageOf(error));
      setSending(false);
      return;
    }
    // The message is safe in the outbox; a draft that fails to go away only costs a stale restore.
    await draft.discard().catch(() => undefined);
    showToast(sentText(portalConnected ? undefined : clientName));
    onSent?.();
    onClose();
  };

  const discard = async () => {
    try {
      await draft.discard();
      showToast('Draft discarded');
      onClose();
    } catch (error) {
      setFailure(messageOf(error));
      setConfirmingDiscard(false);
    }
  };

  const footerStart = confirmingDiscard ? (
    <ConfirmInline
      message="Discard this message? It can’t be recovered."
      cancelLabel="Keep writing"
      confirmLabel="Discard draft"
      onCancel={() => setConfirmingDiscard(false)}
      onConfirm={() => void discard()}
    />
  ) : (
    <>
      {!empty && (
        <button
          type="button"
          className="button button--ghost button--danger-text"
          disabled={sending}
          onClick={() => setConfirmingDiscard(true)}
        >
          <Icon name="trash" size={16} />
          Discard
        </button>
      )}
      <DraftStatus state={draft.saveState} />
    </>
  );

  return (
    <Dialog
      title={PRODUCT_TEXTS.createAMessage}
      description={`To ${clientName}, through the Customer Portal`}
      size="lg"
      onClose={close}
      onSubmit={() => void send()}
      busy={sending}
      footerStart={footerStart}
      footer={
        <button
          type="submit"
          className="button button--primary"
          disabled={empty || sending || confirmingDiscard}
          aria-busy={sending}
        >
          {sending ? <span className="spinner" aria-hidden="true" /> : <Icon name="send" size={16} />}
          {PRODUCT_TEXTS.sendMessage}
        </button>
      }
    >
      {failure && (
        <div className="alert alert--error" role="alert">
          {failure}
        </div>
      )}
      {!portalConnected && <NotConnectedNotice clientId={clientId} clientName={clientName} />}
      {loaded?.failed && (
        <p className="note note--warning">
          <Icon name="warning" size={16} />
          Your saved draft for {clientName} could not be opened. Anything you write now is saved as a new
          draft.
        </p>
      )}
      {loaded?.content && loaded.updatedAt && (
        <p className="note">
          <Icon name="clock" size={16} />
          Your draft from {formatRelativeTime(loaded.updatedAt)} is back where you left it.
        </p>
      )}
      {loaded ? (
        <RichTextEditor
          initialValue={loaded.content ?? EMPTY_DOCUMENT}
          label="Message"
          placeholder={`Write to ${clientName}…`}
          autoFocus
          disabled={sending}
          onSend={(document) => void send(document)}
          onChange={(next) => {
            setContent(next);
            draft.schedule(next);
          }}
        />
      ) : (
        <div className="rte rte--loading" aria-busy="true">
          <span className="visually-hidden">Opening your draft…</span>
        </div>
      )}
    </Dialog>
  );
}

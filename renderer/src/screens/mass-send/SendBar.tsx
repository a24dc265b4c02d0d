import { useState } from 'react';
import type { ArgsOf } from '../../../../shared/bridge/contract';
import { MASS_SEND_TAB_LABELS } from '../../../../shared/domain/mass-send';
import { isEmptyDocument } from '../../../../shared/rich-text';
import { bridge } from '../../bridge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { messageOf } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useMassSendJobsStore } from '../../stores/mass-send-jobs-store';
import { chosenRecipients, useMassSendStore } from '../../stores/mass-send-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { useSyncStore } from '../../stores/sync-store';
import { showToast } from '../../stores/toast-store';
import { type MassSendErrors, massSendInput, validateMassSend } from './mass-send-form';

interface SendBarProps {
  sending: boolean;
  onSending(sending: boolean): void;
  onInvalid(errors: MassSendErrors): void;
  /** The message as HTML, converted only when sending (not on every keystroke). */
  html(): string;
}

function sendButtonLabel(count: number): string {
  return count > 0 ? `Send to ${plural(count, 'client', 'clients')}` : 'Send';
}

/** "Send to N clients", a confirmation, then the job is queued and its progress shown. */
export function SendBar({ sending, onSending, onInvalid, html }: SendBarProps) {
  const kind = useMassSendStore((state) => state.kind);
  const count = useMassSendStore((state) => chosenRecipients(state).length);
  const emptyMessage = useMassSendStore(
    (state) => state.kind === 'message' && isEmptyDocument(state.message),
  );
  const navigate = useNavigationStore((state) => state.navigate);
  const [confirming, setConfirming] = useState<ArgsOf<'massSend:start'> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const check = () => {
    const state = useMassSendStore.getState();
    const clientIds = chosenRecipients(state).map((recipient) => recipient.clientId);
    const checked = validateMassSend(massSendInput(state.kind, state.fields, clientIds, html()));
    if (!checked.ok) {
      onInvalid(checked.errors);
      // Focus goes to the first thing to fix, where its message is read out.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.mass-send [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setFailure(null);
    setConfirming(checked.input);
  };

  const send = async (input: ArgsOf<'massSend:start'>) => {
    onSending(true);
    try {
      const job = await bridge.massSend.start(input);
      useMassSendJobsStore.getState().added(job);
      useMassSendStore.getState().sent();
      const online = ['online', 'syncing'].includes(useSyncStore.getState().status?.state ?? '');
      showToast(online ? 'Mass send started' : "Mass send saved to send when you're back online");
      setConfirming(null);
      navigate({ name: 'mass-send-job', jobId: job.id });
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      onSending(false);
    }
  };

  return (
    <div className="mass-send__footer">
      <p className="mass-send__privacy">
        <Icon name="lock" size={15} />
        Each client receives their own copy. Sent items appear on each client’s record.
      </p>
      <button
        type="button"
        className="button button--primary"
        disabled={sending || count === 0 || emptyMessage}
        onClick={check}
      >
        <Icon name="send" size={16} />
        {sendButtonLabel(count)}
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Send to ${plural(confirming.clientIds.length, 'client', 'clients')}?`}
          message={
            <>
              <p>
                {kind === 'message'
                  ? 'The message goes to each selected client through the Customer Portal.'
                  : `The ${MASS_SEND_TAB_LABELS[kind]} request goes to each selected client through the Customer Portal.`}{' '}
                It can’t be taken back once it is sent.
              </p>
              <p className="alert-dialog__hint">
                Clients who can’t receive it are skipped, and the results say why.
              </p>
            </>
          }
          tone="primary"
          icon="megaphone"
          cancelLabel="Cancel"
          confirmLabel={sendButtonLabel(confirming.clientIds.length)}
          busy={sending}
          error={failure}
          onCancel={() => setConfirming(null)}
          onConfirm={() => void send(confirming)}
        />
      )}
    </div>
  );
}

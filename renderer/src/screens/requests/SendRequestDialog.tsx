import { useEffect, useState } from 'react';
import { BridgeError } from '../../../../shared/bridge/envelope';
import { latestDueDate, REQUEST_TYPE_LABELS, REQUEST_TYPES } from '../../../../shared/domain/requests';
import { NAMES } from '../../../../shared/text/names';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { bridge } from '../../bridge';
import { AlertDialog } from '../../components/AlertDialog';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { SelectField } from '../../components/SelectField';
import { Switch } from '../../components/Switch';
import { TextField } from '../../components/TextField';
import { messageOf } from '../../lib/errors';
import { localToday } from '../../lib/format';
import { useRequestsStore } from '../../stores/requests-store';
import { useSyncStore } from '../../stores/sync-store';
import { showToast } from '../../stores/toast-store';
import { RequestTypeFields } from './RequestTypeFields';
import {
  EMPTY_REQUEST_FORM,
  type RequestFormErrors,
  type RequestFormValues,
  validateRequest,
} from './send-request-form';
import { useRequestOptions } from './use-request-options';

interface SendRequestDialogProps {
  clientId: string;
  clientName: string;
  onClose(): void;
  /** "Review" in the active-ROI pop-up: show the client's Release of Information tab. */
  onReviewRoi(): void;
}

/**
 * A request is always queued first (its row says "Waiting to send" for a moment); whether it goes
 * at once depends on the connection, and the person should know when it has not gone yet.
 */
function queuedText(): string {
  const state = useSyncStore.getState().status?.state;
  return state === 'online' || state === 'syncing'
    ? 'Request sent'
    : "Request saved to send when you're back online";
}

const TYPE_OPTIONS = REQUEST_TYPES.map((type) => ({ value: type, label: REQUEST_TYPE_LABELS[type] }));

/** SEND REQUEST TO THE CUSTOMER PORTAL: ask one client for an assessment, a document, a location or an ROI. */
export function SendRequestDialog({ clientId, clientName, onClose, onReviewRoi }: SendRequestDialogProps) {
  const { state: optionsState, retry } = useRequestOptions(clientId);
  const [values, setValues] = useState<RequestFormValues>(EMPTY_REQUEST_FORM);
  const [errors, setErrors] = useState<RequestFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  /** The pop-up's words when the one-active-ROI rule refuses: the product's text, or the open request named. */
  const [roiBlocked, setRoiBlocked] = useState<string | null>(null);

  // After a failed check, focus goes to the first field to fix, where its message is read out.
  const [checkCount, setCheckCount] = useState(0);
  useEffect(() => {
    if (checkCount === 0) return;
    document.querySelector<HTMLElement>('.send-request [aria-invalid="true"]')?.focus();
  }, [checkCount]);

  const change = (patch: Partial<RequestFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    // The errors of what was just changed go, rather than scolding while the person fixes them.
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key as keyof RequestFormErrors];
      return next;
    });
    setFailure(null);
  };

  const send = async () => {
    if (sending) return;
    const checked = validateRequest(clientId, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setCheckCount((n) => n + 1);
      return;
    }
    // The reference product's rule, decided here with what the cache knows; the services check again.
    if (checked.input.type === 'roi' && optionsState.status === 'ready' && !optionsState.options.roiAllowed) {
      setRoiBlocked(optionsState.options.roiRefusal ?? PRODUCT_TEXTS.activeRoiExists);
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      const request = await bridge.requests.send(checked.input);
      useRequestsStore.getState().added(request);
      showToast(queuedText());
      onClose();
    } catch (error) {
      setSending(false);
      if (checked.input.type === 'roi' && error instanceof BridgeError && error.code === 'conflict')
        setRoiBlocked(error.message);
      else setFailure(messageOf(error));
    }
  };

  const optionsReady = optionsState.status === 'ready';
  // Only the assessment and document fields need the agency's lists; the other types can go without.
  const needsOptions = values.type === 'assessment' || values.type === 'document';
  const noAssessments =
    values.type === 'assessment' && optionsReady && optionsState.options.assessments.length === 0;

  return (
    <div className="send-request">
      <Dialog
        title={PRODUCT_TEXTS.sendRequestToTheCustomerPortal}
        description={`To ${clientName}`}
        onClose={onClose}
        onSubmit={() => void send()}
        busy={sending}
        footer={
          <>
            <button type="button" className="button button--ghost" onClick={onClose} disabled={sending}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={sending || noAssessments || (needsOptions && !optionsReady)}
              aria-busy={sending}
            >
              {sending ? <span className="spinner" aria-hidden="true" /> : <Icon name="send" size={16} />}
              {PRODUCT_TEXTS.sendRequest}
            </button>
          </>
        }
      >
        {failure && (
          <div className="alert alert--error" role="alert">
            {failure}
          </div>
        )}
        <SelectField
          label="Type of request"
          placeholder="Select a type of request"
          value={values.type}
          options={TYPE_OPTIONS}
          error={errors.type}
          disabled={sending}
          autofocus
          onChange={(type) => change({ type: type as RequestFormValues['type'] })}
        />
        {needsOptions && optionsState.status === 'loading' && (
          <div className="request-fields request-fields--loading" aria-busy="true">
            <span className="skeleton skeleton--short" />
            <span className="skeleton skeleton--input" />
            <span className="visually-hidden">Loading your agency’s choices…</span>
          </div>
        )}
        {needsOptions && optionsState.status === 'error' && (
          <div className="alert alert--error alert--row" role="alert">
            <span>{optionsState.error}</span>
            <button type="button" className="button button--secondary button--sm" onClick={retry}>
              Try again
            </button>
          </div>
        )}
        {optionsReady && (
          <RequestTypeFields
            values={values}
            errors={errors}
            options={optionsState.options}
            disabled={sending}
            onChange={change}
          />
        )}
        {!optionsReady && (values.type === 'location' || values.type === 'roi') && (
          <RequestTypeFields
            values={values}
            errors={errors}
            options={{ assessments: [], documentCategories: [], roiAllowed: true, roiRefusal: null }}
            disabled={sending}
            onChange={change}
          />
        )}
        {values.type !== '' && (
          <TextField
            label="Due date (optional)"
            type="date"
            value={values.dueDate}
            min={localToday()}
            max={latestDueDate(localToday())}
            hint="The client sees it in the portal. Leave it empty for no due date."
            error={errors.dueDate}
            disabled={sending}
            onChange={(dueDate) => change({ dueDate })}
          />
        )}
        {values.type !== '' && values.type !== 'roi' && (
          <Switch
            label="Private"
            description="Don’t share this request, or what the client sends back, with staff members at other agencies."
            checked={values.private}
            disabled={sending}
            onChange={(value) => change({ private: value })}
          />
        )}
      </Dialog>
      {roiBlocked !== null && (
        <AlertDialog
          title={NAMES.releaseOfInformation}
          message={roiBlocked}
          onClose={() => setRoiBlocked(null)}
          actions={
            // An open request is listed on the CUSTOMER PORTAL page behind this dialog.
            roiBlocked === PRODUCT_TEXTS.activeRoiExists ? (
              <button
                type="button"
                className="button button--ghost button--link"
                onClick={() => {
                  setRoiBlocked(null);
                  onReviewRoi();
                }}
              >
                <Icon name="shield" size={16} />
                Review {NAMES.releaseOfInformation} history
              </button>
            ) : undefined
          }
        />
      )}
    </div>
  );
}

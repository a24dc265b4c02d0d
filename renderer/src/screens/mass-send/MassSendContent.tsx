import { requestTypeOf } from '../../../../shared/domain/mass-send';
import { Icon } from '../../components/Icon';
import { Switch } from '../../components/Switch';
import { RichTextEditor } from '../../editor/RichTextEditor';
import { useMassSendStore } from '../../stores/mass-send-store';
import { RequestTypeFields } from '../requests/RequestTypeFields';
import type { MassSendErrors } from './mass-send-form';
import { useAgencyCatalog } from './use-agency-catalog';

interface MassSendContentProps {
  errors: MassSendErrors;
  disabled: boolean;
  /** Clears the errors of what was just changed, rather than scolding while the person fixes it. */
  onEdited(fields: (keyof MassSendErrors)[]): void;
}

/** What each tab sends: a message, or a request with the same fields as a single request. */
export function MassSendContent({ errors, disabled, onEdited }: MassSendContentProps) {
  const kind = useMassSendStore((state) => state.kind);
  const message = useMassSendStore((state) => state.message);
  const messageVersion = useMassSendStore((state) => state.messageVersion);
  const fields = useMassSendStore((state) => state.fields);
  const firstRecipient = useMassSendStore((state) => state.recipients[0]?.clientId ?? null);
  const store = useMassSendStore.getState();
  const { state: catalog, retry } = useAgencyCatalog(
    firstRecipient,
    kind === 'document' || kind === 'assessment',
  );

  if (kind === 'message') {
    return (
      <div className="mass-send__content">
        <RichTextEditor
          key={messageVersion}
          initialValue={message}
          label="Message"
          placeholder="Write the message every selected client will receive…"
          disabled={disabled}
          onChange={(next) => {
            store.setMessage(next);
            if (errors.html) onEdited(['html']);
          }}
        />
        {errors.html && (
          <p className="field__error" role="alert">
            {errors.html}
          </p>
        )}
      </div>
    );
  }

  const type = requestTypeOf(kind);
  // Mass sends have no due date (yet): the shared fields take none.
  const values = { type: type ?? ('' as const), dueDate: '', ...fields };
  const fieldsOf = (
    <RequestTypeFields
      values={values}
      errors={errors}
      options={
        catalog.status === 'ready'
          ? catalog.options
          : { assessments: [], documentCategories: [], roiAllowed: true, roiRefusal: null }
      }
      disabled={disabled}
      onChange={(patch) => {
        store.setFields(patch);
        onEdited(Object.keys(patch) as (keyof MassSendErrors)[]);
      }}
    />
  );

  return (
    <div className="mass-send__content mass-send__content--request">
      {(kind === 'document' || kind === 'assessment') && catalog.status === 'loading' && (
        <div className="request-fields request-fields--loading" aria-busy="true">
          <span className="skeleton skeleton--short" />
          <span className="skeleton skeleton--input" />
          <span className="visually-hidden">Loading your agency’s choices…</span>
        </div>
      )}
      {(kind === 'document' || kind === 'assessment') && catalog.status === 'error' && (
        <div className="alert alert--error alert--row" role="alert">
          <span>{catalog.error}</span>
          <button type="button" className="button button--secondary button--sm" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {(catalog.status === 'ready' || kind === 'location' || kind === 'roi') && fieldsOf}
      {kind === 'roi' && (
        <p className="note note--warning">
          <Icon name="warning" size={16} />
          Clients with an active Release of Information that does not expire within 7 days, or with a Release
          of Information request still open, are skipped: the results list them with the reason.
        </p>
      )}
      {kind !== 'roi' && (
        <Switch
          label="Private"
          description="Don’t share these requests, or what clients send back, with staff members at other agencies."
          checked={fields.private}
          disabled={disabled}
          onChange={(value) => store.setFields({ private: value })}
        />
      )}
    </div>
  );
}

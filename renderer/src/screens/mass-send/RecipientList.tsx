import { useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { formatCalendarDate, listName, plural } from '../../lib/format';
import { chosenRecipients, useMassSendStore } from '../../stores/mass-send-store';

/**
 * The clients the chosen programs give, each ticked; staff untick anyone who should not get it.
 * The services list only clients with a connected Customer Portal account.
 */
export function RecipientList({ error }: { error: string | undefined }) {
  const recipients = useMassSendStore((state) => state.recipients);
  const unticked = useMassSendStore((state) => state.unticked);
  const status = useMassSendStore((state) => state.recipientsStatus);
  const loadError = useMassSendStore((state) => state.recipientsError);
  const nothingChosen = useMassSendStore(
    (state) => state.selectedPrograms.length === 0 && !state.withoutEnrollment,
  );
  const store = useMassSendStore.getState();
  const allRef = useRef<HTMLInputElement>(null);
  const chosen = chosenRecipients({ recipients, unticked }).length;
  const untickedSet = new Set(unticked);

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = chosen > 0 && chosen < recipients.length;
  }, [chosen, recipients.length]);

  const summary =
    status === 'loading'
      ? 'Finding clients…'
      : recipients.length === chosen
        ? plural(recipients.length, 'client', 'clients')
        : `${plural(recipients.length, 'client', 'clients')} · ${chosen} selected`;

  return (
    <div className="recipient-list">
      <div className="recipient-list__head">
        <p className="recipient-list__count" aria-live="polite">
          {nothingChosen ? 'No programs chosen yet' : summary}
        </p>
        <p className="recipient-list__hint">
          <Icon name="portal" size={14} />
          Only clients with a connected Customer Portal account are listed.
        </p>
      </div>
      {error && (
        <p className="field__error recipient-list__error" role="alert">
          {error}
        </p>
      )}
      {status === 'error' ? (
        <div className="alert alert--error alert--row" role="alert">
          <span>{loadError}</span>
          <button
            type="button"
            className="button button--secondary button--sm"
            onClick={() => void store.open()}
          >
            Try again
          </button>
        </div>
      ) : nothingChosen ? (
        <EmptyState icon="clients" title="Choose programs to see who will receive this." compact />
      ) : status === 'ready' && recipients.length === 0 ? (
        <EmptyState icon="clients" title="No connected clients match these choices." compact>
          <p>Try other programs, or the other enrollment status.</p>
        </EmptyState>
      ) : (
        <div className="recipient-list__scroll" aria-busy={status === 'loading'}>
          <table className="data-table recipient-table">
            <caption className="visually-hidden">Recipients</caption>
            <thead>
              <tr>
                <th scope="col" className="recipient-table__check">
                  <input
                    ref={allRef}
                    type="checkbox"
                    className="checkbox"
                    aria-label="Send to every client listed"
                    checked={recipients.length > 0 && chosen === recipients.length}
                    onChange={(event) => store.setAllRecipients(event.target.checked)}
                  />
                </th>
                <th scope="col">Name</th>
                <th scope="col">Date of birth</th>
                <th scope="col">Programs</th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((recipient) => {
                const name = listName(recipient);
                const ticked = !untickedSet.has(recipient.clientId);
                return (
                  <tr key={recipient.clientId} className={ticked ? undefined : 'recipient-table__row--off'}>
                    <td className="recipient-table__check">
                      <input
                        type="checkbox"
                        className="checkbox"
                        aria-label={`Send to ${name}`}
                        checked={ticked}
                        onChange={(event) => store.setRecipient(recipient.clientId, event.target.checked)}
                      />
                    </td>
                    <td className="recipient-table__name">{name}</td>
                    <td className="recipient-table__date">{formatCalendarDate(recipient.dateOfBirth)}</td>
                    <td className="recipient-table__programs">
                      {recipient.programs.length > 0 ? (
                        recipient.programs.join(', ')
                      ) : (
                        <span className="muted">No enrollment here</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { listContacts, writeTo } from '../api/portal-api';
import type { PortalContact } from '../api/types';
import { ErrorAlert, LoadError, Loading } from '../components/Feedback';
import { FieldFrame } from '../components/Field';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { newMessageId, textToHtml } from '../lib/message-html';
import { useMessageLength } from '../lib/message-length';
import { navigate } from '../lib/router';
import { useResource } from '../lib/use-resource';

function NewMessageForm({ contacts, initialTo }: { contacts: PortalContact[]; initialTo: string }) {
  const { t } = useI18n();
  const accepting = contacts.filter((contact) => contact.acceptsMessages);
  const notAccepting = contacts.filter((contact) => !contact.acceptsMessages);
  const [to, setTo] = useState(
    accepting.some((contact) => contact.staffId === initialTo) ? initialTo : (accepting[0]?.staffId ?? ''),
  );
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const pendingId = useRef(newMessageId());
  const length = useMessageLength(text);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const html = textToHtml(text);
    setError(undefined);
    setProblem(html === '' ? t('messages.empty') : length.problem);
    if (html === '' || length.problem || to === '') return;
    setBusy(true);
    try {
      const answer = await writeTo(to, pendingId.current, html);
      navigate(`/messages/${answer.thread.id}`, { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <>
      {accepting.length === 0 ? (
        <p className="alert alert-info">{t('newMessage.nobody')}</p>
      ) : (
        <form className="card form" onSubmit={submit} noValidate>
          {error !== undefined && <ErrorAlert error={error} />}
          <fieldset className="choice-group">
            <legend>{t('newMessage.to')}</legend>
            {accepting.map((contact) => (
              <label key={contact.staffId} className="choice">
                <input
                  type="radio"
                  name="to"
                  value={contact.staffId}
                  checked={to === contact.staffId}
                  onChange={() => setTo(contact.staffId)}
                />
                <span>
                  <span className="choice-title">{contact.name}</span>
                  <span className="choice-detail">
                    {[contact.careTeamRole || contact.title, contact.agencyName].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <FieldFrame label={t('newMessage.message')} hint={length.hint} error={problem}>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                className="input textarea"
                rows={6}
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
      )}
      {notAccepting.length > 0 && (
        <section className="card" aria-labelledby="not-accepting">
          <h2 id="not-accepting">{t('newMessage.othersTitle')}</h2>
          <ul className="contact-list">
            {notAccepting.map((contact) => (
              <li key={contact.staffId} className="contact">
                <span className="contact-name">{contact.name}</span>
                <span className="contact-role">
                  {[contact.careTeamRole || contact.title, contact.agencyName].filter(Boolean).join(' · ')}
                </span>
                <span className="contact-note">{t('contacts.notAccepting')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function NewMessagePage({ initialTo }: { initialTo: string }) {
  const { t } = useI18n();
  const contacts = useResource(listContacts, 'contacts');
  return (
    <Page title={t('newMessage.title')} back={{ to: '/messages', label: t('messages.back') }}>
      {contacts.loading && !contacts.data ? (
        <Loading />
      ) : contacts.data ? (
        <NewMessageForm contacts={contacts.data.contacts} initialTo={initialTo} />
      ) : (
        <LoadError error={contacts.error} retry={contacts.reload} />
      )}
    </Page>
  );
}

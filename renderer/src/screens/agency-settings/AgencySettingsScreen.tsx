import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type AgencyPortalPreferences, parseClock } from '../../../../shared/domain/nudges';
import type { SessionUser } from '../../../../shared/domain/session';
import { bridge } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { Switch } from '../../components/Switch';
import { messageOf } from '../../lib/errors';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

/**
 * Agency settings for agency admins: the quiet hours email and text nudges keep for the agency's
 * clients (a client may choose their own), and whether clients see staff names on their privacy
 * page. Kept on the agency server (GET/PATCH /api/admin/portal-preferences), so it needs a
 * connection; the server checks the admin role and the times again.
 */
export function AgencySettingsScreen({ user }: { user: SessionUser }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [showStaffNames, setShowStaffNames] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<AgencyPortalPreferences | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const show = (preferences: AgencyPortalPreferences) => {
    setStart(preferences.quietHours.start);
    setEnd(preferences.quietHours.end);
    setShowStaffNames(preferences.showStaffNames);
  };

  const read = async () => {
    setLoad({ status: 'loading' });
    try {
      show(await bridge.agency.portalPreferences());
      setLoad({ status: 'ready' });
    } catch (error) {
      setLoad({ status: 'error', message: messageOf(error) });
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, when the screen opens.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
    void read();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    if (parseClock(start) === undefined || parseClock(end) === undefined) {
      setProblem('Quiet hours start and end at times such as 21:00 and 08:00.');
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      const answer = await bridge.agency.savePortalPreferences({
        quietHours: { start, end },
        showStaffNames,
      });
      show(answer);
      setSaved(answer);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page page--agency-settings">
      <div className="page__header">
        <div>
          <h1 ref={headingRef} className="page__title" tabIndex={-1}>
            Agency settings
          </h1>
          <p className="page__subtitle">
            How the Customer Portal treats {user.agencyName}’s clients. Changes apply to every client of the
            agency and are kept in the audit log.
          </p>
        </div>
      </div>
      {load.status === 'error' ? (
        <EmptyState icon="warning" title="Agency settings could not be read" tone="danger">
          <p>{load.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void read()}>
            Try again
          </button>
        </EmptyState>
      ) : load.status === 'loading' ? (
        <p className="agency-settings__loading" role="status">
          Loading agency settings…
        </p>
      ) : (
        <form className="card agency-settings" aria-labelledby="agency-settings-portal" onSubmit={submit}>
          <header className="card__header">
            <h2 id="agency-settings-portal" className="card__title">
              Customer Portal
            </h2>
          </header>
          <fieldset className="agency-settings__quiet">
            <legend className="field__label">Quiet hours for email and text notices</legend>
            <p className="agency-settings__hint">
              No notice is sent between these times, in the agency’s time zone. A client may choose their own.
            </p>
            <div className="agency-settings__times">
              <label className="field" htmlFor="quiet-start">
                <span className="field__label">From</span>
                <input
                  id="quiet-start"
                  className="input"
                  type="time"
                  required
                  value={start}
                  onChange={(event) => setStart(event.target.value)}
                />
              </label>
              <label className="field" htmlFor="quiet-end">
                <span className="field__label">Until</span>
                <input
                  id="quiet-end"
                  className="input"
                  type="time"
                  required
                  value={end}
                  onChange={(event) => setEnd(event.target.value)}
                />
              </label>
            </div>
          </fieldset>
          <Switch
            label="Show staff names on the client’s privacy page"
            description="When on, “Who looked at my record” names the staff member beside their agency and role. When off, clients see only the agency and role."
            checked={showStaffNames}
            onChange={setShowStaffNames}
          />
          {problem && (
            <p className="agency-settings__problem" role="alert">
              {problem}
            </p>
          )}
          {saved && (
            <p className="agency-settings__saved" role="status">
              Saved. Quiet hours {saved.quietHours.start} to {saved.quietHours.end}; staff names{' '}
              {saved.showStaffNames ? 'shown' : 'hidden'}.
            </p>
          )}
          <div className="agency-settings__actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

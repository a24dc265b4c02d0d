import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import type { SessionUser } from '../../../../shared/domain/session';
import { Icon } from '../../components/Icon';
import { LogoMark } from '../../components/LogoMark';
import { plural } from '../../lib/format';
import { useLockStore } from '../../stores/lock-store';
import { useSessionStore } from '../../stores/session-store';

/**
 * Covers the whole app after the idle time: the app's screens are unmounted, not hidden, so no
 * client's name or record is on the page while it is locked. The route and the stores stay, so
 * unlocking brings back the screen the person was on; drafts are kept by the services.
 */
export function LockScreen({ user }: { user: SessionUser }) {
  const unlock = useLockStore((state) => state.unlock);
  const unlocking = useLockStore((state) => state.unlocking);
  const idleMinutes = useLockStore((state) => state.idleMinutes);
  const signOut = useSessionStore((state) => state.signOut);
  const signingOut = useSessionStore((state) => state.signingOut);
  const endedBecause = useSessionStore((state) => state.endedBecause);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    passwordRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError('Enter your password.');
      passwordRef.current?.focus();
      return;
    }
    const outcome = await unlock(password);
    if (outcome.ok) return;
    if (outcome.signedOut) {
      endedBecause(outcome.message);
      return;
    }
    setError(outcome.message);
    passwordRef.current?.focus();
    passwordRef.current?.select();
  };

  return (
    <div className="sign-in lock-screen">
      <main className="sign-in__panel" aria-labelledby="lock-title">
        <div className="sign-in__brand">
          <LogoMark size={48} />
          <span className="sign-in__product">Portico</span>
        </div>
        <h1 id="lock-title" className="sign-in__title lock-screen__title">
          <Icon name="lock" size={22} />
          Portico is locked
        </h1>
        <p className="sign-in__lede">
          {idleMinutes
            ? `Locked after ${plural(idleMinutes, 'minute', 'minutes')} without use, to keep client records private.`
            : 'Locked to keep client records private.'}{' '}
          Enter your password to continue where you left off. Your drafts are kept.
        </p>
        <div className="lock-screen__who">
          <span className="user-menu__avatar" aria-hidden="true">
            {initialsOf(user.displayName)}
          </span>
          <span className="lock-screen__person">
            <span className="lock-screen__name">Signed in as {user.displayName}</span>
            <span className="lock-screen__meta">
              {ROLE_LABELS[user.role]} · {user.username} · {user.agencyName}
            </span>
          </span>
        </div>
        <form
          className="sign-in__form"
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-describedby={error ? errorId : undefined}
        >
          {error && (
            <div id={errorId} className="alert alert--error" role="alert">
              {error}
            </div>
          )}
          {/* The username lets password managers pair the saved password with this account. */}
          <input type="text" name="username" autoComplete="username" value={user.username} hidden readOnly />
          <div className="field">
            <label className="field__label" htmlFor="lock-password">
              Password
            </label>
            <input
              id="lock-password"
              ref={passwordRef}
              className={`input${error ? ' input--invalid' : ''}`}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setPassword(event.target.value);
                setError(null);
              }}
              readOnly={unlocking}
            />
          </div>
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={unlocking || signingOut}
            aria-busy={unlocking}
          >
            {unlocking ? <span className="spinner" aria-hidden="true" /> : <Icon name="lock" size={18} />}
            {unlocking ? 'Unlocking…' : 'Unlock'}
          </button>
        </form>
        <p className="lock-screen__switch">
          Not {user.displayName.split(' ')[0]}?{' '}
          <button
            type="button"
            className="link-button"
            disabled={signingOut || unlocking}
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        </p>
      </main>
    </div>
  );
}

function initialsOf(displayName: string): string {
  const parts = displayName.trim().split(/\s+/);
  const last = parts.length > 1 ? (parts[parts.length - 1]?.charAt(0) ?? '') : '';
  return `${parts[0]?.charAt(0) ?? ''}${last}`.toUpperCase();
}

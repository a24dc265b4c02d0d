import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { LogoMark } from '../../components/LogoMark';
import { useSessionStore } from '../../stores/session-store';

export function SignInScreen() {
  const signIn = useSessionStore((state) => state.signIn);
  const signingIn = useSessionStore((state) => state.signingIn);
  const error = useSessionStore((state) => state.signInError);
  const appInfo = useSessionStore((state) => state.appInfo);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const usernameRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    usernameRef.current?.focus();
  }, []);

  const passwordRef = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await signIn(username, password);
    // After a failed attempt focus goes where the fix is; the password is selected, not cleared,
    // so a connection error does not cost the person their typing.
    if (!useSessionStore.getState().signInError) return;
    if (!username.trim()) {
      usernameRef.current?.focus();
      return;
    }
    passwordRef.current?.focus();
    passwordRef.current?.select();
  };

  return (
    <div className="sign-in">
      <main className="sign-in__panel" aria-labelledby="sign-in-title">
        <div className="sign-in__brand">
          <LogoMark size={48} />
          <span className="sign-in__product">Portico</span>
        </div>
        <h1 id="sign-in-title" className="sign-in__title">
          Sign in
        </h1>
        <p className="sign-in__lede">Use the username and password your agency gave you.</p>

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
          <div className="field">
            <label className="field__label" htmlFor="sign-in-username">
              Username
            </label>
            <input
              id="sign-in-username"
              ref={usernameRef}
              className="input"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              readOnly={signingIn}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="sign-in-password">
              Password
            </label>
            <input
              id="sign-in-password"
              ref={passwordRef}
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              readOnly={signingIn}
            />
          </div>
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={signingIn}
            aria-busy={signingIn}
          >
            {signingIn && <span className="spinner" aria-hidden="true" />}
            {signingIn ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
      <footer className="sign-in__footer">
        {appInfo ? (
          <>
            <span>Portico {appInfo.version}</span>
            <span aria-hidden="true">·</span>
            <span>
              Agency server <span className="sign-in__server">{appInfo.serverUrl}</span>
            </span>
          </>
        ) : (
          <span>Portico</span>
        )}
      </footer>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../components/Feedback';
import { TextField } from '../components/Field';
import { Page } from '../components/Page';
import { type MessageKey, useI18n } from '../i18n';
import { type SignedOutReason, useSession } from '../session/session';

const REASONS: Partial<Record<SignedOutReason, MessageKey>> = {
  'signed-out': 'signIn.signedOut',
  idle: 'signIn.idle',
  expired: 'signIn.expired',
};

export function SignInPage({ reason }: { reason: SignedOutReason }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const note = REASONS[reason];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      username: username.trim() === '' ? t('signIn.usernameMissing') : undefined,
      password: password === '' ? t('signIn.passwordMissing') : undefined,
    };
    setMissing(problems);
    setError(undefined);
    if (problems.username || problems.password) return;
    setBusy(true);
    try {
      await signIn(username, password);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Page title={t('signIn.title')}>
      <p className="lead">{t('signIn.intro')}</p>
      {note && (
        <p className="alert alert-info" role="status">
          {t(note)}
        </p>
      )}
      <form className="card form" onSubmit={submit} noValidate>
        {error !== undefined && <ErrorAlert error={error} />}
        <TextField
          label={t('signIn.username')}
          value={username}
          onValue={setUsername}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          error={missing.username}
        />
        <TextField
          label={t('signIn.password')}
          type={showPassword ? 'text' : 'password'}
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
          error={missing.password}
        />
        <label className="checkbox">
          <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
          <span>{t('form.showPassword')}</span>
        </label>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p className="muted">{t('signIn.newHere')}</p>
    </Page>
  );
}

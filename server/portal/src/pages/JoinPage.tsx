import { type FormEvent, useState } from 'react';
import { passwordProblem, usernameProblem } from '../../../../shared/domain/portal-account';
import { ApiError } from '../api/http';
import { openInvite } from '../api/portal-api';
import { ErrorAlert, Loading } from '../components/Feedback';
import { TextField } from '../components/Field';
import { Page } from '../components/Page';
import { type MessageKey, useI18n } from '../i18n';
import { Link, navigate } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { useSession } from '../session/session';

/** The invitation's token travels in the link's fragment (#…), which never reaches a server log. */
function tokenFromLink(): string {
  return window.location.hash.replace(/^#/, '').trim();
}

const PASSWORD_REFUSALS: Record<string, MessageKey | undefined> = {
  weak_password: 'join.rule.password',
  common_password: 'join.rule.passwordCommon',
};

function JoinForm({ token, firstName, expiresAt }: { token: string; firstName: string; expiresAt: string }) {
  const { t, dateTime } = useI18n();
  const { join } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [problems, setProblems] = useState<{ username?: string; password?: string; confirm?: string }>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      username: usernameProblem(username) ? t('join.rule.username') : undefined,
      password: passwordProblem(password) ? t('join.rule.password') : undefined,
      confirm: confirm !== password ? t('join.confirmMismatch') : undefined,
    };
    setProblems(found);
    setError(undefined);
    if (found.username || found.password || found.confirm) return;
    setBusy(true);
    try {
      await join(token, username, password);
      navigate('/', { replace: true });
    } catch (caught) {
      // The server's password checks (the common-password list is only there) belong beside the field.
      const passwordRefused = caught instanceof ApiError && PASSWORD_REFUSALS[caught.code];
      if (passwordRefused) setProblems({ password: t(passwordRefused) });
      else setError(caught);
      setBusy(false);
    }
  };

  return (
    <>
      <p className="lead">{t('join.welcome', { name: firstName })}</p>
      <p className="muted">{t('join.expires', { date: dateTime(expiresAt) })}</p>
      <form className="card form" onSubmit={submit} noValidate>
        {error !== undefined && <ErrorAlert error={error} />}
        <TextField
          label={t('join.username')}
          hint={t('join.rule.username')}
          value={username}
          onValue={setUsername}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          error={problems.username}
        />
        <TextField
          label={t('join.password')}
          hint={t('join.rule.password')}
          type={showPassword ? 'text' : 'password'}
          value={password}
          onValue={setPassword}
          autoComplete="new-password"
          required
          error={problems.password}
        />
        <TextField
          label={t('join.confirm')}
          type={showPassword ? 'text' : 'password'}
          value={confirm}
          onValue={setConfirm}
          autoComplete="new-password"
          required
          error={problems.confirm}
        />
        <label className="checkbox">
          <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
          <span>{t('form.showPassword')}</span>
        </label>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('join.busy') : t('join.submit')}
        </button>
      </form>
    </>
  );
}

export function JoinPage() {
  const { t } = useI18n();
  const token = tokenFromLink();
  const invite = useResource(() => openInvite(token), token);
  return (
    <Page title={t('join.title')}>
      {token === '' ? (
        <ErrorAlert error={undefined}>
          <p>{t('join.error.noToken')}</p>
        </ErrorAlert>
      ) : invite.loading ? (
        <Loading />
      ) : invite.data ? (
        <JoinForm token={token} firstName={invite.data.firstName} expiresAt={invite.data.expiresAt} />
      ) : (
        <ErrorAlert error={invite.error} />
      )}
      <p className="muted">
        {t('join.haveAccount')} <Link to="/">{t('join.signInLink')}</Link>
      </p>
    </Page>
  );
}

import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { type ErrorText, useErrorText } from '../lib/errors';

/** A failure the person should act on, announced as it appears. */
export function ErrorAlert({ error, children }: { error?: unknown; children?: ReactNode }) {
  const explain = useErrorText();
  const text: ErrorText | undefined = error === undefined ? undefined : explain(error);
  return (
    <div className="alert alert-error" role="alert">
      {text && <p>{text.message}</p>}
      {text?.detail && (
        <p className="alert-detail" lang="en">
          {text.detail}
        </p>
      )}
      {children}
    </div>
  );
}

/** Good news after an action, announced politely. */
export function SuccessNote({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

/** A page's loading failure with a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  return (
    <ErrorAlert error={error}>
      <button type="button" className="button button-secondary" onClick={retry}>
        {t('common.tryAgain')}
      </button>
    </ErrorAlert>
  );
}

import { ApiError, OFFLINE_CODE } from '../api/http';
import { type MessageKey, useI18n } from '../i18n';

/*
 * The server answers with a code and an English sentence. Codes the portal knows are shown in the
 * client's language; for the rest, English readers get the server's own sentence, and Spanish
 * readers a general sentence in Spanish with the server's English words beside it.
 */

const KNOWN: Record<string, MessageKey> = {
  [OFFLINE_CODE]: 'error.offline',
  invalid_credentials: 'error.invalidCredentials',
  unauthenticated: 'error.sessionEnded',
  invalid_session: 'error.sessionEnded',
  session_expired: 'error.sessionEnded',
  session_idle: 'error.sessionIdle',
  invite_not_found: 'join.error.notFound',
  invite_expired: 'join.error.expired',
  invite_replaced: 'join.error.replaced',
  invite_cancelled: 'join.error.cancelled',
  invite_used: 'join.error.used',
  already_connected: 'join.error.used',
  username_taken: 'join.error.usernameTaken',
  invalid_username: 'join.rule.username',
  weak_password: 'join.rule.password',
  common_password: 'join.rule.passwordCommon',
  file_too_large: 'upload.tooLarge',
  storage_quota_reached: 'upload.quotaReached',
  message_too_long: 'messages.tooLongAny',
  message_rate_limit: 'messages.rateLimit',
  daily_message_limit: 'messages.dailyLimit',
  too_many_files: 'upload.tooMany',
  missing_portal_header: 'error.reload',
  active_roi: 'roi.alreadyActive',
  signed_date_not_today: 'roi.dateChanged',
  server_error: 'error.server',
  wrong_code: 'notices.error.wrongCode',
  code_expired: 'notices.error.codeExpired',
  too_many_attempts: 'notices.error.tooManyAttempts',
  too_many_codes: 'notices.error.tooManyCodes',
  no_code: 'notices.error.noCode',
  code_not_sent: 'notices.error.notSent',
  home_agency: 'privacy.sharing.homeAgency',
};

export interface ErrorText {
  message: string;
  /** The server's own English sentence, when the message above is only a general one. */
  detail?: string;
}

export function useErrorText(): (error: unknown) => ErrorText {
  const { t, locale } = useI18n();
  return (error) => {
    if (!(error instanceof ApiError)) return { message: t('error.unexpected') };
    const known = KNOWN[error.code];
    if (known) return { message: t(known) };
    if (error.message === '')
      return { message: t(error.status >= 500 ? 'error.server' : 'error.unexpected') };
    if (locale === 'en') return { message: error.message };
    return {
      message: t(error.status === 403 ? 'error.notAllowed' : 'error.checkAndRetry'),
      detail: error.message,
    };
  };
}

import { PORTAL_MESSAGE_MAX_CHARS } from '../../../../shared/domain/portal-account';
import { INTL_LOCALE, useI18n } from '../i18n';

/*
 * The portal's messages are at most PORTAL_MESSAGE_MAX_CHARS characters (the server refuses longer
 * ones too). The text box counts only near the end, so most messages show no counter at all.
 */

const COUNT_FROM = PORTAL_MESSAGE_MAX_CHARS * 0.8;

export interface MessageLength {
  /** "4,100 of 5,000 characters" once the text is near the limit, for the field's hint. */
  hint: string | undefined;
  /** The sentence to show instead of sending, when the text is too long. */
  problem: string | undefined;
}

export function useMessageLength(text: string): MessageLength {
  const { t, locale } = useI18n();
  const format = (n: number) => n.toLocaleString(INTL_LOCALE[locale]);
  const vars = { count: format(text.length), max: format(PORTAL_MESSAGE_MAX_CHARS) };
  return {
    hint: text.length >= COUNT_FROM ? t('messages.length', vars) : undefined,
    problem: text.length > PORTAL_MESSAGE_MAX_CHARS ? t('messages.tooLong', vars) : undefined,
  };
}

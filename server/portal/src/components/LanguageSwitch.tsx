import { useI18n } from '../i18n';
import { Icon } from './Icon';

/**
 * On every page, signed in or not: one button naming the other language in that language
 * ("Español" / "English"), so a client who cannot read the current one still finds it.
 */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  // The name is the visible word itself, read in its own language (lang) by screen readers.
  const other = locale === 'en' ? 'es' : 'en';
  return (
    <button type="button" className="language-switch" lang={other} onClick={() => setLocale(other)}>
      <Icon name="globe" />
      <span>{t('language.other')}</span>
    </button>
  );
}

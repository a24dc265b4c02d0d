import { useState } from 'react';
import { useI18n } from '../i18n';
import { Icon } from './Icon';

/**
 * On every page, signed in or not: one button naming the other language in that language
 * ("Español" / "English"), so a client who cannot read the current one still finds it. The other
 * language's words are downloaded on the click.
 */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const [busy, setBusy] = useState(false);
  // The name is the visible word itself, read in its own language (lang) by screen readers.
  const other = locale === 'en' ? 'es' : 'en';
  const change = () => {
    setBusy(true);
    void setLocale(other).finally(() => setBusy(false));
  };
  return (
    <button type="button" className="language-switch" lang={other} aria-busy={busy} onClick={change}>
      <Icon name="globe" />
      <span>{t('language.other')}</span>
    </button>
  );
}

/** At the top of the page: the other language could not be downloaded (no connection). */
export function LanguageFailure() {
  const { languageFailed, t } = useI18n();
  if (!languageFailed) return null;
  return (
    <p className="alert alert-error" role="alert">
      {t('error.offline')}
    </p>
  );
}

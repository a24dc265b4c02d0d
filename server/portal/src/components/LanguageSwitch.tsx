import { useState } from 'react';
import { useI18n } from '../i18n';
import { Icon } from './Icon';

/**
 * On every page, signed in or not: one button naming the other language in that language
 * ("Español" / "English"), so a client who cannot read the current one still finds it. The other
 * language's words are downloaded on the click; without a connection the button says so.
 */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  // The name is the visible word itself, read in its own language (lang) by screen readers.
  const other = locale === 'en' ? 'es' : 'en';
  const change = () => {
    setBusy(true);
    setFailed(false);
    setLocale(other).then(
      () => setBusy(false),
      () => {
        setBusy(false);
        setFailed(true);
      },
    );
  };
  return (
    <>
      <button type="button" className="language-switch" lang={other} aria-busy={busy} onClick={change}>
        <Icon name="globe" />
        <span>{t('language.other')}</span>
      </button>
      {failed && (
        <p className="alert alert-error language-switch-error" role="alert">
          {t('error.offline')}
        </p>
      )}
    </>
  );
}

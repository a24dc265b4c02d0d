import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type Dictionary, loadDictionary, type MessageKey, translate } from './dictionaries';
import { type Locale, rememberLocale } from './locale-store';

/*
 * Every word the portal shows comes from here: en.ts and es.ts hold the same keys (es.ts is
 * typed by en.ts, and a unit test checks both ways). Values may hold {placeholders}; counted
 * words come in _one/_other pairs chosen by the language's plural rules. Only the language on
 * screen is downloaded (dictionaries.ts).
 */

export type { Locale };
export { type Dictionary, loadDictionary, type MessageKey };

type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

type Vars = Record<string, string | number>;

export const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

export interface I18n {
  locale: Locale;
  /**
   * Downloads the language's words, then shows them. Without a connection the language stays as
   * it is and `languageFailed` says so until the next try.
   */
  setLocale(locale: Locale): Promise<void>;
  languageFailed: boolean;
  t(key: MessageKey, vars?: Vars): string;
  /** A counted phrase: "{count} new message" / "{count} new messages". */
  tn(base: PluralBase, count: number, vars?: Vars): string;
  /** A moment as a date and time: "Nov 24, 3:05 PM" (the year only when it is not this year). */
  dateTime(iso: string): string;
  /** A moment as short as a list needs: the time today, else the date ("Nov 24"). */
  when(iso: string): string;
  /** A calendar day (`YYYY-MM-DD` or a moment): "November 24, 2026". */
  day(value: string): string;
  /** A calendar day (`YYYY-MM-DD`) with its weekday, as a due date reads: "Friday, December 11". */
  weekday(value: string): string;
  bytes(count: number): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Made on first use and kept: `make` runs at most once. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * The language's date and number formats, each made when first needed: a phone spends tens of
 * milliseconds on every new date format (more on a cheap one), and the sign-in page shows none.
 */
function formatsFor(intl: string) {
  return {
    plural: once(() => new Intl.PluralRules(intl)),
    time: once(() => new Intl.DateTimeFormat(intl, { hour: 'numeric', minute: '2-digit' })),
    shortDate: once(() => new Intl.DateTimeFormat(intl, { month: 'short', day: 'numeric' })),
    shortDateYear: once(
      () => new Intl.DateTimeFormat(intl, { month: 'short', day: 'numeric', year: 'numeric' }),
    ),
    day: once(() => new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' })),
    weekday: once(
      () =>
        new Intl.DateTimeFormat(intl, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }),
    ),
    localDay: once(() => new Intl.DateTimeFormat(intl, { dateStyle: 'long' })),
    number: once(() => new Intl.NumberFormat(intl, { maximumFractionDigits: 1 })),
  };
}

/** A language ready to show: its dictionary is already here. */
export interface LoadedLocale {
  locale: Locale;
  dictionary: Dictionary;
}

export function I18nProvider({ initial, children }: { initial: LoadedLocale; children: ReactNode }) {
  const [{ locale, dictionary }, setLoaded] = useState<LoadedLocale>(() => {
    rememberLocale(initial.locale);
    return initial;
  });
  const [languageFailed, setLanguageFailed] = useState(false);
  const setLocale = useCallback(async (next: Locale) => {
    setLanguageFailed(false);
    try {
      const nextDictionary = await loadDictionary(next);
      rememberLocale(next);
      setLoaded({ locale: next, dictionary: nextDictionary });
    } catch {
      setLanguageFailed(true);
    }
  }, []);
  const format = useMemo(() => formatsFor(INTL_LOCALE[locale]), [locale]);
  const value = useMemo<I18n>(() => {
    const thisYear = (date: Date) => date.getFullYear() === new Date().getFullYear();
    const t = (key: MessageKey, vars?: Vars) => translate(dictionary, key, vars);
    return {
      locale,
      setLocale,
      languageFailed,
      t,
      tn: (base, count, vars = {}) => {
        const key = (format.plural().select(count) === 'one' ? `${base}_one` : `${base}_other`) as MessageKey;
        return translate(dictionary, key, { count, ...vars });
      },
      dateTime: (iso) => {
        const date = new Date(iso);
        return `${(thisYear(date) ? format.shortDate() : format.shortDateYear()).format(date)}, ${format.time().format(date)}`;
      },
      when: (iso) => {
        const date = new Date(iso);
        if (date.toDateString() === new Date().toDateString()) return format.time().format(date);
        return (thisYear(date) ? format.shortDate() : format.shortDateYear()).format(date);
      },
      // Calendar days are dates without a time zone: shown as written, never shifted a day.
      day: (value) =>
        /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? format.day().format(new Date(`${value}T00:00:00Z`))
          : format.localDay().format(new Date(value)),
      weekday: (value) => format.weekday().format(new Date(`${value}T00:00:00Z`)),
      bytes: (count) => {
        const number = format.number();
        if (count < 1024) return t('units.bytes', { n: number.format(count) });
        if (count < 1024 * 1024) return t('units.kb', { n: number.format(count / 1024) });
        return t('units.mb', { n: number.format(count / (1024 * 1024)) });
      },
    };
  }, [locale, dictionary, format, setLocale, languageFailed]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n is used outside I18nProvider');
  return value;
}

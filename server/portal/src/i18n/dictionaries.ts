import type { en } from './en';
import type { Locale } from './locale-store';

/*
 * Each language's words are a chunk of their own, downloaded when that language is shown: a phone
 * on prepaid data fetches only the language it reads. No React here, so the portal's first script
 * (main.tsx) can start the download before React itself has arrived.
 */

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;

const LOADERS: Record<Locale, () => Promise<Dictionary>> = {
  en: () => import('./en').then((module) => module.en),
  es: () => import('./es').then((module) => module.es),
};

const loads = new Map<Locale, Promise<Dictionary>>();

/** The language's dictionary, fetched once; a failed fetch (offline) may be tried again. */
export function loadDictionary(locale: Locale): Promise<Dictionary> {
  let load = loads.get(locale);
  if (!load) {
    load = LOADERS[locale]();
    loads.set(locale, load);
    load.catch(() => loads.delete(locale));
  }
  return load;
}

export function translate(
  dictionary: Dictionary,
  key: MessageKey,
  vars: Record<string, string | number> = {},
) {
  // A value ending in an abbreviation's full stop ("3:16 p. m.") that ends the sentence takes no
  // second one: one full stop, as both languages write it.
  return dictionary[key].replace(/\{(\w+)\}(\.?)/g, (whole, name: string, stop: string) => {
    if (!(name in vars)) return whole;
    const value = String(vars[name]);
    return stop && value.endsWith('.') ? value : value + stop;
  });
}

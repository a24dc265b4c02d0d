import { describe, expect, it } from 'vitest';

/*
 * The portal's two dictionaries (server/portal/src/i18n) hold the same keys, and every Spanish
 * value is really Spanish. They are loaded by URL: the portal is browser code, built apart, and
 * a static import would pull it into the Node project's type check, which does not list it.
 */

type Dictionary = Record<string, string>;

async function dictionary(name: 'en' | 'es'): Promise<Dictionary> {
  const url = new URL(`../../../server/portal/src/i18n/${name}.ts`, import.meta.url).href;
  const module = (await import(url)) as Record<string, unknown>;
  return module[name] as Dictionary;
}

/** Words that are the same in both languages on purpose. */
const SAME_IN_BOTH = new Set([
  'app.name', // the product's name
  'units.bytes',
  'units.kb',
  'units.mb',
]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('Customer Portal dictionaries', () => {
  it('have the same keys in English and Spanish', async () => {
    const [en, es] = await Promise.all([dictionary('en'), dictionary('es')]);
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(en).length).toBeGreaterThan(100);
  });

  it('translate every value, keeping its placeholders', async () => {
    const [en, es] = await Promise.all([dictionary('en'), dictionary('es')]);
    for (const [key, english] of Object.entries(en)) {
      const spanish = es[key] ?? '';
      expect(spanish.trim(), `es[${key}] is empty`).not.toBe('');
      expect(english.trim(), `en[${key}] is empty`).not.toBe('');
      if (!SAME_IN_BOTH.has(key)) expect(spanish, `es[${key}] is not translated`).not.toBe(english);
      expect(placeholders(spanish), `es[${key}] placeholders`).toEqual(placeholders(english));
    }
  });

  it('keep counted phrases in pairs', async () => {
    const en = await dictionary('en');
    for (const key of Object.keys(en).filter((k) => k.endsWith('_one')))
      expect(en, `${key} has no _other`).toHaveProperty(key.replace(/_one$/, '_other'));
  });

  it('allow only a few words to stay the same', () => {
    expect(SAME_IN_BOTH.size).toBeLessThanOrEqual(5);
  });
});

describe('translate', () => {
  async function translateFn() {
    const url = new URL('../../../server/portal/src/i18n/dictionaries.ts', import.meta.url).href;
    return ((await import(url)) as { translate: (d: Dictionary, k: string, v?: object) => string }).translate;
  }

  it('writes one full stop when a value ending in an abbreviation ends the sentence', async () => {
    const translate = await translateFn();
    const words = { 'join.expires': 'Esta invitación es válida hasta el {date}.' };
    expect(translate(words, 'join.expires', { date: '3 dic, 3:16 p.m.' })).toBe(
      'Esta invitación es válida hasta el 3 dic, 3:16 p.m.',
    );
    expect(translate(words, 'join.expires', { date: '3 dic, 15:16' })).toBe(
      'Esta invitación es válida hasta el 3 dic, 15:16.',
    );
    expect(translate({ k: '{n} of {m}. Done' }, 'k', { n: 'a.', m: 2 })).toBe('a. of 2. Done');
    expect(translate({ k: 'Keep {missing}.' }, 'k', {})).toBe('Keep {missing}.');
  });
});

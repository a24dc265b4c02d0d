import { FIRST_NAMES, LAST_NAMES } from '../../server/seed/demo-data';
import { nameSearchKey } from '../../shared/domain/names';
import { pick, seededRandom } from './seeded-random';

/** Names and the search keys the server stores beside them (accents folded, lower case). */
export interface NameList {
  names: string[];
  keys: string[];
}

const ONSETS = ['B', 'C', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'W', 'Z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ay', 'ei', 'ou'];
const CODAS = ['n', 'r', 'l', 's', 'th', 'nd', 'rt', 'ck', 'm', ''];
const SYLLABLES = ['ra', 'li', 'to', 'ne', 'sa', 'mo', 'ka', 'vi', 'de', 'lo', 'ru', 'ta'];

/**
 * The demo's names plus made-up ones: prefix searches over 20,000 clients then hit a realistic
 * spread of matches (a few for three letters, hundreds for one) instead of a hundred names repeated.
 */
function inventNames(seed: number, count: number, syllables: number): string[] {
  const random = seededRandom(seed);
  const names = new Set<string>();
  while (names.size < count) {
    let name = pick(random, ONSETS) + pick(random, VOWELS);
    for (let i = 1; i < syllables; i++) name += pick(random, SYLLABLES);
    names.add(name + pick(random, CODAS));
  }
  return [...names];
}

function withKeys(names: readonly string[]): NameList {
  return { names: [...names], keys: names.map(nameSearchKey) };
}

export function firstNames(seed: number): NameList {
  return withKeys([...FIRST_NAMES, ...inventNames(seed, 260, 2)]);
}

export function lastNames(seed: number): NameList {
  return withKeys([...LAST_NAMES, ...inventNames(seed + 1, 1950, 3)]);
}

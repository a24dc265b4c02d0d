import { pick, seededRandom } from './seeded-random';

const WORDS = [
  'housing',
  'voucher',
  'appointment',
  'clinic',
  'shelter',
  'Tuesday',
  'application',
  'landlord',
  'bus',
  'pass',
  'caseworker',
  'county',
  'lease',
  'benefits',
  'food',
  'bank',
  'library',
  'noon',
  'phone',
  'ID',
];

/**
 * A long message as staff really write them, grown to `bytes`: paragraphs with bold, italic and
 * links, headings, lists, quotes and a table now and then. Seeded, so every run sanitizes the same.
 */
export function largeMessageHtml(bytes: number): string {
  const random = seededRandom(4242);
  const sentence = () => {
    const words = Array.from({ length: 6 + Math.floor(random() * 12) }, () => pick(random, WORDS));
    const roll = random();
    if (roll < 0.1) words[1] = `<strong>${words[1] ?? ''}</strong>`;
    else if (roll < 0.2) words[2] = `<em>${words[2] ?? ''}</em>`;
    else if (roll < 0.25) words[3] = `<a href="https://example.org/${words[3] ?? ''}">${words[3] ?? ''}</a>`;
    return `${words.join(' ')}.`;
  };
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const roll = random();
    let block: string;
    if (roll < 0.7) block = `<p>${sentence()} ${sentence()} ${sentence()}</p>`;
    else if (roll < 0.8) block = `<h2>${sentence()}</h2>`;
    else if (roll < 0.9)
      block = `<ul><li>${sentence()}</li><li>${sentence()}</li><li>${sentence()}</li></ul>`;
    else if (roll < 0.95) block = `<blockquote>${sentence()}</blockquote>`;
    else
      block = `<table><tr><th>When</th><th>What</th></tr><tr><td>${sentence()}</td><td>${sentence()}</td></tr></table>`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('\n');
}

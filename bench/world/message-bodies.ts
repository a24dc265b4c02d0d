import { previewOf } from '../../server/messaging/preview';
import { htmlToPlainText, sanitizeHtml } from '../../shared/rich-text';
import { pick, seededRandom } from './seeded-random';

/** A message body as the server stores it: sanitized HTML, its plain text, and the Inbox preview. */
export interface MessageBodies {
  html: string[];
  text: string[];
  preview: string[];
}

const SENTENCES = [
  'Hi, just checking in to see how you are doing this week.',
  'Your appointment at the housing office is on Tuesday at 10am.',
  'Can you bring your ID and the letter from the clinic?',
  'I dropped off the bus pass at the front desk for you.',
  'The shelter has beds open tonight if you need one.',
  'Thanks for letting me know, I will call the landlord today.',
  'We got the application in, now we wait to hear back.',
  'Do you still have the phone number for the food bank?',
  'I can meet you at the library at noon if that works.',
  'Your caseworker at the county asked for a copy of your lease.',
  'Please remember to sign the release so I can talk to the clinic.',
  'The heating assistance program opens next Monday.',
  'Good news: the voucher was approved this morning!',
  'Let me know if anything changes with your job schedule.',
  'I am out of the office Friday, Priya can help if you need anything.',
];

const LINKS = ['https://example.org/housing', 'https://example.org/food-bank', 'https://example.org/clinic'];

/** One raw body: one to three paragraphs, now and then with emphasis, a link or a short list. */
function rawBody(random: () => number): string {
  const paragraphs: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let p = 0; p < count; p++) {
    const sentences = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, SENTENCES));
    const roll = random();
    if (roll < 0.15) sentences[0] = `<strong>${sentences[0] ?? ''}</strong>`;
    else if (roll < 0.25) sentences.push(`<a href="${pick(random, LINKS)}">More information</a>`);
    paragraphs.push(`<p>${sentences.join(' ')}</p>`);
  }
  if (random() < 0.1)
    paragraphs.push(`<ul><li>${pick(random, SENTENCES)}</li><li>${pick(random, SENTENCES)}</li></ul>`);
  return paragraphs.join('');
}

/**
 * A fixed set of bodies the generator cycles through, made with the product's own sanitizer, plain
 * text and preview, so every stored row is exactly what a real send would have stored.
 */
export function messageBodies(seed: number, count: number): MessageBodies {
  const random = seededRandom(seed);
  const bodies: MessageBodies = { html: [], text: [], preview: [] };
  for (let i = 0; i < count; i++) {
    const html = sanitizeHtml(rawBody(random));
    const text = htmlToPlainText(html).trim();
    bodies.html.push(html);
    bodies.text.push(text);
    bodies.preview.push(previewOf(text));
  }
  return bodies;
}

import fc from 'fast-check';
import type {
  BlockElement,
  BlockFormat,
  FormattedText,
  ImageElement,
  InlineNode,
  ListElement,
  RichTextDocument,
  TableCellElement,
  TableElement,
} from '../../../../shared/rich-text/model';

/*
 * Generators of CANONICAL documents: exactly what fromHtml produces, built by construction rather
 * than by running the code under test. The canonical rules (see shared/rich-text/normalize.ts):
 * text has no ASCII whitespace but single spaces, none at the start or end of a block or next to
 * "\n"; adjacent texts with equal marks are merged; no empty texts except Slate's spacers (one
 * unmarked empty text before, between and after links, and the only child of an empty block);
 * links are never empty; URLs are allowed ones.
 */

const SPECIAL_WORDS = [
  'a',
  'hello',
  '<',
  '>',
  '&',
  '"',
  "'",
  '&amp;',
  '&lt;',
  '&#60;',
  '&nbsp;',
  '<script>',
  '</p>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  'javascript:',
  'é',
  '日本語',
  '👍🏽',
  '👨‍👩‍👧',
  '\u00a0',
  '\u200b',
  '\u000b',
  'Ω≈ç',
  'a&b=c',
  '`',
];

/** A word: text without HTML whitespace (space, tab, CR, LF, FF) or NUL. */
const word = fc.oneof(
  fc.constantFrom(...SPECIAL_WORDS),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
    .map((text) => text.replace(/[ \t\n\r\f\0]/g, ''))
    .filter((text) => text.length > 0),
);

interface Atom {
  readonly value: string;
  readonly marks: number;
  /** 0: not in a link; otherwise which of the block's links (adjacent equal numbers: one link). */
  readonly link: number;
}

const atom: fc.Arbitrary<Atom> = fc.record({
  value: fc.oneof({ weight: 4, arbitrary: word }, fc.constant(' '), fc.constant('\n')),
  marks: fc.integer({ min: 0, max: 7 }),
  link: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 })),
});

const host = fc.oneof(
  fc.constantFrom('example.org', 'a.b', 'xn--bcher-kva.example', 'localhost:8080', '127.0.0.1', '[::1]'),
  fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?\.[a-z]{2,4}$/),
);

const urlPiece = fc.constantFrom(
  '/',
  'path',
  '<',
  '>',
  '"',
  "'",
  '&',
  '&amp;',
  '?q=1',
  '&x=<y>',
  '#frag',
  'é',
  '%20',
  '@',
  '\\',
  '(',
  ')',
  '`',
  'javascript:',
);

const httpUrl = fc
  .tuple(fc.constantFrom('http', 'https', 'HTTPS'), host, fc.array(urlPiece, { maxLength: 6 }))
  .map(
    ([scheme, authority, path]) => `${scheme}://${authority}${path.length > 0 ? '/' : ''}${path.join('')}`,
  );

const mailtoUrl = fc
  .tuple(fc.stringMatching(/^[a-z0-9._+-]{1,10}$/), host, fc.array(urlPiece, { maxLength: 3 }))
  .map(
    ([local, domain, query]) =>
      `mailto:${local}@${domain}${query.length > 0 ? '?subject=' : ''}${query.join('')}`,
  );

export const linkUrl = fc.oneof(httpUrl, mailtoUrl);

function formatted(text: string, marks: number): FormattedText {
  const node: FormattedText = { text };
  if (marks & 1) node.bold = true;
  if (marks & 2) node.italic = true;
  if (marks & 4) node.underline = true;
  return node;
}

/** Merges runs of equal marks into texts. */
function texts(atoms: readonly Atom[]): FormattedText[] {
  const result: FormattedText[] = [];
  let previousMarks = -1;
  for (const { value, marks } of atoms) {
    const last = result.at(-1);
    if (last !== undefined && marks === previousMarks) last.text += value;
    else result.push(formatted(value, marks));
    previousMarks = marks;
  }
  return result;
}

/** Applies the whitespace rule to atoms, then builds Slate children. */
function inlines(raw: readonly Atom[], urls: readonly string[]): InlineNode[] {
  const atoms: Atom[] = [];
  for (const item of raw) {
    const last = atoms.at(-1);
    if (item.value === ' ') {
      if (last !== undefined && last.value !== ' ' && last.value !== '\n') atoms.push(item);
    } else {
      if (item.value === '\n' && last?.value === ' ') atoms.pop();
      atoms.push(item);
    }
  }
  if (atoms.at(-1)?.value === ' ') atoms.pop();

  const nodes: InlineNode[] = [];
  let start = 0;
  while (start < atoms.length) {
    const link = atoms[start]?.link ?? 0;
    let end = start + 1;
    while (end < atoms.length && atoms[end]?.link === link) end++;
    const run = atoms.slice(start, end);
    start = end;
    if (link === 0) {
      nodes.push(...texts(run));
    } else {
      if (nodes.length === 0 || 'type' in (nodes.at(-1) ?? {})) nodes.push({ text: '' });
      nodes.push({ type: 'link', url: urls[link - 1] ?? 'https://example.org', children: texts(run) });
    }
  }
  if (nodes.length === 0 || 'type' in (nodes.at(-1) ?? {})) nodes.push({ text: '' });
  return nodes;
}

export const inlineChildren: fc.Arbitrary<InlineNode[]> = fc
  .tuple(fc.array(atom, { maxLength: 12 }), fc.array(linkUrl, { minLength: 3, maxLength: 3 }))
  .map(([atoms, urls]) => inlines(atoms, urls));

const textBlock = fc
  .tuple(
    fc.constantFrom<BlockFormat>('paragraph', 'heading-one', 'heading-two', 'heading-three', 'block-quote'),
    inlineChildren,
  )
  .map(([type, children]): BlockElement => ({ type, children }));

const list = fc
  .tuple(
    fc.constantFrom<ListElement['type']>('numbered-list', 'bulleted-list'),
    fc.array(inlineChildren, { minLength: 1, maxLength: 4 }),
  )
  .map(
    ([type, items]): ListElement => ({
      type,
      children: items.map((children) => ({ type: 'list-item', children })),
    }),
  );

const attachmentUrl = fc.uuid().map((id) => `/api/attachments/${id.toLowerCase()}`);
const dataImageUrl = fc
  .tuple(fc.constantFrom('png', 'jpeg', 'gif', 'webp'), fc.base64String({ minLength: 4, maxLength: 40 }))
  .filter(([, data]) => /^[A-Za-z0-9+/]+=*$/.test(data))
  .map(([format, data]) => `data:image/${format};base64,${data}`);

const alt = fc.oneof(
  fc.constantFrom(
    '',
    'a "quoted" alt',
    "it's",
    '<img src=x onerror=alert(1)>',
    '&amp; &lt;',
    ' spaced  out ',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => text.replaceAll('\0', '')),
);

export const image: fc.Arbitrary<ImageElement> = fc
  .tuple(fc.oneof(attachmentUrl, dataImageUrl), alt)
  .map(([url, altText]) => ({ type: 'image', url, alt: altText, children: [{ text: '' }] }));

const cell = fc.tuple(fc.boolean(), inlineChildren).map(([header, children]): TableCellElement => {
  const node: TableCellElement = { type: 'table-cell', children };
  if (header) node.header = true;
  return node;
});

const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map(
  (rows): TableElement => ({
    type: 'table',
    children: rows.map((cells) => ({ type: 'table-row', children: cells })),
  }),
);

export const block: fc.Arbitrary<BlockElement> = fc.oneof(textBlock, list, image, table);

export const canonicalDocument: fc.Arbitrary<RichTextDocument> = fc.array(block, {
  minLength: 1,
  maxLength: 6,
});

/*
 * HTML-ish strings: allowed and hostile tags and attributes, broken markup, comments, entities,
 * mixed with text, for properties that must hold for any input.
 */

const tagName = fc.constantFrom(
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h6', 'blockquote', 'ul', 'ol', 'li', 'table', 'tbody', 'thead', 'tr'],
  ...['td', 'th', 'a', 'b', 'strong', 'i', 'em', 'u', 'br', 'img', 'div', 'span', 'pre', 'section', 'font'],
  ...['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'input', 'textarea', 'title'],
  ...['template', 'noscript', 'base', 'meta', 'link', 'xmp', 'mglyph', 'mtext', 'SCRIPT', 'ImG', 'A'],
);

const attributeValue = fc.oneof(
  linkUrl,
  attachmentUrl,
  dataImageUrl,
  fc.constantFrom(
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'jav&#x09;ascript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'vbscript:msgbox(1)',
    'alert(1)',
    'x" onerror="alert(1)',
    "x' onload='alert(1)",
    'background:url(javascript:alert(1))',
    '</noscript><img src=x onerror=alert(1)>',
  ),
  fc.string({ maxLength: 10 }),
);

const attribute = fc
  .tuple(
    fc.constantFrom(
      'href',
      'src',
      'alt',
      'title',
      'style',
      'onerror',
      'onload',
      'onclick',
      'srcdoc',
      'HREF',
      'x',
    ),
    attributeValue,
    fc.constantFrom('"', "'", '', 'unclosed'),
  )
  .map(([name, value, quote]) => {
    if (quote === 'unclosed') return ` ${name}="${value}`;
    return ` ${name}=${quote}${value}${quote}`;
  });

const htmlPiece = fc.oneof(
  fc
    .tuple(tagName, fc.array(attribute, { maxLength: 3 }), fc.constantFrom('>', '/>', ''))
    .map(([name, attributes, end]) => `<${name}${attributes.join('')}${end}`),
  tagName.map((name) => `</${name}>`),
  fc.constantFrom(
    '<!-- c -->',
    '<!--',
    '-->',
    '<![CDATA[x]]>',
    '<?php x ?>',
    '<!DOCTYPE html>',
    '&amp;',
    '&lt;',
  ),
  fc.constantFrom('&#x3C;', '&nbsp;', '&', '<', '>', '"', '\0', ' ', '  ', '\n', '\t', '\r\n'),
  word,
);

export const htmlish: fc.Arbitrary<string> = fc
  .array(htmlPiece, { maxLength: 25 })
  .map((pieces) => pieces.join(''));

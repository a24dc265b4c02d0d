import type { BlockElement, InlineNode, RichTextDocument, TableElement } from './model';
import { safeImageUrl, safeLinkUrl } from './urls';

/*
 * The model to HTML. Output is built as an array of strings joined once, so a large message costs
 * linear time. Every URL is checked again here: a document may come from anywhere (a draft, an old
 * row), and a link whose URL is not allowed is written as its text, an image as nothing.
 *
 * Text is written so that fromHtml reads back exactly the same text (see normalize.ts):
 * - "\n" is <br>; a block whose text ends with "\n", or is empty, gets one more <br>, since a
 *   browser shows nothing for a block's last <br> (and an empty <p> would have no height).
 * - Spaces that HTML would collapse (at the start or end of a line, or after another space) are
 *   written as U+00A0, which keeps what the writer typed visible. Canonical text has none of these.
 */

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\u00a0': '&nbsp;',
  '\n': '<br>',
};

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeText(text: string): string {
  return text.replace(/[&<>\u00a0\n]/g, (char) => TEXT_ESCAPES[char] ?? '');
}

function escapeAttribute(value: string): string {
  return value.replaceAll('\u0000', '').replace(/[&<>"']/g, (char) => ATTRIBUTE_ESCAPES[char] ?? '');
}

/** One formatted text of a block, with the <a> it belongs to (if any). */
interface Segment {
  text: string;
  readonly marks: { readonly bold: boolean; readonly italic: boolean; readonly underline: boolean };
  /** Index of the link element among the block's children, or -1. */
  readonly linkIndex: number;
  readonly href: string | null;
}

function segmentsOf(children: readonly InlineNode[]): Segment[] {
  const segments: Segment[] = [];
  children.forEach((child, index) => {
    if (!('type' in child)) {
      segments.push(segmentOf(child, -1, null));
      return;
    }
    const href = safeLinkUrl(child.url);
    for (const text of child.children) segments.push(segmentOf(text, href === null ? -1 : index, href));
  });
  return segments;
}

/** CR is not a line break in HTML; a pasted CRLF means one. NUL is never text. */
function cleanText(text: string): string {
  // Most texts have neither: skip both passes over them (a 1MB message has tens of thousands).
  let cleaned = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (cleaned.includes('\u0000')) cleaned = cleaned.replaceAll('\u0000', '');
  return cleaned;
}

function segmentOf(
  text: { text: string; bold?: true; italic?: true; underline?: true },
  linkIndex: number,
  href: string | null,
): Segment {
  return {
    text: cleanText(text.text),
    marks: { bold: text.bold === true, italic: text.italic === true, underline: text.underline === true },
    linkIndex,
    href,
  };
}

/**
 * Replaces the spaces a browser would collapse with U+00A0, across the whole block (a space at the
 * end of one text and the start of the next collapse too). Lengths do not change, so the result
 * is cut back into the segments at the same offsets. Returns the block's whole text.
 */
/**
 * The runs of spaces a browser would collapse or drop: two or more, a tab or form feed, or one at
 * the start or end of a line. A single space between words (nearly all of them) is left as it is
 * without calling the replacer for it.
 */
const COLLAPSIBLE_RUNS = /[ \t\f]{2,}|[\t\f]|(?<=^|\n) | (?=\n|$)/g;

function keepSpaces(segments: Segment[]): string {
  const whole = segments.map((segment) => segment.text).join('');
  const kept = whole.replace(COLLAPSIBLE_RUNS, (run, offset: number) => {
    const atLineStart = offset === 0 || whole[offset - 1] === '\n';
    const end = offset + run.length;
    const atLineEnd = end === whole.length || whole[end] === '\n';
    if (atLineStart || atLineEnd) return '\u00a0'.repeat(run.length);
    return ` ${'\u00a0'.repeat(run.length - 1)}`;
  });
  if (kept !== whole) {
    let offset = 0;
    for (const segment of segments) {
      const length = segment.text.length;
      segment.text = kept.slice(offset, offset + length);
      offset += length;
    }
  }
  return kept;
}

function writeSegment(segment: Segment, out: string[]): void {
  if (segment.text === '') return;
  const { bold, italic, underline } = segment.marks;
  // Fixed nesting order strong > em > u, so equal marks always give equal HTML.
  if (bold) out.push('<strong>');
  if (italic) out.push('<em>');
  if (underline) out.push('<u>');
  out.push(escapeText(segment.text));
  if (underline) out.push('</u>');
  if (italic) out.push('</em>');
  if (bold) out.push('</strong>');
}

function writeInlines(children: readonly InlineNode[], out: string[], emptyNeedsBreak: boolean): void {
  const segments = segmentsOf(children);
  const whole = keepSpaces(segments);
  let start = 0;
  while (start < segments.length) {
    const first = segments[start];
    if (first === undefined) break;
    let end = start + 1;
    while (end < segments.length && segments[end]?.linkIndex === first.linkIndex) end++;
    const group = segments.slice(start, end);
    start = end;
    if (first.href === null) {
      for (const segment of group) writeSegment(segment, out);
    } else if (group.some((segment) => segment.text !== '')) {
      out.push(`<a href="${escapeAttribute(first.href)}" target="_blank" rel="noopener noreferrer">`);
      for (const segment of group) writeSegment(segment, out);
      out.push('</a>');
    }
  }
  if (whole.endsWith('\n') || (whole === '' && emptyNeedsBreak)) out.push('<br>');
}

function writeTable(table: TableElement, out: string[]): void {
  const rows = table.children.filter((row) => row.children.length > 0);
  if (rows.length === 0) return;
  out.push('<table><tbody>');
  for (const row of rows) {
    out.push('<tr>');
    for (const cell of row.children) {
      const tag = cell.header === true ? 'th' : 'td';
      out.push(`<${tag}>`);
      // An empty cell keeps its size from its row; it needs no <br>.
      writeInlines(cell.children, out, false);
      out.push(`</${tag}>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
}

const BLOCK_TAGS = {
  paragraph: 'p',
  'heading-one': 'h1',
  'heading-two': 'h2',
  'heading-three': 'h3',
  'block-quote': 'blockquote',
} as const;

function writeBlock(block: BlockElement, out: string[]): void {
  switch (block.type) {
    case 'paragraph':
    case 'heading-one':
    case 'heading-two':
    case 'heading-three':
    case 'block-quote': {
      const tag = BLOCK_TAGS[block.type];
      out.push(`<${tag}>`);
      writeInlines(block.children, out, true);
      out.push(`</${tag}>`);
      return;
    }
    case 'numbered-list':
    case 'bulleted-list': {
      if (block.children.length === 0) return;
      const tag = block.type === 'numbered-list' ? 'ol' : 'ul';
      out.push(`<${tag}>`);
      for (const item of block.children) {
        out.push('<li>');
        writeInlines(item.children, out, true);
        out.push('</li>');
      }
      out.push(`</${tag}>`);
      return;
    }
    case 'image': {
      const src = safeImageUrl(block.url);
      if (src !== null) out.push(`<img src="${escapeAttribute(src)}" alt="${escapeAttribute(block.alt)}">`);
      return;
    }
    case 'table':
      writeTable(block, out);
      return;
  }
}

/** The HTML of a document: only the model's elements, escaped text, and checked URLs. */
export function toHtml(nodes: RichTextDocument): string {
  const out: string[] = [];
  for (const block of nodes) writeBlock(block, out);
  return out.join('');
}

import { BOLD, ITALIC, UNDERLINE } from './element-kinds';
import type { FormattedText, InlineNode } from './model';

/*
 * The inline content of one block, as fromHtml collects it, and its reduction to the canonical
 * Slate children of that block. The rules mirror what a browser shows for normal (non-pre) text:
 *
 * 1. Every run of HTML whitespace (space, tab, CR, LF, FF) becomes one space; other spaces such as
 *    U+00A0 are text. Spaces at the start and end of a line vanish: at the start and end of the
 *    block, and next to a line break.
 * 2. A "boundary" is where a nested block began or ended inside a block that can hold only text
 *    (a <p> in an <li>, a <div> in a <td>). Boundaries become line breaks, but only between
 *    content, never two in a row, and not right after a <br> (which already ended the line).
 * 3. The last <br> of a block ends a line that has nothing after it, so a browser shows nothing
 *    for it; it is dropped. (toHtml writes one extra <br> when a block's text ends with "\n".)
 * 4. Line breaks become "\n" in the text. Adjacent texts with the same marks merge, empty texts go,
 *    links left empty go, and then Slate's own rule applies: a text node before, after and between
 *    links (an empty one where needed), and at least one text node in every block.
 */

/** A link being collected; tokens of the same <a> share one object. */
export interface LinkRef {
  readonly url: string;
}

export type InlineToken =
  | { readonly kind: 'text'; readonly text: string; readonly marks: number; readonly link: LinkRef | null }
  | { readonly kind: 'break'; readonly marks: number; readonly link: LinkRef | null }
  | { readonly kind: 'boundary' };

/**
 * A collapsed piece of text, or a line break. Texts grow by `+=`, which V8 keeps as a rope, so
 * long texts are not copied over and over.
 */
interface Piece {
  text: string;
  readonly marks: number;
  readonly link: LinkRef | null;
  readonly isBreak: boolean;
}

const WORD = /[^ \t\n\r\f]+/g;
const NON_WHITESPACE = /[^ \t\n\r\f]/;
const HAS_WHITESPACE = /[ \t\n\r\f]/;
/** Words separated by single spaces, nothing before the first or after the last. */
const ALREADY_COLLAPSED = /^[^ \t\n\r\f]+(?: [^ \t\n\r\f]+)*$/;

/** Whether an implicit block (bare text at the top level, a div's text) has anything to show. */
export function hasVisibleContent(tokens: readonly InlineToken[]): boolean {
  return tokens.some(
    (token) => token.kind === 'break' || (token.kind === 'text' && NON_WHITESPACE.test(token.text)),
  );
}

/**
 * Rules 1 and 2: collapsed text and breaks, boundaries resolved. One pass without closures or
 * per-character work, since its loop runs for every text node of a message.
 */
function collapse(tokens: readonly InlineToken[]): Piece[] {
  const pieces: Piece[] = [];
  let atLineStart = true;
  /** The piece holding the start of a whitespace run, which gets the one space if text follows. */
  let pendingSpace: Piece | null = null;
  let pendingBoundary = false;
  let hasContent = false;
  let lastContentIsBreak = false;

  for (const token of tokens) {
    if (token.kind !== 'text') {
      pendingSpace = null;
      atLineStart = true;
      if (token.kind === 'boundary') {
        if (hasContent) pendingBoundary = true;
        continue;
      }
      if (pendingBoundary && !lastContentIsBreak) pieces.push(breakPiece(0, null));
      pendingBoundary = false;
      pieces.push(breakPiece(token.marks, token.link));
      hasContent = true;
      lastContentIsBreak = true;
      continue;
    }
    const text = token.text;
    if (text === '') continue;
    if (!HAS_WHITESPACE.test(text) || ALREADY_COLLAPSED.test(text)) {
      // Most texts: one word, or words with single spaces between them: nothing to collapse.
      if (pendingBoundary && !lastContentIsBreak) pieces.push(breakPiece(0, null));
      pendingBoundary = false;
      if (pendingSpace !== null) pendingSpace.text += ' ';
      pendingSpace = null;
      pieces.push({ text, marks: token.marks, link: token.link, isBreak: false });
      atLineStart = false;
      hasContent = true;
      lastContentIsBreak = false;
      continue;
    }
    const piece: Piece = { text: '', marks: token.marks, link: token.link, isBreak: false };
    // This piece's words and spaces, joined once at the end: appending word by word builds a
    // string of thousands of tiny parts that every later read must first flatten.
    const parts: string[] = [];
    let pushed = false;
    let position = 0;
    WORD.lastIndex = 0;
    for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
      if (match.index > position && !atLineStart && pendingSpace === null) pendingSpace = piece;
      if (!pushed) {
        // A pending boundary's break goes before this text.
        if (pendingBoundary && !lastContentIsBreak) pieces.push(breakPiece(0, null));
        pendingBoundary = false;
        pieces.push(piece);
        pushed = true;
      }
      if (pendingSpace === piece) parts.push(' ');
      else if (pendingSpace !== null) pendingSpace.text += ' ';
      pendingSpace = null;
      parts.push(match[0]);
      position = match.index + match[0].length;
      atLineStart = false;
      hasContent = true;
      lastContentIsBreak = false;
    }
    piece.text = parts.join('');
    // Whitespace at the end of this text: its space goes here if text follows on the same line.
    if (position < text.length && !atLineStart && pendingSpace === null) {
      pendingSpace = piece;
      if (!pushed) pieces.push(piece);
    }
  }
  return pieces;
}

function breakPiece(marks: number, link: LinkRef | null): Piece {
  return { text: '\n', marks, link, isBreak: true };
}

function isContent(piece: Piece): boolean {
  return piece.text !== '';
}

/** Rule 3. */
function dropFinalBreak(pieces: Piece[]): void {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i];
    if (piece === undefined || !isContent(piece)) continue;
    if (piece.isBreak) pieces.splice(i, 1);
    return;
  }
}

function formatted(text: string, marks: number): FormattedText {
  const node: FormattedText = { text };
  if (marks & BOLD) node.bold = true;
  if (marks & ITALIC) node.italic = true;
  if (marks & UNDERLINE) node.underline = true;
  return node;
}

/** Merges same-mark neighbours among the non-empty pieces given. */
function mergeTexts(pieces: readonly Piece[]): FormattedText[] {
  const texts: FormattedText[] = [];
  let text = '';
  let marks = -1;
  for (const piece of pieces) {
    if (piece.marks !== marks) {
      if (text !== '') texts.push(formatted(text, marks));
      text = '';
      marks = piece.marks;
    }
    text += piece.text;
  }
  if (text !== '') texts.push(formatted(text, marks));
  return texts;
}

function isLink(node: InlineNode | undefined): boolean {
  return node !== undefined && 'type' in node;
}

/** Rule 4, for pieces that all have content. */
function toSlateChildren(pieces: readonly Piece[]): InlineNode[] {
  const nodes: InlineNode[] = [];
  let start = 0;
  while (start < pieces.length) {
    const link = pieces[start]?.link ?? null;
    let end = start + 1;
    while (end < pieces.length && pieces[end]?.link === link) end++;
    const texts = mergeTexts(pieces.slice(start, end));
    start = end;
    if (link === null) {
      for (const text of texts) nodes.push(text);
    } else {
      if (nodes.length === 0 || isLink(nodes.at(-1))) nodes.push({ text: '' });
      nodes.push({ type: 'link', url: link.url, children: texts });
    }
  }
  if (nodes.length === 0 || isLink(nodes.at(-1))) nodes.push({ text: '' });
  return nodes;
}

/** The canonical inline children of a block from the tokens collected for it. */
export function tokensToInlines(tokens: readonly InlineToken[]): InlineNode[] {
  const pieces = collapse(tokens);
  dropFinalBreak(pieces);
  // Empty texts go first, so that an empty link (all empty texts) goes with them and the texts
  // around it meet and merge.
  return toSlateChildren(pieces.filter(isContent));
}

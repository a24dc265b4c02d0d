import { fromHtml } from './from-html';
import type { BlockElement, InlineNode, RichTextDocument } from './model';

/*
 * Plain text for inbox previews and notifications. Blocks are separated by a blank line; list
 * items ("- " or "1. ") and table rows (cells joined by " | ") go one per line; a quote's lines
 * start with "> "; an image is "[image: alt]" or "[image]". Blocks with no text are left out, and
 * U+00A0 reads as a plain space.
 */

function inlineText(children: readonly InlineNode[]): string {
  const parts: string[] = [];
  for (const child of children) {
    if ('type' in child) for (const text of child.children) parts.push(text.text);
    else parts.push(child.text);
  }
  return parts.join('').replaceAll('\u00a0', ' ').trim();
}

function blockText(block: BlockElement): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading-one':
    case 'heading-two':
    case 'heading-three':
      return inlineText(block.children);
    case 'block-quote': {
      const text = inlineText(block.children);
      return text === '' ? '' : text.replace(/^/gm, '> ');
    }
    case 'numbered-list':
    case 'bulleted-list':
      return block.children
        .map((item, index) => {
          const marker = block.type === 'numbered-list' ? `${index + 1}. ` : '- ';
          const indent = ' '.repeat(marker.length);
          // Continuation lines of an item line up under its text.
          return marker + inlineText(item.children).replaceAll('\n', `\n${indent}`);
        })
        .join('\n');
    case 'image':
      return block.alt.trim() === '' ? '[image]' : `[image: ${block.alt.trim()}]`;
    case 'table':
      return block.children
        .map((row) => row.children.map((cell) => inlineText(cell.children).replaceAll('\n', ' ')).join(' | '))
        .join('\n');
  }
}

/** The readable text of a document. */
export function documentToPlainText(doc: RichTextDocument): string {
  return doc
    .map(blockText)
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

/** The readable text of any HTML, as fromHtml keeps it. */
export function htmlToPlainText(html: string): string {
  return documentToPlainText(fromHtml(html));
}

function hasText(children: readonly InlineNode[]): boolean {
  return children.some((child) =>
    'type' in child ? child.children.some((text) => text.text.trim() !== '') : child.text.trim() !== '',
  );
}

/** True when the document shows nothing: no text other than whitespace, and no image. */
export function isEmptyDocument(doc: RichTextDocument): boolean {
  return doc.every((block) => {
    switch (block.type) {
      case 'image':
        return false;
      case 'numbered-list':
      case 'bulleted-list':
        return block.children.every((item) => !hasText(item.children));
      case 'table':
        return block.children.every((row) => row.children.every((cell) => !hasText(cell.children)));
      default:
        return !hasText(block.children);
    }
  });
}

import { Editor, Element, type Node, Node as SlateNode } from 'slate';
import type {
  BlockFormat,
  ListElement,
  TableCellElement,
  TableElement,
  TableRowElement,
} from '../../../shared/rich-text/model';

/** Node predicates and builders the commands, plugins and toolbar share. */

export type ListFormat = ListElement['type'];

export const TEXT_BLOCK_FORMATS: readonly BlockFormat[] = [
  'paragraph',
  'heading-one',
  'heading-two',
  'heading-three',
  'block-quote',
];

export const LIST_FORMATS: readonly ListFormat[] = ['numbered-list', 'bulleted-list'];

export function isTextBlock(node: Node): node is Element & { type: BlockFormat } {
  return Element.isElement(node) && (TEXT_BLOCK_FORMATS as readonly string[]).includes(node.type);
}

export function isList(node: Node): node is ListElement {
  return Element.isElement(node) && (LIST_FORMATS as readonly string[]).includes(node.type);
}

export function isListItem(node: Node): boolean {
  return Element.isElement(node) && node.type === 'list-item';
}

/** The blocks whose children are text: what Format and the lists act on. */
export function isWritableBlock(node: Node): boolean {
  return isTextBlock(node) || isListItem(node);
}

export function isTable(node: Node): node is TableElement {
  return Element.isElement(node) && node.type === 'table';
}

export function isTableRow(node: Node): node is TableRowElement {
  return Element.isElement(node) && node.type === 'table-row';
}

export function isTableCell(node: Node): node is TableCellElement {
  return Element.isElement(node) && node.type === 'table-cell';
}

export function isLink(node: Node): boolean {
  return Element.isElement(node) && node.type === 'link';
}

export function isImage(node: Node): boolean {
  return Element.isElement(node) && node.type === 'image';
}

export function emptyParagraph(): Element {
  return { type: 'paragraph', children: [{ text: '' }] };
}

export function emptyCell(header: boolean): TableCellElement {
  return header
    ? { type: 'table-cell', header: true, children: [{ text: '' }] }
    : { type: 'table-cell', children: [{ text: '' }] };
}

/** A paragraph with nothing typed in it, which a new table or picture may take the place of. */
export function isBlankParagraph(node: Node | undefined): boolean {
  return (
    node !== undefined && isTextBlock(node) && node.type === 'paragraph' && SlateNode.string(node) === ''
  );
}

/** Whether the selection is inside a table, where only text, marks and links may go. */
export function selectionInTable(editor: Editor): boolean {
  if (!editor.selection) return false;
  const [inCell] = Editor.nodes(editor, { match: isTableCell });
  return inCell !== undefined;
}

import { Editor, Element, Node, type NodeEntry, Path, Text, Transforms } from 'slate';
import {
  emptyCell,
  emptyParagraph,
  isLink,
  isList,
  isTable,
  isTableCell,
  isTableRow,
  isTextBlock,
} from './nodes';

/*
 * Keeps the editor's tree inside the shared model whatever a command, a paste or Slate's own
 * splitting and merging did: blocks at the top, list items only in lists, rows only in tables,
 * rectangular tables, text only in text blocks, and always a line to type on after a table or
 * picture. Each rule makes one change and reports it; Slate calls again until nothing changes.
 */

/** Returns true when it changed something. */
export function normalizeRichText(editor: Editor, [node, path]: NodeEntry): boolean {
  if (Editor.isEditor(node)) return normalizeTopLevel(editor);
  if (!Element.isElement(node)) return false;
  if (liftBlocksOutOfTextContainer(editor, node, path)) return true;
  switch (node.type) {
    case 'numbered-list':
    case 'bulleted-list':
      return normalizeList(editor, node, path);
    case 'list-item':
      return keepInParent(editor, path, isList);
    case 'table':
      return normalizeTable(editor, node, path);
    case 'table-row':
      return normalizeRow(editor, node, path);
    case 'table-cell':
      return keepInParent(editor, path, isTableRow);
    case 'link':
      return normalizeLink(editor, node, path);
    default:
      return false;
  }
}

function normalizeTopLevel(editor: Editor): boolean {
  for (const [index, child] of editor.children.entries()) {
    const at = [index];
    if (Text.isText(child) || (Element.isElement(child) && editor.isInline(child))) {
      Transforms.wrapNodes(editor, emptyParagraph(), { at });
      return true;
    }
    if (isTableRow(child)) {
      Transforms.unwrapNodes(editor, { at });
      return true;
    }
  }
  const last = editor.children[editor.children.length - 1];
  // A table or picture at the end would leave nowhere to type after it.
  if (!last || isTable(last) || (Element.isElement(last) && last.type === 'image')) {
    Transforms.insertNodes(editor, emptyParagraph(), { at: [editor.children.length] });
    return true;
  }
  return false;
}

/** Paragraphs, headings, quotes, list items and cells hold text; a block inside one gives up its text to it. */
function liftBlocksOutOfTextContainer(editor: Editor, node: Element, path: Path): boolean {
  const holdsText = isTextBlock(node) || node.type === 'list-item' || node.type === 'table-cell';
  if (!holdsText) return false;
  for (const [index, child] of node.children.entries()) {
    if (Element.isElement(child) && !editor.isInline(child)) {
      Transforms.unwrapNodes(editor, { at: [...path, index] });
      return true;
    }
  }
  return false;
}

/** A list item or cell that ended up outside its list or row becomes a paragraph. */
function keepInParent(editor: Editor, path: Path, parentOk: (node: Node) => boolean): boolean {
  const parent = Node.parent(editor, path);
  if (!Editor.isEditor(parent) && parentOk(parent)) return false;
  Editor.withoutNormalizing(editor, () => {
    Transforms.unsetNodes(editor, 'header', { at: path });
    Transforms.setNodes(editor, { type: 'paragraph' }, { at: path });
  });
  return true;
}

function normalizeList(editor: Editor, node: Element, path: Path): boolean {
  for (const [index, child] of node.children.entries()) {
    const at = [...path, index];
    if (Text.isText(child) || (Element.isElement(child) && editor.isInline(child))) {
      Transforms.wrapNodes(editor, { type: 'list-item', children: [] }, { at });
      return true;
    }
    if (isTextBlock(child)) {
      Transforms.setNodes(editor, { type: 'list-item' }, { at });
      return true;
    }
    if (isList(child)) {
      Transforms.unwrapNodes(editor, { at });
      return true;
    }
    if (Element.isElement(child) && child.type !== 'list-item') {
      Transforms.liftNodes(editor, { at });
      return true;
    }
  }
  // Two lists of the same kind side by side are one list to the reader, and become one.
  const index = path[path.length - 1] ?? 0;
  if (index > 0) {
    const previous = Node.get(editor, Path.previous(path));
    if (isList(previous) && previous.type === node.type) {
      Transforms.mergeNodes(editor, { at: path });
      return true;
    }
  }
  return false;
}

function normalizeTable(editor: Editor, node: Element, path: Path): boolean {
  const rows = node.children.filter(isTableRow);
  if (rows.length === 0) {
    Transforms.removeNodes(editor, { at: path });
    return true;
  }
  for (const [index, child] of node.children.entries()) {
    const at = [...path, index];
    if (Text.isText(child)) {
      Transforms.removeNodes(editor, { at });
      return true;
    }
    if (isTableCell(child)) {
      Transforms.wrapNodes(editor, { type: 'table-row', children: [] }, { at });
      return true;
    }
    if (!isTableRow(child)) {
      Transforms.liftNodes(editor, { at });
      return true;
    }
  }
  // Rows of different lengths would render as a ragged table; short rows get empty cells.
  const width = Math.max(...rows.map((row) => row.children.length));
  for (const [index, row] of rows.entries()) {
    if (row.children.length < width) {
      const header = row.children.every((cell) => cell.header === true);
      Transforms.insertNodes(editor, emptyCell(header), { at: [...path, index, row.children.length] });
      return true;
    }
  }
  return false;
}

function normalizeRow(editor: Editor, node: Element, path: Path): boolean {
  const parent = Node.parent(editor, path);
  if (Editor.isEditor(parent) || !isTable(parent)) {
    Transforms.unwrapNodes(editor, { at: path });
    return true;
  }
  if (!node.children.some(isTableCell)) {
    Transforms.removeNodes(editor, { at: path });
    return true;
  }
  for (const [index, child] of node.children.entries()) {
    const at = [...path, index];
    if (Text.isText(child)) {
      Transforms.removeNodes(editor, { at });
      return true;
    }
    if (isTextBlock(child)) {
      Transforms.setNodes(editor, { type: 'table-cell' }, { at });
      return true;
    }
    if (!isTableCell(child)) {
      Transforms.liftNodes(editor, { at });
      return true;
    }
  }
  return false;
}

/** Links hold plain formatted text: a link inside a link keeps only the outer one. */
function normalizeLink(editor: Editor, node: Element, path: Path): boolean {
  for (const [index, child] of node.children.entries()) {
    if (Element.isElement(child) && isLink(child)) {
      Transforms.unwrapNodes(editor, { at: [...path, index] });
      return true;
    }
  }
  return false;
}

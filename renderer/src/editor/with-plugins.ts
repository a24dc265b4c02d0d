import { Editor, Element, Node, type Path, Point, Range, Transforms } from 'slate';
import { documentToPlainText, fromHtml } from '../../../shared/rich-text';
import { emptyParagraph, isBlankParagraph, isList, isTable, isTableCell, isTextBlock } from './nodes';
import { normalizeRichText } from './normalize';

/*
 * The model's rules for Slate: links are inline, pictures are void, tables keep their cells, and
 * Enter and Backspace behave the way people expect in a message editor. Apply it outermost:
 * withRichText(withHistory(withReact(createEditor()))).
 */
export function withRichText(editor: Editor): Editor {
  const { isInline, isVoid, normalizeNode, deleteBackward, deleteForward, deleteFragment, insertBreak } =
    editor;
  const { insertData } = editor;

  editor.isInline = (element) => element.type === 'link' || isInline(element);
  editor.isVoid = (element) => element.type === 'image' || isVoid(element);

  editor.normalizeNode = (entry, options) => {
    if (normalizeRichText(editor, entry)) return;
    normalizeNode(entry, options);
  };

  editor.insertBreak = () => {
    const cell = Editor.above(editor, { match: isTableCell });
    if (cell) {
      // Enter in a cell goes down a row, then out below the table, as in a spreadsheet.
      moveBelowCell(editor, cell[1]);
      return;
    }
    if (endBlockOnEmptyLine(editor)) return;
    insertBreak();
    // A heading ends where the person pressed Enter: the new line is an ordinary paragraph.
    const [block, at] = Editor.above(editor, { match: isTextBlock }) ?? [];
    if (block?.type.startsWith('heading') && Node.string(block) === '') {
      Transforms.setNodes(editor, { type: 'paragraph' }, { at });
    }
  };

  editor.deleteBackward = (unit) => {
    const { selection } = editor;
    if (selection && Range.isCollapsed(selection)) {
      const cell = Editor.above(editor, { match: isTableCell });
      // Cells never merge: Backspace at a cell's start does nothing.
      if (cell && Point.equals(selection.anchor, Editor.start(editor, cell[1]))) return;
      if (!cell && backspaceAfterTable(editor, selection.anchor)) return;
      const item = Editor.above(editor, { match: (node) => node !== editor && isListItemNode(node) });
      if (item && Point.equals(selection.anchor, Editor.start(editor, item[1]))) {
        liftOutOfList(editor);
        return;
      }
    }
    deleteBackward(unit);
  };

  editor.deleteForward = (unit) => {
    const { selection } = editor;
    if (selection && Range.isCollapsed(selection)) {
      const cell = Editor.above(editor, { match: isTableCell });
      if (cell && Point.equals(selection.anchor, Editor.end(editor, cell[1]))) return;
      const top = selection.anchor.path[0] ?? 0;
      const next = editor.children[top + 1];
      // Delete at the end of the line before a table steps into it rather than eating its first cell.
      if (!cell && next && isTable(next) && Point.equals(selection.anchor, Editor.end(editor, [top]))) {
        Transforms.select(editor, Editor.start(editor, [top + 1]));
        return;
      }
    }
    deleteForward(unit);
  };

  editor.deleteFragment = (options) => {
    const { selection } = editor;
    if (selection && Range.isExpanded(selection) && touchesTable(editor, selection)) {
      clearTextKeepingStructure(editor, selection);
      return;
    }
    deleteFragment(options);
  };

  editor.insertData = (data) => {
    const html = data.getData('text/html');
    const fromSlate = data.types.includes('application/x-slate-fragment');
    if (Editor.above(editor, { match: isTableCell })) {
      // A cell holds one run of text: pasted structure arrives as its words.
      const text = html && !fromSlate ? documentToPlainText(fromHtml(html)) : data.getData('text/plain');
      if (text) Transforms.insertText(editor, text.replace(/\s*\n\s*/g, ' '));
      return;
    }
    if (html && !fromSlate) {
      // fromHtml sanitizes: whatever a web page put on the clipboard becomes the shared model.
      Transforms.insertFragment(editor, fromHtml(html));
      return;
    }
    insertData(data);
  };

  return editor;
}

function isListItemNode(node: Node): boolean {
  return !Editor.isEditor(node) && 'type' in node && node.type === 'list-item';
}

function liftOutOfList(editor: Editor): void {
  Editor.withoutNormalizing(editor, () => {
    Transforms.unwrapNodes(editor, { match: isList, split: true });
    Transforms.setNodes(editor, { type: 'paragraph' }, { match: isListItemNode });
  });
}

/** Enter on an empty list item, quote or heading leaves it, the way word processors do. */
function endBlockOnEmptyLine(editor: Editor): boolean {
  const { selection } = editor;
  if (!selection || Range.isExpanded(selection)) return false;
  const item = Editor.above(editor, { match: isListItemNode });
  if (item) {
    if (Node.string(item[0]) !== '') return false;
    liftOutOfList(editor);
    return true;
  }
  const block = Editor.above(editor, { match: isTextBlock });
  if (!block || block[0].type === 'paragraph' || Node.string(block[0]) !== '') return false;
  Transforms.setNodes(editor, { type: 'paragraph' }, { at: block[1] });
  return true;
}

function moveBelowCell(editor: Editor, cellPath: Path): void {
  const column = cellPath[cellPath.length - 1] ?? 0;
  const rowPath = cellPath.slice(0, -1);
  const tablePath = rowPath.slice(0, -1);
  const rowIndex = rowPath[rowPath.length - 1] ?? 0;
  const nextRow = [...tablePath, rowIndex + 1];
  if (Node.has(editor, nextRow)) {
    Transforms.select(editor, Editor.end(editor, [...nextRow, column]));
    return;
  }
  const tableIndex = tablePath[tablePath.length - 1] ?? 0;
  const after = [...tablePath.slice(0, -1), tableIndex + 1];
  if (!Node.has(editor, after)) Transforms.insertNodes(editor, emptyParagraph(), { at: after });
  Transforms.select(editor, Editor.start(editor, after));
}

/** Backspace at the start of the line after a table moves into it instead of merging into a cell. */
function backspaceAfterTable(editor: Editor, point: Point): boolean {
  const top = point.path[0] ?? 0;
  const previous = editor.children[top - 1];
  if (top === 0 || !previous || !isTable(previous)) return false;
  if (!Point.equals(point, Editor.start(editor, [top]))) return false;
  const isLast = top === editor.children.length - 1;
  if (isBlankParagraph(editor.children[top]) && !isLast) Transforms.removeNodes(editor, { at: [top] });
  Transforms.select(editor, Editor.end(editor, [top - 1]));
  return true;
}

function touchesTable(editor: Editor, range: Range): boolean {
  const [cell] = Editor.nodes(editor, { at: range, match: isTableCell });
  return cell !== undefined;
}

/** Deletes the selected text in each block it covers without merging blocks or cells. */
function clearTextKeepingStructure(editor: Editor, selection: Range): void {
  const blocks = Array.from(
    Editor.nodes(editor, {
      at: selection,
      mode: 'lowest',
      match: (node) => Element.isElement(node) && Editor.isBlock(editor, node),
    }),
  );
  Editor.withoutNormalizing(editor, () => {
    for (const [, path] of blocks.reverse()) {
      const part = Range.intersection(Editor.range(editor, path), selection);
      if (part && Range.isExpanded(part)) Transforms.delete(editor, { at: part });
    }
  });
  Transforms.collapse(editor, { edge: 'start' });
}

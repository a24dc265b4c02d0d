import { Editor, Node, type Path, Transforms } from 'slate';
import type { TableElement } from '../../../shared/rich-text/model';
import { insertTopLevelBlock } from './commands';
import { emptyCell, isTable, isTableCell } from './nodes';

/** The schema's limit on cells in a row, so a table can always be saved as a draft. */
export const MAX_TABLE_COLUMNS = 50;

/** Where the caret is in a table, for the row and column commands. */
export interface TableContext {
  tablePath: Path;
  row: number;
  column: number;
  rows: number;
  columns: number;
  /** Whether the caret's row is the header row (all header cells). */
  headerRow: boolean;
}

export function tableContext(editor: Editor): TableContext | null {
  if (!editor.selection) return null;
  const cell = Editor.above(editor, { at: editor.selection.anchor, match: isTableCell });
  if (!cell) return null;
  const cellPath = cell[1];
  const rowPath = cellPath.slice(0, -1);
  const tablePath = rowPath.slice(0, -1);
  const table = Node.get(editor, tablePath);
  if (!isTable(table)) return null;
  const row = rowPath[rowPath.length - 1] ?? 0;
  return {
    tablePath,
    row,
    column: cellPath[cellPath.length - 1] ?? 0,
    rows: table.children.length,
    columns: table.children[0]?.children.length ?? 0,
    headerRow: table.children[row]?.children.every((c) => c.header === true) ?? false,
  };
}

/** A 3×3 grid whose first row is the header, with the caret in its first cell. Returns where it went. */
export function insertTable(editor: Editor, rows = 3, columns = 3): Path {
  const table: TableElement = {
    type: 'table',
    children: Array.from({ length: rows }, (_, row) => ({
      type: 'table-row' as const,
      children: Array.from({ length: columns }, () => emptyCell(row === 0)),
    })),
  };
  const at = insertTopLevelBlock(editor, table);
  Transforms.select(editor, Editor.start(editor, [...at, 0, 0]));
  return at;
}

/** Adds a row below the caret's row (data cells), keeping the caret's column. */
export function addRow(editor: Editor): void {
  const context = tableContext(editor);
  if (!context) return;
  const { tablePath, row, column, columns } = context;
  const at = [...tablePath, row + 1];
  Transforms.insertNodes(
    editor,
    { type: 'table-row', children: Array.from({ length: columns }, () => emptyCell(false)) },
    { at },
  );
  Transforms.select(editor, Editor.start(editor, [...at, column]));
}

export function removeRow(editor: Editor): void {
  const context = tableContext(editor);
  if (!context) return;
  const { tablePath, row, rows, column } = context;
  if (rows <= 1) {
    removeTable(editor);
    return;
  }
  Transforms.removeNodes(editor, { at: [...tablePath, row] });
  const stay = Math.min(row, rows - 2);
  Transforms.select(editor, Editor.start(editor, [...tablePath, stay, column]));
}

/** Adds a column right of the caret; header rows get a header cell. */
export function addColumn(editor: Editor): void {
  const context = tableContext(editor);
  if (!context || context.columns >= MAX_TABLE_COLUMNS) return;
  const { tablePath, row, column, rows } = context;
  const table = Node.get(editor, tablePath);
  if (!isTable(table)) return;
  Editor.withoutNormalizing(editor, () => {
    for (let index = 0; index < rows; index++) {
      const header = table.children[index]?.children[column]?.header === true;
      Transforms.insertNodes(editor, emptyCell(header), { at: [...tablePath, index, column + 1] });
    }
  });
  Transforms.select(editor, Editor.start(editor, [...tablePath, row, column + 1]));
}

export function removeColumn(editor: Editor): void {
  const context = tableContext(editor);
  if (!context) return;
  const { tablePath, row, column, rows, columns } = context;
  if (columns <= 1) {
    removeTable(editor);
    return;
  }
  Editor.withoutNormalizing(editor, () => {
    for (let index = rows - 1; index >= 0; index--) {
      Transforms.removeNodes(editor, { at: [...tablePath, index, column] });
    }
  });
  Transforms.select(editor, Editor.start(editor, [...tablePath, row, Math.min(column, columns - 2)]));
}

export function removeTable(editor: Editor): void {
  const context = tableContext(editor);
  if (!context) return;
  Transforms.removeNodes(editor, { at: context.tablePath });
  // The line that followed the table takes its place; normalization keeps one at the end.
  const index = context.tablePath[0] ?? 0;
  const landing = Node.has(editor, [index]) ? [index] : [Math.max(0, index - 1)];
  if (Node.has(editor, landing)) Transforms.select(editor, Editor.start(editor, landing));
}

/**
 * Tab and Shift+Tab in a table: the caret goes to the end of the next (or previous) cell, row by
 * row; Tab in the last cell adds a row, as in a word processor. Returns false outside a table, where
 * Tab keeps its usual meaning (leaving the editor). Inside one it never leaves the table.
 */
export function moveToCell(editor: Editor, direction: 1 | -1): boolean {
  const context = tableContext(editor);
  if (!context) return false;
  const { tablePath, row, column, rows, columns } = context;
  const index = row * columns + column + direction;
  if (index < 0) {
    Transforms.select(editor, Editor.end(editor, [...tablePath, 0, 0]));
    return true;
  }
  if (index >= rows * columns) {
    Transforms.insertNodes(
      editor,
      { type: 'table-row', children: Array.from({ length: columns }, () => emptyCell(false)) },
      { at: [...tablePath, rows] },
    );
    Transforms.select(editor, Editor.start(editor, [...tablePath, rows, 0]));
    return true;
  }
  Transforms.select(editor, Editor.end(editor, [...tablePath, Math.floor(index / columns), index % columns]));
  return true;
}

import { Editor, type Element, Node, Path, Range, Transforms } from 'slate';
import type { BlockElement, BlockFormat, ImageElement, LinkElement } from '../../../shared/rich-text/model';
import {
  isBlankParagraph,
  isLink,
  isList,
  isListItem,
  isWritableBlock,
  type ListFormat,
  selectionInTable,
} from './nodes';

/*
 * What the toolbar and the shortcuts do to the document. Each command is one Slate transform
 * batch, so Ctrl+Z undoes it as one step.
 */

export type MarkFormat = 'bold' | 'italic' | 'underline';

export function isMarkActive(editor: Editor, format: MarkFormat): boolean {
  return Editor.marks(editor)?.[format] === true;
}

export function toggleMark(editor: Editor, format: MarkFormat): void {
  if (isMarkActive(editor, format)) Editor.removeMark(editor, format);
  else Editor.addMark(editor, format, true);
}

/** The selected text blocks (paragraphs, headings, quotes, list items), lowest first. */
function selectedWritableBlocks(editor: Editor): Element[] {
  if (!editor.selection) return [];
  return Array.from(Editor.nodes(editor, { match: isWritableBlock, mode: 'lowest' })).map(
    ([node]) => node as Element,
  );
}

/**
 * The Format of the selection, for the drop-down's label: null when the selection holds list items
 * or several formats, where no single format describes it.
 */
export function currentBlockFormat(editor: Editor): BlockFormat | null {
  const types = new Set(selectedWritableBlocks(editor).map((block) => block.type));
  if (types.size !== 1) return null;
  const [only] = types;
  return only === 'list-item' || only === undefined ? null : (only as BlockFormat);
}

/** Turns the selected lines into a paragraph, heading or quote, taking them out of any list. */
export function setBlock(editor: Editor, format: BlockFormat): void {
  if (!editor.selection || selectionInTable(editor)) return;
  Editor.withoutNormalizing(editor, () => {
    Transforms.unwrapNodes(editor, { match: isList, split: true });
    Transforms.setNodes(editor, { type: format }, { match: isWritableBlock, mode: 'lowest' });
  });
}

export function isListActive(editor: Editor, format: ListFormat): boolean {
  if (!editor.selection) return false;
  const [match] = Editor.nodes(editor, { match: (node) => isList(node) && node.type === format });
  return match !== undefined;
}

/** Numbered list / Bulleted list: on for the selected lines, or off when they already are one. */
export function toggleList(editor: Editor, format: ListFormat): void {
  if (!editor.selection || selectionInTable(editor)) return;
  const active = isListActive(editor, format);
  Editor.withoutNormalizing(editor, () => {
    Transforms.unwrapNodes(editor, { match: isList, split: true });
    if (active) {
      Transforms.setNodes(editor, { type: 'paragraph' }, { match: isListItem });
      return;
    }
    Transforms.setNodes(editor, { type: 'list-item' }, { match: isWritableBlock, mode: 'lowest' });
    Transforms.wrapNodes(editor, { type: format, children: [] }, { match: isListItem });
  });
}

/**
 * Puts a block (table, picture) at the top level after the line the caret is on, or in place of
 * that line when nothing is written on it. Returns where it went.
 */
export function insertTopLevelBlock(editor: Editor, block: BlockElement): Path {
  const top = editor.selection?.anchor.path[0] ?? editor.children.length - 1;
  const current = editor.children[top];
  let at: Path = [top + 1];
  Editor.withoutNormalizing(editor, () => {
    if (isBlankParagraph(current)) {
      Transforms.removeNodes(editor, { at: [top] });
      at = [top];
    }
    Transforms.insertNodes(editor, block, { at });
  });
  return at;
}

export function insertImage(editor: Editor, url: string, alt: string): void {
  const image: ImageElement = { type: 'image', url, alt, children: [{ text: '' }] };
  const at = insertTopLevelBlock(editor, image);
  // Typing goes on below the picture; normalization made sure there is a line there.
  const index = at[0] ?? 0;
  if (Node.has(editor, [index + 1])) Transforms.select(editor, Editor.start(editor, [index + 1]));
}

export function activeLink(editor: Editor): [LinkElement, Path] | null {
  if (!editor.selection) return null;
  const [entry] = Editor.nodes(editor, { match: isLink });
  return entry ? [entry[0] as LinkElement, entry[1]] : null;
}

/** Whether there is selected text a new link can wrap (otherwise the dialog asks for its words). */
export function hasSelectedText(editor: Editor): boolean {
  const { selection } = editor;
  return selection !== null && Range.isExpanded(selection) && Editor.string(editor, selection).trim() !== '';
}

/** Changes the link under the caret, wraps the selected text, or inserts `text` as a new link. */
export function upsertLink(editor: Editor, url: string, text: string): void {
  const existing = activeLink(editor);
  if (existing) {
    Transforms.setNodes(editor, { url }, { at: existing[1] });
    return;
  }
  const { selection } = editor;
  if (selection && Range.isExpanded(selection)) {
    Transforms.wrapNodes(editor, { type: 'link', url, children: [] }, { split: true });
    Transforms.collapse(editor, { edge: 'end' });
    return;
  }
  const link: LinkElement = { type: 'link', url, children: [{ text: text || url }] };
  Transforms.insertNodes(editor, link);
  // Step out of the link so what is typed next is not part of it; Slate keeps a text after every inline.
  const inserted = Editor.above(editor, { match: isLink });
  if (inserted && Node.has(editor, Path.next(inserted[1]))) {
    Transforms.select(editor, Editor.start(editor, Path.next(inserted[1])));
  }
}

export function removeLink(editor: Editor): void {
  const existing = activeLink(editor);
  if (existing) Transforms.unwrapNodes(editor, { at: existing[1] });
}

import { type Editor, Range, Transforms } from 'slate';
import { ReactEditor } from 'slate-react';

/**
 * Slate learns about caret moves from the DOM's selectionchange, throttled, so right after
 * Shift+arrows or a click its own selection can lag behind what the person sees. Toolbar actions
 * and shortcuts call this first, so they act on the selection on screen.
 */
export function syncSelectionFromDom(editor: Editor): void {
  const dom = window.getSelection();
  if (!dom || dom.rangeCount === 0 || !dom.anchorNode || !dom.focusNode) return;
  let root: HTMLElement;
  try {
    root = ReactEditor.toDOMNode(editor, editor);
  } catch {
    return;
  }
  if (!root.contains(dom.anchorNode) || !root.contains(dom.focusNode)) return;
  const range = ReactEditor.toSlateRange(editor, dom, { exactMatch: false, suppressThrow: true });
  if (range && !(editor.selection && Range.equals(range, editor.selection))) Transforms.select(editor, range);
}

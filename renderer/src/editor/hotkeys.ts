import type { KeyboardEvent } from 'react';
import type { Editor } from 'slate';
import { type MarkFormat, toggleMark } from './commands';
import { syncSelectionFromDom } from './dom-selection';

const IS_APPLE = /Mac|iPhone|iPad/.test(navigator.platform);

/** "Ctrl" or "⌘", for tooltips that name a shortcut. */
export const MOD_KEY = IS_APPLE ? '⌘' : 'Ctrl';

const MARK_KEYS: Record<string, MarkFormat> = { b: 'bold', i: 'italic', u: 'underline' };

/** Ctrl+Enter (⌘+Enter on a Mac): send what is written, from wherever the caret is. */
export function isSendShortcut(event: KeyboardEvent<HTMLElement>): boolean {
  return (
    event.key === 'Enter' && (IS_APPLE ? event.metaKey : event.ctrlKey) && !event.altKey && !event.shiftKey
  );
}

/**
 * The editor's shortcuts: Ctrl/⌘+B, I, U for marks, K for a link, Z to undo, Shift+Z and Y to redo.
 * Undo and redo are handled here rather than left to Slate, whose defaults on Linux miss Ctrl+Y.
 * Returns true when the key was a shortcut (and the event has been taken).
 */
export function handleEditorHotkey(
  editor: Editor,
  event: KeyboardEvent<HTMLElement>,
  actions: { openLink(): void; canFormat: boolean },
): boolean {
  const mod = IS_APPLE ? event.metaKey : event.ctrlKey;
  if (!mod || event.altKey) return false;
  const key = event.key.toLowerCase();

  if (key === 'z' || key === 'y') {
    event.preventDefault();
    if (key === 'y' || event.shiftKey) editor.redo();
    else editor.undo();
    return true;
  }
  if (event.shiftKey) return false;
  const mark = MARK_KEYS[key];
  if (mark) {
    event.preventDefault();
    syncSelectionFromDom(editor);
    toggleMark(editor, mark);
    return true;
  }
  if (key === 'k') {
    event.preventDefault();
    if (actions.canFormat) actions.openLink();
    return true;
  }
  return false;
}

import { useRef } from 'react';
import { type Editor, Node, type Path } from 'slate';
import { ReactEditor, useSlate } from 'slate-react';
import type { BlockFormat } from '../../../shared/rich-text/model';
import { FORMATTING_TOOLS } from '../../../shared/text/names';
import {
  activeLink,
  currentBlockFormat,
  isListActive,
  isMarkActive,
  type MarkFormat,
  setBlock,
  toggleList,
  toggleMark,
} from './commands';
import { syncSelectionFromDom } from './dom-selection';
import { FormatMenu } from './FormatMenu';
import { MOD_KEY } from './hotkeys';
import { type ListFormat, selectionInTable } from './nodes';
import { ToolbarButton } from './ToolbarButton';
import { insertTable } from './table-commands';
import { useRovingFocus } from './use-roving-focus';

/**
 * Scrolls a block just inserted fully into view once it is on screen. Slate scrolls only the
 * caret's line into view, which leaves most of a new table below the writing area's edge.
 */
function showWhenRendered(editor: Editor, at: Path): void {
  requestAnimationFrame(() => {
    if (!Node.has(editor, at)) return;
    try {
      ReactEditor.toDOMNode(editor, Node.get(editor, at)).scrollIntoView({ block: 'nearest' });
    } catch {
      // Already gone again (undone in the same frame): nothing to show.
    }
  });
}

interface ToolbarProps {
  editorId: string;
  sourceMode: boolean;
  /** Hides the less common tools (Source, Format, Table) for the reply box. */
  compact: boolean;
  disabled: boolean;
  imageBusy: boolean;
  onToggleSource(): void;
  onChooseImage(): void;
  onOpenLink(): void;
}

const MARKS: { format: MarkFormat; label: string; icon: 'bold' | 'italic' | 'underline'; key: string }[] = [
  { format: 'bold', label: FORMATTING_TOOLS.bold, icon: 'bold', key: 'B' },
  { format: 'italic', label: FORMATTING_TOOLS.italics, icon: 'italic', key: 'I' },
  { format: 'underline', label: FORMATTING_TOOLS.underline, icon: 'underline', key: 'U' },
];

const LISTS: { format: ListFormat; label: string; icon: 'listNumbered' | 'listBulleted' }[] = [
  { format: 'numbered-list', label: FORMATTING_TOOLS.numberedList, icon: 'listNumbered' },
  { format: 'bulleted-list', label: FORMATTING_TOOLS.bulletedList, icon: 'listBulleted' },
];

/**
 * The formatting toolbar, in the reference product's order: Source, Bold, Italics, Underline,
 * Format, Numbered list, Bulleted list, Image, Table, Link. It re-renders with every change
 * (useSlate), so each toggle's pressed state follows the caret.
 */
export function Toolbar(props: ToolbarProps) {
  const { editorId, sourceMode, compact, disabled, imageBusy } = props;
  const editor = useSlate();
  const ref = useRef<HTMLDivElement>(null);
  const roving = useRovingFocus(ref, 'horizontal');
  const off = disabled || sourceMode;
  const inTable = selectionInTable(editor);

  /** Runs a command on the selection on screen. Mouse use leaves focus in the editor; keyboard use stays here. */
  const act = (command: () => void) => {
    syncSelectionFromDom(editor);
    command();
    if (!ref.current?.contains(document.activeElement)) ReactEditor.focus(editor);
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Formatting"
      aria-controls={editorId}
      className="rte-toolbar"
      onFocus={roving.onFocus}
      onKeyDown={roving.onKeyDown}
    >
      {!compact && (
        <>
          <ToolbarButton
            label={FORMATTING_TOOLS.source}
            icon="code"
            showLabel
            pressed={sourceMode}
            disabled={disabled}
            onActivate={props.onToggleSource}
          />
          <span className="rte-toolbar__divider" aria-hidden="true" />
        </>
      )}
      {MARKS.map((mark) => (
        <ToolbarButton
          key={mark.format}
          label={mark.label}
          icon={mark.icon}
          shortcut={`${MOD_KEY}+${mark.key}`}
          pressed={!sourceMode && isMarkActive(editor, mark.format)}
          disabled={off}
          onActivate={() => act(() => toggleMark(editor, mark.format))}
        />
      ))}
      <span className="rte-toolbar__divider" aria-hidden="true" />
      {!compact && (
        <FormatMenu
          current={sourceMode ? null : currentBlockFormat(editor)}
          disabled={off || inTable}
          onChoose={(format: BlockFormat) => {
            // Focus first: with changes pending, Slate would put off focusing and lose the next keys.
            ReactEditor.focus(editor);
            setBlock(editor, format);
          }}
        />
      )}
      {LISTS.map((list) => (
        <ToolbarButton
          key={list.format}
          label={list.label}
          icon={list.icon}
          pressed={!sourceMode && isListActive(editor, list.format)}
          disabled={off || inTable}
          onActivate={() => act(() => toggleList(editor, list.format))}
        />
      ))}
      <span className="rte-toolbar__divider" aria-hidden="true" />
      <ToolbarButton
        label={FORMATTING_TOOLS.image}
        icon="image"
        disabled={off || imageBusy}
        onActivate={() => {
          syncSelectionFromDom(editor);
          props.onChooseImage();
        }}
      />
      {!compact && (
        <ToolbarButton
          label={FORMATTING_TOOLS.table}
          icon="table"
          pressed={!sourceMode && inTable}
          disabled={off || inTable}
          onActivate={() => act(() => showWhenRendered(editor, insertTable(editor)))}
        />
      )}
      <ToolbarButton
        label={FORMATTING_TOOLS.link}
        icon="link"
        shortcut={`${MOD_KEY}+K`}
        pressed={!sourceMode && activeLink(editor) !== null}
        disabled={off}
        onActivate={() => {
          syncSelectionFromDom(editor);
          props.onOpenLink();
        }}
      />
    </div>
  );
}

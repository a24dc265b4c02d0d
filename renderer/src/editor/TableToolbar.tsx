import { useRef } from 'react';
import type { Editor } from 'slate';
import { ReactEditor, useSlate } from 'slate-react';
import { syncSelectionFromDom } from './dom-selection';
import { ToolbarButton } from './ToolbarButton';
import {
  addColumn,
  addRow,
  MAX_TABLE_COLUMNS,
  removeColumn,
  removeRow,
  removeTable,
  tableContext,
} from './table-commands';
import { useRovingFocus } from './use-roving-focus';

/** Row and column controls, shown only while the caret is in a table. */
export function TableToolbar({ editorId }: { editorId: string }) {
  const editor = useSlate();
  const ref = useRef<HTMLDivElement>(null);
  const roving = useRovingFocus(ref, 'horizontal');
  const context = tableContext(editor);
  if (!context) return null;

  const run = (command: (target: Editor) => void) => {
    syncSelectionFromDom(editor);
    command(editor);
    if (!ref.current?.contains(document.activeElement)) ReactEditor.focus(editor);
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Table"
      aria-controls={editorId}
      className="rte-toolbar rte-toolbar--table"
      onFocus={roving.onFocus}
      onKeyDown={roving.onKeyDown}
    >
      <ToolbarButton label="Add row" icon="rowAdd" showLabel onActivate={() => run(addRow)} />
      <ToolbarButton label="Remove row" icon="rowRemove" showLabel onActivate={() => run(removeRow)} />
      <ToolbarButton
        label="Add column"
        icon="columnAdd"
        showLabel
        disabled={context.columns >= MAX_TABLE_COLUMNS}
        onActivate={() => run(addColumn)}
      />
      <ToolbarButton
        label="Remove column"
        icon="columnRemove"
        showLabel
        onActivate={() => run(removeColumn)}
      />
      <ToolbarButton label="Remove table" icon="trash" showLabel onActivate={() => run(removeTable)} />
      <span className="rte-toolbar__caption">
        Row {context.row + 1} of {context.rows} · Column {context.column + 1} of {context.columns}
      </span>
    </div>
  );
}

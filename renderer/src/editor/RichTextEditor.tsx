import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { createEditor, Editor, type Range, Transforms } from 'slate';
import { HistoryEditor, withHistory } from 'slate-history';
import { Editable, ReactEditor, type RenderPlaceholderProps, Slate, withReact } from 'slate-react';
import { fromHtml, toHtml } from '../../../shared/rich-text';
import type { RichTextDocument } from '../../../shared/rich-text/model';
import { Icon } from '../components/Icon';
import { messageOf } from '../lib/errors';
import { activeLink, hasSelectedText, insertImage, removeLink, upsertLink } from './commands';
import { syncSelectionFromDom } from './dom-selection';
import { EditorElement } from './EditorElement';
import { EditorLeaf } from './EditorLeaf';
import { handleEditorHotkey, isSendShortcut } from './hotkeys';
import { LinkDialog } from './LinkDialog';
import { TableToolbar } from './TableToolbar';
import { Toolbar } from './Toolbar';
import { moveToCell } from './table-commands';
import { PICTURE_TYPES, uploadPicture } from './upload-picture';
import { withRichText } from './with-plugins';
import './custom-types';

interface RichTextEditorProps {
  initialValue: RichTextDocument;
  /** Every change to the document (not to the selection), including edits in Source. */
  onChange(document: RichTextDocument): void;
  /** The accessible name of the writing area, e.g. "Message". */
  label: string;
  placeholder?: string;
  /** A shorter toolbar for the reply box. */
  compact?: boolean;
  autoFocus?: boolean;
  /** While sending: nothing can change. */
  disabled?: boolean;
  /** Ctrl+Enter (⌘+Enter): send the document as it stands at that keystroke. */
  onSend?(document: RichTextDocument): void;
}

interface LinkEditing {
  currentUrl: string | null;
  askForText: boolean;
  selection: Range | null;
}

/**
 * Slate pins its placeholder to the very top of the writing area, above the padding where the
 * first line starts; moved down by that padding it sits exactly where the text will be. Slate
 * also makes it as wide as the whole area, so from the left padding on it would reach past the
 * right edge and let the empty editor scroll sideways: it ends at the right padding instead.
 */
function Placeholder({ attributes, children }: RenderPlaceholderProps) {
  return (
    <span
      {...attributes}
      style={{ ...attributes.style, top: 'var(--rte-padding-top)', width: 'auto', right: 'var(--space-5)' }}
    >
      {children}
    </span>
  );
}

/** Normalization keeps the editor's children within the model, so they are a document as they stand. */
function documentOf(editor: Editor): RichTextDocument {
  return editor.children as RichTextDocument;
}

function replaceDocument(editor: Editor, document: RichTextDocument): void {
  Transforms.deselect(editor);
  Editor.withoutNormalizing(editor, () => {
    for (let index = editor.children.length - 1; index >= 0; index--) {
      Transforms.removeNodes(editor, { at: [index] });
    }
    Transforms.insertNodes(editor, document, { at: [0] });
  });
  Transforms.select(editor, Editor.end(editor, []));
}

/**
 * The message editor: Slate on the shared rich-text model, with the reference product's toolbar.
 * Source shows the document as HTML (toHtml) and reads it back through fromHtml, which sanitizes.
 */
export function RichTextEditor({
  initialValue,
  onChange,
  label,
  placeholder,
  compact = false,
  autoFocus = false,
  disabled = false,
  onSend,
}: RichTextEditorProps) {
  const editorId = useId();
  const [editor] = useState(() => {
    const created = withRichText(withHistory(withReact(createEditor())));
    created.children = structuredClone(initialValue);
    // A saved draft may predate a rule (say, the line after a table); fixing it is not an undo step.
    HistoryEditor.withoutSaving(created, () => Editor.normalize(created, { force: true }));
    return created;
  });
  const [source, setSource] = useState<string | null>(null);
  const [link, setLink] = useState<LinkEditing | null>(null);
  const [imageBusy, setImageBusy] = useState(false);
  const [imageError, setImageError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const toggleSource = () => {
    if (source === null) {
      setSource(toHtml(documentOf(editor)));
      return;
    }
    replaceDocument(editor, fromHtml(source));
    setSource(null);
    requestAnimationFrame(() => ReactEditor.focus(editor));
  };

  const openLink = () => {
    if (source !== null || disabled) return;
    syncSelectionFromDom(editor);
    if (!editor.selection) Transforms.select(editor, Editor.end(editor, []));
    const current = activeLink(editor);
    setLink({
      currentUrl: current?.[0].url ?? null,
      askForText: !current && !hasSelectedText(editor),
      selection: editor.selection,
    });
  };

  const closeLink = (apply?: () => void) => {
    const saved = link?.selection;
    setLink(null);
    if (saved) Transforms.select(editor, saved);
    apply?.();
    // After the dialog has unmounted and handed focus back, the caret returns to the text.
    setTimeout(() => ReactEditor.focus(editor), 0);
  };

  // Cancel in the file chooser: back to writing where the caret was. The event bubbles, and the
  // dialog around the editor must not take it for its own Escape.
  useEffect(() => {
    const input = fileRef.current;
    if (!input) return;
    const onCancel = (event: Event) => {
      event.stopPropagation();
      ReactEditor.focus(editor);
    };
    input.addEventListener('cancel', onCancel);
    return () => input.removeEventListener('cancel', onCancel);
  }, [editor]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) {
      ReactEditor.focus(editor);
      return;
    }
    setImageError(null);
    setImageBusy(true);
    try {
      const picture = await uploadPicture(file);
      insertImage(editor, picture.url, picture.alt);
      ReactEditor.focus(editor);
    } catch (error) {
      setImageError(messageOf(error));
    } finally {
      setImageBusy(false);
    }
  };

  return (
    <div className={`rte${compact ? ' rte--compact' : ''}${disabled ? ' rte--disabled' : ''}`}>
      <Slate
        editor={editor}
        initialValue={editor.children}
        onValueChange={() => onChange(documentOf(editor))}
      >
        <Toolbar
          editorId={editorId}
          sourceMode={source !== null}
          compact={compact}
          disabled={disabled}
          imageBusy={imageBusy}
          onToggleSource={toggleSource}
          onChooseImage={() => {
            setImageError(null);
            fileRef.current?.click();
          }}
          onOpenLink={openLink}
        />
        {source === null && !disabled && <TableToolbar editorId={editorId} />}
        {source === null ? (
          <Editable
            id={editorId}
            className="rte__content"
            aria-label={label}
            renderElement={EditorElement}
            renderLeaf={EditorLeaf}
            placeholder={placeholder}
            renderPlaceholder={Placeholder}
            readOnly={disabled}
            autoFocus={autoFocus}
            // Slate sets min-height inline from its placeholder; this restores the writing area's own.
            style={{ minHeight: 'var(--rte-min-height)' }}
            spellCheck
            onKeyDown={(event) => {
              if (onSend && isSendShortcut(event)) {
                event.preventDefault();
                onSend(documentOf(editor));
                return;
              }
              if (event.key === 'Tab' && !disabled && !event.altKey && !event.ctrlKey && !event.metaKey) {
                syncSelectionFromDom(editor);
                if (moveToCell(editor, event.shiftKey ? -1 : 1)) {
                  // In a table Tab is the way between cells; the dialog's Tab trap must not see it.
                  event.preventDefault();
                  event.stopPropagation();
                }
                return;
              }
              handleEditorHotkey(editor, event, { openLink, canFormat: !disabled });
            }}
          />
        ) : (
          <textarea
            id={editorId}
            className="rte__source"
            aria-label={`${label}, HTML source`}
            value={source}
            disabled={disabled}
            spellCheck={false}
            onKeyDown={(event) => {
              if (onSend && isSendShortcut(event)) {
                event.preventDefault();
                onSend(fromHtml(event.currentTarget.value));
              }
            }}
            onChange={(event) => {
              setSource(event.target.value);
              onChange(fromHtml(event.target.value));
            }}
          />
        )}
      </Slate>
      <input
        ref={fileRef}
        type="file"
        accept={PICTURE_TYPES}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => void onFile(event)}
      />
      <div className="rte__status" role="status">
        {imageBusy && (
          <>
            <span className="spinner" aria-hidden="true" />
            Adding the image…
          </>
        )}
      </div>
      {imageError && (
        <div className="alert alert--error rte__error" role="alert">
          <Icon name="warning" size={16} />
          <p>{imageError}</p>
          <button
            type="button"
            className="icon-button icon-button--sm"
            aria-label="Dismiss"
            onClick={() => setImageError(null)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      {link && (
        <LinkDialog
          currentUrl={link.currentUrl}
          askForText={link.askForText}
          onClose={() => closeLink()}
          onRemove={() => closeLink(() => removeLink(editor))}
          onSave={(url, text) => closeLink(() => upsertLink(editor, url, text))}
        />
      )}
    </div>
  );
}

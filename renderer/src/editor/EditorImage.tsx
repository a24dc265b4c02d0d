import { Transforms } from 'slate';
import {
  ReactEditor,
  type RenderElementProps,
  useFocused,
  useReadOnly,
  useSelected,
  useSlateStatic,
} from 'slate-react';
import type { ImageElement } from '../../../shared/rich-text/model';
import { Icon } from '../components/Icon';
import { useAttachment } from '../lib/use-attachment';

interface EditorImageProps {
  attributes: RenderElementProps['attributes'];
  children: RenderElementProps['children'];
  element: ImageElement;
}

/**
 * A picture in the editor. Its URL names an attachment on the agency server, which this page
 * cannot load itself, so it is shown from the data URL the services resolve it to.
 */
export function EditorImage({ attributes, children, element }: EditorImageProps) {
  const editor = useSlateStatic();
  const selected = useSelected();
  const focused = useFocused();
  const readOnly = useReadOnly();
  const picture = useAttachment(element.url);
  const remove = () => {
    Transforms.removeNodes(editor, { at: ReactEditor.findPath(editor, element) });
    ReactEditor.focus(editor);
  };
  return (
    <div {...attributes} className="rte-image">
      <div contentEditable={false} className={`rte-image__frame${selected && focused ? ' is-selected' : ''}`}>
        {picture.status === 'ready' ? (
          <img className="rte-image__img" src={picture.src} alt={element.alt} />
        ) : (
          <span className="rte-image__placeholder">
            {picture.status === 'loading' ? (
              <span className="spinner" aria-hidden="true" />
            ) : (
              <Icon name="image" size={18} />
            )}
            {picture.status === 'loading' ? 'Loading image…' : 'This image can’t be shown right now.'}
          </span>
        )}
        {!readOnly && (
          <button
            type="button"
            className="rte-image__remove"
            aria-label={element.alt ? `Remove image ${element.alt}` : 'Remove image'}
            title="Remove image"
            onMouseDown={(event) => event.preventDefault()}
            onClick={remove}
          >
            <Icon name="trash" size={16} />
          </button>
        )}
      </div>
      {children}
    </div>
  );
}

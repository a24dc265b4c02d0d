import type { RenderElementProps } from 'slate-react';
import { EditorImage } from './EditorImage';

/**
 * Slate leaves the caret unable to reach the edges of an inline link in Chromium; an invisible
 * character on each side gives it somewhere to stand (Slate's own inline example does the same).
 */
function InlineEdge() {
  return (
    <span contentEditable={false} className="rte-inline-edge">
      {String.fromCodePoint(160)}
    </span>
  );
}

/** Each model element as the HTML toHtml produces for it, so what is written is what is sent. */
export function EditorElement({ attributes, children, element }: RenderElementProps) {
  switch (element.type) {
    case 'heading-one':
      return <h1 {...attributes}>{children}</h1>;
    case 'heading-two':
      return <h2 {...attributes}>{children}</h2>;
    case 'heading-three':
      return <h3 {...attributes}>{children}</h3>;
    case 'block-quote':
      return <blockquote {...attributes}>{children}</blockquote>;
    case 'numbered-list':
      return <ol {...attributes}>{children}</ol>;
    case 'bulleted-list':
      return <ul {...attributes}>{children}</ul>;
    case 'list-item':
      return <li {...attributes}>{children}</li>;
    case 'table':
      return (
        <div {...attributes} className="rte-table-wrap">
          <table className="rte-table">
            <tbody>{children}</tbody>
          </table>
        </div>
      );
    case 'table-row':
      return <tr {...attributes}>{children}</tr>;
    case 'table-cell':
      return element.header ? (
        <th {...attributes} scope="col">
          {children}
        </th>
      ) : (
        <td {...attributes}>{children}</td>
      );
    case 'link':
      return (
        <a {...attributes} href={element.url} title={element.url} className="rte-link">
          <InlineEdge />
          {children}
          <InlineEdge />
        </a>
      );
    case 'image':
      return (
        <EditorImage attributes={attributes} element={element}>
          {children}
        </EditorImage>
      );
    default:
      return <p {...attributes}>{children}</p>;
  }
}

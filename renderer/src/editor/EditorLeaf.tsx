import type { RenderLeafProps } from 'slate-react';

/** Bold, italics and underline as the elements toHtml writes, so the editor shows what is sent. */
export function EditorLeaf({ attributes, children, leaf }: RenderLeafProps) {
  let content = children;
  if (leaf.bold) content = <strong>{content}</strong>;
  if (leaf.italic) content = <em>{content}</em>;
  if (leaf.underline) content = <u>{content}</u>;
  return <span {...attributes}>{content}</span>;
}

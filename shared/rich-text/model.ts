/**
 * The one rich-text model of Portico, shared by the desktop's Slate editor, the agency server and
 * the client portal. It is Slate's JSON shape, and it is also the sanitizer's allow-list: only what
 * this model can express survives `sanitizeHtml`.
 */

export interface FormattedText {
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
}

export type BlockFormat = 'paragraph' | 'heading-one' | 'heading-two' | 'heading-three' | 'block-quote';

export interface ParagraphElement {
  type: 'paragraph';
  children: InlineNode[];
}

export interface HeadingElement {
  type: 'heading-one' | 'heading-two' | 'heading-three';
  children: InlineNode[];
}

export interface BlockQuoteElement {
  type: 'block-quote';
  children: InlineNode[];
}

export interface ListElement {
  type: 'numbered-list' | 'bulleted-list';
  children: ListItemElement[];
}

export interface ListItemElement {
  type: 'list-item';
  children: InlineNode[];
}

/** A picture inside a message: a server attachment (`/api/attachments/<uuid>`) or a data: image. */
export interface ImageElement {
  type: 'image';
  url: string;
  alt: string;
  /** Void element: Slate requires one empty text child. */
  children: [{ text: '' }];
}

export interface TableElement {
  type: 'table';
  children: TableRowElement[];
}

export interface TableRowElement {
  type: 'table-row';
  children: TableCellElement[];
}

export interface TableCellElement {
  type: 'table-cell';
  /** Header cells render as <th>. */
  header?: true;
  children: InlineNode[];
}

/** Links open in a new tab for the client; only http, https and mailto are kept. */
export interface LinkElement {
  type: 'link';
  url: string;
  children: FormattedText[];
}

export type InlineNode = FormattedText | LinkElement;

export type BlockElement =
  | ParagraphElement
  | HeadingElement
  | BlockQuoteElement
  | ListElement
  | ImageElement
  | TableElement;

export type RichTextElement =
  | BlockElement
  | ListItemElement
  | TableRowElement
  | TableCellElement
  | LinkElement;

/** A whole message body: a list of blocks, never empty (an empty message is one empty paragraph). */
export type RichTextDocument = BlockElement[];

export const EMPTY_DOCUMENT: RichTextDocument = [{ type: 'paragraph', children: [{ text: '' }] }];

/** Where message images may come from: the agency server's attachments, by id. */
export const ATTACHMENT_URL_PATTERN =
  /^\/api\/attachments\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Inline images that need no server: raster formats only (SVG can carry script). */
export const DATA_IMAGE_PATTERN = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

import type { HeadingElement, ListElement } from './model';

/*
 * How fromHtml treats each HTML element. Anything not listed is an unknown inline wrapper (span,
 * font, custom elements...): unwrapped, its text kept.
 */

export type ElementKind =
  | 'drop' // removed with everything inside
  | 'inline' // unwrapped in place
  | 'mark'
  | 'link'
  | 'break'
  | 'image'
  | 'paragraph'
  | 'block' // a block boundary that is otherwise unwrapped (div, section...)
  | 'pre'
  | 'heading'
  | 'quote'
  | 'list'
  | 'list-item'
  | 'table'
  | 'table-part' // thead, tbody, caption...: transparent inside a table
  | 'row'
  | 'cell';

/**
 * Elements whose content is not message text: active content (script, object, svg, math, whose
 * contents browsers parse by other rules), form controls, document metadata, media fallbacks and
 * raw-text elements. Their text would be noise at best, a smuggled payload at worst.
 */
const DROPPED = new Set([
  'applet',
  'area',
  'audio',
  'base',
  'button',
  'canvas',
  'datalist',
  'embed',
  'form',
  'frame',
  'frameset',
  'head',
  'iframe',
  'input',
  'link',
  'map',
  'math',
  'meta',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'optgroup',
  'option',
  'param',
  'plaintext',
  'portal',
  'script',
  'select',
  'source',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'track',
  'video',
  'xmp',
]);

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'main',
  'nav',
  'section',
  'summary',
]);

const KINDS: ReadonlyMap<string, ElementKind> = new Map<string, ElementKind>([
  ['a', 'link'],
  ['b', 'mark'],
  ['strong', 'mark'],
  ['i', 'mark'],
  ['em', 'mark'],
  ['u', 'mark'],
  ['br', 'break'],
  ['img', 'image'],
  ['p', 'paragraph'],
  ['pre', 'pre'],
  ['listing', 'pre'],
  ['h1', 'heading'],
  ['h2', 'heading'],
  ['h3', 'heading'],
  ['h4', 'heading'],
  ['h5', 'heading'],
  ['h6', 'heading'],
  ['blockquote', 'quote'],
  ['ul', 'list'],
  ['ol', 'list'],
  ['menu', 'list'],
  ['dir', 'list'],
  ['li', 'list-item'],
  ['table', 'table'],
  ['thead', 'table-part'],
  ['tbody', 'table-part'],
  ['tfoot', 'table-part'],
  ['caption', 'table-part'],
  ['colgroup', 'table-part'],
  ['col', 'table-part'],
  ['tr', 'row'],
  ['td', 'cell'],
  ['th', 'cell'],
]);

export function isDroppedElement(name: string): boolean {
  return DROPPED.has(name);
}

export function elementKind(name: string): ElementKind {
  if (DROPPED.has(name)) return 'drop';
  if (BLOCKS.has(name)) return 'block';
  return KINDS.get(name) ?? 'inline';
}

export const BOLD = 1;
export const ITALIC = 2;
export const UNDERLINE = 4;

/**
 * The mark an element adds. Google Docs wraps a whole pasted selection in
 * `<b style="font-weight:normal">`, which must not turn everything bold.
 */
export function markOf(element: {
  readonly name: string;
  readonly attribs: Readonly<Record<string, string>>;
}): number {
  switch (element.name) {
    case 'b':
    case 'strong': {
      const style = element.attribs.style ?? '';
      return /font-weight\s*:\s*(normal|[1-4]00)\b/i.test(style) ? 0 : BOLD;
    }
    case 'i':
    case 'em':
      return ITALIC;
    case 'u':
      return UNDERLINE;
    default:
      return 0;
  }
}

export function headingType(name: string): HeadingElement['type'] {
  if (name === 'h1') return 'heading-one';
  if (name === 'h2') return 'heading-two';
  // h3 to h6: the model has three heading levels, smaller ones read best as the smallest.
  return 'heading-three';
}

export function listType(name: string): ListElement['type'] {
  return name === 'ol' ? 'numbered-list' : 'bulleted-list';
}

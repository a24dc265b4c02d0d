import { type ElementKind, elementKind, markOf } from './element-kinds';
import type { ImageElement } from './model';
import type { InlineToken, LinkRef } from './normalize';
import type { HtmlElement, HtmlNode } from './parse';
import { safeImageUrl, safeLinkUrl } from './urls';

/*
 * Pieces fromHtml's walkers share: the inline context (marks, link, pre) that elements pass down,
 * turning text and images into model pieces, and the collector for blocks that hold text only.
 * The walkers recurse over the parsed tree; parse.ts bounds its depth.
 */

export interface Context {
  readonly marks: number;
  readonly link: LinkRef | null;
  /** Inside <pre>: newlines in text are line breaks. */
  readonly pre: boolean;
}

export const TOP_CONTEXT: Context = { marks: 0, link: null, pre: false };

/** The schema's limit for alt text. */
const MAX_ALT = 500;

/** The context inside an inline element: a mark, a link, or an unknown wrapper (unchanged). */
export function inlineContext(element: HtmlElement, kind: ElementKind, context: Context): Context {
  if (kind === 'mark') return { ...context, marks: context.marks | markOf(element) };
  if (kind === 'link') {
    const href = element.attribs.href;
    // An <a> without href is an anchor, not a link: its text stays in whatever link encloses it.
    if (href === undefined) return context;
    const url = safeLinkUrl(href);
    return { ...context, link: url === null ? null : { url } };
  }
  return context;
}

/** NUL is never message text; browsers drop or replace it too. */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

export function lineBreak(context: Context): InlineToken {
  return { kind: 'break', marks: context.marks, link: context.link };
}

export function pushText(data: string, context: Context, tokens: InlineToken[]): void {
  const text = withoutNul(data);
  if (!context.pre) {
    tokens.push({ kind: 'text', text, marks: context.marks, link: context.link });
    return;
  }
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    if (index > 0) tokens.push(lineBreak(context));
    tokens.push({ kind: 'text', text: line, marks: context.marks, link: context.link });
  });
}

export function imageOf(element: HtmlElement): ImageElement | null {
  const url = safeImageUrl(element.attribs.src ?? '');
  if (url === null) return null;
  let alt = withoutNul(element.attribs.alt ?? '');
  if (alt.length > MAX_ALT) {
    alt = alt.slice(0, MAX_ALT);
    // Do not leave half of a surrogate pair at the cut.
    const last = alt.charCodeAt(alt.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) alt = alt.slice(0, -1);
  }
  return { type: 'image', url, alt, children: [{ text: '' }] };
}

/**
 * Collects the content of a block that can hold only text: a heading, a quote, a list item, a table
 * cell. Nested blocks inside become boundaries (line breaks, see normalize.ts); images cannot stay
 * inside, so they go to `deferred` and appear after the enclosing top-level block. A list item
 * passes `onList` to take nested lists out (they are flattened into the enclosing list).
 */
export class InlineCollector {
  tokens: InlineToken[] = [];

  constructor(
    private readonly deferred: ImageElement[],
    private readonly onList?: (list: HtmlElement, context: Context) => void,
  ) {}

  visit(nodes: readonly HtmlNode[], context: Context): void {
    for (const node of nodes) {
      if (typeof node === 'string') pushText(node, context, this.tokens);
      else this.element(node, context);
    }
  }

  private element(element: HtmlElement, context: Context): void {
    const kind = elementKind(element.name);
    switch (kind) {
      case 'drop':
        return;
      case 'inline':
      case 'mark':
      case 'link':
        this.visit(element.children, inlineContext(element, kind, context));
        return;
      case 'break':
        this.tokens.push(lineBreak(context));
        return;
      case 'image': {
        const image = imageOf(element);
        if (image !== null) this.deferred.push(image);
        return;
      }
      case 'list':
        if (this.onList !== undefined) {
          this.onList(element, context);
          return;
        }
        break;
    }
    this.tokens.push({ kind: 'boundary' });
    this.visit(element.children, kind === 'pre' ? { ...context, pre: true } : context);
    this.tokens.push({ kind: 'boundary' });
  }
}

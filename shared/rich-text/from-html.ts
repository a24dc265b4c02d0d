import {
  type Context,
  InlineCollector,
  imageOf,
  inlineContext,
  lineBreak,
  pushText,
  TOP_CONTEXT,
} from './collect';
import { ListBuilder, TableBuilder } from './containers';
import { elementKind, headingType, listType } from './element-kinds';
import type { BlockElement, ImageElement, RichTextDocument } from './model';
import { hasVisibleContent, type InlineToken, tokensToInlines } from './normalize';
import type { HtmlElement, HtmlNode } from './parse';
import { parseHtml } from './parse';

/*
 * HTML to the model. The model is the allow-list: whatever it cannot express is gone, so nothing
 * in the input can reach toHtml's output except text, the model's structure and checked URLs.
 *
 * At the top level, text and inline elements fill paragraphs. An explicit <p> is a paragraph even
 * when empty; text outside any <p> (bare, or in a <div>, <section>...) becomes a paragraph only if
 * it shows something (see hasVisibleContent), so the whitespace between blocks makes none. A block
 * element inside a <p> (which browsers would not nest) splits it; so does an image, since images
 * are blocks in the model. The pieces left empty by a split are not kept.
 */

interface OpenParagraph {
  readonly tokens: InlineToken[];
  readonly explicit: boolean;
}

class DocumentBuilder {
  readonly blocks: BlockElement[] = [];
  private paragraph: OpenParagraph | null = null;

  visit(nodes: readonly HtmlNode[], context: Context): void {
    for (const node of nodes) {
      if (typeof node === 'string') pushText(node, context, this.openParagraph());
      else this.element(node, context);
    }
  }

  finish(): BlockElement[] {
    this.endParagraph(false);
    return this.blocks;
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
        this.openParagraph().push(lineBreak(context));
        return;
      case 'image': {
        const image = imageOf(element);
        if (image === null) return;
        this.endParagraph(false);
        this.blocks.push(image);
        return;
      }
      case 'paragraph':
        this.endParagraph(false);
        this.paragraph = { tokens: [], explicit: true };
        this.visit(element.children, context);
        this.endParagraph(true);
        return;
      case 'heading':
      case 'quote': {
        this.endParagraph(false);
        const type = kind === 'quote' ? 'block-quote' : headingType(element.name);
        this.withDeferredImages((deferred) => {
          const collector = new InlineCollector(deferred);
          collector.visit(element.children, context);
          this.blocks.push({ type, children: tokensToInlines(collector.tokens) });
        });
        return;
      }
      case 'list':
      case 'list-item': {
        this.endParagraph(false);
        // A stray <li> outside any list is a one-item bulleted list.
        const type = kind === 'list' ? listType(element.name) : 'bulleted-list';
        this.withDeferredImages((deferred) => {
          const builder = new ListBuilder(deferred);
          builder.visit(kind === 'list' ? element.children : [element], context);
          const items = builder.finish();
          if (items.length > 0) this.blocks.push({ type, children: items });
        });
        return;
      }
      case 'table':
        this.endParagraph(false);
        this.withDeferredImages((deferred) => {
          const builder = new TableBuilder(deferred);
          builder.visit(element.children, context);
          const rows = builder.finish();
          if (rows.length > 0) this.blocks.push({ type: 'table', children: rows });
        });
        return;
      default:
        // div, section, pre, stray table parts...: a boundary, with the content in place.
        this.endParagraph(false);
        this.visit(element.children, kind === 'pre' ? { ...context, pre: true } : context);
        this.endParagraph(false);
    }
  }

  /** Images found inside a list, table, heading or quote follow that block. */
  private withDeferredImages(build: (deferred: ImageElement[]) => void): void {
    const deferred: ImageElement[] = [];
    build(deferred);
    for (const image of deferred) this.blocks.push(image);
  }

  private openParagraph(): InlineToken[] {
    this.paragraph ??= { tokens: [], explicit: false };
    return this.paragraph.tokens;
  }

  /** `atOwnEnd`: the paragraph's own </p>, which keeps it even if empty; any other end is a split. */
  private endParagraph(atOwnEnd: boolean): void {
    const paragraph = this.paragraph;
    this.paragraph = null;
    if (paragraph === null) return;
    if ((atOwnEnd && paragraph.explicit) || hasVisibleContent(paragraph.tokens)) {
      this.blocks.push({ type: 'paragraph', children: tokensToInlines(paragraph.tokens) });
    }
  }
}

/**
 * Parses any HTML into the canonical document it shows (see normalize.ts for the text rules).
 * Empty or invisible input gives the empty document.
 */
export function fromHtml(html: string): RichTextDocument {
  const builder = new DocumentBuilder();
  builder.visit(parseHtml(html).children, TOP_CONTEXT);
  const blocks = builder.finish();
  return blocks.length > 0 ? blocks : [{ type: 'paragraph', children: [{ text: '' }] }];
}

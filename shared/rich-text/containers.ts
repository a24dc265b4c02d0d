import { type Context, InlineCollector, imageOf, inlineContext, lineBreak, pushText } from './collect';
import { elementKind } from './element-kinds';
import type { ImageElement, ListItemElement, TableCellElement, TableRowElement } from './model';
import { hasVisibleContent, type InlineToken, tokensToInlines } from './normalize';
import type { HtmlElement, HtmlNode } from './parse';

/*
 * Lists and tables, whose model is flat: a list holds items of text, a table rows of cells of text.
 *
 * Lists: a nested list's items join the enclosing list, in document order, and the text of the
 * item after the nested list becomes an item of its own. Text directly in <ul>/<ol> (outside any
 * <li>) becomes an item if it shows something; a <div> or <p> there ends such an item.
 *
 * Tables: <thead>, <tbody>, <tfoot> and <caption> are transparent; <td>/<th> outside a <tr> form a
 * row; text outside any cell becomes a cell if it shows something. A table inside a cell is text of
 * that cell (see InlineCollector).
 *
 * Explicit <li>, <td> and <th> are kept even when empty; empty rows, lists and tables are not.
 */

export class ListBuilder {
  private readonly items: ListItemElement[] = [];
  /** Content outside any <li>. */
  private loose: InlineToken[] | null = null;

  constructor(private readonly deferred: ImageElement[]) {}

  visit(nodes: readonly HtmlNode[], context: Context): void {
    for (const node of nodes) {
      if (typeof node === 'string') {
        this.loose ??= [];
        pushText(node, context, this.loose);
      } else {
        this.element(node, context);
      }
    }
  }

  finish(): ListItemElement[] {
    this.endLoose();
    return this.items;
  }

  private element(element: HtmlElement, context: Context): void {
    const kind = elementKind(element.name);
    switch (kind) {
      case 'drop':
        return;
      case 'list-item':
        this.endLoose();
        this.item(element, context);
        return;
      case 'inline':
      case 'mark':
      case 'link':
        this.visit(element.children, inlineContext(element, kind, context));
        return;
      case 'break':
        this.loose ??= [];
        this.loose.push(lineBreak(context));
        return;
      case 'image': {
        const image = imageOf(element);
        if (image !== null) this.deferred.push(image);
        return;
      }
      default:
        this.endLoose();
        this.visit(element.children, kind === 'pre' ? { ...context, pre: true } : context);
        this.endLoose();
    }
  }

  private item(element: HtmlElement, context: Context): void {
    let explicit = true;
    const collector = new InlineCollector(this.deferred, (nested, nestedContext) => {
      this.push(collector.tokens, explicit);
      explicit = false;
      collector.tokens = [];
      this.visit(nested.children, nestedContext);
      this.endLoose();
    });
    collector.visit(element.children, context);
    this.push(collector.tokens, explicit);
  }

  private push(tokens: readonly InlineToken[], explicit: boolean): void {
    if (explicit || hasVisibleContent(tokens)) {
      this.items.push({ type: 'list-item', children: tokensToInlines(tokens) });
    }
  }

  private endLoose(): void {
    if (this.loose !== null) this.push(this.loose, false);
    this.loose = null;
  }
}

export class TableBuilder {
  private readonly rows: TableRowElement[] = [];
  /** The open row, from a <tr> or from cells outside one. */
  private row: TableCellElement[] | null = null;
  /** Content outside any cell. */
  private loose: InlineToken[] | null = null;

  constructor(private readonly deferred: ImageElement[]) {}

  visit(nodes: readonly HtmlNode[], context: Context): void {
    for (const node of nodes) {
      if (typeof node === 'string') {
        this.loose ??= [];
        pushText(node, context, this.loose);
      } else {
        this.element(node, context);
      }
    }
  }

  finish(): TableRowElement[] {
    this.endLoose();
    this.endRow();
    return this.rows;
  }

  private element(element: HtmlElement, context: Context): void {
    const kind = elementKind(element.name);
    switch (kind) {
      case 'drop':
        return;
      case 'row':
        this.endLoose();
        this.endRow();
        this.row = [];
        this.visit(element.children, context);
        this.endLoose();
        this.endRow();
        return;
      case 'cell': {
        this.endLoose();
        const collector = new InlineCollector(this.deferred);
        collector.visit(element.children, context);
        this.pushCell(collector.tokens, element.name === 'th');
        return;
      }
      case 'inline':
      case 'mark':
      case 'link':
        this.visit(element.children, inlineContext(element, kind, context));
        return;
      case 'break':
        this.loose ??= [];
        this.loose.push(lineBreak(context));
        return;
      case 'image': {
        const image = imageOf(element);
        if (image !== null) this.deferred.push(image);
        return;
      }
      default:
        this.endLoose();
        this.visit(element.children, kind === 'pre' ? { ...context, pre: true } : context);
        this.endLoose();
    }
  }

  private pushCell(tokens: readonly InlineToken[], header: boolean): void {
    const cell: TableCellElement = { type: 'table-cell', children: tokensToInlines(tokens) };
    if (header) cell.header = true;
    this.row ??= [];
    this.row.push(cell);
  }

  private endLoose(): void {
    if (this.loose !== null && hasVisibleContent(this.loose)) this.pushCell(this.loose, false);
    this.loose = null;
  }

  private endRow(): void {
    if (this.row !== null && this.row.length > 0) this.rows.push({ type: 'table-row', children: this.row });
    this.row = null;
  }
}

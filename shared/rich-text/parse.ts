import { Parser } from 'htmlparser2';
import { isDroppedElement } from './element-kinds';

/*
 * HTML to a minimal tree: elements (lowercase name, attributes, children) and text, entities
 * decoded. Comments, CDATA sections, processing instructions and doctypes are not kept. This is
 * lighter than htmlparser2's own DOM (domhandler), which links every node to its parent and
 * siblings: on a megabyte of markup it roughly halves the parse time.
 *
 * htmlparser2 keeps its open-element stack with unshift/shift, so each tag costs time in proportion
 * to the nesting depth: a megabyte of "<div>" (200,000 levels) takes over ten seconds to parse. No
 * message nests that deep, so past MAX_DEPTH further non-void start tags are ignored (their content
 * joins the enclosing element; browsers cap depth too). Elements whose content fromHtml drops are
 * still opened up to HARD_MAX_DEPTH, so a <script> below a hundred <div>s is still dropped whole;
 * beyond MAX_DEPTH only such elements can be open, so anything deeper is dropped with them. The
 * limit also bounds the recursion of fromHtml's walkers.
 */

export interface HtmlElement {
  readonly name: string;
  readonly attribs: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
}

/** A string is a text node. */
export type HtmlNode = HtmlElement | string;

const MAX_DEPTH = 100;
const HARD_MAX_DEPTH = 150;

class TreeBuilder {
  readonly root: HtmlElement = { name: '#document', attribs: {}, children: [] };
  private readonly open: HtmlElement[] = [this.root];

  get depth(): number {
    return this.open.length - 1;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    const element: HtmlElement = { name, attribs, children: [] };
    this.current().children.push(element);
    this.open.push(element);
  }

  onclosetag(): void {
    if (this.open.length > 1) this.open.pop();
  }

  ontext(data: string): void {
    // The parser reports text in pieces (around entities); one string per text node.
    const children = this.current().children;
    const last = children.at(-1);
    if (typeof last === 'string') children[children.length - 1] = last + data;
    else children.push(data);
  }

  private current(): HtmlElement {
    return this.open.at(-1) ?? this.root;
  }
}

class DepthLimitedParser extends Parser {
  constructor(
    private readonly source: string,
    private readonly tree: TreeBuilder,
  ) {
    super(tree);
  }

  /*
   * Skipping super.onopentagname leaves the parser without a current tag, exactly as it does for
   * a nested <form>: attributes and the end of the start tag are then ignored. The indexes are
   * offsets into `source`, since the whole input is written in one piece.
   */
  override onopentagname(start: number, endIndex: number): void {
    const depth = this.tree.depth;
    if (depth >= MAX_DEPTH) {
      const raw = this.source.slice(start, endIndex).toLowerCase();
      const name = raw === 'image' ? 'img' : raw;
      const exempt = this.isVoidElement(name) || (isDroppedElement(name) && depth < HARD_MAX_DEPTH);
      if (!exempt) return;
    }
    super.onopentagname(start, endIndex);
  }
}

/** Parses HTML as browsers tokenize it (htmlparser2), with nesting depth bounded. */
export function parseHtml(html: string): HtmlElement {
  const tree = new TreeBuilder();
  new DepthLimitedParser(html, tree).end(html);
  return tree.root;
}

import { describe, expect, it } from 'vitest';
import { EMPTY_DOCUMENT, fromHtml, type RichTextDocument } from '../../../../shared/rich-text/index';

const ATTACHMENT = '/api/attachments/0b6c7f0e-3c1a-4d7e-9f00-1a2b3c4d5e6f';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function paragraph(text: string): RichTextDocument[number] {
  return { type: 'paragraph', children: [{ text }] };
}

describe('fromHtml: documents', () => {
  it.each([
    [''],
    ['   \n\t '],
    ['<!-- only a comment -->'],
    ['<script>x</script>'],
    ['<div></div><span></span>'],
  ])('gives the empty document for %j', (html) => {
    expect(fromHtml(html)).toStrictEqual(EMPTY_DOCUMENT);
  });

  it('returns a fresh empty document each time', () => {
    const doc = fromHtml('');
    expect(doc).not.toBe(EMPTY_DOCUMENT);
  });

  it('wraps bare inline content at the top level in paragraphs, split by blocks', () => {
    expect(fromHtml('one <b>two</b><h2>head</h2>three')).toStrictEqual([
      { type: 'paragraph', children: [{ text: 'one ' }, { text: 'two', bold: true }] },
      { type: 'heading-two', children: [{ text: 'head' }] },
      paragraph('three'),
    ]);
  });

  it('turns div and section text into paragraphs and unwraps unknown elements', () => {
    expect(
      fromHtml('<div>a</div><section><div>b <span>c</span> <font color=red>d</font></div></section>'),
    ).toStrictEqual([paragraph('a'), paragraph('b c d')]);
  });

  it('keeps an explicit empty paragraph, but not empty leftovers of a split one', () => {
    expect(fromHtml('<p>a</p><p></p><p><br></p><p>b</p>')).toStrictEqual([
      paragraph('a'),
      paragraph(''),
      paragraph(''),
      paragraph('b'),
    ]);
    expect(fromHtml(`<p><img src="${ATTACHMENT}"></p>`)).toStrictEqual([
      { type: 'image', url: ATTACHMENT, alt: '', children: [{ text: '' }] },
    ]);
  });

  it('splits a paragraph around an image, which is a block', () => {
    expect(fromHtml(`<p>before <img src="${PNG}" alt="dot"> after</p>`)).toStrictEqual([
      paragraph('before'),
      { type: 'image', url: PNG, alt: 'dot', children: [{ text: '' }] },
      paragraph('after'),
    ]);
  });

  it('moves images out of lists, tables, headings and quotes to just after them', () => {
    expect(fromHtml(`<ul><li>a<img src="${PNG}"></li><li>b</li></ul><p>c</p>`)).toStrictEqual([
      {
        type: 'bulleted-list',
        children: [
          { type: 'list-item', children: [{ text: 'a' }] },
          { type: 'list-item', children: [{ text: 'b' }] },
        ],
      },
      { type: 'image', url: PNG, alt: '', children: [{ text: '' }] },
      paragraph('c'),
    ]);
  });

  it('drops images whose URL is not an attachment or a raster data image', () => {
    for (const src of [
      'https://tracker.example/pixel.gif',
      'data:image/svg+xml;base64,PHN2Zz4=',
      '/api/attachments/not-a-uuid',
      `${ATTACHMENT}?x=1`,
    ]) {
      expect(fromHtml(`<img src="${src}">`)).toStrictEqual(EMPTY_DOCUMENT);
    }
    // Whitespace a browser ignores in a URL is ignored here too.
    expect(fromHtml(`<img src=" ${ATTACHMENT}\n">`)).toStrictEqual([
      { type: 'image', url: ATTACHMENT, alt: '', children: [{ text: '' }] },
    ]);
  });

  it('maps headings: h1, h2, and h3 to h6 as heading three', () => {
    expect(
      fromHtml('<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>').map((block) => block.type),
    ).toEqual([
      'heading-one',
      'heading-two',
      'heading-three',
      'heading-three',
      'heading-three',
      'heading-three',
    ]);
  });

  it('keeps only the model attributes: no ids, classes, styles or titles anywhere', () => {
    expect(fromHtml('<p id="x" class="y" style="color:red" title="t" dir="rtl">a</p>')).toStrictEqual([
      paragraph('a'),
    ]);
  });
});

describe('fromHtml: text', () => {
  it('collapses whitespace as a browser does and decodes entities', () => {
    expect(fromHtml('<p>\n  a \t\r\n b&amp;c&nbsp;&nbsp;d &lt;e&gt; &quot;f&#39;  </p>')).toStrictEqual([
      paragraph('a b&c\u00a0\u00a0d <e> "f\''),
    ]);
  });

  it('collapses across inline elements, keeping the first space with its marks', () => {
    expect(fromHtml('<p>a <b> b</b><i> </i> c</p>')).toStrictEqual([
      {
        type: 'paragraph',
        children: [{ text: 'a ' }, { text: 'b', bold: true }, { text: ' ', italic: true }, { text: 'c' }],
      },
    ]);
  });

  it('reads <br> as "\\n", drops spaces around it, and drops a block\'s last <br>', () => {
    expect(fromHtml('<p>a <br> b<br></p>')).toStrictEqual([paragraph('a\nb')]);
    expect(fromHtml('<p>a<br><br></p>')).toStrictEqual([paragraph('a\n')]);
    expect(fromHtml('<p><br>a</p>')).toStrictEqual([paragraph('\na')]);
  });

  it('keeps newlines of <pre> as line breaks', () => {
    expect(fromHtml('<pre>one\ntwo  three</pre>')).toStrictEqual([paragraph('one\ntwo three')]);
  });

  it('maps b/strong, i/em and u to marks and merges equal neighbours', () => {
    expect(fromHtml('<p><b>a</b><strong>b</strong><em><u>c</u></em><i><u>d</u></i></p>')).toStrictEqual([
      {
        type: 'paragraph',
        children: [
          { text: 'ab', bold: true },
          { text: 'cd', italic: true, underline: true },
        ],
      },
    ]);
  });

  it('does not bold the whole paste in Google Docs\' <b style="font-weight:normal"> wrapper', () => {
    expect(
      fromHtml('<b style="font-weight:normal;" id="docs-internal-guid-1"><p>plain <b>bold</b></p></b>'),
    ).toStrictEqual([{ type: 'paragraph', children: [{ text: 'plain ' }, { text: 'bold', bold: true }] }]);
  });

  it('removes NUL characters', () => {
    expect(fromHtml('<p>a\0b</p>')).toStrictEqual([paragraph('ab')]);
  });
});

describe('fromHtml: links', () => {
  const attributes = 'target="_blank" rel="noopener noreferrer"';

  it('keeps http, https and mailto links with Slate spacers around them', () => {
    expect(fromHtml(`<p><a href="https://a.example/?q=1&amp;r=2" ${attributes}>site</a></p>`)).toStrictEqual([
      {
        type: 'paragraph',
        children: [
          { text: '' },
          { type: 'link', url: 'https://a.example/?q=1&r=2', children: [{ text: 'site' }] },
          { text: '' },
        ],
      },
    ]);
    expect(
      fromHtml('<a href="MAILTO:x@y.example">mail</a> and <a href="http://b.example">b</a>'),
    ).toStrictEqual([
      {
        type: 'paragraph',
        children: [
          { text: '' },
          { type: 'link', url: 'MAILTO:x@y.example', children: [{ text: 'mail' }] },
          { text: ' and ' },
          { type: 'link', url: 'http://b.example', children: [{ text: 'b' }] },
          { text: '' },
        ],
      },
    ]);
  });

  it('turns links with other URLs into their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://files.example',
      '/relative',
      '//evil.example',
      'https://user:pw@evil.example',
      'https://',
      'tel:123',
    ]) {
      expect(fromHtml(`<p>see <a href="${href}"><b>this</b></a></p>`), href).toStrictEqual([
        { type: 'paragraph', children: [{ text: 'see ' }, { text: 'this', bold: true }] },
      ]);
    }
  });

  it('keeps two adjacent links apart, drops empty links and unwraps anchors without href', () => {
    expect(fromHtml('<a href="https://a.example">x</a><a href="https://a.example">y</a>')).toStrictEqual([
      {
        type: 'paragraph',
        children: [
          { text: '' },
          { type: 'link', url: 'https://a.example', children: [{ text: 'x' }] },
          { text: '' },
          { type: 'link', url: 'https://a.example', children: [{ text: 'y' }] },
          { text: '' },
        ],
      },
    ]);
    expect(
      fromHtml(
        '<p><a href="https://a.example"> </a>a<a href="https://a.example"></a>b<a name="top">c</a></p>',
      ),
    ).toStrictEqual([paragraph('abc')]);
    // A space between words is text even inside a link.
    expect(fromHtml('<p>a<a href="https://a.example"> </a>b</p>')).toStrictEqual([
      {
        type: 'paragraph',
        children: [
          { text: 'a' },
          { type: 'link', url: 'https://a.example', children: [{ text: ' ' }] },
          { text: 'b' },
        ],
      },
    ]);
  });

  it('cleans the URL as a browser would before checking it, and encodes spaces', () => {
    expect(fromHtml('<a href=" https://a.example/x y\n">t</a>')).toStrictEqual([
      {
        type: 'paragraph',
        children: [
          { text: '' },
          { type: 'link', url: 'https://a.example/x%20y', children: [{ text: 't' }] },
          { text: '' },
        ],
      },
    ]);
  });
});

describe('fromHtml: lists, quotes and tables', () => {
  it('flattens nested lists into the enclosing list, in document order', () => {
    expect(fromHtml('<ol><li>a<ul><li>b</li><li>c</li></ul>d</li><li>e</li></ol>')).toStrictEqual([
      {
        type: 'numbered-list',
        children: ['a', 'b', 'c', 'd', 'e'].map((text) => ({ type: 'list-item', children: [{ text }] })),
      },
    ]);
  });

  it('joins paragraphs inside a list item or quote with line breaks', () => {
    expect(
      fromHtml(
        '<ul><li><p>a</p><p>b</p></li></ul><blockquote><p>c</p>\n<div>d<br></div><p>e</p></blockquote>',
      ),
    ).toStrictEqual([
      { type: 'bulleted-list', children: [{ type: 'list-item', children: [{ text: 'a\nb' }] }] },
      { type: 'block-quote', children: [{ text: 'c\nd\ne' }] },
    ]);
  });

  it('keeps empty list items and drops empty lists', () => {
    expect(fromHtml('<ul><li></li></ul><ol> </ol>')).toStrictEqual([
      { type: 'bulleted-list', children: [{ type: 'list-item', children: [{ text: '' }] }] },
    ]);
  });

  it('reads tables with sections, header cells and cells outside rows; drops empty tables', () => {
    expect(
      fromHtml(
        '<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>a</td><td></td></tr></tbody><td>b</td></table><table></table>',
      ),
    ).toStrictEqual([
      {
        type: 'table',
        children: [
          { type: 'table-row', children: [{ type: 'table-cell', header: true, children: [{ text: 'H' }] }] },
          {
            type: 'table-row',
            children: [
              { type: 'table-cell', children: [{ text: 'a' }] },
              { type: 'table-cell', children: [{ text: '' }] },
            ],
          },
          { type: 'table-row', children: [{ type: 'table-cell', children: [{ text: 'b' }] }] },
        ],
      },
    ]);
  });

  it('turns a table nested in a cell into lines of that cell', () => {
    expect(
      fromHtml('<table><tr><td>x<table><tr><td>a</td><td>b</td></tr></table></td></tr></table>'),
    ).toStrictEqual([
      {
        type: 'table',
        children: [
          { type: 'table-row', children: [{ type: 'table-cell', children: [{ text: 'x\na\nb' }] }] },
        ],
      },
    ]);
  });
});

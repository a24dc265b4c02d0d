import { describe, expect, it } from 'vitest';
import { EMPTY_DOCUMENT, fromHtml, type RichTextDocument, toHtml } from '../../../../shared/rich-text/index';

const ATTACHMENT = '/api/attachments/0b6c7f0e-3c1a-4d7e-9f00-1a2b3c4d5e6f';
const LINK_ATTRIBUTES = 'target="_blank" rel="noopener noreferrer"';

describe('toHtml', () => {
  it('writes every block type', () => {
    const doc: RichTextDocument = [
      { type: 'heading-one', children: [{ text: 'H1' }] },
      { type: 'heading-two', children: [{ text: 'H2' }] },
      { type: 'heading-three', children: [{ text: 'H3' }] },
      { type: 'paragraph', children: [{ text: 'p' }] },
      { type: 'block-quote', children: [{ text: 'q' }] },
      { type: 'numbered-list', children: [{ type: 'list-item', children: [{ text: '1' }] }] },
      { type: 'bulleted-list', children: [{ type: 'list-item', children: [{ text: '*' }] }] },
      { type: 'image', url: ATTACHMENT, alt: 'a "b"', children: [{ text: '' }] },
      {
        type: 'table',
        children: [
          {
            type: 'table-row',
            children: [
              { type: 'table-cell', header: true, children: [{ text: 'h' }] },
              { type: 'table-cell', children: [{ text: '' }] },
            ],
          },
        ],
      },
    ];
    expect(toHtml(doc)).toBe(
      '<h1>H1</h1><h2>H2</h2><h3>H3</h3><p>p</p><blockquote>q</blockquote><ol><li>1</li></ol><ul><li>*</li></ul>' +
        `<img src="${ATTACHMENT}" alt="a &quot;b&quot;">` +
        '<table><tbody><tr><th>h</th><td></td></tr></tbody></table>',
    );
  });

  it('nests marks in a fixed order and escapes text', () => {
    const doc: RichTextDocument = [
      {
        type: 'paragraph',
        children: [{ text: '<a & b>', underline: true, bold: true, italic: true }, { text: ' "q" \u00a0' }],
      },
    ];
    expect(toHtml(doc)).toBe('<p><strong><em><u>&lt;a &amp; b&gt;</u></em></strong> "q" &nbsp;</p>');
  });

  it('gives allowed links target and rel, and escapes their URL', () => {
    const doc: RichTextDocument = [
      {
        type: 'paragraph',
        children: [
          { text: '' },
          { type: 'link', url: 'https://a.example/?x="1"&y=<2>', children: [{ text: 'go', bold: true }] },
          { text: '' },
        ],
      },
    ];
    expect(toHtml(doc)).toBe(
      `<p><a href="https://a.example/?x=&quot;1&quot;&amp;y=&lt;2&gt;" ${LINK_ATTRIBUTES}><strong>go</strong></a></p>`,
    );
  });

  it('writes links with a disallowed URL as their text and drops images with one', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'https://u:p@h.example',
      '/x',
    ]) {
      const doc: RichTextDocument = [
        {
          type: 'paragraph',
          children: [
            { text: 'a ' },
            { type: 'link', url, children: [{ text: 'b', italic: true }] },
            { text: '' },
          ],
        },
        { type: 'image', url, alt: 'x', children: [{ text: '' }] },
      ];
      expect(toHtml(doc), url).toBe('<p>a <em>b</em></p>');
    }
    const svg: RichTextDocument = [
      { type: 'image', url: 'data:image/svg+xml;base64,PHN2Zz4=', alt: '', children: [{ text: '' }] },
    ];
    expect(toHtml(svg)).toBe('');
  });

  it('writes "\\n" as <br>, with one more at the end of a block and in an empty one', () => {
    expect(toHtml(EMPTY_DOCUMENT)).toBe('<p><br></p>');
    expect(toHtml([{ type: 'paragraph', children: [{ text: 'a\nb' }] }])).toBe('<p>a<br>b</p>');
    expect(toHtml([{ type: 'paragraph', children: [{ text: 'a\n' }] }])).toBe('<p>a<br><br></p>');
  });

  it('keeps spaces HTML would collapse visible, as non-breaking spaces', () => {
    const doc: RichTextDocument = [
      { type: 'paragraph', children: [{ text: '  indented  twice ' }, { text: ' bold\t', bold: true }] },
    ];
    const html = toHtml(doc);
    expect(html).toBe('<p>&nbsp;&nbsp;indented &nbsp;twice <strong>&nbsp;bold&nbsp;</strong></p>');
    // What comes back is canonical and writes the same HTML again.
    expect(toHtml(fromHtml(html))).toBe(html);
  });

  it('reads CR and CRLF as line breaks and drops NUL', () => {
    expect(toHtml([{ type: 'paragraph', children: [{ text: 'a\r\nb\rc\0d' }] }])).toBe('<p>a<br>b<br>cd</p>');
  });

  it('skips empty lists, rows and tables and writes an empty document as nothing', () => {
    expect(toHtml([])).toBe('');
    expect(toHtml([{ type: 'bulleted-list', children: [] }])).toBe('');
    expect(toHtml([{ type: 'table', children: [{ type: 'table-row', children: [] }] }])).toBe('');
  });
});

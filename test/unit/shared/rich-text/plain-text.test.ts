import { describe, expect, it } from 'vitest';
import {
  documentToPlainText,
  EMPTY_DOCUMENT,
  fromHtml,
  htmlToPlainText,
  isEmptyDocument,
  type RichTextDocument,
} from '../../../../shared/rich-text/index';

const ATTACHMENT = '/api/attachments/0b6c7f0e-3c1a-4d7e-9f00-1a2b3c4d5e6f';

describe('plain text', () => {
  it('separates blocks with a blank line and lists items and rows one per line', () => {
    const html =
      '<h1>Hello&nbsp;there</h1><p>See <a href="https://a.example">the <b>form</b></a>.</p>' +
      '<ol><li>first</li><li>second<br>line</li></ol><ul><li>dot</li></ul>' +
      '<blockquote>quoted<br>twice</blockquote>' +
      '<table><tr><th>Day</th><th>Time</th></tr><tr><td>Mon</td><td>9<br>am</td></tr></table>' +
      `<img src="${ATTACHMENT}" alt="scan"><img src="${ATTACHMENT}">`;
    expect(htmlToPlainText(html)).toBe(
      [
        'Hello there',
        'See the form.',
        '1. first\n2. second\n   line',
        '- dot',
        '> quoted\n> twice',
        'Day | Time\nMon | 9 am',
        '[image: scan]',
        '[image]',
      ].join('\n\n'),
    );
  });

  it('leaves out empty blocks and hostile content', () => {
    expect(htmlToPlainText('<p>a</p><p></p><p><br></p><script>alert(1)</script><p>b</p>')).toBe('a\n\nb');
    expect(htmlToPlainText('')).toBe('');
  });

  it('gives the same text for a document and its HTML', () => {
    const doc: RichTextDocument = [
      { type: 'paragraph', children: [{ text: 'x', bold: true }, { text: ' y' }] },
    ];
    expect(documentToPlainText(doc)).toBe('x y');
  });
});

describe('isEmptyDocument', () => {
  it('is true for documents with only whitespace', () => {
    expect(isEmptyDocument(EMPTY_DOCUMENT)).toBe(true);
    expect(
      isEmptyDocument(fromHtml('<p> </p><p>&nbsp;<br></p><ul><li></li></ul><table><td> </td></table>')),
    ).toBe(true);
    expect(isEmptyDocument([])).toBe(true);
  });

  it('is false with any text, in a link, list or table too, or an image', () => {
    expect(isEmptyDocument(fromHtml('<p>a</p>'))).toBe(false);
    expect(isEmptyDocument(fromHtml('<a href="https://a.example">a</a>'))).toBe(false);
    expect(isEmptyDocument(fromHtml('<ul><li></li><li>x</li></ul>'))).toBe(false);
    expect(isEmptyDocument(fromHtml('<table><td></td><td>x</td></table>'))).toBe(false);
    expect(isEmptyDocument(fromHtml(`<img src="${ATTACHMENT}">`))).toBe(false);
  });
});

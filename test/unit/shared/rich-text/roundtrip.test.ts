import fc from 'fast-check';
import { createEditor, Editor, type Element as SlateElement } from 'slate';
import { describe, expect, it } from 'vitest';
import {
  fromHtml,
  type RichTextDocument,
  richTextDocumentSchema,
  sanitizeHtml,
  toHtml,
} from '../../../../shared/rich-text/index';
import { canonicalDocument, htmlish } from './arbitraries';

/** What Slate itself makes of a document, with links inline and images void as in the editor. */
function slateNormalized(doc: RichTextDocument): unknown {
  const editor = createEditor();
  const { isInline, isVoid } = editor;
  editor.isInline = (element: SlateElement) =>
    ('type' in element && element.type === 'link') || isInline(element);
  editor.isVoid = (element: SlateElement) =>
    ('type' in element && element.type === 'image') || isVoid(element);
  editor.children = structuredClone(doc) as Editor['children'];
  Editor.normalize(editor, { force: true });
  return editor.children;
}

describe('fromHtml(toHtml(doc))', () => {
  it('gives back every canonical document', () => {
    fc.assert(
      fc.property(canonicalDocument, (doc) => {
        expect(fromHtml(toHtml(doc))).toStrictEqual(doc);
      }),
      { numRuns: 1000 },
    );
  });

  it('is tested on documents that are canonical for Slate and valid for the schema too', () => {
    // Guards the generator: Slate changes nothing in what it generates, and the schema accepts it.
    fc.assert(
      fc.property(canonicalDocument, (doc) => {
        expect(slateNormalized(doc)).toStrictEqual(doc);
        expect(richTextDocumentSchema.safeParse(doc).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fromHtml output', () => {
  const inputs = fc.oneof(htmlish, fc.string(), fc.string({ unit: 'binary' }));

  it('is canonical: Slate leaves it alone, the schema accepts it, and it survives a roundtrip', () => {
    fc.assert(
      fc.property(inputs, (html) => {
        const doc = fromHtml(html);
        expect(slateNormalized(doc)).toStrictEqual(doc);
        expect(richTextDocumentSchema.safeParse(doc).success).toBe(true);
        expect(fromHtml(toHtml(doc))).toStrictEqual(doc);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('sanitizeHtml', () => {
  it('is idempotent on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (html) => {
          const once = sanitizeHtml(html);
          expect(sanitizeHtml(once)).toBe(once);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is idempotent on HTML mixing allowed and hostile markup', () => {
    fc.assert(
      fc.property(htmlish, (html) => {
        const once = sanitizeHtml(html);
        expect(sanitizeHtml(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on the HTML of canonical documents', () => {
    fc.assert(
      fc.property(canonicalDocument, (doc) => {
        const html = toHtml(doc);
        expect(sanitizeHtml(html)).toBe(html);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { fromHtml, sanitizeHtml } from '../../../../shared/rich-text/index';

/*
 * htmlparser2's own stack is quadratic in nesting depth, so the parser ignores elements nested
 * past a limit (see parse.ts). Their content must still be read, and what must be dropped must
 * still be dropped at any depth. How fast a megabyte sanitizes is measured by `npm run bench`,
 * not here: timings on shared machines flake.
 */
describe('deeply nested markup', () => {
  it('still reads content nested deeper than the parser keeps', () => {
    const deep = `${'<div><span>'.repeat(500)}<b>deep</b> text${'</span></div>'.repeat(500)}<p>after</p>`;
    const doc = fromHtml(deep);
    expect(doc.at(-1)).toStrictEqual({ type: 'paragraph', children: [{ text: 'after' }] });
    expect(JSON.stringify(doc)).toContain('deep');
    // Elements whose content is dropped still are, at any depth.
    expect(sanitizeHtml(`${'<div>'.repeat(300)}<script>alert(1)</script>after`)).toBe('<p>after</p>');
    expect(sanitizeHtml(`${'<object>'.repeat(300)}hidden`)).toBe('<p><br></p>');
  });
});

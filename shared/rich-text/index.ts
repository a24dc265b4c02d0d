import { fromHtml } from './from-html';
import { toHtml } from './to-html';

/*
 * Portico's one rich-text module: the model (Slate's JSON shape), its zod schema, HTML in and out,
 * and plain text. The model is the sanitizer's allow-list; see README.md in shared/.
 */

export { fromHtml } from './from-html';
export * from './model';
export { documentToPlainText, htmlToPlainText, isEmptyDocument } from './plain-text';
export * from './schema';
export { toHtml } from './to-html';
export { cleanUrl, safeImageUrl, safeLinkUrl } from './urls';

/**
 * Any HTML to safe, canonical HTML: only what the model can express survives. Idempotent:
 * sanitizing sanitized HTML gives it back unchanged.
 */
export function sanitizeHtml(html: string): string {
  return toHtml(fromHtml(html));
}

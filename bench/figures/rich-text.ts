import { parseDocument } from 'htmlparser2';
import { fromHtml, sanitizeHtml, toHtml } from '../../shared/rich-text';
import { medianPair } from '../lib/stats';
import { type Figure, ratioFigure } from '../report';
import { largeMessageHtml } from '../world/large-message';

const RUNS = 9;

/**
 * Figure 6a: a 1MB message. toHtml beside JSON.stringify of the same document (both serialize one
 * tree to a string); sanitizeHtml beside htmlparser2's own parse of the same HTML into its DOM (the
 * parse sanitizing starts with). The issue sets no ratio here; these are the bench's own: a JavaScript
 * serializer that escapes text and checks URLs within 5x of the engine's native JSON.stringify, and
 * a sanitizer (its own lighter parse, the model, then toHtml) within 4x of a plain DOM parse.
 */
export async function benchRichText(): Promise<Figure[]> {
  const html = largeMessageHtml(1024 * 1024);
  const document = fromHtml(html);
  const megabytes = (html.length / 2 ** 20).toFixed(1);
  const serialize = await medianPair(
    () => toHtml(document),
    () => JSON.stringify(document),
    RUNS,
  );
  const sanitize = await medianPair(
    () => sanitizeHtml(html),
    () => parseDocument(html),
    RUNS,
  );
  return [
    ratioFigure(`toHtml of a ${megabytes}MB message`, serialize.value, 'ms', serialize.floor, 5),
    ratioFigure(`sanitizeHtml of a ${megabytes}MB message`, sanitize.value, 'ms', sanitize.floor, 4),
  ];
}

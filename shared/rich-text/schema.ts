import { z } from 'zod';
import type {
  BlockElement,
  FormattedText,
  InlineNode,
  LinkElement,
  RichTextDocument,
  TableCellElement,
} from './model';

/*
 * The rich-text model as a zod schema, for documents that cross a trust boundary as JSON (drafts
 * saved through the bridge). Only the model's own shapes pass; extra keys are dropped.
 */

const MAX_TEXT = 200_000;

const formattedText: z.ZodType<FormattedText> = z
  .object({
    text: z.string().max(MAX_TEXT),
    bold: z.literal(true).optional(),
    italic: z.literal(true).optional(),
    underline: z.literal(true).optional(),
  })
  .strip();

const link: z.ZodType<LinkElement> = z
  .object({
    type: z.literal('link'),
    url: z.string().max(2048),
    children: z.array(formattedText).min(1).max(500),
  })
  .strip();

const inline: z.ZodType<InlineNode> = z.union([link, formattedText]);
const inlines = z.array(inline).min(1).max(2000);

const tableCell: z.ZodType<TableCellElement> = z
  .object({ type: z.literal('table-cell'), header: z.literal(true).optional(), children: inlines })
  .strip();

const block: z.ZodType<BlockElement> = z.union([
  z
    .object({
      type: z.enum(['paragraph', 'heading-one', 'heading-two', 'heading-three', 'block-quote']),
      children: inlines,
    })
    .strip(),
  z
    .object({
      type: z.enum(['numbered-list', 'bulleted-list']),
      children: z
        .array(z.object({ type: z.literal('list-item'), children: inlines }).strip())
        .min(1)
        .max(1000),
    })
    .strip(),
  z
    .object({
      type: z.literal('image'),
      url: z.string().max(40_000_000),
      alt: z.string().max(500),
      children: z.tuple([z.object({ text: z.literal('') }).strip()]),
    })
    .strip(),
  z
    .object({
      type: z.literal('table'),
      children: z
        .array(
          z.object({ type: z.literal('table-row'), children: z.array(tableCell).min(1).max(50) }).strip(),
        )
        .min(1)
        .max(500),
    })
    .strip(),
]) as z.ZodType<BlockElement>;

export const richTextDocumentSchema: z.ZodType<RichTextDocument> = z.array(block).min(1).max(5000);

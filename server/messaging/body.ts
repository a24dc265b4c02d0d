import { z } from 'zod';
import { htmlToPlainText, sanitizeHtml } from '../../shared/rich-text';
import { badRequest } from '../http/errors';

/** A message body as sent: HTML, with room for a few inline pictures given as data: URLs. */
export const messageHtmlSchema = z
  .string()
  .max(2_000_000, 'This message is too long to send. Remove some images or text.');

export interface MessageBody {
  /** What the sanitizer kept: the only HTML ever stored or served. */
  html: string;
  text: string;
}

/**
 * Sanitizes a body whoever sent it (a desktop or a portal page may be modified or buggy) and
 * refuses one that says nothing once sanitized: no text and no picture.
 */
export function prepareMessageBody(html: string): MessageBody {
  const clean = sanitizeHtml(html);
  const text = htmlToPlainText(clean).trim();
  if (text === '' && !/<img\s/i.test(clean)) throw badRequest('Write a message before sending.');
  return { html: clean, text };
}

const ATTACHMENT_URL = /\/api\/attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** Ids of the uploaded pictures a sanitized body shows, each once. */
export function referencedAttachmentIds(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(ATTACHMENT_URL), (match) => (match[1] ?? '').toLowerCase()))];
}

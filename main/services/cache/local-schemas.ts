import type { RxJsonSchema } from 'rxdb';
import type { OutboxState } from '../../../shared/domain/messaging';
import type { RichTextDocument } from '../../../shared/rich-text/model';

/*
 * Collections that live only on this desktop and are never replicated: what the person is
 * writing, and what they sent that the server has not accepted yet.
 */

export interface DraftDoc {
  /** `new:<clientId>` or `reply:<threadId>`. */
  id: string;
  clientId: string;
  threadId: string;
  content: RichTextDocument;
  updatedAt: string;
}

export type OutboxKind = 'message' | 'request' | 'massSend';

export interface OutboxDoc {
  /** Also the message's or request's id at the server, so sending twice stores it once. */
  id: string;
  kind: OutboxKind;
  clientId: string;
  /** Messages: the conversation, empty for a first message. */
  threadId: string;
  /** Messages: the sanitized body. */
  html: string;
  /** Requests: what SEND REQUEST TO THE CUSTOMER PORTAL submitted; mass sends: the whole job. */
  payload: Record<string, unknown>;
  createdAt: string;
  /** `sent`: the server took it; the entry goes once the message itself has synced down. */
  state: OutboxState | 'sent';
  error: string;
  attempts: number;
}

export const draftSchema: RxJsonSchema<DraftDoc> = {
  title: 'drafts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 80 },
    clientId: { type: 'string', maxLength: 64 },
    threadId: { type: 'string' },
    content: { type: 'array' },
    updatedAt: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'clientId', 'threadId', 'content', 'updatedAt'],
};

export const outboxSchema: RxJsonSchema<OutboxDoc> = {
  title: 'outbox',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    kind: { type: 'string', enum: ['message', 'request', 'massSend'], maxLength: 10 },
    clientId: { type: 'string', maxLength: 64 },
    threadId: { type: 'string', maxLength: 64 },
    html: { type: 'string' },
    payload: { type: 'object' },
    createdAt: { type: 'string', maxLength: 40 },
    state: { type: 'string', enum: ['waiting', 'sending', 'failed', 'sent'], maxLength: 10 },
    error: { type: 'string' },
    attempts: { type: 'number', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
  },
  required: ['id', 'kind', 'clientId', 'threadId', 'html', 'createdAt', 'state', 'error', 'attempts'],
  indexes: [
    ['createdAt', 'id'],
    ['threadId', 'createdAt', 'id'],
  ],
};

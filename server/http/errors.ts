import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeUnstorableText, findUnstorableText } from './text-input';

/** An answer to a request the server will not carry out, with a message the person can act on. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, 'invalid_input', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function bound(issue: { origin?: string }, limit: unknown, words: string): string {
  if (issue.origin === 'string') return `must have ${words} ${String(limit)} characters`;
  if (issue.origin === 'array') return `must have ${words} ${String(limit)} items`;
  return `must be ${words} ${String(limit)}`;
}

/**
 * Wording for problems a schema has no message of its own for (zod's defaults, such as
 * "expected string, received undefined", are for programmers). Returns the end of a sentence;
 * describeIssue puts the field's name in front, because only the final issue knows its whole path.
 */
function fallbackMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return `must be ${TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      return bound(issue, issue.minimum, 'at least');
    case 'too_big':
      return bound(issue, issue.maximum, 'at most');
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'uuid' ? 'must be a UUID' : 'is not in the expected format';
    default:
      return 'is not valid';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // Schema messages are whole sentences ("Enter your username."); fallbacks start lower case.
  if (!/^[a-z]/.test(issue.message)) return issue.message;
  const subject = issue.path.length > 0 ? `The field “${issue.path.join('.')}”` : 'The request body';
  return `${subject} ${issue.message}.`;
}

/**
 * Parses input with a schema or answers 400 naming the first problem. Every input from outside
 * passes here, so text that cannot be stored (text-input.ts) is refused here, for every field.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const unstorable = findUnstorableText(value);
  if (unstorable) throw badRequest(`Invalid ${what}. ${describeUnstorableText(unstorable)}`);
  const result = schema.safeParse(value, { error: fallbackMessage });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw badRequest(`Invalid ${what}. ${first ? describeIssue(first) : ''}`.trim());
}

const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'The request body is empty; JSON was expected.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    message: 'This content type is not accepted here; send JSON.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    message: 'The request’s Content-Length does not match its body.',
  },
};

/** One place where failures become answers: clear 4xx for the caller, logged 500 for us. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof HttpError) {
    void reply.status(error.statusCode).send({ error: error.code, message: error.message });
    return;
  }
  const code = (error as FastifyError).code;
  const known = code ? FASTIFY_CLIENT_ERRORS[code] : undefined;
  if (known) {
    void reply.status(known.status).send({ error: 'invalid_request', message: known.message });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    void reply.status(status).send({ error: 'invalid_request', message: error.message });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send({
    error: 'server_error',
    message:
      'Something went wrong on the agency server. Try again; if it keeps happening, tell your administrator.',
  });
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, handleError } from './errors';

/*
 * Requests Fastify's router refuses before any route or hook runs: an address with broken
 * percent-encoding, or a path segment longer than Fastify's parameter limit. Without this they
 * are answered in Fastify's own shape ({error, code, message, statusCode}) and wording.
 */
const ANSWERS: Record<string, HttpError> = {
  FST_ERR_BAD_URL: new HttpError(
    400,
    'invalid_address',
    'The address of this request is not valid: check its percent-encoding.',
  ),
  FST_ERR_MAX_PARAM_LENGTH: new HttpError(
    414,
    'address_too_long',
    'Part of the address of this request is too long.',
  ),
};

export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  handleError(ANSWERS[error.code] ?? error, request, reply);
}

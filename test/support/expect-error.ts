import { expect } from 'vitest';
import type { ApiResponse } from './api';

export interface ErrorBody {
  error: string;
  message: string;
}

/**
 * A message a person can act on: a sentence (capital first, full stop last), short, and free of
 * programmer talk such as type names, "undefined" or framework error codes.
 */
export function expectClearSentence(message: string): void {
  expect(message, 'message is a sentence').toMatch(/^[A-Z][^\n]{6,240}[.!?]$/);
  expect(message, 'message has no programmer talk').not.toMatch(
    /undefined|null|NaN|\[object|FST_|Error:|received|expected (string|number|int|object|array|boolean)|Invalid input:|ZodError|stack/i,
  );
}

/** The server's error shape: exactly {error, message}, with the given status and a clear message. */
export function expectErrorResponse(response: ApiResponse, status: number): ErrorBody {
  const context = JSON.stringify(response.body);
  expect(response.status, context).toBe(status);
  expect(response.headers.get('content-type') ?? '', context).toContain('application/json');
  const body = response.body as Record<string, unknown>;
  expect(Object.keys(body).sort(), context).toEqual(['error', 'message']);
  expect(typeof body.error, context).toBe('string');
  expect(typeof body.message, context).toBe('string');
  const parsed = body as unknown as ErrorBody;
  expectClearSentence(parsed.message);
  return parsed;
}

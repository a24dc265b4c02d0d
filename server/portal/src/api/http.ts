import { currentLocale } from '../i18n/locale-store';

/*
 * Every call to the agency server goes through here. The session is an HttpOnly cookie the page
 * never sees; each call carries the portal's header, which the server requires of cookie-signed
 * changes (a form on another site cannot send it). Every answered call also counts as activity
 * for the idle timer, because the server slides the session's idle timeout on each one.
 */

export const PORTAL_HEADER = 'x-portico-portal';

/** A refusal from the server: its code (for a message in the client's language) and its words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The connection failed: no answer at all (offline, server down). */
export const OFFLINE_CODE = 'offline';

type SessionEndedListener = (code: string) => void;
const sessionEndedListeners = new Set<SessionEndedListener>();
let lastServerContact = Date.now();

/** Called when the server says the session is over (signed out elsewhere, idle, expired). */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** When the server last heard from this page, which resets its idle timeout. */
export function lastContactAt(): number {
  return lastServerContact;
}

export function requestHeaders(json: boolean): Record<string, string> {
  return {
    accept: 'application/json',
    'accept-language': currentLocale(),
    [PORTAL_HEADER]: '1',
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

/** Turns an answer that is not 2xx into an ApiError, telling listeners when a session ended. */
export function errorFromAnswer(status: number, body: unknown, path: string): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.error === 'string' ? record.error : `http_${status}`;
  const message = typeof record.message === 'string' ? record.message : '';
  // Sign-in itself answers 401 for a wrong password: that is not a session ending.
  if (status === 401 && !path.startsWith('/api/portal/auth/') && !path.startsWith('/api/portal/invites/'))
    for (const listener of sessionEndedListeners) listener(code);
  return new ApiError(status, code, message);
}

export function noteServerContact(): void {
  lastServerContact = Date.now();
}

export async function api<T>(
  path: string,
  options: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; json?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: requestHeaders(options.json !== undefined),
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
  } catch {
    throw new ApiError(0, OFFLINE_CODE, '');
  }
  noteServerContact();
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (!response.ok) throw errorFromAnswer(response.status, body, path);
  return body as T;
}

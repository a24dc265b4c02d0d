import { currentSession } from '../api/portal-api';
import type { PortalClient } from '../api/types';

/*
 * Whether this browser is signed in, asked when the page opens. The session itself is an HttpOnly
 * cookie the page cannot read; /api/portal/session answers 200 either way, so a visitor who has
 * not signed in yet meets no failed request. No React here: main.tsx asks before React arrives.
 */

/** Why the sign-in page is showing, so it can say so. */
export type SignedOutReason = 'none' | 'signed-out' | 'idle' | 'expired';

export type SessionState =
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; client: PortalClient };

export async function checkSession(): Promise<SessionState> {
  try {
    const answer = await currentSession();
    return answer.signedIn
      ? { status: 'signed-in', client: answer.client }
      : { status: 'signed-out', reason: 'none' };
  } catch {
    // Offline or a server failure: the sign-in page, whose own request then says what is wrong.
    return { status: 'signed-out', reason: 'none' };
  }
}

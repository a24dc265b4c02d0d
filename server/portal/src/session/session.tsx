import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { onSessionEnded } from '../api/http';
import * as portal from '../api/portal-api';
import type { PortalClient } from '../api/types';

/*
 * Whether a client is signed in. The session itself is an HttpOnly cookie the page cannot read,
 * so the page asks the server (/api/portal/me) when it opens, and learns that a session ended
 * from any 401 the server gives.
 */

/** Why the sign-in page is showing, so it can say so. */
export type SignedOutReason = 'none' | 'signed-out' | 'idle' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; client: PortalClient };

interface SessionApi {
  state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  join(token: string, username: string, password: string): Promise<void>;
  signOut(reason?: 'signed-out' | 'idle'): Promise<void>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    portal.whoAmI().then(
      (answer) => live && setState({ status: 'signed-in', client: answer.client }),
      () => live && setState({ status: 'signed-out', reason: 'none' }),
    );
    const stop = onSessionEnded((code) =>
      setState((current) =>
        current.status === 'signed-in'
          ? { status: 'signed-out', reason: code === 'session_idle' ? 'idle' : 'expired' }
          : current,
      ),
    );
    return () => {
      live = false;
      stop();
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await portal.signIn(username, password);
    setState({ status: 'signed-in', client: answer.client });
  }, []);

  const join = useCallback(async (token: string, username: string, password: string) => {
    const answer = await portal.acceptInvite(token, username, password);
    setState({ status: 'signed-in', client: answer.client });
  }, []);

  const signOut = useCallback(async (reason: 'signed-out' | 'idle' = 'signed-out') => {
    // Whatever the server says (it may already have ended the session), this page is signed out.
    await portal.signOut().catch(() => undefined);
    setState({ status: 'signed-out', reason });
  }, []);

  const value = useMemo(() => ({ state, signIn, join, signOut }), [state, signIn, join, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside SessionProvider');
  return value;
}

/** The signed-in client; only for pages shown inside the signed-in shell. */
export function useClient(): PortalClient {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useClient is used while signed out');
  return state.client;
}

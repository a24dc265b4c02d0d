import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { onSessionEnded } from '../api/http';
import * as portal from '../api/portal-api';
import type { PortalClient } from '../api/types';
import type { SessionState } from './session-check';

/*
 * The client's session while the page is open: signing in, joining, signing out, and any 401
 * the server gives afterwards, which means the session has ended. Where it starts comes from
 * checkSession (session-check.ts), asked before React renders.
 */

export type { SessionState, SignedOutReason } from './session-check';

interface SessionApi {
  state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  join(token: string, username: string, password: string): Promise<void>;
  signOut(reason?: 'signed-out' | 'idle'): Promise<void>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

export function SessionProvider({ initial, children }: { initial: SessionState; children: ReactNode }) {
  const [state, setState] = useState<SessionState>(initial);

  useEffect(
    () =>
      onSessionEnded((code) =>
        setState((current) =>
          current.status === 'signed-in'
            ? { status: 'signed-out', reason: code === 'session_idle' ? 'idle' : 'expired' }
            : current,
        ),
      ),
    [],
  );

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

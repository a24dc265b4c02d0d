import { useCallback, useEffect, useRef, useState } from 'react';
import type { PortalConnection } from '../../../../shared/domain/portal-connection';
import { bridge } from '../../bridge';
import { messageOf } from '../../lib/errors';

export type PortalAction = 'invite' | 'cancelInvite' | 'disconnect' | 'fetchLink';

export type ConnectionState =
  | { status: 'loading' }
  | { status: 'ready'; connection: PortalConnection }
  | { status: 'error'; error: string };

/**
 * One client's Customer Portal connection, read from the agency server when it is shown (the
 * profile's card, and the not-connected notice where a message is written). `connectedHint` is the
 * cache's portalConnected: when sync changes it (the client joined, or was disconnected elsewhere)
 * the state is read again.
 */
export function usePortalConnection(clientId: string, connectedHint: boolean) {
  const [state, setState] = useState<ConnectionState>({ status: 'loading' });
  const [busy, setBusy] = useState<PortalAction | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The link comes with a new invite or a fetch; a later re-read must not take it off the screen.
  const inviteLink = useRef<{ sentAt: string; url: string } | null>(null);

  const withLink = useCallback((connection: PortalConnection): PortalConnection => {
    if (connection.inviteUrl && connection.invite) {
      inviteLink.current = { sentAt: connection.invite.sentAt, url: connection.inviteUrl };
      return connection;
    }
    const kept = inviteLink.current;
    if (kept && connection.state === 'invite_pending' && connection.invite?.sentAt === kept.sentAt) {
      return { ...connection, inviteUrl: kept.url };
    }
    return connection;
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is Try again; `connectedHint` is sync's nudge.
  useEffect(() => {
    let live = true;
    bridge.portal.status({ clientId }).then(
      (connection) => {
        if (live) setState({ status: 'ready', connection: withLink(connection) });
      },
      (error: unknown) => {
        if (live)
          setState((current) =>
            current.status === 'ready' ? current : { status: 'error', error: messageOf(error) },
          );
      },
    );
    return () => {
      live = false;
    };
  }, [clientId, connectedHint, attempt, withLink]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  /** Runs one action; resolves to whether it worked, so a confirmation can close only then. */
  const act = useCallback(
    async (action: Exclude<PortalAction, 'fetchLink'>): Promise<boolean> => {
      if (busy) return false;
      setBusy(action);
      setActionError(null);
      try {
        const connection = await bridge.portal[action]({ clientId });
        setState({ status: 'ready', connection: withLink(connection) });
        return true;
      } catch (error) {
        setActionError(messageOf(error));
        return false;
      } finally {
        setBusy(null);
      }
    },
    [busy, clientId, withLink],
  );

  /**
   * Fetches the pending invitation's link again (the server logs who asked) and puts it on screen;
   * resolves to the link, or null with the reason shown.
   */
  const fetchLink = useCallback(async (): Promise<string | null> => {
    if (busy) return null;
    setBusy('fetchLink');
    setActionError(null);
    try {
      const { inviteUrl } = await bridge.portal.inviteLink({ clientId });
      setState((current) =>
        current.status === 'ready'
          ? { status: 'ready', connection: withLink({ ...current.connection, inviteUrl }) }
          : current,
      );
      return inviteUrl;
    } catch (error) {
      setActionError(messageOf(error));
      return null;
    } finally {
      setBusy(null);
    }
  }, [busy, clientId, withLink]);

  return { state, busy, actionError, act, fetchLink, retry, clearError: () => setActionError(null) };
}

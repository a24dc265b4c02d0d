import { useCallback, useEffect, useState } from 'react';
import { bridge } from '../../bridge';
import { messageOf } from '../../lib/errors';
import type { OptionsState } from '../requests/use-request-options';

/**
 * The agency's portal assessments and document categories for the Document and Assessment tabs.
 * `requests:options` answers them for a client (with that client's ROI rule, unused here), and
 * the lists are the agency's whoever the client is: any client will do, so the first recipient is
 * asked about, or any client in this computer's cache before recipients are chosen.
 */
export function useAgencyCatalog(firstRecipientId: string | null, wanted: boolean) {
  const [state, setState] = useState<OptionsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loaded = state.status === 'ready';

  // biome-ignore lint/correctness/useExhaustiveDependencies: read once when first wanted (the lists do not depend on the client); `attempt` is Try again.
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    setState({ status: 'loading' });
    const clientId = firstRecipientId
      ? Promise.resolve(firstRecipientId)
      : bridge.clients.search({ query: '', limit: 1 }).then((clients) => clients[0]?.id ?? null);
    clientId
      .then((id) => {
        if (!id) throw new Error('no clients');
        return bridge.requests.options({ clientId: id });
      })
      .then(
        (options) => {
          if (live) setState({ status: 'ready', options });
        },
        (error: unknown) => {
          if (live) setState({ status: 'error', error: messageOf(error) });
        },
      );
    return () => {
      live = false;
    };
  }, [wanted, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

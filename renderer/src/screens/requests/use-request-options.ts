import { useCallback, useEffect, useState } from 'react';
import type { RequestOptions } from '../../../../shared/domain/requests';
import { bridge } from '../../bridge';
import { messageOf } from '../../lib/errors';

export type OptionsState =
  | { status: 'loading' }
  | { status: 'ready'; options: RequestOptions }
  | { status: 'error'; error: string };

/**
 * What SEND REQUEST TO THE CUSTOMER PORTAL and Add document offer for one client: the agency's
 * assessments and document categories, and whether an ROI may be requested now. Read when the
 * dialog opens, so it is as current as the cache; only the dialog uses it.
 */
export function useRequestOptions(clientId: string): { state: OptionsState; retry(): void } {
  const [state, setState] = useState<OptionsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how Try again reads again.
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    bridge.requests.options({ clientId }).then(
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
  }, [clientId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useClientThreadsStore } from '../../stores/client-threads-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { ThreadList } from './ThreadList';

/** The profile's Messages tab: every conversation with this client the viewer may see. */
export function ClientThreads({ clientId }: { clientId: string }) {
  const open = useClientThreadsStore((state) => state.open);
  const entries = useClientThreadsStore((state) => (state.clientId === clientId ? state.entries : []));
  const status = useClientThreadsStore((state) => (state.clientId === clientId ? state.status : 'loading'));
  const error = useClientThreadsStore((state) => state.error);
  const navigate = useNavigationStore((state) => state.navigate);

  useEffect(() => {
    void open(clientId);
  }, [clientId, open]);

  if (status === 'error') {
    return (
      <EmptyState icon="warning" title="Messages could not be loaded" tone="danger">
        <p>{error}</p>
        <button type="button" className="button button--secondary" onClick={() => void open(clientId)}>
          Try again
        </button>
      </EmptyState>
    );
  }
  if (status !== 'ready') {
    return (
      <ul className="skeleton-list" aria-busy="true" aria-label="Loading messages">
        {[0, 1].map((n) => (
          <li key={n} className="skeleton-row skeleton-row--thread">
            <span className="skeleton skeleton--circle" />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--short" />
          </li>
        ))}
      </ul>
    );
  }
  if (entries.length === 0) {
    return (
      <EmptyState icon="message" title="No messages with this client yet.">
        <p>Messages you and the client exchange through the Customer Portal appear here.</p>
      </EmptyState>
    );
  }
  return (
    <ThreadList
      label="Conversations with this client"
      entries={entries}
      showStaff
      onOpen={(entry) =>
        navigate({ name: 'thread', threadId: entry.threadId, origin: { from: 'client', clientId } })
      }
    />
  );
}

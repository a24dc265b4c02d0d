import { useEffect } from 'react';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { EmptyState } from '../../components/EmptyState';
import { useInboxStore } from '../../stores/inbox-store';
import { type InboxBox, useNavigationStore } from '../../stores/navigation-store';
import { BulkBar } from './BulkBar';
import { ThreadList } from './ThreadList';

/** The Inbox's Unread or Read Messages box: Customer Portal conversations, with bulk marking. */
export function ConversationsPanel({ box }: { box: InboxBox }) {
  const open = useInboxStore((state) => state.open);
  const status = useInboxStore((state) => (state.box === box ? state.status : 'loading'));
  const entries = useInboxStore((state) => (state.box === box ? state.entries : []));
  const error = useInboxStore((state) => state.error);
  const selected = useInboxStore((state) => state.selected);
  const setSelected = useInboxStore((state) => state.setSelected);
  const selectAll = useInboxStore((state) => state.selectAll);
  const mark = useInboxStore((state) => state.mark);
  const marking = useInboxStore((state) => state.marking);
  const markError = useInboxStore((state) => state.markError);
  const navigate = useNavigationStore((state) => state.navigate);

  useEffect(() => {
    void open(box);
  }, [box, open]);

  if (status === 'error') {
    return (
      <EmptyState icon="warning" title="The Inbox could not be loaded" tone="danger">
        <p>{error}</p>
        <button type="button" className="button button--secondary" onClick={() => void open(box)}>
          Try again
        </button>
      </EmptyState>
    );
  }
  if (status !== 'ready') {
    return (
      <ul className="skeleton-list" aria-busy="true" aria-label="Loading conversations">
        {[0, 1, 2, 3].map((n) => (
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
    return box === 'unread' ? (
      <EmptyState icon="inbox" title="No unread messages">
        <p>When a client writes to you through the Customer Portal, their message appears here.</p>
      </EmptyState>
    ) : (
      <EmptyState icon="mailOpen" title="No read messages yet">
        <p>
          Messages you have read, and copies of the ones you send, are listed here with a{' '}
          {PRODUCT_TEXTS.portalLabel} label.
        </p>
      </EmptyState>
    );
  }
  const chosen = entries.filter((entry) => selected.includes(entry.threadId));
  return (
    <>
      <BulkBar
        total={entries.length}
        selectedCount={chosen.length}
        anyUnread={chosen.some((entry) => entry.unread)}
        anyRead={chosen.some((entry) => !entry.unread)}
        marking={marking}
        error={markError}
        onSelectAll={selectAll}
        onMark={(read) =>
          void mark(
            chosen.map((entry) => entry.threadId),
            read,
          )
        }
      />
      <ThreadList
        label={box === 'unread' ? 'Unread messages' : PRODUCT_TEXTS.readMessages}
        entries={entries}
        showStaff={false}
        selected={selected}
        onSelect={setSelected}
        onOpen={(entry) => navigate({ name: 'thread', threadId: entry.threadId, origin: { from: 'inbox' } })}
      />
    </>
  );
}

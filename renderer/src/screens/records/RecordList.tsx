import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecordKind } from '../../../../shared/domain/requests';
import { NAMES } from '../../../../shared/text/names';
import { EmptyState } from '../../components/EmptyState';
import type { IconName } from '../../components/Icon';
import { Icon } from '../../components/Icon';
import { localToday, plural } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { emptyRecordList, useRecordsStore } from '../../stores/records-store';
import { AddDocumentDialog } from './AddDocumentDialog';
import { RecordCard } from './RecordCard';
import { duplicateRoiIds } from './roi-status';

interface KindText {
  icon: IconName;
  one: string;
  many: string;
  empty: string;
  detail: string;
  loading: string;
}

const TEXTS: Record<RecordKind, KindText> = {
  document: {
    icon: 'document',
    one: 'document',
    many: 'documents',
    empty: 'No documents on this record yet.',
    detail: 'Documents staff add and documents the client sends through the Customer Portal appear here.',
    loading: 'Loading documents',
  },
  assessment: {
    icon: 'assessment',
    one: 'assessment',
    many: 'assessments',
    empty: 'No assessments on this record yet.',
    detail: 'Assessments the client completes through the Customer Portal appear here.',
    loading: 'Loading assessments',
  },
  location: {
    icon: 'location',
    one: 'location',
    many: 'locations',
    empty: 'No locations recorded for this client yet.',
    detail: 'Addresses and locations the client shares through the Customer Portal appear here.',
    loading: 'Loading locations',
  },
  roi: {
    icon: 'shield',
    one: NAMES.releaseOfInformation,
    many: NAMES.releasesOfInformation,
    empty: `No ${NAMES.releaseOfInformation} on file for this client.`,
    detail: 'Releases the client signs through the Customer Portal, and their history, appear here.',
    loading: `Loading ${NAMES.releasesOfInformation}`,
  },
};

interface RecordListProps {
  clientId: string;
  kind: RecordKind;
  /** A record to scroll to, focus and highlight once it is on screen. */
  highlightId: string | undefined;
}

/** One of the profile's record tabs: the client's records of one kind, newest first. */
export function RecordList({ clientId, kind, highlightId }: RecordListProps) {
  const open = useRecordsStore((state) => state.open);
  const list = useRecordsStore((state) =>
    state.clientId === clientId ? state.lists[kind] : emptyRecordList(),
  );
  const [adding, setAdding] = useState(false);
  const today = localToday(useNow(60_000));
  const duplicates = useMemo(
    () => (kind === 'roi' ? duplicateRoiIds(list.records, today) : new Set<string>()),
    [kind, list.records, today],
  );
  const shown = useRef<string | null>(null);
  const text = TEXTS[kind];

  useEffect(() => {
    void open(clientId, kind);
  }, [clientId, kind, open]);

  // Once the asked-for record is on screen (it may arrive with a later sync), bring it into view.
  useEffect(() => {
    if (!highlightId || shown.current === highlightId) return;
    if (!list.records.some((record) => record.id === highlightId)) return;
    const element = document.getElementById(`record-${highlightId}`);
    if (!element) return;
    shown.current = highlightId;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element.focus({ preventScroll: true });
  }, [highlightId, list.records]);

  const addButton =
    kind === 'document' ? (
      <button type="button" className="button button--secondary button--sm" onClick={() => setAdding(true)}>
        <Icon name="plus" size={15} />
        Add document
      </button>
    ) : null;
  const dialog = adding && <AddDocumentDialog clientId={clientId} onClose={() => setAdding(false)} />;

  if (list.status === 'error') {
    return (
      <EmptyState icon="warning" title={`${capitalize(text.many)} could not be loaded`} tone="danger">
        <p>{list.error}</p>
        <button type="button" className="button button--secondary" onClick={() => void open(clientId, kind)}>
          Try again
        </button>
      </EmptyState>
    );
  }
  if (list.status !== 'ready') {
    return (
      <ul className="skeleton-list" aria-busy="true" aria-label={text.loading}>
        {[0, 1].map((n) => (
          <li key={n} className="skeleton-row skeleton-row--record">
            <span className="skeleton skeleton--square" />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--short" />
          </li>
        ))}
      </ul>
    );
  }
  if (list.records.length === 0) {
    return (
      <>
        <EmptyState icon={text.icon} title={text.empty}>
          <p>{text.detail}</p>
          {addButton}
        </EmptyState>
        {dialog}
      </>
    );
  }
  return (
    <>
      <div className="panel-toolbar">
        <p className="panel-toolbar__text">
          {list.records.length === 1
            ? `1 ${text.one}.`
            : `${plural(list.records.length, text.one, text.many)}, newest first.`}
        </p>
        {addButton}
      </div>
      {kind === 'roi' && duplicates.size > 0 && <RoiDuplicatesNote count={duplicates.size} />}
      <ul className="record-list" aria-label={capitalize(text.many)}>
        {list.records.map((record) => (
          <li key={record.id}>
            <RecordCard
              record={record}
              highlighted={record.id === highlightId}
              duplicate={kind === 'roi' && duplicates.has(record.id)}
            />
          </li>
        ))}
      </ul>
      {dialog}
    </>
  );
}

function capitalize(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Above the ROI list when some were signed while another was active: what that means, what to do. */
function RoiDuplicatesNote({ count }: { count: number }) {
  return (
    <p className="note note--warning roi-duplicates-note">
      <Icon name="warning" size={16} />
      <span>
        {count === 1
          ? 'One Release of Information, marked Duplicate, was signed while another was still active.'
          : `${count} Releases of Information, marked Duplicate, were signed while another was still active.`}{' '}
        A client should have one active at a time. Signed releases are legal records and are kept as they are:
        review them with your agency administrator.
      </span>
    </p>
  );
}

import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';
import { NAMES } from '../../../../shared/text/names';
import { Icon, type IconName } from '../../components/Icon';
import type { ProfileTab } from '../../stores/navigation-store';
import { ClientThreads } from '../messages/ClientThreads';
import { RecordList } from '../records/RecordList';
import { ClientRequestsTab } from '../requests/ClientRequestsTab';

interface RecordTab {
  key: ProfileTab;
  label: string;
  icon: IconName;
}

/** The client's records, in the reference product's order. */
const TABS: RecordTab[] = [
  { key: 'messages', label: 'Messages', icon: 'message' },
  { key: 'portal', label: 'Customer Portal', icon: 'portal' },
  { key: 'documents', label: 'Documents', icon: 'document' },
  { key: 'assessments', label: 'Assessments', icon: 'assessment' },
  { key: 'location', label: 'Location', icon: 'location' },
  { key: 'roi', label: NAMES.releaseOfInformation, icon: 'shield' },
];

interface RecordTabsProps {
  clientId: string;
  /** The tab shown: it is part of the address, so a notification can open a record's tab. */
  tab: ProfileTab;
  /** A record to scroll to and highlight on the tab. */
  recordId: string | undefined;
  onSelect(tab: ProfileTab): void;
}

function panelOf(key: ProfileTab, clientId: string, recordId: string | undefined): ReactNode {
  switch (key) {
    case 'messages':
      return <ClientThreads clientId={clientId} />;
    case 'portal':
      return <ClientRequestsTab clientId={clientId} />;
    case 'documents':
      return <RecordList clientId={clientId} kind="document" highlightId={recordId} />;
    case 'assessments':
      return <RecordList clientId={clientId} kind="assessment" highlightId={recordId} />;
    case 'location':
      return <RecordList clientId={clientId} kind="location" highlightId={recordId} />;
    case 'roi':
      return <RecordList clientId={clientId} kind="roi" highlightId={recordId} />;
  }
}

/** WAI-ARIA tabs with automatic activation: arrows move and select, Home/End jump. */
export function RecordTabs({ clientId, tab, recordId, onSelect }: RecordTabsProps) {
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const baseId = useId();
  const selected = Math.max(
    0,
    TABS.findIndex((each) => each.key === tab),
  );

  const select = (index: number) => {
    const next = TABS[(index + TABS.length) % TABS.length];
    if (!next) return;
    onSelect(next.key);
    tabRefs.current[TABS.indexOf(next)]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: selected + 1,
      ArrowLeft: selected - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  const current = TABS[selected] ?? TABS[0];
  return (
    <div className="card record-tabs" id="client-records">
      <div role="tablist" aria-label="Client records" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((each, index) => (
          <button
            key={each.key}
            ref={(element) => {
              tabRefs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${each.key}`}
            aria-selected={index === selected}
            aria-controls={`${baseId}-panel`}
            tabIndex={index === selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => onSelect(each.key)}
          >
            <Icon name={each.icon} size={17} />
            {each.label}
          </button>
        ))}
      </div>
      {current && (
        <div
          role="tabpanel"
          id={`${baseId}-panel`}
          aria-labelledby={`${baseId}-tab-${current.key}`}
          className="tabs__panel"
        >
          {panelOf(current.key, clientId, recordId)}
        </div>
      )}
    </div>
  );
}

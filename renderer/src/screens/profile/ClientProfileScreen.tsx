import { useEffect, useRef, useState } from 'react';
import { fullName } from '../../../../shared/domain/names';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { useNow } from '../../lib/use-now';
import { useClientThreadsStore } from '../../stores/client-threads-store';
import { type ProfileTab, useNavigationStore } from '../../stores/navigation-store';
import { useProfileStore } from '../../stores/profile-store';
import { ComposeMessageDialog } from '../messages/ComposeMessageDialog';
import { useDuplicateRois } from '../records/use-duplicate-rois';
import { CareTeamCard } from './CareTeamCard';
import { DetailsCard } from './DetailsCard';
import { EditDetailsDialog } from './EditDetailsDialog';
import { EnrollmentsCard } from './EnrollmentsCard';
import { ProfileHeader } from './ProfileHeader';
import { ProfileSkeleton } from './ProfileSkeleton';
import { RecordTabs } from './RecordTabs';

interface ClientProfileScreenProps {
  clientId: string;
  tab?: ProfileTab | undefined;
  /** A record to show on the tab, e.g. from a notification about a fulfilled request. */
  recordId?: string | undefined;
}

export function ClientProfileScreen({ clientId, tab = 'messages', recordId }: ClientProfileScreenProps) {
  const navigate = useNavigationStore((state) => state.navigate);
  const open = useProfileStore((state) => state.open);
  const profile = useProfileStore((state) => (state.clientId === clientId ? state.profile : null));
  const status = useProfileStore((state) => state.status);
  const error = useProfileStore((state) => state.error);
  const [editing, setEditing] = useState(false);
  const [composing, setComposing] = useState(false);
  const now = useNow(60_000);
  const backRef = useRef<HTMLAnchorElement>(null);
  const duplicateRois = useDuplicateRois(clientId);

  useEffect(() => {
    void open(clientId);
  }, [clientId, open]);

  // Focus starts at the top of the new page, as after a page load, rather than on the gone row;
  // a record asked for by name is focused by its list instead, once it has loaded.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the page first opens.
  useEffect(() => {
    if (!recordId) backRef.current?.focus();
  }, []);

  return (
    <div className="page page--profile">
      <a ref={backRef} className="back-link" href="#/clients">
        <Icon name="back" size={16} />
        Back to clients
      </a>
      {profile ? (
        <>
          <ProfileHeader
            profile={profile}
            now={now}
            onSendMessage={() => setComposing(true)}
            onOpenPortalRequests={() => navigate({ name: 'customer-portal', clientId })}
            duplicateRois={duplicateRois.size}
            onReviewRoi={() => {
              navigate({ name: 'client', clientId, tab: 'roi' }, { replace: true });
              document
                .getElementById('client-records')
                ?.scrollIntoView({ block: 'start', behavior: 'smooth' });
            }}
          />
          <div className="profile-cards">
            <DetailsCard
              profile={profile}
              now={now}
              onEdit={profile.editable ? () => setEditing(true) : undefined}
            />
            <CareTeamCard members={profile.careTeam} />
            <EnrollmentsCard enrollments={profile.enrollments} />
          </div>
          <RecordTabs
            clientId={clientId}
            tab={tab}
            recordId={recordId}
            onSelect={(next) => navigate({ name: 'client', clientId, tab: next }, { replace: true })}
          />
          {editing && <EditDetailsDialog profile={profile} onClose={() => setEditing(false)} />}
          {composing && (
            <ComposeMessageDialog
              clientId={clientId}
              clientName={fullName(profile.client)}
              portalConnected={profile.client.portalConnected}
              onClose={() => setComposing(false)}
              onSent={() => void useClientThreadsStore.getState().reload()}
            />
          )}
        </>
      ) : status === 'missing' ? (
        <div className="card">
          <EmptyState icon="lock" title="This client’s record isn’t available">
            <p>
              It may not be shared with your agency, or your access to it has ended. If you think you should
              see it, ask your agency administrator.
            </p>
          </EmptyState>
        </div>
      ) : status === 'error' ? (
        <div className="card">
          <EmptyState icon="warning" title="This record could not be opened" tone="danger">
            <p>{error}</p>
            <button type="button" className="button button--secondary" onClick={() => void open(clientId)}>
              Try again
            </button>
          </EmptyState>
        </div>
      ) : (
        <ProfileSkeleton />
      )}
    </div>
  );
}

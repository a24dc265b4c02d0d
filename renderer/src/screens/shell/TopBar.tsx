import type { SessionUser } from '../../../../shared/domain/session';
import { OfflineBanner } from './OfflineBanner';
import { SyncIndicator } from './SyncIndicator';
import { SyncNowButton } from './SyncNowButton';
import { TopBarTrail } from './TopBarTrail';
import { UserMenu } from './UserMenu';

export function TopBar({ user }: { user: SessionUser }) {
  return (
    // The offline notice sits in the banner landmark: it is about the whole app, not this page.
    <header className="topbar-area">
      <div className="topbar">
        <TopBarTrail />
        <div className="topbar__actions">
          <SyncIndicator />
          <SyncNowButton />
          <span className="topbar__separator" aria-hidden="true" />
          <UserMenu user={user} />
        </div>
      </div>
      <OfflineBanner />
    </header>
  );
}

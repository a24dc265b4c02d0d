import type { SessionUser } from '../../../../shared/domain/session';
import { type Route, useNavigationStore } from '../../stores/navigation-store';
import { AgencySettingsScreen } from '../agency-settings/AgencySettingsScreen';
import { AuditLogScreen } from '../audit/AuditLogScreen';
import { ClientsScreen } from '../clients/ClientsScreen';
import { MassSendJobScreen } from '../mass-send/MassSendJobScreen';
import { MassSendScreen } from '../mass-send/MassSendScreen';
import { InboxScreen } from '../messages/InboxScreen';
import { ThreadScreen } from '../messages/ThreadScreen';
import { MyInfoScreen } from '../my-info/MyInfoScreen';
import { ClientProfileScreen } from '../profile/ClientProfileScreen';
import { CustomerPortalScreen } from '../requests/CustomerPortalScreen';
import { NavRail } from './NavRail';
import { TopBar } from './TopBar';

function isAdmin(user: SessionUser): boolean {
  return user.role === 'agency_admin' || user.role === 'system_admin';
}

function Screen({ route, user }: { route: Route; user: SessionUser }) {
  switch (route.name) {
    case 'client':
      return (
        <ClientProfileScreen
          key={route.clientId}
          clientId={route.clientId}
          tab={route.tab}
          recordId={route.recordId}
        />
      );
    case 'customer-portal':
      return <CustomerPortalScreen key={route.clientId} clientId={route.clientId} />;
    case 'inbox':
      return <InboxScreen box={route.box} />;
    case 'thread':
      return <ThreadScreen key={route.threadId} threadId={route.threadId} origin={route.origin} />;
    case 'my-info':
      return <MyInfoScreen user={user} />;
    case 'mass-send':
      return <MassSendScreen />;
    case 'mass-send-job':
      return <MassSendJobScreen key={route.jobId} jobId={route.jobId} />;
    case 'audit':
      return isAdmin(user) ? <AuditLogScreen /> : <ClientsScreen />;
    case 'agency-settings':
      return isAdmin(user) ? <AgencySettingsScreen user={user} /> : <ClientsScreen />;
    default:
      return <ClientsScreen />;
  }
}

export function AppShell({ user }: { user: SessionUser }) {
  const route = useNavigationStore((state) => state.route);
  return (
    <div className="shell">
      <NavRail showAudit={isAdmin(user)} />
      <div className="shell__body">
        <TopBar user={user} />
        <main className="shell__main" id="main">
          <Screen route={route} user={user} />
        </main>
      </div>
    </div>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bridge } from './bridge';
import { startActivityReporter } from './lib/activity-reporter';
import { startBridgeSubscriptions } from './stores/bridge-subscriptions';
import { useLockStore } from './stores/lock-store';
import { useSessionStore } from './stores/session-store';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/shell.css';
import './styles/sign-in.css';
import './styles/clients.css';
import './styles/profile.css';
import './styles/overlays.css';
import './styles/actions.css';
import './styles/editor.css';
import './styles/messages.css';
import './styles/tables.css';
import './styles/fields.css';
import './styles/requests.css';
import './styles/records.css';
import './styles/lock.css';
import './styles/portal-connection.css';
import './styles/delivery.css';
import './styles/choices.css';
import './styles/mass-send.css';
import './styles/mass-send-jobs.css';
import './styles/audit.css';
import './styles/agency-settings.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

startBridgeSubscriptions();
// Input in the window keeps the idle lock away; only while someone is signed in and it is open.
startActivityReporter(
  () => void bridge.session.activity().catch(() => undefined),
  () => useSessionStore.getState().phase === 'signed-in' && useLockStore.getState().status === 'unlocked',
);

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { LogoMark } from './components/LogoMark';
import { Toaster } from './components/Toaster';
import { LockScreen } from './screens/lock/LockScreen';
import { AppShell } from './screens/shell/AppShell';
import { NoticeAlert } from './screens/shell/NoticeAlert';
import { SignOutConfirm } from './screens/shell/SignOutConfirm';
import { SignInScreen } from './screens/sign-in/SignInScreen';
import { useLockStore } from './stores/lock-store';
import { useSessionStore } from './stores/session-store';
import { useBridgeConnection } from './stores/use-bridge-connection';

export function App() {
  const phase = useSessionStore((state) => state.phase);
  const user = useSessionStore((state) => state.session?.user ?? null);
  const lock = useLockStore((state) => state.status);
  return (
    <>
      {phase === 'signed-in' && user ? (
        // Nothing of the app is mounted until the services say it is not locked.
        lock === 'unlocked' ? (
          <>
            <AppShell user={user} />
            <NoticeAlert />
          </>
        ) : lock === 'locked' ? (
          <LockScreen user={user} />
        ) : (
          <StartingUp />
        )
      ) : phase === 'signed-out' ? (
        <SignInScreen />
      ) : (
        <StartingUp />
      )}
      <SignOutConfirm />
      <Toaster />
    </>
  );
}

/** Before the services have answered whether someone is signed in. */
function StartingUp() {
  const connection = useBridgeConnection();
  return (
    <main className="starting">
      <LogoMark size={56} />
      <p className="starting__text" aria-live="polite">
        {connection === 'closed' ? 'Still trying to reach Portico’s services…' : 'Starting Portico…'}
      </p>
    </main>
  );
}

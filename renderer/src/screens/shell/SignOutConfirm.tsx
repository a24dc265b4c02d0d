import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSessionStore } from '../../stores/session-store';

/**
 * Asked when the services refuse a sign-out because work has not left this computer yet: signing
 * out wipes the local copy, so their count of what would be lost is shown word for word.
 */
export function SignOutConfirm() {
  const conflict = useSessionStore((state) => state.signOutConflict);
  const signingOut = useSessionStore((state) => state.signingOut);
  const signOut = useSessionStore((state) => state.signOut);
  const cancel = useSessionStore((state) => state.cancelSignOut);
  if (!conflict) return null;
  return (
    <ConfirmDialog
      title="Sign out and delete unsent work?"
      message={
        <>
          <p>{conflict}</p>
          <p className="alert-dialog__hint">
            Keep working to stay signed in: changes go to the agency server once it can be reached, and drafts
            wait until you send or discard them.
          </p>
        </>
      }
      cancelLabel="Keep working"
      confirmLabel="Sign out and delete"
      icon="signOut"
      busy={signingOut}
      onCancel={cancel}
      onConfirm={() => void signOut({ force: true })}
    />
  );
}

import { AlertDialog } from '../../components/AlertDialog';
import { useNoticesStore } from '../../stores/notices-store';

/** Shows the oldest notice the services raised (e.g. a damaged cache replaced) until OK is pressed. */
export function NoticeAlert() {
  const notice = useNoticesStore((state) => state.notices[0]);
  const dismiss = useNoticesStore((state) => state.dismiss);
  if (!notice) return null;
  return (
    <AlertDialog
      key={notice.id}
      title={notice.title}
      message={notice.message}
      detail={notice.detail ?? undefined}
      onClose={() => void dismiss(notice.id)}
    />
  );
}

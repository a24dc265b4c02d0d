import { useToastStore } from '../stores/toast-store';
import { Icon } from './Icon';

/** Confirmations, announced politely; the region always exists so screen readers hear additions. */
export function Toaster() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  return (
    <div className="toaster" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <Icon name="cloudCheck" size={18} />
          <p>{toast.message}</p>
          <button
            type="button"
            className="icon-button icon-button--sm icon-button--inverse"
            aria-label="Dismiss"
            onClick={() => dismiss(toast.id)}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

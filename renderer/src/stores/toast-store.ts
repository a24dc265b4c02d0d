import { create } from 'zustand';

interface Toast {
  id: number;
  message: string;
}

interface ToastState {
  toasts: Toast[];
  dismiss(id: number): void;
}

const SHOW_MS = 5_000;
let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));

/** A short confirmation after something finished out of sight, e.g. a dialog that closed on save. */
export function showToast(message: string): void {
  const id = nextId++;
  useToastStore.setState((state) => ({ toasts: [...state.toasts.slice(-2), { id, message }] }));
  setTimeout(() => useToastStore.getState().dismiss(id), SHOW_MS);
}

import { create } from 'zustand';
import type { StaffSettings } from '../../../shared/domain/messaging';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

type SettingKey = keyof StaffSettings;

interface SettingsState {
  settings: StaffSettings | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The settings being saved right now, so their switches wait. */
  saving: SettingKey[];
  /** Why the last change did not save (offline, refused); cleared by the next change. */
  updateError: string | null;
  load(): Promise<void>;
  update<K extends SettingKey>(key: K, value: StaffSettings[K]): Promise<void>;
  reset(): void;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  status: 'idle',
  error: null,
  saving: [],
  updateError: null,

  async load() {
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      set({ settings: await bridge.settings.get(), status: 'ready', error: null });
    } catch (error) {
      if (get().status !== 'ready') set({ status: 'error', error: messageOf(error) });
    }
  },

  async update(key, value) {
    const before = get().settings;
    if (!before || get().saving.includes(key)) return;
    // The switch moves at once; if the change does not save it moves back and says why.
    set({ settings: { ...before, [key]: value }, saving: [...get().saving, key], updateError: null });
    try {
      const saved = await bridge.settings.update({ [key]: value });
      set({ settings: saved });
    } catch (error) {
      const current = get().settings;
      if (current) set({ settings: { ...current, [key]: before[key] } });
      set({ updateError: messageOf(error) });
    } finally {
      set({ saving: get().saving.filter((saving) => saving !== key) });
    }
  },

  reset() {
    set({ settings: null, status: 'idle', error: null, saving: [], updateError: null });
  },
}));

import { create } from 'zustand';
import { RECORD_KINDS, type RecordKind, type RecordSummary } from '../../../shared/domain/requests';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RecordList {
  status: ListStatus;
  /** Newest first. */
  records: RecordSummary[];
  error: string | null;
}

const EMPTY_LIST: RecordList = { status: 'idle', records: [], error: null };

function emptyLists(): Record<RecordKind, RecordList> {
  return { document: EMPTY_LIST, assessment: EMPTY_LIST, location: EMPTY_LIST, roi: EMPTY_LIST };
}

/** One client's records, per kind, for the profile's Documents, Assessments, Location and ROI tabs. */
interface RecordsState {
  clientId: string | null;
  lists: Record<RecordKind, RecordList>;
  open(clientId: string, kind: RecordKind): Promise<void>;
  /** Reads again every kind that has been opened, e.g. after sync brought a fulfilled request. */
  reload(): Promise<void>;
  close(): void;
}

/** Per kind, so reading Documents again does not drop an answer for Assessments. */
const latest: Record<RecordKind, number> = { document: 0, assessment: 0, location: 0, roi: 0 };

export function emptyRecordList(): RecordList {
  return EMPTY_LIST;
}

export const useRecordsStore = create<RecordsState>()((set, get) => {
  const setList = (kind: RecordKind, list: RecordList) =>
    set((state) => ({ lists: { ...state.lists, [kind]: list } }));

  const read = async (clientId: string, kind: RecordKind, quiet: boolean): Promise<void> => {
    const request = ++latest[kind];
    if (!quiet) setList(kind, { status: 'loading', records: [], error: null });
    try {
      const records = await bridge.records.forClient({ clientId, kind });
      if (request !== latest[kind] || get().clientId !== clientId) return;
      records.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
      setList(kind, { status: 'ready', records, error: null });
    } catch (error) {
      if (request !== latest[kind] || get().clientId !== clientId) return;
      const current = get().lists[kind];
      if (quiet && current.status === 'ready') return;
      setList(kind, { status: 'error', records: [], error: messageOf(error) });
    }
  };

  return {
    clientId: null,
    lists: emptyLists(),

    async open(clientId, kind) {
      if (get().clientId !== clientId) {
        for (const each of RECORD_KINDS) latest[each]++;
        set({ clientId, lists: emptyLists() });
      }
      await read(clientId, kind, get().lists[kind].status === 'ready');
    },

    async reload() {
      const { clientId, lists } = get();
      if (!clientId) return;
      await Promise.all(
        RECORD_KINDS.filter((kind) => lists[kind].status !== 'idle').map((kind) =>
          read(clientId, kind, true),
        ),
      );
    },

    close() {
      for (const kind of RECORD_KINDS) latest[kind]++;
      set({ clientId: null, lists: emptyLists() });
    },
  };
});

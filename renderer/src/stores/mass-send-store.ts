import { create } from 'zustand';
import type { MassSendKind, RecipientPreview } from '../../../shared/domain/mass-send';
import { EMPTY_DOCUMENT, type RichTextDocument } from '../../../shared/rich-text/model';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

export interface Program {
  id: string;
  name: string;
}

export type EnrollmentStatus = 'active' | 'inactive';

/** What a request asks for; the same fields as SEND REQUEST TO THE CUSTOMER PORTAL. */
export interface MassSendFields {
  private: boolean;
  assessmentDefinitionId: string;
  documentCategoryId: string;
  documentName: string;
  otherName: string;
}

export const EMPTY_MASS_SEND_FIELDS: MassSendFields = {
  private: false,
  assessmentDefinitionId: '',
  documentCategoryId: '',
  documentName: '',
  otherName: '',
};

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The MASS SENDING form. It lives in a store rather than in the page so that what the person chose
 * and wrote survives leaving the page and the idle lock (which unmounts every screen).
 */
interface MassSendState {
  programs: Program[];
  programsStatus: LoadStatus;
  programsError: string | null;
  selectedPrograms: string[];
  withoutEnrollment: boolean;
  enrollmentStatus: EnrollmentStatus;
  recipients: RecipientPreview[];
  recipientsStatus: LoadStatus;
  recipientsError: string | null;
  /** Clients the person unticked; everyone else listed is sent to, including clients listed later. */
  unticked: string[];
  kind: MassSendKind;
  message: RichTextDocument;
  /** Changes when the message is cleared after a send, so the editor starts afresh. */
  messageVersion: number;
  fields: MassSendFields;
  open(): Promise<void>;
  /** Reads programs and recipients again (sync brought changes), keeping what is shown meanwhile. */
  refresh(): Promise<void>;
  setProgram(id: string, on: boolean): void;
  setWithoutEnrollment(on: boolean): void;
  /** Every program and "Without any enrollment in current agency". */
  selectAll(on: boolean): void;
  setEnrollmentStatus(status: EnrollmentStatus): void;
  setRecipient(clientId: string, on: boolean): void;
  setAllRecipients(on: boolean): void;
  setKind(kind: MassSendKind): void;
  setMessage(message: RichTextDocument): void;
  setFields(patch: Partial<MassSendFields>): void;
  /** After a send: the content starts afresh; the recipients stay for a follow-up. */
  sent(): void;
  reset(): void;
}

let latestRecipients = 0;

const INITIAL = {
  programs: [],
  programsStatus: 'idle' as LoadStatus,
  programsError: null,
  selectedPrograms: [],
  withoutEnrollment: false,
  enrollmentStatus: 'active' as EnrollmentStatus,
  recipients: [],
  recipientsStatus: 'idle' as LoadStatus,
  recipientsError: null,
  unticked: [],
  kind: 'message' as MassSendKind,
  message: EMPTY_DOCUMENT,
  messageVersion: 0,
  fields: EMPTY_MASS_SEND_FIELDS,
};

export const useMassSendStore = create<MassSendState>()((set, get) => {
  const loadPrograms = async (quiet: boolean): Promise<void> => {
    if (!quiet) set({ programsStatus: 'loading', programsError: null });
    try {
      const programs = await bridge.massSend.programs();
      const known = new Set(programs.map((program) => program.id));
      set({
        programs,
        programsStatus: 'ready',
        programsError: null,
        // A program that closed since it was ticked no longer counts.
        selectedPrograms: get().selectedPrograms.filter((id) => known.has(id)),
      });
    } catch (error) {
      if (!quiet || get().programsStatus !== 'ready') {
        set({ programsStatus: 'error', programsError: messageOf(error) });
      }
    }
  };

  const loadRecipients = async (quiet: boolean): Promise<void> => {
    const request = ++latestRecipients;
    const { programs, selectedPrograms, withoutEnrollment, enrollmentStatus } = get();
    if (selectedPrograms.length === 0 && !withoutEnrollment) {
      set({ recipients: [], recipientsStatus: 'ready', recipientsError: null });
      return;
    }
    if (!quiet) set({ recipientsStatus: 'loading', recipientsError: null });
    try {
      const recipients = await bridge.massSend.recipients({
        programIds: selectedPrograms,
        // Every program ticked means the agency's programs, including any added before the next sync.
        allPrograms: programs.length > 0 && selectedPrograms.length === programs.length,
        withoutEnrollment,
        enrollmentStatus,
      });
      if (request !== latestRecipients) return;
      set({ recipients, recipientsStatus: 'ready', recipientsError: null });
    } catch (error) {
      if (request !== latestRecipients) return;
      if (!quiet || get().recipientsStatus !== 'ready') {
        set({ recipientsStatus: 'error', recipientsError: messageOf(error) });
      }
    }
  };

  const choose = (patch: Partial<MassSendState>) => {
    set(patch);
    void loadRecipients(false);
  };

  return {
    ...INITIAL,

    async open() {
      if (get().programsStatus !== 'ready') await loadPrograms(false);
      await loadRecipients(get().recipientsStatus === 'ready');
    },

    async refresh() {
      if (get().programsStatus === 'idle') return;
      await loadPrograms(true);
      await loadRecipients(true);
    },

    setProgram(id, on) {
      const others = get().selectedPrograms.filter((each) => each !== id);
      choose({ selectedPrograms: on ? [...others, id] : others });
    },

    setWithoutEnrollment(on) {
      choose({ withoutEnrollment: on });
    },

    selectAll(on) {
      choose({
        selectedPrograms: on ? get().programs.map((program) => program.id) : [],
        withoutEnrollment: on,
      });
    },

    setEnrollmentStatus(enrollmentStatus) {
      choose({ enrollmentStatus });
    },

    setRecipient(clientId, on) {
      const others = get().unticked.filter((each) => each !== clientId);
      set({ unticked: on ? others : [...others, clientId] });
    },

    setAllRecipients(on) {
      set({ unticked: on ? [] : get().recipients.map((recipient) => recipient.clientId) });
    },

    setKind(kind) {
      set({ kind });
    },

    setMessage(message) {
      set({ message });
    },

    setFields(patch) {
      set({ fields: { ...get().fields, ...patch } });
    },

    sent() {
      set({
        message: EMPTY_DOCUMENT,
        messageVersion: get().messageVersion + 1,
        fields: EMPTY_MASS_SEND_FIELDS,
      });
    },

    reset() {
      latestRecipients++;
      set({ ...INITIAL, messageVersion: get().messageVersion + 1 });
    },
  };
});

/** The clients a send goes to: those listed and still ticked. */
export function chosenRecipients(state: Pick<MassSendState, 'recipients' | 'unticked'>): RecipientPreview[] {
  const unticked = new Set(state.unticked);
  return state.recipients.filter((recipient) => !unticked.has(recipient.clientId));
}

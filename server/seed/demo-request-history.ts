import type { LocationRecordData, RequestType } from '../../shared/domain/requests';
import { DEMO_ROIS, type DEMO_STAFF } from './demo-data';
import { demoPdf, demoText } from './demo-files';

/** The demo's Customer Portal requests and records (by client seed index), seeded by demo-requests.ts. */

export type DemoStaffName = (typeof DEMO_STAFF)[number]['username'];

export interface DemoFile {
  name: string;
  contentType: string;
  /** The file's contents for the client it is about. */
  bytes: (clientName: string) => Uint8Array;
}

export type DemoFulfilment =
  | { kind: 'assessment'; answers: Record<string, string | number | boolean> }
  | { kind: 'document'; file: DemoFile }
  | { kind: 'location'; location: LocationRecordData }
  | { kind: 'roi'; active: boolean };

export interface DemoRequest {
  client: number;
  staff: DemoStaffName;
  type: RequestType;
  private?: boolean;
  /** Assessment requests: the definition's name in the sender's agency catalog. */
  assessment?: string;
  /** Document requests. */
  category?: string;
  documentName?: string;
  sentDaysAgo: number;
  outcome: 'sent' | 'viewed' | 'cancelled' | 'expired' | { fulfilledDaysAgo: number; with: DemoFulfilment };
  /** Whether the sender has read the fulfilment's notification. */
  notificationRead?: boolean;
}

const FREQUENT = 'More than half the days';
const SOMETIMES = 'Several days';

const ROI_REQUESTS: DemoRequest[] = DEMO_ROIS.map((roi) => ({
  client: roi.client,
  staff: roi.staff,
  type: 'roi',
  sentDaysAgo: roi.signedDaysAgo + 2,
  outcome: { fulfilledDaysAgo: roi.signedDaysAgo, with: { kind: 'roi', active: roi.active } },
  notificationRead: true,
}));

export const DEMO_REQUESTS: DemoRequest[] = [
  ...ROI_REQUESTS,
  {
    client: 0,
    staff: 'casey',
    type: 'assessment',
    assessment: 'Housing Needs Assessment',
    sentDaysAgo: 12,
    outcome: {
      fulfilledDaysAgo: 10,
      with: {
        kind: 'assessment',
        answers: {
          living_situation: 'Emergency shelter',
          household_size: 1,
          monthly_income: 940,
          has_eviction_notice: false,
          bedrooms_needed: 'Studio',
          barriers: 'An old eviction from 2019 and no rental history since then.',
          best_contact_time: 'Mornings before 11',
        },
      },
    },
    notificationRead: true,
  },
  {
    client: 4,
    staff: 'casey',
    type: 'document',
    category: 'Identification',
    documentName: 'State ID',
    sentDaysAgo: 4,
    outcome: {
      fulfilledDaysAgo: 2,
      with: {
        kind: 'document',
        file: {
          name: 'state-id.pdf',
          contentType: 'application/pdf',
          bytes: (clientName) =>
            demoPdf('State Identification Card (demo)', [
              `Name: ${clientName}`,
              'ID number: D000-1234-5678',
              'Expires: 2029-08-31',
              'This is generated demo data, not a real document.',
            ]),
        },
      },
    },
  },
  {
    client: 5,
    staff: 'priya',
    type: 'location',
    sentDaysAgo: 3,
    outcome: {
      fulfilledDaysAgo: 1,
      with: {
        kind: 'location',
        location: {
          address: 'Central Library, steps on 5th Avenue',
          latitude: 47.60668,
          longitude: -122.33251,
          accuracy: 18,
        },
      },
    },
  },
  {
    client: 3,
    staff: 'priya',
    type: 'location',
    sentDaysAgo: 21,
    outcome: {
      fulfilledDaysAgo: 20,
      with: {
        kind: 'location',
        location: {
          address: 'Under the Rainier Ave overpass, north side',
          latitude: null,
          longitude: null,
          accuracy: null,
        },
      },
    },
    notificationRead: true,
  },
  {
    client: 31,
    staff: 'jordan',
    type: 'assessment',
    private: true,
    assessment: 'PHQ-9 Depression Screening',
    sentDaysAgo: 2,
    outcome: {
      fulfilledDaysAgo: 1,
      with: {
        kind: 'assessment',
        answers: {
          interest: SOMETIMES,
          down: FREQUENT,
          sleep: FREQUENT,
          tired: FREQUENT,
          appetite: SOMETIMES,
          failure: SOMETIMES,
          concentration: FREQUENT,
          slow: 'Not at all',
          self_harm: 'Not at all',
        },
      },
    },
  },
  // Waiting for the client.
  {
    client: 2,
    staff: 'casey',
    type: 'document',
    category: 'Income',
    documentName: 'Pay Stub',
    sentDaysAgo: 1,
    outcome: 'sent',
  },
  {
    client: 3,
    staff: 'jordan',
    type: 'assessment',
    private: true,
    assessment: 'Housing Needs Assessment',
    sentDaysAgo: 2,
    outcome: 'viewed',
  },
  { client: 1, staff: 'priya', type: 'roi', sentDaysAgo: 1, outcome: 'sent' },
  { client: 32, staff: 'taylor', type: 'location', sentDaysAgo: 0.25, outcome: 'sent' },
  {
    client: 0,
    staff: 'casey',
    type: 'assessment',
    assessment: 'PHQ-9 Depression Screening',
    sentDaysAgo: 2,
    outcome: 'viewed',
  },
  // Closed without an answer.
  {
    client: 4,
    staff: 'casey',
    type: 'document',
    category: 'Income',
    documentName: 'Benefits Letter',
    sentDaysAgo: 9,
    outcome: 'cancelled',
  },
  {
    client: 5,
    staff: 'priya',
    type: 'assessment',
    assessment: 'PHQ-9 Depression Screening',
    sentDaysAgo: 45,
    outcome: 'expired',
  },
];

/** Documents added without a request: by staff, and by a client from the portal. */
export interface DemoUnaskedDocument {
  client: number;
  /** The staff member who added it; undefined when the client uploaded it. */
  staff?: DemoStaffName;
  category?: string;
  name: string;
  private: boolean;
  daysAgo: number;
  file: DemoFile;
}

export const DEMO_UNASKED_DOCUMENTS: DemoUnaskedDocument[] = [
  {
    client: 32,
    staff: 'taylor',
    category: 'Income',
    name: 'Benefits Letter',
    private: false,
    daysAgo: 6,
    file: {
      name: 'benefits-letter.txt',
      contentType: 'text/plain',
      bytes: (clientName) =>
        demoText([
          'Department of Social and Health Services (demo)',
          `${clientName} is approved for monthly food benefits of $291 through March.`,
          'Generated demo data.',
        ]),
    },
  },
  {
    client: 0,
    name: 'Clinic letter',
    private: false,
    daysAgo: 5,
    file: {
      name: 'clinic-letter.pdf',
      contentType: 'application/pdf',
      bytes: (clientName) =>
        demoPdf('Harborview Clinic (demo)', [
          'To whom it may concern:',
          `${clientName} attends weekly appointments at this clinic.`,
          'Generated demo data.',
        ]),
    },
  },
];

import { NAMES } from '../../shared/text/names';

/** The demo agency world: names and shapes only, generated deterministically in demo-seed.ts. */
export const DEMO_PASSWORD = 'Portico#2026';

/** Two agencies two time zones apart, so the agency's own "today" (an ROI's signed date) shows. */
export const DEMO_AGENCIES = [
  {
    key: 'harbor',
    name: 'Harbor Light Outreach',
    timeZone: 'America/Los_Angeles',
    programs: ['Street Outreach', 'Rapid Rehousing', 'Coordinated Entry'],
  },
  {
    key: 'northside',
    name: 'Northside Family Shelter',
    timeZone: 'America/Chicago',
    programs: ['Emergency Shelter', 'Family Housing'],
  },
] as const;

export type DemoAgencyKey = (typeof DEMO_AGENCIES)[number]['key'];

export const DEMO_STAFF = [
  { username: 'casey', name: 'Casey Morgan', title: NAMES.caseManager, role: 'staff', agency: 'harbor' },
  { username: 'priya', name: 'Priya Shah', title: 'Outreach worker', role: 'staff', agency: 'harbor' },
  {
    username: 'alex',
    name: 'Alex Rivera',
    title: 'Program director',
    role: 'agency_admin',
    agency: 'harbor',
  },
  {
    username: 'jordan',
    name: 'Jordan Lee',
    title: 'Shelter case manager',
    role: 'staff',
    agency: 'northside',
  },
  {
    username: 'taylor',
    name: 'Taylor Brooks',
    title: 'Shelter director',
    role: 'agency_admin',
    agency: 'northside',
  },
  {
    username: 'sam',
    name: 'Sam Okafor',
    title: 'HMIS administrator',
    role: 'system_admin',
    agency: 'harbor',
  },
] as const;

export const FIRST_NAMES = [
  'Marcus',
  'Aaliyah',
  'José',
  'Linh',
  'Tyrone',
  'Maria',
  'Devon',
  'Keisha',
  'Andre',
  'Rosa',
  'Samuel',
  'Imani',
  'Luis',
  'Hannah',
  'Darnell',
  'Fatima',
  'Elijah',
  'Grace',
  'Miguel',
  'Tanya',
  'Kwame',
  'Olivia',
  'Rafael',
  'Nadia',
  'Terrence',
  'Jasmine',
  'Carlos',
  'Mei',
  'Dante',
  'Beatriz',
  'Isaiah',
  'Amara',
  'Victor',
  'Destiny',
  'Omar',
  'Shanice',
  'Hector',
  'Leah',
  'Jamal',
  'Lucía',
  'Curtis',
  'Ayesha',
  'Frank',
  'Dolores',
  'Reggie',
  'Yesenia',
  'Walter',
  'Kiana',
  'Ernesto',
  'Brianna',
];

export const LAST_NAMES = [
  'Johnson',
  'Williams',
  'García',
  'Nguyen',
  'Brown',
  'Hernández',
  'Davis',
  'Washington',
  'Martinez',
  'Lopez',
  'Thompson',
  'Okoro',
  'Ramirez',
  'Miller',
  'Jackson',
  'Hassan',
  'Robinson',
  'Kim',
  'Torres',
  'Green',
  'Mensah',
  'Clark',
  'Flores',
  'Haddad',
  'Lewis',
  'Walker',
  'Rivera',
  'Chen',
  'Harris',
  'Silva',
  'Young',
  'Adeyemi',
  'Cruz',
  'Moore',
  'Ali',
  'Jones',
  'Ortiz',
  'Baker',
  'Wright',
  'Morales',
  'Scott',
  'Khan',
  'Hill',
  'Castillo',
  'Allen',
  'Reyes',
  'King',
  'Carter',
  'Vargas',
  'Mitchell',
];

/**
 * Customer Portal sign-ins for a handful of demo clients (by seed index). The username is the
 * client's first name folded to plain lower case ("José" signs in as "jose").
 */
export const DEMO_PORTAL_PASSWORD = 'Portal#2026';
export const DEMO_PORTAL_CLIENTS = [0, 1, 2, 3, 4, 5, 31, 32] as const;

export interface DemoMessage {
  from: 'staff' | 'client';
  /** Plain paragraphs; the seed wraps each in <p>. */
  paragraphs: string[];
  minutesAgo: number;
}

export interface DemoConversation {
  client: (typeof DEMO_PORTAL_CLIENTS)[number];
  staff: (typeof DEMO_STAFF)[number]['username'];
  startedBy: 'staff' | 'client';
  /** Kept to the staff member's agency. */
  private?: boolean;
  /** Whether the staff member has read the client's latest message. */
  staffRead?: boolean;
  messages: DemoMessage[];
}

const HOUR = 60;
const DAY = 24 * HOUR;

/** Conversations on the care teams the demo seed builds, so every thread's staff member is on it. */
export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    client: 0,
    staff: 'casey',
    startedBy: 'staff',
    messages: [
      {
        from: 'staff',
        paragraphs: [
          'Hi Marcus, your housing application went in today. I will let you know when I hear back.',
        ],
        minutesAgo: 3 * DAY,
      },
      { from: 'client', paragraphs: ['Thank you! Do I need to bring anything?'], minutesAgo: 2 * DAY },
      {
        from: 'staff',
        paragraphs: ['Just your ID and the letter from the clinic. See you Thursday at 10.'],
        minutesAgo: 2 * DAY - 3 * HOUR,
      },
      { from: 'client', paragraphs: ['Ok. I might be a little late, the bus is slow.'], minutesAgo: 40 },
    ],
  },
  {
    client: 0,
    staff: 'alex',
    startedBy: 'staff',
    messages: [
      {
        from: 'staff',
        paragraphs: ['Welcome to Rapid Rehousing, Marcus. Casey is your case manager; I lead the program.'],
        minutesAgo: 9 * DAY,
      },
    ],
  },
  {
    client: 1,
    staff: 'priya',
    startedBy: 'client',
    messages: [
      {
        from: 'client',
        paragraphs: ['Hi Priya, the shelter on 5th is full tonight. Is there anywhere else?'],
        minutesAgo: 5 * HOUR,
      },
    ],
  },
  {
    client: 2,
    staff: 'casey',
    startedBy: 'staff',
    staffRead: true,
    messages: [
      {
        from: 'staff',
        paragraphs: ['José, your food bank card is ready at the front desk.'],
        minutesAgo: 6 * DAY,
      },
      { from: 'client', paragraphs: ['Got it, thanks.'], minutesAgo: 5 * DAY },
    ],
  },
  {
    client: 3,
    staff: 'priya',
    startedBy: 'staff',
    messages: [
      {
        from: 'staff',
        paragraphs: ['Linh, outreach will be at the park on Tuesday morning with blankets and water.'],
        minutesAgo: 4 * DAY,
      },
    ],
  },
  {
    client: 3,
    staff: 'jordan',
    startedBy: 'client',
    private: true,
    messages: [
      { from: 'client', paragraphs: ['Is a family room open this week?'], minutesAgo: 30 * HOUR },
      {
        from: 'staff',
        paragraphs: ['One may open on Friday. I will hold it for you if you can come by Thursday.'],
        minutesAgo: 26 * HOUR,
      },
    ],
  },
  {
    client: 4,
    staff: 'casey',
    startedBy: 'client',
    messages: [
      { from: 'client', paragraphs: ['Can we move my appointment to next week?'], minutesAgo: 2 * HOUR },
    ],
  },
  {
    client: 4,
    staff: 'alex',
    startedBy: 'staff',
    staffRead: true,
    messages: [
      { from: 'staff', paragraphs: ['Tyrone, the program survey takes five minutes.'], minutesAgo: 8 * DAY },
      { from: 'client', paragraphs: ['Done!'], minutesAgo: 7 * DAY },
    ],
  },
  {
    client: 5,
    staff: 'priya',
    startedBy: 'staff',
    messages: [
      {
        from: 'staff',
        paragraphs: ['Maria, the clinic van comes on Monday.', 'It parks by the library from 9 to 12.'],
        minutesAgo: DAY,
      },
    ],
  },
  {
    client: 31,
    staff: 'jordan',
    startedBy: 'staff',
    messages: [
      {
        from: 'staff',
        paragraphs: ['Amara, your bed is reserved through the end of the month.'],
        minutesAgo: 3 * DAY,
      },
      { from: 'client', paragraphs: ['Thank you so much.'], minutesAgo: 3 * DAY - 2 * HOUR },
    ],
  },
  {
    client: 32,
    staff: 'taylor',
    startedBy: 'staff',
    messages: [
      {
        from: 'staff',
        paragraphs: ['Victor, family housing interviews start next week. Jordan will call you.'],
        minutesAgo: 10 * DAY,
      },
    ],
  },
];

/**
 * Releases of Information on demo clients (by seed index), so the ROI rule can be seen at work
 * (demo-requests.ts seeds them as fulfilled ROI requests):
 * - Marcus (0): active, signed 165 days ago, ends in 200 days. SEND REQUEST for a new ROI is
 *   refused with "This client already has an active Release of Information…".
 * - Aaliyah (1): active, signed 360 days ago, ends in 5 days: within the 7-day renewal window,
 *   but Priya's renewal request is already waiting for her, so another is refused naming it
 *   (one open ROI request per client).
 * - José (2): signed 100 days ago but ended early by the agency (inactive): a request goes through.
 * Every other client has none.
 */
export const DEMO_ROIS = [
  { client: 0, staff: 'casey', signedDaysAgo: 165, active: true },
  { client: 1, staff: 'priya', signedDaysAgo: 360, active: true },
  { client: 2, staff: 'casey', signedDaysAgo: 100, active: false },
] as const;

import type { AssessmentField } from '../../shared/domain/requests';

/** What every demo agency sets up for requests: the same catalog, in rows of its own per agency. */

export const DEMO_ROI_TERM_DAYS = 365;

export interface DemoAssessment {
  name: string;
  description: string;
  portalEnabled: boolean;
  fields: AssessmentField[];
}

const field = (
  key: string,
  label: string,
  type: AssessmentField['type'],
  required: boolean,
  options: string[] = [],
): AssessmentField => ({ key, label, type, required, options });

/** A number question whose answer is at least `min` (a count or an amount: 0 refuses negatives). */
const count = (key: string, label: string, required: boolean, min: number): AssessmentField => ({
  ...field(key, label, 'number', required),
  min,
});

const FREQUENCY = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];

export const DEMO_ASSESSMENTS: DemoAssessment[] = [
  {
    name: 'Housing Needs Assessment',
    description: 'Where you are staying now and what would help you find and keep housing.',
    portalEnabled: true,
    fields: [
      field('living_situation', 'Where did you stay last night?', 'select', true, [
        'Outside or in a vehicle',
        'Emergency shelter',
        'Staying with friends or family',
        'Motel paid by myself',
        'My own apartment or house',
        'Other',
      ]),
      count('household_size', 'How many people are in your household, including you?', true, 1),
      count('monthly_income', 'Total monthly household income (dollars)', false, 0),
      field('has_eviction_notice', 'I have received an eviction notice', 'checkbox', false),
      field('move_by', 'If you have to move, by what date?', 'date', false),
      field('bedrooms_needed', 'Bedrooms needed', 'select', false, ['Studio', '1', '2', '3', '4 or more']),
      field('barriers', 'Anything that makes finding housing hard for you', 'textarea', false),
      field('best_contact_time', 'Best time to reach you', 'text', false),
    ],
  },
  {
    name: 'PHQ-9 Depression Screening',
    description: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    portalEnabled: true,
    fields: [
      field('interest', 'Little interest or pleasure in doing things', 'select', true, FREQUENCY),
      field('down', 'Feeling down, depressed, or hopeless', 'select', true, FREQUENCY),
      field('sleep', 'Trouble falling or staying asleep, or sleeping too much', 'select', true, FREQUENCY),
      field('tired', 'Feeling tired or having little energy', 'select', true, FREQUENCY),
      field('appetite', 'Poor appetite or overeating', 'select', true, FREQUENCY),
      field('failure', 'Feeling bad about yourself, or that you are a failure', 'select', true, FREQUENCY),
      field('concentration', 'Trouble concentrating on things', 'select', true, FREQUENCY),
      field('slow', 'Moving or speaking slowly, or being fidgety or restless', 'select', true, FREQUENCY),
      field(
        'self_harm',
        'Thoughts that you would be better off dead or of hurting yourself',
        'select',
        true,
        FREQUENCY,
      ),
      field('comments', 'Anything else you want your case manager to know', 'textarea', false),
    ],
  },
  {
    // Asked in person by trained staff only, so it is not offered through the Customer Portal.
    name: 'Vulnerability Index Intake',
    description: 'Completed with the client by a trained assessor.',
    portalEnabled: false,
    fields: [
      count('nights_outside', 'Nights spent outside in the last 3 years', true, 0),
      count('er_visits', 'Emergency room visits in the last 6 months', true, 0),
      field('chronic_condition', 'Has a chronic health condition', 'checkbox', false),
      field('assessor_notes', 'Assessor notes', 'textarea', false),
    ],
  },
];

export const DEMO_DOCUMENT_CATEGORIES: { name: string; predefinedNames: string[] }[] = [
  {
    name: 'Identification',
    predefinedNames: ['State ID', "Driver's License", 'Social Security Card', 'Birth Certificate'],
  },
  { name: 'Income', predefinedNames: ['Pay Stub', 'Benefits Letter', 'Bank Statement'] },
  { name: 'Housing', predefinedNames: ['Lease', 'Eviction Notice'] },
  { name: 'Medical', predefinedNames: ['Insurance Card', 'Disability Verification'] },
];

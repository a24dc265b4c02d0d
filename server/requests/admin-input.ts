import { z } from 'zod';
import { OTHER_DOCUMENT_NAME } from '../../shared/domain/requests';
import { isValidTimeZone } from '../../shared/domain/time-zone';

/*
 * What an agency administrator may send to set up requests. Everything is checked here, because
 * assessment fields decide what the server later demands of a client's answers.
 */

const FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select', 'checkbox'] as const;

const fieldSchema = z
  .object({
    key: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{0,62}$/,
        'Each field key is up to 63 letters, digits and underscores, starting with a letter.',
      ),
    label: z.string().trim().min(1, 'Every field needs a label.').max(300, 'A field label is too long.'),
    type: z.enum(FIELD_TYPES, `Each field type is one of ${FIELD_TYPES.join(', ')}.`),
    required: z.boolean().default(false),
    options: z
      .array(z.string().trim().min(1, 'Options cannot be empty.').max(200, 'An option is too long.'))
      .max(50, 'A field has at most 50 options.')
      .default([]),
    // Number fields: the smallest answer allowed; 0 refuses negative numbers.
    min: z
      .number('A field’s minimum must be a number.')
      .min(-1e15, 'A field’s minimum is too small.')
      .max(1e15, 'A field’s minimum is too large.')
      .optional(),
  })
  .superRefine((field, context) => {
    if (field.type === 'select' && field.options.length === 0)
      context.addIssue({ code: 'custom', path: ['options'], message: `Give “${field.label}” its options.` });
    if (new Set(field.options).size !== field.options.length)
      context.addIssue({
        code: 'custom',
        path: ['options'],
        message: `“${field.label}” lists an option twice.`,
      });
  })
  // Only select fields have options and only number fields a minimum; nothing stale is stored.
  .transform(({ min, ...field }) => ({
    ...field,
    options: field.type === 'select' ? field.options : [],
    ...(field.type === 'number' && min !== undefined ? { min } : {}),
  }));

const fieldsSchema = z
  .array(fieldSchema)
  .min(1, 'An assessment needs at least one field.')
  .max(100, 'An assessment has at most 100 fields.')
  .superRefine((fields, context) => {
    const keys = fields.map((field) => field.key);
    const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
    if (repeated !== undefined)
      context.addIssue({
        code: 'custom',
        message: `Two fields have the key “${repeated}”; keys must differ.`,
      });
  });

const name = (what: string) =>
  z.string().trim().min(1, `Enter the ${what}’s name.`).max(200, `The ${what}’s name is too long.`);
const description = z.string().trim().max(2000, 'The description is too long.');
const agencyId = z.string().uuid('The agency id must be a UUID.').optional();
const nothingToChange = (patch: object) => Object.keys(patch).length > 0;

export const createAssessmentSchema = z.strictObject(
  {
    agencyId,
    name: name('assessment'),
    description: description.default(''),
    fields: fieldsSchema,
    portalEnabled: z.boolean().default(true),
    active: z.boolean().default(true),
  },
  { error: 'Only agencyId, name, description, fields, portalEnabled and active can be set.' },
);

export const patchAssessmentSchema = z
  .strictObject(
    {
      name: name('assessment').optional(),
      description: description.optional(),
      fields: fieldsSchema.optional(),
      portalEnabled: z.boolean().optional(),
      active: z.boolean().optional(),
    },
    { error: 'Only name, description, fields, portalEnabled and active can be changed.' },
  )
  .refine(nothingToChange, 'Say what to change.');

const predefinedNamesSchema = z
  .array(
    z.string().trim().min(1, 'Predefined names cannot be empty.').max(200, 'A predefined name is too long.'),
  )
  .max(100, 'A category has at most 100 predefined names.')
  .superRefine((names, context) => {
    if (names.includes(OTHER_DOCUMENT_NAME))
      context.addIssue({
        code: 'custom',
        message: `“${OTHER_DOCUMENT_NAME}” is always offered; it cannot be a predefined name.`,
      });
    if (new Set(names).size !== names.length)
      context.addIssue({ code: 'custom', message: 'A predefined name is listed twice.' });
  });

export const createCategorySchema = z.strictObject(
  {
    agencyId,
    name: name('category'),
    predefinedNames: predefinedNamesSchema,
    active: z.boolean().default(true),
  },
  { error: 'Only agencyId, name, predefinedNames and active can be set.' },
);

export const patchCategorySchema = z
  .strictObject(
    {
      name: name('category').optional(),
      predefinedNames: predefinedNamesSchema.optional(),
      active: z.boolean().optional(),
    },
    { error: 'Only name, predefinedNames and active can be changed.' },
  )
  .refine(nothingToChange, 'Say what to change.');

export const agencySettingsSchema = z
  .strictObject(
    {
      agencyId,
      roiTermDays: z
        .number('The ROI term must be a number of days.')
        .int('The ROI term must be a whole number of days.')
        .min(1, 'The ROI term must be at least 1 day.')
        .max(3650, 'The ROI term can be at most 3650 days (10 years).')
        .optional(),
      // The agency's calendar: the date an ROI is signed on and runs from (shared/domain/time-zone.ts).
      timeZone: z
        .string('The time zone must be a name such as America/Los_Angeles.')
        .trim()
        .refine(
          isValidTimeZone,
          'The time zone must be an IANA time zone name, such as America/Los_Angeles or America/Chicago.',
        )
        .optional(),
    },
    { error: 'Only roiTermDays, timeZone (and agencyId, for system administrators) can be set.' },
  )
  .refine(
    (settings) => settings.roiTermDays !== undefined || settings.timeZone !== undefined,
    'Say what to change: roiTermDays, timeZone or both.',
  );

export const catalogIdSchema = z.object({ id: z.string().uuid('Ids are UUIDs.') });

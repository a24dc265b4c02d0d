/**
 * One name for each thing a person reads about, in the help article's words (../shared/seed):
 * screens, the portal, server messages and the demo data take them from here, so a thing is never
 * called two things. Mid-sentence the same names are written in lower case where English puts it
 * ("your case manager"); test/unit/shared/one-name-each.test.ts fails when a retired name returns.
 */
export const NAMES = {
  releaseOfInformation: 'Release of Information',
  releasesOfInformation: 'Releases of Information',
  caseManager: 'Case manager',
} as const;

/** The formatting toolbar's items, in the help article's order and words. */
export const FORMATTING_TOOLS = {
  source: 'Source',
  bold: 'Bold',
  italics: 'Italics',
  underline: 'Underline',
  format: 'Format',
  numberedList: 'Numbered list',
  bulletedList: 'Bulleted list',
  image: 'Image',
  table: 'Table',
  link: 'Link',
} as const;

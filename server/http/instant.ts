import { z } from 'zod';

/*
 * A moment in time sent as ISO 8601 text. zod accepts years 0000–9999 and offsets up to ±23:59;
 * PostgreSQL has no year 0 and takes offsets up to ±15:59, and refused such text with a 500. The
 * moment is read here, and passed on in UTC ("…Z"), so whatever the offset, the database gets a
 * form it takes; years before 1 or after 9999 (in UTC) are refused with the field's own sentence.
 */
export function isoInstant(message: string) {
  return z.iso
    .datetime({ offset: true, error: message })
    .transform((text) => new Date(text))
    .refine((moment) => {
      const year = moment.getUTCFullYear();
      return year >= 1 && year <= 9999;
    }, message)
    .transform((moment) => moment.toISOString());
}

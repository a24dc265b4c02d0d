import { type ClientPatch, clientPatchSchema } from '../../../../shared/bridge/contract';
import type { ClientDoc } from '../../../../shared/replication/documents';

export interface ClientFormValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  shared: boolean;
}

export type ClientFormErrors = Partial<Record<keyof ClientFormValues, string>>;

export function formValuesOf(client: ClientDoc): ClientFormValues {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    dateOfBirth: client.dateOfBirth,
    phone: client.phone,
    email: client.email,
    shared: client.shared,
  };
}

/**
 * Only the fields that changed: replication then touches only what this person edited, and an
 * unchanged form is not a change at all. Text is trimmed as the contract trims it.
 */
export function changedFields(original: ClientFormValues, edited: ClientFormValues): ClientPatch {
  const patch: ClientPatch = {};
  const text = ['firstName', 'lastName', 'dateOfBirth', 'phone', 'email'] as const;
  for (const key of text) {
    const value = edited[key].trim();
    if (value !== original[key]) patch[key] = value;
  }
  if (edited.shared !== original.shared) patch.shared = edited.shared;
  return patch;
}

/**
 * Checks a patch with the same schema main validates with, so the person sees the same words
 * next to the field before saving that the services would answer with after.
 */
export function validatePatch(patch: ClientPatch): ClientFormErrors {
  const result = clientPatchSchema.safeParse(patch);
  if (result.success) return {};
  const errors: ClientFormErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in patch && !(field in errors)) {
      errors[field as keyof ClientFormValues] = issue.message;
    }
  }
  return errors;
}

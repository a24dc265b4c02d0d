import { type ArgsOf, massSendSchema } from '../../../../shared/bridge/contract';
import type { MassSendKind } from '../../../../shared/domain/mass-send';
import { OTHER_DOCUMENT_NAME } from '../../../../shared/domain/requests';
import type { MassSendFields } from '../../stores/mass-send-store';

export type MassSendField =
  | 'clientIds'
  | 'html'
  | 'assessmentDefinitionId'
  | 'documentCategoryId'
  | 'documentName'
  | 'otherName';
export type MassSendErrors = Partial<Record<MassSendField, string>>;

type MassSendArgs = ArgsOf<'massSend:start'>;

/** Only what the chosen tab asks for: fields of another tab left filled in are not sent. */
export function massSendInput(
  kind: MassSendKind,
  fields: MassSendFields,
  clientIds: string[],
  html: string,
): MassSendArgs {
  switch (kind) {
    case 'message':
      // A message is as private as the conversation it starts; the toggle belongs to requests.
      return { kind, clientIds, html, private: false };
    case 'assessment':
      return {
        kind,
        clientIds,
        private: fields.private,
        assessmentDefinitionId: fields.assessmentDefinitionId || undefined,
      };
    case 'document':
      return {
        kind,
        clientIds,
        private: fields.private,
        documentCategoryId: fields.documentCategoryId || undefined,
        documentName: fields.documentName || undefined,
        otherName:
          fields.documentName === OTHER_DOCUMENT_NAME ? fields.otherName.trim() || undefined : undefined,
      };
    case 'location':
      return { kind, clientIds, private: fields.private };
    case 'roi':
      // As with a single ROI request: its purpose is to share, so it is never private.
      return { kind, clientIds, private: false };
  }
}

/**
 * Checks the form with the contract's own schema, so the words beside each field are the ones the
 * services would answer with.
 */
export function validateMassSend(
  input: MassSendArgs,
): { ok: true; input: MassSendArgs } | { ok: false; errors: MassSendErrors } {
  const result = massSendSchema.safeParse(input);
  if (result.success) return { ok: true, input };
  const errors: MassSendErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (isFormField(field) && !(field in errors)) errors[field] = issue.message;
  }
  if (Object.keys(errors).length === 0) {
    errors.clientIds = result.error.issues[0]?.message ?? 'Check what you are sending.';
  }
  return { ok: false, errors };
}

function isFormField(value: unknown): value is MassSendField {
  return (
    value === 'clientIds' ||
    value === 'html' ||
    value === 'assessmentDefinitionId' ||
    value === 'documentCategoryId' ||
    value === 'documentName' ||
    value === 'otherName'
  );
}

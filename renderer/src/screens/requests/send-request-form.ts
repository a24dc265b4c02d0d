import { type ArgsOf, sendRequestSchema } from '../../../../shared/bridge/contract';
import { dueDateProblem, OTHER_DOCUMENT_NAME, type RequestType } from '../../../../shared/domain/requests';
import { localToday } from '../../lib/format';

export interface RequestFormValues {
  type: RequestType | '';
  private: boolean;
  assessmentDefinitionId: string;
  documentCategoryId: string;
  documentName: string;
  otherName: string;
  /** `YYYY-MM-DD`, or empty for no due date. */
  dueDate: string;
}

export type RequestFormField =
  | 'type'
  | 'assessmentDefinitionId'
  | 'documentCategoryId'
  | 'documentName'
  | 'otherName'
  | 'dueDate';
export type RequestFormErrors = Partial<Record<RequestFormField, string>>;

export const EMPTY_REQUEST_FORM: RequestFormValues = {
  type: '',
  private: false,
  assessmentDefinitionId: '',
  documentCategoryId: '',
  documentName: '',
  otherName: '',
  dueDate: '',
};

type SendRequestArgs = ArgsOf<'requests:send'>;

/** Only what the chosen type asks for: fields of another type left filled in are not sent. */
export function requestInput(
  clientId: string,
  values: RequestFormValues & { type: RequestType },
): SendRequestArgs {
  const base = { clientId, type: values.type, ...(values.dueDate ? { dueDate: values.dueDate } : {}) };
  switch (values.type) {
    case 'assessment':
      return {
        ...base,
        private: values.private,
        assessmentDefinitionId: values.assessmentDefinitionId || undefined,
      };
    case 'document':
      return {
        ...base,
        private: values.private,
        documentCategoryId: values.documentCategoryId || undefined,
        documentName: values.documentName || undefined,
        otherName:
          values.documentName === OTHER_DOCUMENT_NAME ? values.otherName.trim() || undefined : undefined,
      };
    case 'location':
      return { ...base, private: values.private };
    case 'roi':
      // The reference product has no Private toggle for an ROI: its purpose is to share.
      return { ...base, private: false };
  }
}

/**
 * Checks the form with the contract's own schema, so the words beside each field are the ones
 * the services would answer with.
 */
export function validateRequest(
  clientId: string,
  values: RequestFormValues,
  today: string = localToday(),
): { ok: true; input: SendRequestArgs } | { ok: false; errors: RequestFormErrors } {
  if (values.type === '') return { ok: false, errors: { type: 'Choose the type of request.' } };
  const input = requestInput(clientId, { ...values, type: values.type });
  const result = sendRequestSchema.safeParse(input);
  const dueDate = dueDateProblem(values.dueDate, today);
  if (result.success && !dueDate) return { ok: true, input };
  const errors: RequestFormErrors = dueDate ? { dueDate } : {};
  if (result.success) return { ok: false, errors };
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (isFormField(field) && !(field in errors)) errors[field] = issue.message;
  }
  // A problem the form has no field for (an unknown client, say) still stops the send, with words.
  if (Object.keys(errors).length === 0) errors.type = result.error.issues[0]?.message ?? 'Check the request.';
  return { ok: false, errors };
}

function isFormField(value: unknown): value is RequestFormField {
  return (
    value === 'dueDate' ||
    value === 'type' ||
    value === 'assessmentDefinitionId' ||
    value === 'documentCategoryId' ||
    value === 'documentName' ||
    value === 'otherName'
  );
}

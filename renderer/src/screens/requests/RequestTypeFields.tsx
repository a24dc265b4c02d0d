import { OTHER_DOCUMENT_NAME, type RequestOptions } from '../../../../shared/domain/requests';
import { Icon } from '../../components/Icon';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { plural } from '../../lib/format';
import type { RequestFormErrors, RequestFormValues } from './send-request-form';

interface RequestTypeFieldsProps {
  values: RequestFormValues;
  errors: RequestFormErrors;
  options: RequestOptions;
  disabled: boolean;
  onChange(patch: Partial<RequestFormValues>): void;
}

/** What each type of request asks for: an assessment, or a document's category and name. */
export function RequestTypeFields({ values, errors, options, disabled, onChange }: RequestTypeFieldsProps) {
  if (values.type === 'assessment') {
    const chosen = options.assessments.find((each) => each.id === values.assessmentDefinitionId);
    if (options.assessments.length === 0) {
      return (
        <p className="note note--warning">
          <Icon name="warning" size={16} />
          Your agency has no assessments enabled for the Customer Portal yet. An agency administrator can
          enable them.
        </p>
      );
    }
    return (
      <div className="request-fields">
        <SelectField
          label="Assessment"
          placeholder="Select an assessment"
          value={values.assessmentDefinitionId}
          options={options.assessments.map((each) => ({ value: each.id, label: each.name }))}
          error={errors.assessmentDefinitionId}
          disabled={disabled}
          onChange={(assessmentDefinitionId) => onChange({ assessmentDefinitionId })}
        />
        {chosen && (
          <div className="assessment-choice" aria-live="polite">
            <p className="assessment-choice__name">{chosen.name}</p>
            {chosen.description && <p className="assessment-choice__description">{chosen.description}</p>}
            <p className="assessment-choice__fields">
              <Icon name="assessment" size={14} />
              {plural(chosen.fields, 'question', 'questions')}, {chosen.requiredFields} required
            </p>
          </div>
        )}
      </div>
    );
  }

  if (values.type === 'document') {
    const category = options.documentCategories.find((each) => each.id === values.documentCategoryId);
    const names = category
      ? [...category.predefinedNames.filter((name) => name !== OTHER_DOCUMENT_NAME)]
      : [];
    return (
      <div className="request-fields form-grid">
        <SelectField
          label="Category"
          placeholder="Select a category"
          value={values.documentCategoryId}
          options={options.documentCategories.map((each) => ({ value: each.id, label: each.name }))}
          error={errors.documentCategoryId}
          disabled={disabled}
          // A name belongs to its category: a new category starts its name afresh.
          onChange={(documentCategoryId) => onChange({ documentCategoryId, documentName: '', otherName: '' })}
        />
        <SelectField
          label="Predefined Name"
          placeholder={category ? 'Select a name' : 'Select a category first'}
          value={values.documentName}
          options={[
            ...names.map((name) => ({ value: name, label: name })),
            { value: OTHER_DOCUMENT_NAME, label: OTHER_DOCUMENT_NAME },
          ]}
          error={errors.documentName}
          disabled={disabled || !category}
          onChange={(documentName) => onChange({ documentName })}
        />
        {values.documentName === OTHER_DOCUMENT_NAME && (
          <TextField
            label="Other Name"
            className="form-grid__wide"
            value={values.otherName}
            error={errors.otherName}
            hint="The name the client sees for this document."
            required
            aria-required="true"
            maxLength={200}
            autoComplete="off"
            disabled={disabled}
            onChange={(otherName) => onChange({ otherName })}
          />
        )}
      </div>
    );
  }

  if (values.type === 'location') {
    return (
      <p className="note">
        <Icon name="location" size={16} />
        The client shares an address, or their phone’s location, through the Customer Portal.
      </p>
    );
  }

  if (values.type === 'roi') {
    return (
      <p className="note">
        <Icon name="shield" size={16} />
        The client signs a Release of Information in the Customer Portal. It starts the day they sign and runs
        for your agency’s default term.
      </p>
    );
  }

  return null;
}

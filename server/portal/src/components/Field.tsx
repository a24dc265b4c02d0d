import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

interface FieldFrameProps {
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled control with its hint and error tied to it (aria-describedby), one per row. */
export function FieldFrame({ label, required, hint: givenHint, error, children }: FieldFrameProps) {
  const id = useId();
  // A broken rule is shown once, as the error, rather than twice in two colors.
  const hint = givenHint === error ? undefined : givenHint;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && (
          // The star is for the eye; aria-required on the control tells screen readers.
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {children({ id, describedBy, invalid: Boolean(error) })}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string;
};

export function TextField({ label, value, onValue, hint, error, required, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} required={required} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input"
          value={value}
          onChange={(event) => onValue(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

import { type SelectHTMLAttributes, useId } from 'react';
import { Icon } from './Icon';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  /** The first, empty choice, e.g. "Select a category". */
  placeholder?: string;
  error?: string | undefined;
  hint?: string | undefined;
  autofocus?: boolean;
}

/**
 * A labelled native drop-down: the platform's own list, keyboard and screen-reader behaviour,
 * styled like the text fields, with its hint and error tied to it.
 */
export function SelectField({
  label,
  value,
  options,
  onChange,
  placeholder,
  error,
  hint,
  autofocus,
  className,
  ...rest
}: SelectFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="select">
        <select
          {...rest}
          id={id}
          className={`input select__control${error ? ' input--invalid' : ''}${value === '' ? ' select__control--empty' : ''}`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-autofocus={autofocus ? true : undefined}
        >
          {placeholder !== undefined && (
            <option value="" disabled={value !== ''}>
              {placeholder}
            </option>
          )}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <Icon name="chevronDown" size={18} className="select__arrow" />
      </div>
      {hint && !error && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

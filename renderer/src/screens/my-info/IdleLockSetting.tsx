import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { staffSettingsPatchSchema } from '../../../../shared/bridge/contract';

interface IdleLockSettingProps {
  minutes: number;
  saving: boolean;
  onSave(minutes: number): void;
}

/** The contract's own words for a number out of range, so the field says what the services would. */
function problemWith(text: string): string | null {
  const minutes = Number(text);
  if (text.trim() === '' || !Number.isFinite(minutes)) return 'Enter a number of minutes from 1 to 120.';
  const checked = staffSettingsPatchSchema.safeParse({ idleLockMinutes: minutes });
  if (checked.success) return null;
  return checked.error.issues[0]?.message ?? 'Enter a number of minutes from 1 to 120.';
}

/**
 * "Lock Portico after N minutes". Saved when the person leaves the field or presses Enter, like
 * the switches save on change; a number out of range is explained beside the field and not sent.
 */
export function IdleLockSetting({ minutes, saving, onSave }: IdleLockSettingProps) {
  const id = useId();
  const [text, setText] = useState(String(minutes));
  const [error, setError] = useState<string | null>(null);

  // A saved (or rolled back) value replaces what is in the field, unless the person is fixing an error.
  useEffect(() => {
    setText(String(minutes));
    setError(null);
  }, [minutes]);

  const commit = () => {
    const problem = problemWith(text);
    setError(problem);
    if (problem) return;
    const value = Number(text);
    if (value !== minutes) onSave(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setText(String(minutes));
      setError(null);
    }
  };

  return (
    <div className="switch-field idle-lock">
      <div className="switch-field__text">
        <label htmlFor={id} className="switch-field__label">
          Lock Portico after
        </label>
        <p id={`${id}-description`} className="switch-field__description">
          After this many minutes without use, Portico hides client records and asks for your password again.
          Your drafts are kept.
        </p>
        {error && (
          <p id={`${id}-error`} className="field__error idle-lock__error">
            {error}
          </p>
        )}
      </div>
      <div className="idle-lock__control">
        <input
          id={id}
          className={`input idle-lock__input${error ? ' input--invalid' : ''}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          step={1}
          value={text}
          // Read-only rather than disabled while saving, so focus stays where the person left it.
          readOnly={saving}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-unit ${id}-description${error ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            setText(event.target.value);
            if (error) setError(null);
          }}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        <span id={`${id}-unit`} className="idle-lock__unit">
          minutes
        </span>
      </div>
    </div>
  );
}

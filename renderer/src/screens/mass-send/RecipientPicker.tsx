import { useEffect, useRef } from 'react';
import { WITHOUT_ENROLLMENT_LABEL } from '../../../../shared/domain/mass-send';
import { Icon } from '../../components/Icon';
import { type EnrollmentStatus, useMassSendStore } from '../../stores/mass-send-store';

const STATUSES: { value: EnrollmentStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive (exited)' },
];

/**
 * Who the send is for: one or more of the agency's programs, or clients without any enrollment
 * here, or all of them; then whether their enrollment is active or has ended.
 */
export function RecipientPicker() {
  const programs = useMassSendStore((state) => state.programs);
  const status = useMassSendStore((state) => state.programsStatus);
  const error = useMassSendStore((state) => state.programsError);
  const selected = useMassSendStore((state) => state.selectedPrograms);
  const withoutEnrollment = useMassSendStore((state) => state.withoutEnrollment);
  const enrollmentStatus = useMassSendStore((state) => state.enrollmentStatus);
  const store = useMassSendStore.getState();
  const selectAllRef = useRef<HTMLInputElement>(null);

  const chosen = selected.length + (withoutEnrollment ? 1 : 0);
  const everything = programs.length + 1;
  // "Select all" shows a dash while only some are ticked, as checkboxes over a list do.
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = chosen > 0 && chosen < everything;
  }, [chosen, everything]);

  return (
    <div className="recipient-picker">
      <fieldset className="choice-group">
        <legend className="choice-group__legend">Programs</legend>
        {status === 'error' ? (
          <div className="alert alert--error alert--row" role="alert">
            <span>{error}</span>
            <button
              type="button"
              className="button button--secondary button--sm"
              onClick={() => void store.open()}
            >
              Try again
            </button>
          </div>
        ) : status !== 'ready' ? (
          <div className="choice-group__loading" aria-busy="true">
            <span className="visually-hidden">Loading your agency’s programs…</span>
            <span className="skeleton skeleton--chip" />
            <span className="skeleton skeleton--chip" />
            <span className="skeleton skeleton--chip" />
          </div>
        ) : (
          <div className="choice-group__options">
            <label className="choice choice--all">
              <input
                ref={selectAllRef}
                type="checkbox"
                className="checkbox"
                checked={chosen === everything}
                onChange={(event) => store.selectAll(event.target.checked)}
              />
              Select all
            </label>
            {programs.map((program) => (
              <label key={program.id} className="choice">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={selected.includes(program.id)}
                  onChange={(event) => store.setProgram(program.id, event.target.checked)}
                />
                <Icon name="program" size={15} />
                {program.name}
              </label>
            ))}
            <label className="choice">
              <input
                type="checkbox"
                className="checkbox"
                checked={withoutEnrollment}
                onChange={(event) => store.setWithoutEnrollment(event.target.checked)}
              />
              {WITHOUT_ENROLLMENT_LABEL}
            </label>
          </div>
        )}
      </fieldset>
      <fieldset className="choice-group">
        <legend className="choice-group__legend">Enrollment</legend>
        <div className="segmented">
          {STATUSES.map((each) => (
            <label key={each.value} className="segmented__option">
              <input
                type="radio"
                name="mass-send-enrollment"
                value={each.value}
                checked={enrollmentStatus === each.value}
                onChange={() => store.setEnrollmentStatus(each.value)}
              />
              <span>{each.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { ClientProfile } from '../../../../shared/domain/views';
import { Dialog } from '../../components/Dialog';
import { Switch } from '../../components/Switch';
import { TextField } from '../../components/TextField';
import { messageOf } from '../../lib/errors';
import { useProfileStore } from '../../stores/profile-store';
import { useSyncStore } from '../../stores/sync-store';
import { showToast } from '../../stores/toast-store';
import {
  type ClientFormErrors,
  type ClientFormValues,
  changedFields,
  formValuesOf,
  validatePatch,
} from './client-form';

export function EditDetailsDialog({ profile, onClose }: { profile: ClientProfile; onClose(): void }) {
  const update = useProfileStore((state) => state.update);
  const [original] = useState(() => formValuesOf(profile.client));
  const [values, setValues] = useState<ClientFormValues>(original);
  const [errors, setErrors] = useState<ClientFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // After a failed check, focus goes to the first field to fix, where its message is read out.
  const [checkCount, setCheckCount] = useState(0);
  useEffect(() => {
    if (checkCount === 0) return;
    document.querySelector<HTMLInputElement>('.dialog [aria-invalid="true"]')?.focus();
  }, [checkCount]);

  const field = <K extends keyof ClientFormValues>(key: K) => ({
    value: values[key] as string,
    error: errors[key],
    onChange: (value: string) => {
      setValues((current) => ({ ...current, [key]: value }));
      // The error goes once the person starts fixing it, rather than scolding while they type.
      if (errors[key]) setErrors((current) => ({ ...current, [key]: undefined }));
    },
  });

  const save = async () => {
    if (saving) return;
    const patch = changedFields(original, values);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    const found = validatePatch(patch);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(null);
      setCheckCount((n) => n + 1);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await update(patch);
      const offline = useSyncStore.getState().status?.state !== 'online';
      showToast(
        offline ? 'Details saved on this computer. They sync when the connection returns.' : 'Details saved.',
      );
      onClose();
    } catch (error) {
      setFailure(messageOf(error));
      setSaving(false);
    }
  };

  return (
    <Dialog
      title="Edit details"
      description={`${profile.client.firstName} ${profile.client.lastName}`}
      onClose={onClose}
      onSubmit={() => void save()}
      busy={saving}
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving} aria-busy={saving}>
            {saving && <span className="spinner" aria-hidden="true" />}
            {saving ? 'Saving…' : 'Save changes'}
          </button>
        </>
      }
    >
      {failure && (
        <div className="alert alert--error" role="alert">
          {failure}
        </div>
      )}
      <div className="form-grid">
        <TextField label="First name" autoComplete="off" autofocus {...field('firstName')} />
        <TextField label="Last name" autoComplete="off" {...field('lastName')} />
        <TextField
          label="Date of birth"
          placeholder="YYYY-MM-DD"
          hint="YYYY-MM-DD, for example 1984-07-21"
          inputMode="numeric"
          autoComplete="off"
          {...field('dateOfBirth')}
        />
        <TextField label="Phone" type="tel" autoComplete="off" {...field('phone')} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          className="form-grid__wide"
          {...field('email')}
        />
      </div>
      <Switch
        label="Share this record with other agencies"
        description="When on, staff at other agencies can find this client and view their record."
        checked={values.shared}
        disabled={saving}
        onChange={(shared) => setValues((current) => ({ ...current, shared }))}
      />
    </Dialog>
  );
}

import { type FormEvent, useState } from 'react';
import { submitLocation } from '../../api/portal-api';
import type { PortalRequest } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { FieldFrame } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { type MessageKey, useI18n } from '../../i18n';

interface Position {
  latitude: number;
  longitude: number;
  accuracy: number;
}

type Locating =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'found'; position: Position }
  | { state: 'failed'; reason: MessageKey };

const GEOLOCATION_ERRORS: Record<number, MessageKey> = {
  1: 'location.error.denied',
  2: 'location.error.unavailable',
  3: 'location.error.timeout',
};

/** The phone's position, or why there is none, in words the client can act on. */
function locate(): Promise<Position> {
  return new Promise((resolve, reject: (reason: MessageKey) => void) => {
    // Browsers offer geolocation only to pages served over https.
    if (!window.isSecureContext || !('geolocation' in navigator)) {
      reject('location.error.unsupported');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy: position.coords.accuracy,
        }),
      (error) => reject(GEOLOCATION_ERRORS[error.code] ?? 'location.error.unavailable'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  });
}

/** A location: a typed address, the phone's position, or both. */
export function LocationForm({
  request,
  onDone,
}: {
  request: PortalRequest;
  onDone: (request: PortalRequest) => void;
}) {
  const { t } = useI18n();
  const [address, setAddress] = useState('');
  const [locating, setLocating] = useState<Locating>({ state: 'idle' });
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const position = locating.state === 'found' ? locating.position : undefined;

  const shareMyLocation = async () => {
    setLocating({ state: 'busy' });
    setProblem(undefined);
    try {
      setLocating({ state: 'found', position: await locate() });
    } catch (reason) {
      setLocating({ state: 'failed', reason: reason as MessageKey });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (address.trim() === '' && !position) {
      setProblem(t('location.missing'));
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      const answer = await submitLocation(request.id, {
        address: address.trim() === '' ? null : address.trim(),
        latitude: position?.latitude ?? null,
        longitude: position?.longitude ?? null,
        accuracy: position ? Math.round(position.accuracy) : null,
      });
      onDone(answer.request);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <p>{t('location.instructions')}</p>
      <FieldFrame label={t('location.address')} hint={t('location.addressHint')} error={problem}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className="input textarea"
            rows={3}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            autoComplete="street-address"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldFrame>
      <div className="or-divider" aria-hidden="true">
        <span>{t('location.or')}</span>
      </div>
      <button
        type="button"
        className="button button-secondary button-block"
        onClick={() => void shareMyLocation()}
        disabled={locating.state === 'busy'}
      >
        <Icon name="pin" />
        {locating.state === 'busy' ? t('location.finding') : t('location.useMine')}
      </button>
      <div aria-live="polite">
        {position && (
          <p className="alert alert-success">
            {t('location.found', {
              latitude: position.latitude.toFixed(5),
              longitude: position.longitude.toFixed(5),
              accuracy: Math.round(position.accuracy),
            })}
          </p>
        )}
      </div>
      {locating.state === 'failed' && (
        <p className="alert alert-error" role="alert">
          {t(locating.reason)}
        </p>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? t('form.sending') : t('location.submit')}
      </button>
    </form>
  );
}

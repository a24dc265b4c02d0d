import { useState } from 'react';
import type { LocationRecordData, RecordSummary } from '../../../../shared/domain/requests';
import { bridge } from '../../bridge';
import { Icon } from '../../components/Icon';
import { messageOf } from '../../lib/errors';
import { locationData } from './record-data';

/** OpenStreetMap: no account or key, and it shows a pin for coordinates or searches an address. */
export function mapUrl(location: LocationRecordData): string | null {
  if (location.latitude !== null && location.longitude !== null) {
    const lat = location.latitude.toFixed(6);
    const lon = location.longitude.toFixed(6);
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  }
  if (location.address.trim()) {
    return `https://www.openstreetmap.org/search?query=${encodeURIComponent(location.address.trim())}`;
  }
  return null;
}

function coordinatesText(location: LocationRecordData): string | null {
  if (location.latitude === null || location.longitude === null) return null;
  const text = `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`;
  return location.accuracy === null ? text : `${text} (within ${Math.round(location.accuracy)} m)`;
}

/** A location the client shared: the address and/or coordinates, and Open in map. */
export function LocationDetails({ record }: { record: RecordSummary }) {
  const data = locationData(record);
  const [failure, setFailure] = useState<string | null>(null);
  if (!data) return <p className="muted">This location can’t be shown.</p>;
  const url = mapUrl(data);
  const coordinates = coordinatesText(data);

  const openMap = async () => {
    if (!url) return;
    setFailure(null);
    try {
      await bridge.shell.openExternal({ url });
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  return (
    <div className="location-details">
      <dl className="answer-list answer-list--compact">
        <div className="answer-list__row">
          <dt>Address</dt>
          <dd className={data.address ? undefined : 'muted'}>{data.address || 'No address given'}</dd>
        </div>
        <div className="answer-list__row">
          <dt>Coordinates</dt>
          <dd className={coordinates ? undefined : 'muted'}>{coordinates ?? 'No coordinates given'}</dd>
        </div>
      </dl>
      {url && (
        <button type="button" className="button button--secondary button--sm" onClick={() => void openMap()}>
          <Icon name="map" size={15} />
          Open in map
        </button>
      )}
      {failure && (
        <p className="inline-error" role="alert">
          <Icon name="warning" size={15} />
          {failure}
        </p>
      )}
    </div>
  );
}

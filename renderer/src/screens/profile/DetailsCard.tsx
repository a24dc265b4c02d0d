import type { ClientProfile } from '../../../../shared/domain/views';
import { Icon } from '../../components/Icon';
import { formatDateOfBirth } from '../../lib/format';

interface DetailsCardProps {
  profile: ClientProfile;
  now: Date;
  /** Absent when this staff member may not edit the record. */
  onEdit?: () => void;
}

export function DetailsCard({ profile, now, onEdit }: DetailsCardProps) {
  const { client } = profile;
  return (
    <section className="card profile-cards__details" aria-labelledby="details-title">
      <header className="card__header">
        <h2 id="details-title" className="card__title">
          Details
        </h2>
        {onEdit && (
          <button type="button" className="button button--secondary button--sm" onClick={onEdit}>
            <Icon name="edit" size={16} />
            Edit details
          </button>
        )}
      </header>
      <dl className="detail-list">
        <div className="detail-list__row">
          <dt>
            <Icon name="phone" size={16} />
            Phone
          </dt>
          <dd>{client.phone || <span className="muted">Not recorded</span>}</dd>
        </div>
        <div className="detail-list__row">
          <dt>
            <Icon name="mail" size={16} />
            Email
          </dt>
          <dd>{client.email || <span className="muted">Not recorded</span>}</dd>
        </div>
        <div className="detail-list__row">
          <dt>
            <Icon name="calendar" size={16} />
            Date of birth
          </dt>
          <dd>{formatDateOfBirth(client.dateOfBirth, now)}</dd>
        </div>
      </dl>
      {!profile.editable && (
        <p className="card__note">
          <Icon name="lock" size={14} />
          Only staff at {profile.agencyName} can edit this record.
        </p>
      )}
    </section>
  );
}

import { fullName } from '../../../../shared/domain/names';
import type { ClientProfile } from '../../../../shared/domain/views';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { formatAge, formatCalendarDate } from '../../lib/format';
import { PortalConnectionCard } from './PortalConnectionCard';

interface ProfileHeaderProps {
  profile: ClientProfile;
  now: Date;
  onSendMessage(): void;
  /** Opens the CUSTOMER PORTAL page of this client's requests. */
  onOpenPortalRequests(): void;
  /** How many of the client's ROIs were signed while another was active (see use-duplicate-rois). */
  duplicateRois: number;
  /** Shows the Release of Information tab. */
  onReviewRoi(): void;
}

export function ProfileHeader({
  profile,
  now,
  onSendMessage,
  onOpenPortalRequests,
  duplicateRois,
  onReviewRoi,
}: ProfileHeaderProps) {
  const { client } = profile;
  const age = formatAge(client.dateOfBirth, now);
  return (
    <section className="profile-header" aria-labelledby="profile-name">
      <div className="profile-header__photo">
        <Avatar person={client} photoFileId={client.photoFileId} size="xl" />
        {/* Directly under the photo, as in the reference product, where staff are trained to look. */}
        <div className="profile-header__actions">
          <button
            type="button"
            className="button button--primary button--sm send-message"
            onClick={onSendMessage}
          >
            <Icon name="send" size={15} />
            {PRODUCT_TEXTS.sendMessage}
          </button>
          <button
            type="button"
            className="icon-button icon-button--outlined portal-requests-button"
            aria-label={PRODUCT_TEXTS.customerPortalRequests}
            title={PRODUCT_TEXTS.customerPortalRequests}
            onClick={onOpenPortalRequests}
          >
            <Icon name="portal" size={18} />
          </button>
        </div>
      </div>
      <div className="profile-header__identity">
        <h1 id="profile-name" className="profile-header__name">
          {fullName(client)}
        </h1>
        <dl className="profile-header__facts">
          <div>
            <dt>
              <Icon name="calendar" size={16} />
              <span className="visually-hidden">Date of birth</span>
            </dt>
            <dd>
              {formatCalendarDate(client.dateOfBirth)}
              {age && <span className="profile-header__age"> · {age}</span>}
            </dd>
          </div>
          <div>
            <dt>
              <Icon name="program" size={16} />
              <span className="visually-hidden">Agency</span>
            </dt>
            <dd>{profile.agencyName}</dd>
          </div>
        </dl>
        <div className="profile-header__badges">
          {client.shared ? (
            <span className="badge badge--shared">
              <Icon name="globe" size={13} />
              Shared with other agencies
            </span>
          ) : (
            <span className="badge badge--private">
              <Icon name="lock" size={13} />
              Not shared
            </span>
          )}
          {duplicateRois > 0 && (
            <button type="button" className="badge badge--alert roi-duplicate-flag" onClick={onReviewRoi}>
              <Icon name="warning" size={13} />
              {duplicateRois === 1
                ? 'Duplicate Release of Information'
                : `${duplicateRois} duplicate Releases of Information`}
            </button>
          )}
        </div>
      </div>
      <PortalConnectionCard profile={profile} now={now} />
    </section>
  );
}

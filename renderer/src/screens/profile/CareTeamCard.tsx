import type { CareTeamMember } from '../../../../shared/domain/views';
import { EmptyState } from '../../components/EmptyState';
import { dateRange } from './date-range';

/** Current members first; ended memberships stay visible, dimmed, as part of the record. */
function ordered(members: CareTeamMember[]): CareTeamMember[] {
  return [...members].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      b.startDate.localeCompare(a.startDate) ||
      a.staffName.localeCompare(b.staffName),
  );
}

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return `${parts[0]?.charAt(0) ?? ''}${parts.length > 1 ? (parts[parts.length - 1]?.charAt(0) ?? '') : ''}`;
}

/** "Case manager · Outreach worker", without saying the same words twice when label and title agree. */
function roleLine(member: CareTeamMember): string {
  const parts = [member.label, member.title].filter(Boolean);
  const unique = parts.filter(
    (part, i) => parts.findIndex((p) => p.toLowerCase() === part.toLowerCase()) === i,
  );
  return unique.join(' · ');
}

export function CareTeamCard({ members }: { members: CareTeamMember[] }) {
  return (
    <section className="card profile-cards__care" aria-labelledby="care-team-title">
      <header className="card__header">
        <h2 id="care-team-title" className="card__title">
          Care team
        </h2>
        <span className="card__count">{members.filter((m) => m.active).length} active</span>
      </header>
      {members.length === 0 ? (
        <EmptyState icon="team" title="No one is on this client’s care team." compact />
      ) : (
        <ul className="people-list">
          {ordered(members).map((member) => (
            <li key={member.membershipId} className={`person${member.active ? '' : ' person--ended'}`}>
              <span className="person__avatar" aria-hidden="true">
                {initialsOf(member.staffName)}
              </span>
              <span className="person__main">
                <span className="person__name">{member.staffName}</span>
                <span className="person__meta">{roleLine(member)}</span>
                <span className="person__dates">{dateRange(member.startDate, member.endDate)}</span>
              </span>
              <span className={`pill ${member.active ? 'pill--ok' : 'pill--muted'}`}>
                {member.active ? 'Active' : 'Ended'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import type { Enrollment } from '../../../../shared/domain/views';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { dateRange } from './date-range';

export function EnrollmentsCard({ enrollments }: { enrollments: Enrollment[] }) {
  const sorted = [...enrollments].sort(
    (a, b) => Number(b.active) - Number(a.active) || b.startDate.localeCompare(a.startDate),
  );
  return (
    <section className="card profile-cards__enrollments" aria-labelledby="enrollments-title">
      <header className="card__header">
        <h2 id="enrollments-title" className="card__title">
          Enrollments
        </h2>
        <span className="card__count">{enrollments.filter((e) => e.active).length} active</span>
      </header>
      {sorted.length === 0 ? (
        <EmptyState icon="program" title="Not enrolled in any program." compact />
      ) : (
        <ul className="people-list">
          {sorted.map((enrollment) => (
            <li
              key={enrollment.membershipId}
              className={`person${enrollment.active ? '' : ' person--ended'}`}
            >
              <span className="person__avatar person__avatar--program" aria-hidden="true">
                <Icon name="program" size={16} />
              </span>
              <span className="person__main">
                <span className="person__name">{enrollment.programName}</span>
                <span className="person__dates">{dateRange(enrollment.startDate, enrollment.endDate)}</span>
              </span>
              <span className={`pill ${enrollment.active ? 'pill--ok' : 'pill--muted'}`}>
                {enrollment.active ? 'Active' : 'Exited'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

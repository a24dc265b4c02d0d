/** The profile's shape while it loads, so the page does not jump when it arrives. */
export function ProfileSkeleton() {
  return (
    <div className="profile-skeleton" aria-busy="true">
      <p className="visually-hidden">Loading the client’s record…</p>
      <div className="profile-header" aria-hidden="true">
        <span className="skeleton skeleton--photo" />
        <div className="profile-skeleton__lines">
          <span className="skeleton skeleton--title" />
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--short" />
        </div>
      </div>
      <div className="profile-cards" aria-hidden="true">
        {[0, 1, 2].map((n) => (
          <div key={n} className="card skeleton-card">
            <span className="skeleton skeleton--short" />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line" />
          </div>
        ))}
      </div>
    </div>
  );
}

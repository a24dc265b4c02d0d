import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

interface EmptyStateProps {
  icon: IconName;
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'danger';
  compact?: boolean;
}

/** What a place looks like when there is nothing in it yet, saying why and what comes next. */
export function EmptyState({ icon, title, children, tone = 'neutral', compact = false }: EmptyStateProps) {
  return (
    <div className={`empty${compact ? ' empty--compact' : ''} empty--${tone}`}>
      <span className="empty__icon">
        <Icon name={icon} size={compact ? 22 : 26} />
      </span>
      <p className="empty__title">{title}</p>
      {children && <div className="empty__body">{children}</div>}
    </div>
  );
}

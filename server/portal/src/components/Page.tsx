import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { Icon } from './Icon';

let firstPage = true;

/**
 * A page's title (document and h1). After moving to another page, focus goes to its heading so
 * a screen reader announces where the client is, as a page load would.
 */
export function Page({
  title,
  back,
  children,
  className,
}: {
  title: string;
  back?: { to: string; label: string };
  children: ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <div className={className ? `page ${className}` : 'page'}>
      {back && (
        <Link to={back.to} className="back-link">
          <Icon name="back" />
          {back.label}
        </Link>
      )}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

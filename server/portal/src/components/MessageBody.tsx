import { useMemo } from 'react';
import { sanitizeHtml } from '../../../../shared/rich-text';
import { useI18n } from '../i18n';

/**
 * A message exactly as its sender formatted it, and nothing else: the HTML goes through the shared
 * sanitizer (the only way message HTML is shown anywhere in Portico) and is then only adjusted for
 * a small screen, in an inert template: each table sits in a region that scrolls sideways (and can
 * be scrolled with the keyboard), and each link opens in a new tab, saying so to screen readers.
 */
function forSmallScreens(html: string, labels: { table: string; newTab: string }): string {
  const template = document.createElement('template');
  template.innerHTML = sanitizeHtml(html);
  for (const table of Array.from(template.content.querySelectorAll('table'))) {
    const region = document.createElement('div');
    region.className = 'table-scroll';
    region.setAttribute('role', 'region');
    region.setAttribute('aria-label', labels.table);
    region.tabIndex = 0;
    table.replaceWith(region);
    region.append(table);
  }
  for (const link of Array.from(template.content.querySelectorAll('a'))) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    const note = document.createElement('span');
    note.className = 'visually-hidden';
    note.textContent = ` (${labels.newTab})`;
    link.append(note);
  }
  for (const image of Array.from(template.content.querySelectorAll('img'))) {
    image.loading = 'lazy';
    image.decoding = 'async';
  }
  return template.innerHTML;
}

export function MessageBody({ html }: { html: string }) {
  const { t } = useI18n();
  const table = t('message.table');
  const newTab = t('message.newTab');
  const prepared = useMemo(() => forSmallScreens(html, { table, newTab }), [html, table, newTab]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the shared sanitizer just above.
  return <div className="message-body" dangerouslySetInnerHTML={{ __html: prepared }} />;
}

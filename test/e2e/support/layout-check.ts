import type { Page } from '@playwright/test';

/*
 * What "fits the window" means, measured in the browser rather than judged from a picture: the
 * page never scrolls sideways, no card, panel or dialog reaches past the window, and nothing
 * spills out of its box or is cut off by it. Sideways scrolling is allowed only inside the few
 * containers built for it, and only where a keyboard can scroll them too.
 */

/** Containers that hold a page's content in boxes; each must lie inside the window. */
export const CONTAINER_SELECTORS = [
  '.page',
  '.card',
  '.profile-header',
  '.portal-connection',
  '.thread-header',
  '.message',
  '.record-card',
  '.data-table',
  '.mass-send__footer',
  '.dialog[open]',
  '.dialog__footer',
].join(', ');

/**
 * Containers built to scroll sideways: wide tables and message bodies (a pasted table or picture),
 * and tab strips. They pass only when a keyboard reaches them: focusable themselves, or a tab list
 * whose tabs scroll into view as they take focus.
 */
export const SIDEWAYS_SCROLLERS = ['.table-scroll', '.recipient-list__scroll', '.message-body', '.tabs'].join(
  ', ',
);

/** Small coloured labels: pills, badges, type chips. */
export const LABEL_SELECTORS = '.pill, .badge, .type-chip, .label-portal, .count-badge';

/** Boxes something sits over the edge of on purpose: the rail's unread badge on its icon's corner. */
export const DELIBERATE_OVERHANG = '.rail__icon';

export interface LayoutProblem {
  what: string;
  element: string;
  detail: string;
}

/** Everything on the page (and in an open dialog) that does not fit the window, in plain words. */
export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(
    ({ labels, containers, scrollers, overhang }) => {
      const problems: { what: string; element: string; detail: string }[] = [];
      const nameOf = (el: Element): string => {
        const tag = el.tagName.toLowerCase();
        const classes =
          typeof el.className === 'string' && el.className
            ? `.${el.className.trim().split(/\s+/).join('.')}`
            : '';
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
        return `${tag}${classes}${text ? ` "${text}"` : ''}`;
      };
      const shown = (el: Element): boolean => {
        if (el.getClientRects().length === 0) return false;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden') return false;
        // Text kept only for screen readers sits in a clipped 1px box on purpose.
        for (let at: Element | null = el; at; at = at.parentElement) {
          const box = at.getBoundingClientRect();
          if (box.width <= 1 && box.height <= 1 && getComputedStyle(at).overflow === 'hidden') return false;
        }
        // Behind an open modal dialog nothing can be seen or reached; only the dialog counts.
        const modal = document.querySelector('dialog[open]');
        return !modal || modal.contains(el);
      };

      const root = document.scrollingElement ?? document.documentElement;
      const width = document.documentElement.clientWidth;
      if (root.scrollWidth > root.clientWidth) {
        problems.push({
          what: 'the window scrolls sideways',
          element: 'document',
          detail: `content ${root.scrollWidth}px wide in a ${root.clientWidth}px window`,
        });
      }

      for (const el of Array.from(document.querySelectorAll(containers))) {
        if (!shown(el)) continue;
        const box = el.getBoundingClientRect();
        // Inside a sideways scroller a box may run past the window: that is what scrolling is for.
        const scroller = el.parentElement?.closest(scrollers);
        if (scroller) continue;
        if (box.left < -0.5 || box.right > width + 0.5) {
          problems.push({
            what: 'a box reaches past the window',
            element: nameOf(el),
            detail: `spans ${Math.round(box.left)}–${Math.round(box.right)}px of a ${width}px window`,
          });
        }
      }

      for (const el of Array.from(document.querySelectorAll('body *'))) {
        if (!(el instanceof HTMLElement) || !shown(el)) continue;
        if (el.clientWidth === 0) continue; // inline boxes have no scroll box of their own
        // A field scrolls its own text as the caret moves; that is how every text box works.
        if (el.matches('input, textarea, select')) continue;
        if (el.matches(overhang)) continue;
        const overflow = el.scrollWidth - el.clientWidth;
        if (overflow <= 1) continue;
        const style = getComputedStyle(el);
        const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
        if (scrolls) {
          const intended = el.matches(scrollers);
          const reachable = el.tabIndex >= 0 || el.getAttribute('role') === 'tablist';
          if (intended && reachable) continue;
          problems.push({
            what: intended ? 'a sideways scroller a keyboard cannot scroll' : 'a box scrolls sideways',
            element: nameOf(el),
            detail: `${el.scrollWidth}px of content in ${el.clientWidth}px`,
          });
          continue;
        }
        const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
        // Shortened on purpose, with …: a name or a preview in a row, whose whole text is one click
        // away. A button, tab or label is never shortened: its words are what it does.
        const control = el.matches('button, label, [role="tab"], .button, .pill, .badge');
        if (clips && style.textOverflow === 'ellipsis' && !control) continue;
        problems.push({
          what: clips ? 'content is cut off' : 'content spills out of its box',
          element: nameOf(el),
          detail: `${el.scrollWidth}px of content in ${el.clientWidth}px`,
        });
      }
      // A label with nothing in it shows as an empty coloured stub.
      for (const el of Array.from(document.querySelectorAll(labels))) {
        if (shown(el) && (el.textContent ?? '').trim() === '') {
          problems.push({ what: 'an empty label', element: nameOf(el), detail: 'shows with no words in it' });
        }
      }
      return problems;
    },
    {
      labels: LABEL_SELECTORS,
      containers: CONTAINER_SELECTORS,
      scrollers: SIDEWAYS_SCROLLERS,
      overhang: DELIBERATE_OVERHANG,
    },
  );
}

/** An open modal dialog's box, and whether its buttons are all inside the window. */
export async function dialogFit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const dialog = document.querySelector('dialog[open]');
    if (!dialog) return ['no dialog is open'];
    const height = document.documentElement.clientHeight;
    const width = document.documentElement.clientWidth;
    const box = dialog.getBoundingClientRect();
    if (box.top < 0 || box.bottom > height || box.left < 0 || box.right > width) {
      problems.push(
        `the dialog spans ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)} in a ${width}×${height} window`,
      );
    }
    if (dialog.scrollHeight > dialog.clientHeight + 1 || dialog.scrollWidth > dialog.clientWidth + 1) {
      problems.push('the dialog itself scrolls, so its header or buttons can scroll away');
    }
    for (const button of Array.from(
      dialog.querySelectorAll('.dialog__header button, .dialog__footer button'),
    )) {
      const b = button.getBoundingClientRect();
      if (b.top < box.top || b.bottom > box.bottom || b.left < box.left || b.right > box.right) {
        problems.push(
          `the button "${button.textContent?.trim() || button.getAttribute('aria-label')}" is outside the dialog`,
        );
      }
    }
    return problems;
  });
}

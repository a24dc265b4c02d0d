import { safeLinkUrl } from '../../../shared/rich-text/urls';

export type LinkCheck = { ok: true; url: string } | { ok: false; error: string };

/**
 * Checks an address typed for a link with the same rule the sanitizer applies (http, https and
 * mailto only), so a link is refused here, with a reason, rather than silently dropped on send.
 * "example.org" and "name@example.org" are completed to https:// and mailto: as people expect.
 */
export function checkLinkUrl(input: string): LinkCheck {
  let candidate = input.trim();
  if (!candidate) return { ok: false, error: 'Enter the address the link goes to.' };
  if (!/^[a-z][a-z0-9+.-]*:/i.test(candidate)) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(candidate)) candidate = `mailto:${candidate}`;
    else if (/^[^\s/@:]+\.[^\s/@:]+/.test(candidate)) candidate = `https://${candidate}`;
  }
  const url = safeLinkUrl(candidate);
  if (!url) {
    return {
      ok: false,
      error: 'Links can go only to web addresses (https:// or http://) and email addresses (mailto:).',
    };
  }
  return { ok: true, url };
}

import { ATTACHMENT_URL_PATTERN, DATA_IMAGE_PATTERN } from './model';

/** The schema's limit for a link's URL; a longer one could not be saved as a draft. */
const MAX_LINK_URL = 2048;

/**
 * What a browser's URL parser does to an attribute value before it reads the scheme: drop every
 * ASCII tab and newline anywhere, then C0 controls and spaces at both ends. Checking the URL as
 * written instead would let "jav&#x09;ascript:" or " javascript:" through as "not javascript".
 */
export function cleanUrl(raw: string): string {
  const withoutTabsOrNewlines = raw.replace(/[\t\n\r]/g, '');
  let start = 0;
  let end = withoutTabsOrNewlines.length;
  while (start < end && withoutTabsOrNewlines.charCodeAt(start) <= 0x20) start++;
  while (end > start && withoutTabsOrNewlines.charCodeAt(end - 1) <= 0x20) end--;
  return withoutTabsOrNewlines.slice(start, end);
}

/** Anything below U+0020 or DEL left inside a URL: a browser would percent-encode it, we refuse it. */
function hasControlCharacter(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * http(s) URLs must name a host right after "//" and carry no credentials: "https://bank.example@evil.example"
 * reads as the bank but goes to evil. The authority ends at the first / \ ? or # (browsers treat
 * "\" as "/" in http URLs), so an "@" later in the path or query is fine.
 */
function isSafeHttpUrl(url: string): boolean {
  const match = /^https?:\/\/([^/\\?#]*)/i.exec(url);
  if (!match) return false;
  const authority = match[1] ?? '';
  return authority.length > 0 && !authority.includes('@') && !/\s/.test(authority);
}

/**
 * The URL a link may keep, cleaned, or null when the link must be shown as plain text. Only absolute
 * http:, https: and mailto: URLs pass; relative and protocol-relative URLs would resolve against the
 * client portal and are refused too.
 */
export function safeLinkUrl(raw: string): string | null {
  // Spaces inside mean %20 to a browser; encoded, the canonical URL has no whitespace at all.
  const url = cleanUrl(raw).replaceAll(' ', '%20');
  if (url.length === 0 || url.length > MAX_LINK_URL || hasControlCharacter(url)) return null;
  if (/^mailto:/i.test(url)) return url;
  return isSafeHttpUrl(url) ? url : null;
}

/** The URL an image may keep, cleaned, or null when the image must be dropped. */
export function safeImageUrl(raw: string): string | null {
  const url = cleanUrl(raw);
  return ATTACHMENT_URL_PATTERN.test(url) || DATA_IMAGE_PATTERN.test(url) ? url : null;
}

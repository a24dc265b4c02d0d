/** How much of a message lists show: about one line on a phone or in the Inbox. */
export const PREVIEW_LENGTH = 140;

/** The start of a message's plain text on one line, cut at a character (never inside an emoji). */
export function previewOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = Array.from(line);
  if (characters.length <= PREVIEW_LENGTH) return line;
  return `${characters
    .slice(0, PREVIEW_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * A file name someone else chose, made safe to write on any file system: only its last path
 * segment (either slash counts, so "..\..\win.ini" cannot climb), characters Windows or a shell
 * would read specially replaced, control characters replaced, no leading dots (no hidden files,
 * no "..") and at most 180 characters. Empty after all that gives the fallback.
 */
export function safeFileName(name: string, fallback: string): string {
  const lastSegment = name.split(/[\\/]/).pop() ?? '';
  let cleaned = '';
  for (const character of lastSegment) {
    const isControl = (character.codePointAt(0) ?? 0) < 0x20;
    cleaned += isControl || RESERVED.has(character) ? '_' : character;
  }
  return cleaned.replace(/^\.+/, '').trim().slice(0, 180) || fallback;
}

const RESERVED = new Set(['<', '>', ':', '"', '/', '\\', '|', '?', '*']);

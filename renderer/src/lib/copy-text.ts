/**
 * Puts text on the clipboard. The async Clipboard API needs a focused, secure page; when it is
 * refused, the text in `fallback` (an input showing it) is selected and copied the old way.
 */
export async function copyText(text: string, fallback?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.focus();
    fallback.select();
    // Deprecated but still the only synchronous way when the Clipboard API is not allowed.
    return document.execCommand('copy');
  }
}

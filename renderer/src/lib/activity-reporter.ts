/** Input that means someone is at the keyboard. Mouse moves alone do not: a bumped desk is not a person. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Tells the services the person is using Portico, so the idle lock waits, at most once per
 * `everyMs`. The first input is reported at once; input later in the same stretch is reported
 * when the stretch ends, so the idle clock never lags the last input by more than `everyMs`
 * (with a lock after 1 minute, reporting only the first input could lock 30 s early).
 */
export function startActivityReporter(
  report: () => void,
  shouldReport: () => boolean,
  everyMs = 30_000,
): () => void {
  let lastReport = Number.NEGATIVE_INFINITY;
  let trailing: ReturnType<typeof setTimeout> | null = null;

  const send = () => {
    lastReport = Date.now();
    report();
  };

  const onInput = () => {
    if (!shouldReport()) return;
    const since = Date.now() - lastReport;
    if (since >= everyMs) {
      send();
      return;
    }
    trailing ??= setTimeout(() => {
      trailing = null;
      if (shouldReport()) send();
    }, everyMs - since);
  };

  for (const name of ACTIVITY_EVENTS) {
    window.addEventListener(name, onInput, { capture: true, passive: true });
  }
  return () => {
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    if (trailing) clearTimeout(trailing);
  };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One benchmark figure beside its floor: the same work done the simplest possible way on the same
 * machine in the same run, so a ratio means something where absolute times on shared machines do not.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The floor in `unit`; given for absolute-bound figures too, for context, when one exists. */
  floor: number | null;
  /**
   * value / floor. For times (lower is better) 2 means twice as slow as the floor; for rates
   * (docs/s, msgs/s: higher is better) 0.5 means half as fast. Null where the figure is judged by
   * an absolute bound instead.
   */
  ratio: number | null;
  /**
   * The ratio the figure must meet (at most, for times; at least, for rates), or the absolute
   * bound in `unit` when `ratio` is null; null for a figure printed for information only (the
   * issue sets it no target, as for the scale figures on embedded PGlite).
   */
  target: number | null;
  /** Null exactly when target is. */
  met: boolean | null;
  /** Set where more is better but the unit is not a rate (a Lighthouse score). */
  higherIsBetter?: true;
}

/** A figure where lower is better (a time), judged by its ratio to the floor. */
export function ratioFigure(
  name: string,
  value: number,
  unit: string,
  floor: number,
  target: number,
): Figure {
  const ratio = floor > 0 ? value / floor : Number.POSITIVE_INFINITY;
  return { name, value, unit, floor, ratio, target, met: ratio <= target };
}

/**
 * A figure where higher is better (a rate, its unit per second), to be within `within` times of
 * its floor: the ratio (value / floor, as for every figure) must be at least 1 / `within`.
 */
export function rateFigure(name: string, value: number, unit: string, floor: number, within: number): Figure {
  const ratio = floor > 0 ? value / floor : Number.POSITIVE_INFINITY;
  const target = 1 / within;
  return { name, value, unit, floor, ratio, target, met: ratio >= target };
}

/**
 * A figure judged by an absolute bound (lower is better). The floor, when there is one, is shown
 * beside it so a miss can be told apart from a slow machine.
 */
export function boundFigure(
  name: string,
  value: number,
  unit: string,
  bound: number,
  floor: number | null = null,
): Figure {
  return { name, value, unit, floor, ratio: null, target: bound, met: value <= bound };
}

/**
 * A figure judged by an absolute bound where higher is better (a score out of 100): met at `bound`
 * or above. The floor, when there is one, is shown beside it for context.
 */
export function atLeastFigure(
  name: string,
  value: number,
  unit: string,
  bound: number,
  floor: number | null = null,
): Figure {
  return { name, value, unit, floor, ratio: null, target: bound, met: value >= bound, higherIsBetter: true };
}

/** A figure measured for information only: no target, so neither met nor missed. */
export function untargeted(figure: Figure): Figure {
  return { ...figure, target: null, met: null };
}

/** Rates (docs/s, msgs/s) and figures marked so (scores) are those where higher is better. */
function higherIsBetter(figure: Figure): boolean {
  return figure.higherIsBetter ?? figure.unit.endsWith('/s');
}

function format(value: number | null): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return '∞';
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/** The table as Markdown, so it can be pasted into a README as it is. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${format(f.value)} ${f.unit}`,
    f.floor === null ? '—' : `${format(f.floor)} ${f.unit}`,
    f.ratio === null ? '—' : `${format(f.ratio)}x`,
    f.target === null
      ? '—'
      : f.ratio === null
        ? `${higherIsBetter(f) ? '≥' : '≤'} ${format(f.target)} ${f.unit}`
        : `${higherIsBetter(f) ? '≥' : '≤'} ${format(f.target)}x`,
    f.met === null ? '—' : f.met ? 'yes' : 'NO',
  ]);
  const header = ['figure', 'value', 'floor', 'ratio', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function printTable(figures: readonly Figure[]): void {
  console.log(formatTable(figures));
}

export function writeResults(path: string, figures: readonly Figure[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
}

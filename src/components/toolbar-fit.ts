// When the toolbar's file actions fold behind "More": exactly when, inline, the toolbar would overflow
// or cut the title. Measured rather than set at a breakpoint, so a long title or a long save status
// folds them too. Pure state machine (test/src/toolbar-fit.test.ts) plus the observer that feeds it.

/** What the toolbar measures, in CSS pixels. */
export interface ToolbarMeasure {
  /** The toolbar's inner width. */
  readonly barWidth: number;
  /** How far its children overflow it (scrollWidth − clientWidth). */
  readonly barOverflow: number;
  /** The title field's width, how much of the title it cuts, and the most it may grow to. */
  readonly titleWidth: number;
  readonly titleOverflow: number;
  readonly titleMax: number;
}

export interface ToolbarFit {
  readonly compact: boolean;
  /** The width the inline toolbar needed when it last folded, and the title's width then. */
  readonly inlineNeed: number;
  readonly titleAtFold: number;
}

export const INLINE: ToolbarFit = { compact: false, inlineNeed: 0, titleAtFold: 0 };

/** The title's width uncut, up to the field's max width (past it, it is cut at any toolbar width). */
export function titleNeed(m: ToolbarMeasure): number {
  return Math.min(m.titleMax, m.titleWidth + m.titleOverflow);
}

/**
 * Inline, fold when anything is cut, remembering the width that would have sufficed. Folded, unfold
 * once the toolbar is that wide (adjusted by how much the title grew or shrank since).
 */
export function nextToolbarFit(fit: ToolbarFit, m: ToolbarMeasure): ToolbarFit {
  if (!fit.compact) {
    const deficit = m.barOverflow + (titleNeed(m) - m.titleWidth);
    return deficit > 0.5 ? { compact: true, inlineNeed: m.barWidth + deficit, titleAtFold: titleNeed(m) } : fit;
  }
  const need = fit.inlineNeed + titleNeed(m) - fit.titleAtFold;
  return m.barWidth >= need ? INLINE : fit;
}

/** Measure a toolbar whose title field is `title` (a label around the input). */
export function measureToolbar(bar: HTMLElement, title: HTMLElement): ToolbarMeasure {
  const input = title.querySelector("input")!;
  const max = Number.parseFloat(getComputedStyle(title).maxWidth);
  return {
    barWidth: bar.clientWidth,
    barOverflow: Math.max(0, bar.scrollWidth - bar.clientWidth),
    titleWidth: title.getBoundingClientRect().width,
    titleOverflow: Math.max(0, input.scrollWidth - input.clientWidth),
    titleMax: Number.isFinite(max) ? max : Infinity,
  };
}

/**
 * Keep `onChange` told whether the toolbar must fold, re-measuring whenever the toolbar, its title or
 * its status changes size. Returns the disconnect.
 */
export function watchToolbarFit(bar: HTMLElement, title: HTMLElement, others: readonly Element[], onChange: (compact: boolean) => void): () => void {
  let fit = INLINE;
  const measure = () => {
    const next = nextToolbarFit(fit, measureToolbar(bar, title));
    if (next.compact !== fit.compact) onChange(next.compact);
    fit = next;
  };
  const observer = new ResizeObserver(measure);
  for (const el of [bar, title, ...others]) observer.observe(el);
  return () => observer.disconnect();
}

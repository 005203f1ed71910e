// The geometry of the value table: which rows and columns a scroll position shows, which window
// of values to fetch for them, and where to scroll to bring an element into view. Pure, so it is
// tested without a browser.

/** Indices [start, end) along one axis. */
export interface IndexRange {
  readonly start: number;
  readonly end: number;
}

/** Indices [start, start + count) fetched, or being fetched, along one axis. */
export interface IndexSpan {
  readonly start: number;
  readonly count: number;
}

/**
 * The items of size `itemSize` that show in `viewport` pixels scrolled by `offset`, plus
 * `overscan` on each side so a small scroll shows no gap before the next frame renders.
 */
export function visibleRange(offset: number, viewport: number, itemSize: number, count: number, overscan = 1): IndexRange {
  if (count <= 0 || itemSize <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, offset) / itemSize);
  const last = Math.ceil((Math.max(0, offset) + Math.max(0, viewport)) / itemSize);
  const start = Math.min(count - 1, Math.max(0, first - overscan));
  return { start, end: Math.max(start + 1, Math.min(count, last + overscan)) };
}

/**
 * The span to fetch for a visible range: up to three times its length (a screen either side), at
 * most `cap`, centred on it and inside [0, count), so scrolling a little needs no new request.
 */
export function fetchSpan(range: IndexRange, count: number, cap: number): IndexSpan {
  const length = Math.min(range.end - range.start, cap);
  const want = Math.min(cap, count, Math.max(length * 3, 1));
  const start = Math.max(0, Math.min(range.start - Math.floor((want - length) / 2), count - want));
  return { start, count: want };
}

/** Whether a fetched span holds every index of a range. */
export function covers(span: IndexSpan, range: IndexRange): boolean {
  return span.start <= range.start && range.end <= span.start + span.count;
}

/** The scroll offset that shows item `index` whole, moving as little as possible. */
export function revealOffset(offset: number, viewport: number, itemSize: number, index: number): number {
  const top = index * itemSize;
  // An item taller than the viewport shows from its start.
  if (top < offset || itemSize >= viewport) return top;
  if (top + itemSize > offset + viewport) return Math.max(0, top + itemSize - viewport);
  return offset;
}

/** Where keyboard navigation lands: arrows, Page Up/Down by a screen, Home/End along the row, Ctrl+Home/End at the corners. */
export function moveActive(
  at: { readonly row: number; readonly col: number },
  key: string,
  ctrl: boolean,
  dims: { readonly rows: number; readonly cols: number },
  pageRows: number,
): { row: number; col: number } | null {
  const clampRow = (r: number) => Math.max(0, Math.min(dims.rows - 1, r));
  const clampCol = (c: number) => Math.max(0, Math.min(dims.cols - 1, c));
  switch (key) {
    case "ArrowUp": return { row: clampRow(at.row - 1), col: at.col };
    case "ArrowDown": return { row: clampRow(at.row + 1), col: at.col };
    case "ArrowLeft": return { row: at.row, col: clampCol(at.col - 1) };
    case "ArrowRight": return { row: at.row, col: clampCol(at.col + 1) };
    case "PageUp": return { row: clampRow(at.row - Math.max(1, pageRows)), col: at.col };
    case "PageDown": return { row: clampRow(at.row + Math.max(1, pageRows)), col: at.col };
    case "Home": return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case "End": return ctrl ? { row: dims.rows - 1, col: dims.cols - 1 } : { row: at.row, col: dims.cols - 1 };
    default: return null;
  }
}

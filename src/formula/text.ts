// Small pure helpers for the single-line formula editor.

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;

/**
 * A cell's source is one line: every line break becomes a single space. CodeMirror counts each
 * break as one character, so replacing the text it inserts keeps every position valid.
 */
export function stripNewlines(text: string): string {
  return text.replace(LINE_BREAK, " ");
}

export function hasNewline(text: string): boolean {
  LINE_BREAK.lastIndex = 0;
  const found = LINE_BREAK.test(text);
  LINE_BREAK.lastIndex = 0;
  return found;
}

export interface ErrorSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The range to underline for an error: the span clamped to the text, widened to at least one
 * character (an error "at the end" marks the last character), or the whole text when the span is
 * null. Null when there is nothing to underline (empty text).
 */
export function errorRange(span: ErrorSpan | null, length: number): { from: number; to: number } | null {
  if (length <= 0) return null;
  if (span === null || !Number.isFinite(span.start) || !Number.isFinite(span.end)) return { from: 0, to: length };
  let from = Math.max(0, Math.min(Math.floor(span.start), length));
  let to = Math.max(from, Math.min(Math.ceil(span.end), length));
  if (to === from) {
    if (from < length) to = from + 1;
    else from = length - 1;
  }
  return { from, to };
}

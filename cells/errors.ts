/** Where in a cell's source an error points: [start, end) character offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type CellErrorKind =
  | "parse" // the text is not a valid expression
  | "syntax" // valid mathjs, but not part of the sheet language (implicit multiplication, property access, …)
  | "name" // unknown or ambiguous reference, bad cell name
  | "function" // unknown function or wrong arguments
  | "cycle"
  | "duplicate"
  | "shape"
  | "value" // an argument's value is wrong (bad axis, non-integer index, …)
  | "upstream" // a cell this one depends on failed
  | "runtime";

/** An error shown on a cell. It is data: it flows to dependents as "depends on X, which failed". */
export class CellError extends Error {
  override name = "CellError";
  constructor(
    readonly kind: CellErrorKind,
    message: string,
    readonly span: Span | null = null,
  ) {
    super(message);
  }

  withSpan(span: Span | null): CellError {
    return this.span !== null || span === null ? this : new CellError(this.kind, this.message, span);
  }
}

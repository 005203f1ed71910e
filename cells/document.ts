// The sheet file format, v1 (fixed by ../shared/refcases/README.md). Types only: the validator
// lives in format/, the live model in sheet.ts.

export const FORMAT_NAME = "tensorsheet";
export const FORMAT_VERSION = 1;

/** A stored tensor: little-endian float32 values, base64-encoded, row-major. */
export interface TensorRecord {
  readonly dtype: "float32";
  readonly shape: readonly number[];
  readonly data: string;
}

export interface CellRecord {
  /** Grid address such as `A1` or `C12`. */
  readonly address: string;
  /** `name = expression`, or a bare expression for an anonymous cell. */
  readonly source: string;
  readonly note?: string;
}

export interface SheetDocument {
  readonly format: typeof FORMAT_NAME;
  readonly version: typeof FORMAT_VERSION;
  readonly title: string;
  readonly seed: number;
  readonly cells: readonly CellRecord[];
  /** Current values of param cells, by cell name. */
  readonly tensors?: Readonly<Record<string, TensorRecord>>;
  /** Name (or address) of the scalar cell whose gradient every upstream cell shows. */
  readonly objective?: string;
  /** View state (column widths, chosen views); opaque to the model and kept as is. */
  readonly layout?: Readonly<Record<string, unknown>>;
  /** Training state per training cell, added by the training layer. Opaque here and kept as is. */
  readonly training?: Readonly<Record<string, unknown>>;
}

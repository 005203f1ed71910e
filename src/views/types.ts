import type { TensorPreview } from "../../cells/index.ts";

export interface Size {
  readonly width: number;
  readonly height: number;
}

export type ViewSize = "cell" | "large";

/** What every view component takes. */
export interface ViewProps {
  readonly preview: TensorPreview;
  readonly size: ViewSize;
  /** Prefix for the aria-label, e.g. the cell's name. */
  readonly label?: string;
}

/** The nominal drawing area of each size, used until the real box has been measured. */
export const NOMINAL: Readonly<Record<ViewSize, Size>> = {
  cell: { width: 220, height: 96 },
  large: { width: 600, height: 360 },
};

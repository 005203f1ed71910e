import { Base64Error, decodeFloat32, encodeFloat32 } from "../base64.ts";
import { ArgumentError } from "../errors.ts";
import type { OptimizerState } from "./types.ts";

/**
 * JSON form of an OptimizerState: each slot buffer becomes base64 of its little-endian float32
 * bytes. Exact for every value, unlike number[] (JSON turns NaN and ±Infinity into null and
 * −0 into 0), and about half the size of decimal text.
 */
export interface OptimizerStateJSON extends Omit<OptimizerState, "slots"> {
  slots: string[][];
}

export function optimizerStateToJSON(state: OptimizerState): OptimizerStateJSON {
  return { ...state, config: { ...state.config }, slots: state.slots.map((s) => s.map(encodeFloat32)) };
}

export function optimizerStateFromJSON(json: OptimizerStateJSON): OptimizerState {
  if (!Array.isArray(json?.slots) || !json.slots.every((s) => Array.isArray(s) && s.every((b) => typeof b === "string"))) {
    throw new ArgumentError("optimizerStateFromJSON", "slots must be arrays of base64 strings");
  }
  try {
    return { ...json, config: { ...json.config }, slots: json.slots.map((s) => s.map(decodeFloat32)) };
  } catch (e) {
    if (e instanceof Base64Error) throw new ArgumentError("optimizerStateFromJSON", `a slot is not valid float32 data: ${e.reason}`);
    throw e;
  }
}

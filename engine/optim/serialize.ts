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
  return { ...json, config: { ...json.config }, slots: json.slots.map((s) => s.map(decodeFloat32)) };
}

function encodeFloat32(a: Readonly<Float32Array>): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i]!, true);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function decodeFloat32(b64: string): Float32Array {
  const binary = atob(b64);
  if (binary.length % 4 !== 0) throw new ArgumentError("optimizerStateFromJSON", "a slot's byte length is not a multiple of 4");
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

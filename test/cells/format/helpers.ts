import { expect } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { FormatError } from "../../../cells/format/errors.ts";
import { encodeFloat32 } from "../../../cells/format/base64.ts";

/** A small valid document, as a plain JSON value the tests can break one piece at a time. */
export function validDoc(): Record<string, unknown> & { cells: Record<string, unknown>[]; tensors: Record<string, Record<string, unknown>> } {
  return {
    format: "tensorsheet",
    version: 1,
    title: "two params",
    seed: 42,
    cells: [
      { address: "A1", source: "W = param(zeros([2, 3]))" },
      { address: "A2", source: "b = param(zeros([3]))" },
      { address: "B1", source: "s = sum(W + b)" },
    ],
    tensors: {
      W: { dtype: "float32", shape: [2, 3], data: encodeFloat32(new Float32Array([1, 2, 3, 4, 5, 6])) },
      b: { dtype: "float32", shape: [3], data: encodeFloat32(new Float32Array([0.5, -0, NaN])) },
    },
  };
}

/** A document using every optional member. */
export function fullDoc(): SheetDocument {
  return {
    format: "tensorsheet",
    version: 1,
    title: "everything — with “unicode” and \"quotes\"\nand a newline",
    seed: 4294967295,
    objective: "loss",
    cells: [
      { address: "A1", source: "x = param(randn([4, 2]))", note: "inputs" },
      { address: "ZZZ99999", source: "loss = mean(x * x)" },
      { address: "B2", source: "1 + 2", note: "" },
    ],
    tensors: {
      x: { dtype: "float32", shape: [4, 2], data: encodeFloat32(new Float32Array([1, -1, 0.25, -0, Infinity, -Infinity, 1e-45, 3])) },
      scalar: { dtype: "float32", shape: [], data: encodeFloat32(new Float32Array([7])) },
      empty: { dtype: "float32", shape: [0, 3], data: "" },
    },
    layout: { columns: { A: 120, B: 80 }, views: { x: "heatmap" }, "2": [1, 2, { nested: null }], empty: {}, list: [] },
    training: { loss: { step: 12, history: [0.5, 0.25], optimizer: { kind: "adam", lr: 0.001 } } },
  };
}

/** The FormatError `f` throws; fails the test when it throws nothing or something else. */
export function formatError(f: () => unknown): FormatError {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(FormatError);
  return thrown as FormatError;
}

import { allocate, allocateUnset } from "../buffers.ts";

type Data = Readonly<Float32Array>;

/** Whole rows of `rowSize` floats copied in the order `rows` names them: no per-element offsets. */
export function takeRows(src: Data, rows: Int32Array, rowSize: number): Float32Array {
  const out = allocateUnset(rows.length * rowSize);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i]! * rowSize;
    out.set(src.subarray(from, from + rowSize), i * rowSize);
  }
  return out;
}

/** takeRows' adjoint: row i of g added into row rows[i] of a zero buffer of `size` (repeats accumulate). */
export function scatterAddRows(g: Data, rows: Int32Array, rowSize: number, size: number): Float32Array {
  const out = allocate(size);
  for (let i = 0; i < rows.length; i++) {
    const to = rows[i]! * rowSize;
    for (let j = 0; j < rowSize; j++) out[to + j] = out[to + j]! + g[i * rowSize + j]!;
  }
  return out;
}

/** Rows of `depth` zeros with a 1 at each (already checked) class index. */
export function oneHotRows(classes: Int32Array, depth: number): Float32Array {
  const out = allocate(classes.length * depth);
  for (let i = 0; i < classes.length; i++) out[i * depth + classes[i]!] = 1;
  return out;
}

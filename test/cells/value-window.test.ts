import { describe, expect, it } from "vitest";
import { cutWindow, matrixDims, MAX_WINDOW_COLS, MAX_WINDOW_ROWS, WindowError } from "../../cells/value-window.ts";
import { arange, reshape, scalar, tensor, zeros } from "../../engine/index.ts";

const whole = { slice: [] as number[], rowStart: 0, rowCount: 1, colStart: 0, colCount: 1 };

describe("value windows", () => {
  it("reads every rank as a matrix of its last two axes", () => {
    expect(matrixDims([])).toEqual({ leading: [], rows: 1, cols: 1 });
    expect(matrixDims([7])).toEqual({ leading: [], rows: 7, cols: 1 });
    expect(matrixDims([3, 5])).toEqual({ leading: [], rows: 3, cols: 5 });
    expect(matrixDims([2, 6, 3, 5])).toEqual({ leading: [2, 6], rows: 3, cols: 5 });
  });

  it("cuts the one value of a scalar", () => {
    const w = cutWindow(scalar(2.5), whole);
    expect(w.shape).toEqual([]);
    expect([...w.values]).toEqual([2.5]);
  });

  it("cuts a vector as one column", () => {
    const w = cutWindow(tensor([10, 11, 12, 13, 14]), { ...whole, rowStart: 1, rowCount: 3 });
    expect({ rowStart: w.rowStart, rowCount: w.rowCount, colCount: w.colCount }).toEqual({ rowStart: 1, rowCount: 3, colCount: 1 });
    expect([...w.values]).toEqual([11, 12, 13]);
  });

  it("cuts a rectangle out of a matrix, row-major", () => {
    // m[r, c] = 10 r + c
    const m = tensor([[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23]]);
    const w = cutWindow(m, { slice: [], rowStart: 1, rowCount: 2, colStart: 1, colCount: 2 });
    expect([...w.values]).toEqual([11, 12, 21, 22]);
    expect(w.shape).toEqual([3, 4]);
  });

  it("reads T[i, j, :, :] through the slice of the leading axes", () => {
    const t = reshape(arange(48), [2, 2, 3, 4]);
    const w = cutWindow(t, { slice: [1, 0], rowStart: 0, rowCount: 3, colStart: 2, colCount: 2 });
    // T[1, 0] starts at 24; row r, column c is 24 + 4 r + c.
    expect([...w.values]).toEqual([26, 27, 30, 31, 34, 35]);
    expect(w.slice).toEqual([1, 0]);
  });

  it("clamps a window that runs past the edge, and to the cap", () => {
    const m = reshape(arange(12), [3, 4]);
    const w = cutWindow(m, { slice: [], rowStart: 2, rowCount: 50, colStart: 3, colCount: 50 });
    expect({ rowCount: w.rowCount, colCount: w.colCount }).toEqual({ rowCount: 1, colCount: 1 });
    expect([...w.values]).toEqual([11]);
    const big = cutWindow(zeros([1000, 1000]), { slice: [], rowStart: 0, rowCount: 10_000, colStart: 0, colCount: 10_000 });
    expect({ rowCount: big.rowCount, colCount: big.colCount }).toEqual({ rowCount: MAX_WINDOW_ROWS, colCount: MAX_WINDOW_COLS });
    expect(big.values.length).toBe(MAX_WINDOW_ROWS * MAX_WINDOW_COLS);
  });

  it("keeps NaN and infinities as they are", () => {
    const w = cutWindow(tensor([NaN, Infinity, -Infinity, 1]), { ...whole, rowCount: 4 });
    expect([...w.values]).toEqual([NaN, Infinity, -Infinity, 1]);
  });

  it("says what is out of range", () => {
    const t = reshape(arange(24), [2, 3, 4]);
    const cut = (request: Partial<typeof whole>) => () => cutWindow(t, { ...whole, slice: [0], ...request });
    expect(cut({ slice: [] })).toThrow(new WindowError("a tensor of shape [2, 3, 4] takes 1 slice index, got 0"));
    expect(cut({ slice: [2] })).toThrow(new WindowError("index 2 is out of range for axis 0 of size 2 (shape [2, 3, 4])"));
    expect(cut({ slice: [0.5] })).toThrow(new WindowError("index 0.5 is out of range for axis 0 of size 2 (shape [2, 3, 4])"));
    expect(cut({ rowStart: 3 })).toThrow(new WindowError("row 3 is out of range: the tensor of shape [2, 3, 4] has 3 rows"));
    expect(cut({ colStart: -1 })).toThrow(new WindowError("column -1 is out of range: the tensor of shape [2, 3, 4] has 4 columns"));
    expect(cut({ colCount: 0 })).toThrow(new WindowError("a window needs at least one column, got 0"));
    expect(() => cutWindow(zeros([0]), whole)).toThrow(new WindowError("row 0 is out of range: the tensor of shape [0] has 0 rows"));
  });
});

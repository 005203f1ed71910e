import { describe, expect, it } from "vitest";
import { csvUnavailable, float32Text, parseCsv, writeCsv } from "../../cells/csv.ts";
import { DatasetError } from "../../engine/datasets/index.ts";

function csvError(text: string, file = "data.csv"): string {
  try {
    parseCsv(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return (e as Error).message;
  }
  throw new Error("expected parseCsv to throw");
}

describe("writeCsv", () => {
  it("writes a matrix one row per line with the shortest float32 digits", () => {
    expect(writeCsv([2, 3], Float32Array.of(0.1, -2, 1 / 3, 1e-7, 150, -0))).toBe("0.1,-2,0.33333334\n1e-7,150,-0\n");
  });

  it("writes a vector one value per line, a scalar as one value, and NaN/±Inf as NumPy does", () => {
    expect(writeCsv([3], Float32Array.of(NaN, Infinity, -Infinity))).toBe("nan\ninf\n-inf\n");
    expect(writeCsv([], Float32Array.of(2.5))).toBe("2.5\n");
  });

  it("round-trips float32 values exactly through parseCsv", () => {
    const values = Float32Array.from({ length: 60 }, (_, i) => Math.fround(Math.sin(i * 1.7) * 10 ** ((i % 13) - 6)));
    values[7] = NaN;
    values[8] = -Infinity;
    const back = parseCsv(writeCsv([6, 10], values), "t.csv");
    expect(back.shape).toEqual([6, 10]);
    expect(back.data).toEqual(values);
  });

  it("says why a tensor has no CSV form", () => {
    expect(csvUnavailable([2, 3])).toBeNull();
    expect(csvUnavailable([2, 3, 4])).toBe("CSV holds tables of up to 2 axes; this tensor has 3 (shape [2, 3, 4]). Download .npy instead.");
    expect(csvUnavailable([0, 3])).toBe("the tensor is empty (shape [0, 3]): there are no values to write");
    expect(() => writeCsv([1, 1, 1], Float32Array.of(1))).toThrow("csv: CSV holds tables of up to 2 axes");
  });

  it("writes at most 9 significant digits, the most a float32 needs", () => {
    for (const v of [Math.fround(0.1), Math.fround(Math.PI), 16777216, Math.fround(1.17549435e-38), Math.fround(3.4028235e38)]) {
      const text = float32Text(v);
      expect(Math.fround(Number(text))).toBe(v);
      expect(text.replace(/^-|e.*$|\./g, "").replace(/^0+/, "").length).toBeLessThanOrEqual(9);
    }
    expect(float32Text(Math.fround(0.1))).toBe("0.1");
    expect(float32Text(Math.fround(Math.PI))).toBe("3.1415927");
  });
});

describe("parseCsv", () => {
  it("reads a table as a matrix and one column as a vector, skipping blank lines and CRLF", () => {
    const m = parseCsv("1, 2,3\r\n\r\n4,5,6\r\n", "m.csv");
    expect(m.shape).toEqual([2, 3]);
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
    const v = parseCsv("\uFEFF1.5\n-2e3\nNaN\n-inf\n", "v.csv");
    expect(v.shape).toEqual([4]);
    expect([...v.data]).toEqual([1.5, -2000, NaN, -Infinity]);
  });

  it("names the file, line and column of a value that is not a number", () => {
    expect(csvError("1,2\n3,abc\n")).toBe('data.csv: line 2, column 2: "abc" is not a number');
    expect(csvError("x,y\n1,2\n")).toBe('data.csv: line 1, column 1: "x" is not a number (a header row of column names is not read: remove it)');
    expect(csvError("1,,3\n")).toBe("data.csv: line 1, column 2: empty value; every cell of the table needs a number");
    expect(csvError("0x10\n")).toBe('data.csv: line 1, column 1: "0x10" is not a number');
  });

  it("refuses ragged rows and an empty file", () => {
    expect(csvError("1,2,3\n\n4,5\n")).toBe("data.csv: line 3 has 2 values, but line 1 has 3: every row needs the same number of columns");
    expect(csvError("\n \n")).toBe("data.csv: holds no numbers: the file is empty");
  });
});

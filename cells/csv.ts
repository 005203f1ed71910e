import { Tensor } from "../engine/index.ts";
import { DatasetError } from "../engine/datasets/index.ts";

/**
 * Tensors as CSV tables of numbers, the way np.savetxt(…, delimiter=",") writes them and
 * np.loadtxt reads them: a matrix is one line per row, a vector one value per line, a scalar one
 * value. No header, so the file opens as numbers in any tool. Reading gives a matrix, or a vector
 * for a single column (so a [n, 1] matrix comes back as [n]).
 */

/** Why a tensor of this shape has no CSV form, or null if it has one. */
export function csvUnavailable(shape: readonly number[]): string | null {
  if (shape.length > 2) return `CSV holds tables of up to 2 axes; this tensor has ${shape.length} (shape [${shape.join(", ")}]). Download .npy instead.`;
  if (shape.includes(0)) return `the tensor is empty (shape [${shape.join(", ")}]): there are no values to write`;
  return null;
}

/** The CSV text of a tensor of rank ≤ 2, each value written so it reads back as the same float32. */
export function writeCsv(shape: readonly number[], data: Float32Array): string {
  const why = csvUnavailable(shape);
  if (why !== null) throw new DatasetError("csv", why);
  const cols = shape.length === 2 ? shape[1]! : 1;
  const lines: string[] = [];
  const row: string[] = new Array<string>(cols);
  for (let start = 0; start < data.length; start += cols) {
    for (let c = 0; c < cols; c++) row[c] = float32Text(data[start + c]!);
    lines.push(row.join(","));
  }
  return lines.join("\n") + "\n";
}

/**
 * The shortest decimal that reads back as `value` in float32 (at most 9 significant digits, which
 * always suffice), and nan / inf / -inf as NumPy writes them.
 */
export function float32Text(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (Object.is(value, -0)) return "-0";
  // Integers up to 2^24 are exact in float32 and short in decimal; past that, digits beyond 9 are noise.
  if (Number.isInteger(value) && Math.abs(value) <= 2 ** 24) return String(value);
  const fits = (digits: number) => Math.fround(Number(value.toPrecision(digits))) === value;
  // Fewer digits fit less often: search for the fewest (9 always fits a float32).
  let low = 1;
  let high = 9;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (fits(mid)) high = mid;
    else low = mid + 1;
  }
  const digits = fits(low) ? low : 9;
  // Number → String turns "1.5e+2" into "150" and drops trailing zeros, and reads back the same.
  return String(Number(value.toPrecision(digits)));
}

const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity, "-nan": NaN };
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A CSV table of numbers as a tensor: [rows, cols], or [rows] for one column. Blank lines are
 * skipped; errors name the file, the line and the column, e.g. `data.csv: line 3, column 2: "abc"
 * is not a number`.
 */
export function parseCsv(text: string, file: string): Tensor {
  const rows: number[][] = [];
  let cols = -1;
  let firstLine = 0;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const at = `line ${i + 1}`;
    const fields = line.split(",");
    if (cols === -1) {
      cols = fields.length;
      firstLine = i + 1;
    } else if (fields.length !== cols) {
      throw new DatasetError(file, `${at} has ${fields.length} value${fields.length === 1 ? "" : "s"}, but line ${firstLine} has ${cols}: every row needs the same number of columns`);
    }
    rows.push(fields.map((field, c) => parseField(field, file, `${at}, column ${c + 1}`, rows.length === 0)));
  });
  if (rows.length === 0) throw new DatasetError(file, "holds no numbers: the file is empty");
  const data = Float32Array.from(rows.flat());
  return new Tensor(cols === 1 ? [rows.length] : [rows.length, cols], data);
}

function parseField(field: string, file: string, at: string, firstRow: boolean): number {
  const text = field.trim();
  if (text === "") throw new DatasetError(file, `${at}: empty value; every cell of the table needs a number`);
  const special = SPECIAL[text.toLowerCase()];
  if (special !== undefined) return special;
  if (DECIMAL.test(text)) return Number(text);
  const hint = firstRow && /^["'A-Za-z_]/.test(text) ? " (a header row of column names is not read: remove it)" : "";
  throw new DatasetError(file, `${at}: ${JSON.stringify(text)} is not a number${hint}`);
}

import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Tensor } from "../../engine/tensor.ts";

/** PyTorch float64 reference sheets, shared by every team: `../shared/refcases` beside the repository. */
export const REFCASES_DIR = fileURLToPath(new URL("../../../shared/refcases/", import.meta.url));

export interface RefCase {
  readonly name: string;
  readonly sheet: {
    readonly title: string;
    readonly seed: number;
    readonly cells: readonly { address: string; source: string }[];
    readonly tensors?: Readonly<Record<string, { dtype: string; shape: number[]; data: string }>>;
  };
  readonly expect: Readonly<Record<string, { shape: number[]; data: number[] }>>;
}

/** The cases of the top folder, or of a subfolder such as "conv/" (named e.g. "conv/pools"). */
export function loadRefCases(folder = ""): RefCase[] {
  return readdirSync(REFCASES_DIR + folder)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: folder + f.replace(/\.json$/, ""), ...JSON.parse(readFileSync(REFCASES_DIR + folder + f, "utf8")) }));
}

/** The case's stored param values, decoded from base64 little-endian float32. */
export function refTensors(c: RefCase): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(c.sheet.tensors ?? {})) {
    const bytes = Buffer.from(t.data, "base64");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const data = new Float32Array(bytes.byteLength / 4);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
    out[name] = new Tensor(t.shape, data);
  }
  return out;
}

/** The README's tolerance: |got − want| ≤ 1e-5 + 1e-4·|want|, with shapes equal exactly. */
export function mismatches(got: Tensor, want: { shape: number[]; data: number[] }): string[] {
  const problems: string[] = [];
  if (JSON.stringify(got.shape) !== JSON.stringify(want.shape)) {
    return [`shape ${JSON.stringify(got.shape)} ≠ ${JSON.stringify(want.shape)}`];
  }
  want.data.forEach((w, i) => {
    const g = got.data[i]!;
    if (!(Math.abs(g - w) <= 1e-5 + 1e-4 * Math.abs(w))) problems.push(`[${i}] got ${g}, want ${w}`);
  });
  return problems;
}

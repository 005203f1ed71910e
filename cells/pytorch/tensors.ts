import { encodeFloat32, type Tensor } from "../../engine/index.ts";
import { pyNestedList } from "./python.ts";

// How a value the sheet holds gets into the script: written out (small), base64 float32 in the
// script, or a .npy file beside it (large, when the caller can write files).

/** Up to this many values a tensor is written as a Python list, readable at a glance. */
export const LIST_LIMIT = 16;
/** Past this many values a tensor goes to a .npy file beside the script, when files can be written. */
export const FILE_LIMIT = 4096;

export interface DataFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface TensorEmbedder {
  /** Python code for `value`; `fileStem` names its .npy file if it goes beside the script. */
  code(value: Tensor, fileStem: string): string;
  readonly files: DataFile[];
  readonly helpers: Set<string>;
}

export function tensorEmbedder(writeFiles: boolean): TensorEmbedder {
  const files: DataFile[] = [];
  const helpers = new Set<string>();
  return {
    files,
    helpers,
    code(value, fileStem) {
      if (value.size <= LIST_LIMIT) return `torch.tensor(${pyNestedList(value.shape, value.data as Float32Array)})`;
      if (writeFiles && value.size > FILE_LIMIT) {
        const name = `${fileStem}.npy`;
        files.push({ name, bytes: npyBytes(value.shape, value.data as Float32Array) });
        helpers.add("load_array");
        return `torch.from_numpy(load_array("${name}"))`;
      }
      helpers.add("from_base64");
      return `from_base64("${encodeFloat32(value.data as Float32Array)}", [${value.shape.join(", ")}])`;
    },
  };
}

/** A NumPy .npy file (format 1.0): little-endian float32 or uint8, row-major. */
export function npyBytes(shape: readonly number[], data: Float32Array | Uint8Array): Uint8Array {
  const descr = data instanceof Float32Array ? "<f4" : "|u1";
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
  // The header is padded with spaces so the data starts on a 64-byte boundary, and ends in \n.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, " ") + "\n";
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(total + body.length);
  out.set([0x93, ...Array.from("NUMPY", (c) => c.charCodeAt(0)), 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(body, total);
  return out;
}

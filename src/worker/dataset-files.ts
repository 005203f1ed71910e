import { gunzipWeb, isZip, loadIdx, loadNpy, parseCsv, parseNpz, type Tensor } from "../../cells/index.ts";

/** One dataset a loaded file provides, under the name cells read it by, dataset("name"). */
export interface NamedDataset {
  readonly name: string;
  readonly tensor: Tensor;
}

/**
 * The datasets in a file the user loaded, by what the file is: .npy (gzipped or not) and IDX give
 * one dataset named `name`; a CSV table gives one; an .npz gives one per array, named
 * `<name>_<array>` (np.savez(f, W=…, b=…) loaded as "model" gives model_W and model_b), so two
 * archives with the same array names never overwrite each other. Throws a DatasetError naming the
 * file and what is wrong.
 */
export async function readDatasetFile(name: string, filename: string, bytes: Uint8Array): Promise<NamedDataset[]> {
  if (/\.npz$/i.test(filename) || isZip(bytes)) {
    return parseNpz(bytes, filename).map((a) => ({ name: `${name}_${a.name}`, tensor: a.tensor }));
  }
  if (/\.csv$/i.test(filename)) return [{ name, tensor: parseCsv(new TextDecoder().decode(bytes), filename) }];
  const isNpy = /\.npy(\.gz)?$/i.test(filename) || (bytes[0] === 0x93 && bytes[1] === 0x4e);
  return [{ name, tensor: isNpy ? await loadNpy(bytes, filename, gunzipWeb) : await loadIdx(bytes, filename, gunzipWeb) }];
}

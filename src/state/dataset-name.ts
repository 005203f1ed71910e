// What Load data… asks: a name for the file's data, as cells will read it.

/** A cell-name-safe name from a file name: `train-images-idx3-ubyte.gz` → `train_images`. */
export function suggestedDatasetName(filename: string): string {
  const stem = filename.replace(/\.gz$/i, "").replace(/[.-]idx\d?-ubyte$/i, "").replace(/\.(npy|npz|csv|idx\d?|ubyte)$/i, "");
  return stem.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^(\d)/, "_$1") || "data";
}

/** The prompt's question. An .npz holds several arrays, each read as dataset("<name>_<array>") (src/worker/dataset-files.ts). */
export function datasetNameQuestion(filename: string): string {
  const reads = /\.npz$/i.test(filename) ? 'each array as dataset("name_array")' : 'it as dataset("name")';
  return `Name for ${filename}? Cells read ${reads}.`;
}

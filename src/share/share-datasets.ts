// A link carries a sheet's cells, never the data the sender loaded (dataset("name") reads files
// kept in the sender's browser). The preview says which of those the sheet reads and this browser
// lacks, so the receiver knows what to load rather than puzzling over error cells.

/** The names of the datasets the worker said it does not have, from cell errors, sorted and unique. */
export function missingDatasets(errors: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const message of errors) {
    // The worker's wording (sheet-worker.ts): `no dataset named "<name>"; load a .npy …`.
    const match = /^no dataset named "([^"]*)"/.exec(message);
    if (match) names.add(match[1]!);
  }
  return [...names].sort();
}

/** `dataset("a")`, `dataset("b")`: how the banner names them, as the cells spell them. */
export function datasetCalls(names: readonly string[]): string {
  return names.map((n) => `dataset(${JSON.stringify(n)})`).join(", ");
}

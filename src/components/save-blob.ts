/** Hand the browser a file to save (the sheet's JSON, a PyTorch script, a cell's .npy, .csv or PNG). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  // The download has started reading the blob by the time a click handler returns; free it after.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

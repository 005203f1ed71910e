import { createSignal } from "solid-js";
import { csvUnavailable, type ViewKind } from "../../cells/index.ts";
import type { Workbook } from "../state/workbook.ts";
import type { CellView, ValuesFormat } from "../worker/protocol.ts";
import { saveBlob } from "./save-blob.ts";
import { pngSourceOf, viewPng } from "./view-png.ts";
import "./cell-downloads.css";

export interface CellDownloadsProps {
  readonly workbook: Workbook;
  readonly cell: CellView;
  /** The gradient twin is shown: the downloads are of ∂objective/∂cell, as the view is. */
  readonly gradient: boolean;
  /** The view shown just before this row, whose picture the PNG is. */
  readonly kind: ViewKind;
  readonly shape: readonly number[];
}

/**
 * Download what the inspector shows: all values as .npy (any shape) or .csv (up to 2 axes), and
 * the view as a PNG. An unavailable format stays focusable with its reason as the tooltip, so
 * the reason can be read by mouse, keyboard and screen reader alike.
 */
export function CellDownloads(props: CellDownloadsProps) {
  const wb = props.workbook;
  const [status, setStatus] = createSignal<{ kind: "info" | "error"; text: string } | null>(null);
  let root!: HTMLDivElement;
  const stem = () => {
    const name = props.cell.name ?? props.cell.address;
    return props.gradient ? `d${wb.client.state.objective ?? "objective"}_d${name}` : name;
  };
  const csvReason = () => csvUnavailable(props.shape);
  const png = () => pngSourceOf(props.kind);

  const run = async (filename: string, make: () => Promise<Blob>) => {
    setStatus({ kind: "info", text: `Preparing ${filename}…` });
    try {
      saveBlob(await make(), filename);
      setStatus({ kind: "info", text: `Downloaded ${filename}.` });
    } catch (e) {
      setStatus({ kind: "error", text: `${filename} was not written: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  const values = (format: ValuesFormat) =>
    run(`${stem()}.${format}`, async () => {
      const answer = await wb.client.values(props.cell.address, format, props.gradient);
      if (answer.error !== null) throw new Error(answer.error);
      return new Blob([answer.bytes as Uint8Array<ArrayBuffer>], { type: format === "npy" ? "application/octet-stream" : "text/csv" });
    });
  const picture = () =>
    run(`${stem()}.png`, () => {
      const figure = root.previousElementSibling;
      if (!figure?.matches("figure.tv")) return Promise.reject(new Error("the view is not on screen"));
      return viewPng(figure);
    });
  const refuse = (reason: string) => setStatus({ kind: "error", text: reason });

  return (
    <div class="cell-downloads" ref={root} role="group" aria-label={`Download ${stem()}`} data-testid="cell-downloads">
      <span class="muted">Download</span>
      <button type="button" data-testid="download-npy" title={`All values as a NumPy .npy file (float32), read with np.load("${stem()}.npy")`} onClick={() => void values("npy")}>.npy</button>
      <button
        type="button"
        data-testid="download-csv"
        aria-disabled={csvReason() !== null}
        title={csvReason() ?? "All values as a CSV table (one row per line), read with np.loadtxt(…, delimiter=\",\") or any spreadsheet"}
        onClick={() => (csvReason() === null ? void values("csv") : refuse(csvReason()!))}
      >.csv</button>
      <button
        type="button"
        data-testid="download-png"
        aria-disabled={png().reason !== null}
        title={png().reason ?? `This ${props.kind} view as a PNG image`}
        onClick={() => (png().reason === null ? void picture() : refuse(png().reason!))}
      >PNG</button>
      <span role="status" class="cell-downloads-status" classList={{ "cell-downloads-error": status()?.kind === "error" }} data-testid="download-status">
        {status()?.text}
      </span>
    </div>
  );
}

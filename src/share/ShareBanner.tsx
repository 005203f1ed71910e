import { Show, createEffect, createMemo, createSignal } from "solid-js";
import type { Workbook } from "../state/workbook.ts";
import { datasetCalls, missingDatasets } from "./share-datasets.ts";
import { PREVIEW_STATUS, type SharePreview } from "./share-preview.ts";
import "./share.css";

/**
 * Across the top while a shared link's sheet is previewed: where it came from, that nothing is
 * saved, the data it reads that is not loaded here, and "Save a copy".
 */
export function ShareBanner(props: { readonly workbook: Workbook; readonly preview: SharePreview }) {
  const wb = props.workbook;
  const [saving, setSaving] = createSignal(false);
  const missing = createMemo(() =>
    missingDatasets(Object.values(wb.client.state.cells).flatMap((c) => (c.error ? [c.error.message] : []))),
  );
  // Once another sheet is open, the preview's status must not linger until that sheet next saves.
  createEffect(() => {
    const s = wb.storage[0]();
    if (!wb.previewing() && s.kind === "unsaved" && s.message === PREVIEW_STATUS) wb.storage[1]({ kind: "saved" });
  });
  const save = async () => {
    setSaving(true);
    try {
      await props.preview.saveCopy();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Show when={props.preview.shown()}>
      {(shared) => (
        <section class="share-banner" aria-label="Shared sheet" data-testid="share-banner">
          <div class="share-banner-text">
            <p data-testid="share-banner-title">
              <strong>Shared sheet: {shared().title}</strong> — opened from a link. Nothing is saved until you save a copy.
            </p>
            <Show when={missing().length > 0}>
              <p class="share-banner-data" data-testid="share-banner-data">
                It reads data the link does not carry: {datasetCalls(missing())}. Load it under that name with Load data… (in More when the toolbar is narrow).
              </p>
            </Show>
          </div>
          <button type="button" data-testid="share-save-copy" disabled={saving()} onClick={() => void save()}>
            {saving() ? "Saving…" : "Save a copy"}
          </button>
        </section>
      )}
    </Show>
  );
}

import { createSignal } from "solid-js";
import type { Workbook } from "../state/workbook.ts";
import { encodeSharePayload } from "./share-codec.ts";
import { MAX_LINK_LENGTH, shareLink, tooLongMessage } from "./share-route.ts";

/**
 * "Copy link": the open sheet, as Export would write it (with or without trained values, as the
 * checkbox beside Export says), packed into a link and put on the clipboard. The notice says what
 * the link carries, or why there is none.
 */
export function CopyLinkButton(props: { readonly workbook: Workbook; readonly withValues: () => boolean }) {
  const wb = props.workbook;
  const [busy, setBusy] = createSignal(false);
  /** The last link copied, kept on the button (data-link-length) so tests and tools can see it was made. */
  const [length, setLength] = createSignal<number | null>(null);

  const copy = async () => {
    setBusy(true);
    try {
      const withValues = props.withValues();
      const { text } = await wb.exportText(withValues);
      const link = shareLink(location, await encodeSharePayload(text));
      if (link.length > MAX_LINK_LENGTH) {
        setLength(null);
        wb.notice[1]({ kind: "error", text: tooLongMessage(link.length, withValues) });
        return;
      }
      await navigator.clipboard.writeText(link);
      setLength(link.length);
      const carries = withValues ? "cells, layout, seed and trained values" : "cells, layout and seed (no trained values)";
      wb.notice[1]({ kind: "info", text: `Link copied (${(link.length / 1024).toFixed(1)} KB): it carries the sheet's ${carries}, not datasets you loaded.` });
    } catch (e) {
      wb.notice[1]({ kind: "error", text: `The link was not copied: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      data-testid="copy-link-button"
      data-link-length={length() ?? undefined}
      disabled={busy()}
      title="Copy a link that opens this sheet: the sheet rides in the link itself, never on a server"
      onClick={() => void copy()}
    >
      Copy link
    </button>
  );
}

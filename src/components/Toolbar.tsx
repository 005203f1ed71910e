import { For, Show, createSignal, onCleanup, onMount } from "solid-js";
import { EXAMPLES } from "../examples.ts";
import type { Workbook } from "../state/workbook.ts";
import { FileActions } from "./FileActions.tsx";
import { SheetsDialog } from "./SheetsDialog.tsx";
import { saveStatusText } from "./save-status.ts";
import { ThemeToggle } from "./ThemeToggle.tsx";
import { watchToolbarFit } from "./toolbar-fit.ts";

/** The menu value that makes a blank sheet (example values are file names). */
const BLANK = "blank";

/** Title, sheets, a new sheet (blank or an example), import/export, undo/redo, the colour theme and the save status, on one line. */
export function Toolbar(props: { readonly workbook: Workbook; readonly onHelp?: () => void; readonly helpOpen?: boolean }) {
  const wb = props.workbook;
  const [sheetsOpen, setSheetsOpen] = createSignal(false);
  // Whether the file actions fold behind "More": measured, so they fold exactly when they don't fit.
  const [compact, setCompact] = createSignal(false);
  let bar!: HTMLElement;
  let titleField!: HTMLLabelElement;
  let statusEl!: HTMLSpanElement;
  let sheetsButton!: HTMLButtonElement;
  onMount(() => onCleanup(watchToolbarFit(bar, titleField, [statusEl], setCompact)));

  const status = () => saveStatus(wb);
  return (
    <header class="toolbar" ref={bar} classList={{ "toolbar-compact": compact() }} data-compact={compact() ? "true" : "false"}>
      <span class="brand">
        <img class="brand-mark" src="/favicon.svg" alt="" />
        <span class="brand-name">Tensorsheet</span>
      </span>
      <TitleField workbook={wb} ref={(el) => (titleField = el)} />
      <button type="button" ref={sheetsButton} onClick={() => setSheetsOpen(true)} data-testid="open-sheets" aria-haspopup="dialog">Sheets…</button>
      <NewSheetMenu workbook={wb} />
      <FileActions workbook={wb} />
      <span class="spacer" />
      <button type="button" onClick={() => wb.undo()} disabled={(wb.historyVersion[0](), !wb.history.canUndo)} title="Undo (Ctrl+Z)" aria-label="Undo" class="toolbar-icon" data-testid="undo">↶</button>
      <button type="button" onClick={() => wb.redo()} disabled={(wb.historyVersion[0](), !wb.history.canRedo)} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" class="toolbar-icon" data-testid="redo">↷</button>
      <button type="button" onClick={() => props.onHelp?.()} title="Function reference (F1)" aria-label="Function reference (F1)" aria-expanded={props.helpOpen ?? false} class="toolbar-icon" data-testid="open-help">?</button>
      <ThemeToggle />
      <span class="status" ref={statusEl} role="status" title={status()} data-testid="save-status" data-storage={wb.storage[0]().kind} classList={{ "status-warn": wb.storage[0]().kind === "unavailable" }}>{status()}</span>
      <Show when={sheetsOpen()}>
        <SheetsDialog
          workbook={wb}
          onClose={() => {
            setSheetsOpen(false);
            sheetsButton.focus();
          }}
        />
      </Show>
    </header>
  );
}

/** What the save indicator says: read-only first, then evaluation progress, then the storage's state. */
function saveStatus(wb: Workbook): string {
  const { evaluating, progress } = wb.client.state;
  return saveStatusText({ readOnly: wb.readOnly[0](), storage: wb.storage[0](), evaluating, progress });
}

/**
 * The sheet's title, committed on change; `ref` gets the label the toolbar measures to fit. The
 * field sizes to its text through a hidden copy (data-value), up to a max width; the full title is
 * its tooltip when it must be cut.
 */
function TitleField(props: { readonly workbook: Workbook; readonly ref: (el: HTMLLabelElement) => void }) {
  const wb = props.workbook;
  // The title being typed, so the field grows with it before the change is committed.
  const [titleDraft, setTitleDraft] = createSignal<string | null>(null);
  const shownTitle = () => titleDraft() ?? wb.title[0]();
  return (
    <label class="title-field" ref={props.ref} data-value={shownTitle()} title={shownTitle()}>
      <span class="sr-only">Sheet title</span>
      <input
        data-testid="sheet-title"
        value={wb.title[0]()}
        readOnly={wb.readOnly[0]() !== null}
        onInput={(e) => setTitleDraft(e.currentTarget.value)}
        onChange={(e) => {
          setTitleDraft(null);
          wb.setTitle(e.currentTarget.value);
        }}
      />
    </label>
  );
}

/**
 * One menu for every way to start a sheet, blank or from an example: it takes no more room than the
 * examples alone did, so the toolbar still fits on one line.
 */
function NewSheetMenu(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  return (
    <label class="menu" title="Start a blank sheet, or open an example">
      <span class="sr-only">New sheet: blank, or from an example</span>
      <select
        data-testid="examples-menu"
        onChange={(e) => {
          const choice = e.currentTarget.value;
          e.currentTarget.value = "";
          if (choice === BLANK) void wb.newSheet();
          else if (choice) void wb.openExample(choice);
        }}
      >
        <option value="">New…</option>
        <option value={BLANK} data-testid="new-sheet">Blank sheet</option>
        <optgroup label="Examples">
          <For each={EXAMPLES}>{(ex) => <option value={ex.file}>{ex.title}</option>}</For>
        </optgroup>
      </select>
    </label>
  );
}

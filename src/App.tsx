import { Show, createEffect, createMemo, on, onCleanup, onMount } from "solid-js";
import { FormulaBar } from "./formula/FormulaBar.tsx";
import { userFunctionsOf } from "./formula/user-functions.ts";
import { Grid } from "./components/Grid.tsx";
import { Inspector } from "./components/Inspector.tsx";
import { Toolbar } from "./components/Toolbar.tsx";
import { HelpPanel } from "./components/HelpPanel.tsx";
import { createHelpToggle } from "./components/help-toggle.ts";
import type { FormulaBarApi } from "./formula/FormulaBar.tsx";
import { Workbook } from "./state/workbook.ts";
import { EXAMPLES } from "./examples.ts";
import { isCopyTitle } from "./state/sheet-titles.ts";
import { followSheetUrl, sheetIdFromHash, showSheetInUrl, windowTitle } from "./state/sheet-route.ts";
import { ShareBanner } from "./share/ShareBanner.tsx";
import { SharePreview, followShareUrl, startFromUrl } from "./share/share-preview.ts";
import "./app.css";

export function App() {
  const wb = new Workbook();
  const shared = new SharePreview(wb);
  let grid!: HTMLDivElement;
  let formula: FormulaBarApi | null = null;
  const help = createHelpToggle(() => grid.focus());
  const cell = createMemo(() => wb.client.state.cells[wb.selected[0]()]);
  const names = createMemo(() => Object.values(wb.client.state.cells).map((c) => c.name).filter((n): n is string => n !== null));
  const userFunctions = createMemo(() => userFunctionsOf(Object.values(wb.client.state.cells)));

  // Until a sheet is open the page keeps index.html's plain "Tensorsheet".
  createEffect(() => void (wb.sheetId[0]() !== null && (document.title = windowTitle(wb.title[0]()))));
  onMount(() => startWorkbook(wb, shared));

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) await wb.importText(await file.text(), file.name);
  };

  return (
    <div class="app" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
      <Toolbar workbook={wb} onHelp={help.toggle} helpOpen={help.open()} />
      <ShareBanner workbook={wb} preview={shared} />
      <Notices workbook={wb} />
      <FormulaBar
        address={wb.selected[0]()}
        source={cell()?.source ?? ""}
        error={cell()?.error ? { message: cell()!.error!.message, span: cell()!.error!.span } : null}
        names={names()}
        userFunctions={userFunctions()}
        onCommit={(source) => {
          wb.commit(wb.selected[0](), source);
          grid.focus();
        }}
        onCancel={() => grid.focus()}
        ref={(api) => (formula = api)}
      />
      <Hint workbook={wb} />
      <main class="workspace">
        <Grid workbook={wb} ref={(el) => (grid = el)} onEdit={(text) => formula?.focus(text)} />
        <Inspector workbook={wb} />
        <Show when={help.open()}>
          <HelpPanel userFunctions={userFunctions()} onInsert={(call) => formula?.insert(call.text, call.selectFrom, call.selectTo)} onClose={help.close} />
        </Show>
      </main>
    </div>
  );
}

/** Call from onMount: opens the URL's sheet and ties the URL, and saving, to the page's life from then on. */
function startWorkbook(wb: Workbook, shared: SharePreview) {
  // The URL names the open sheet: the one it names opens on load; opening another adds a
  // history entry (once the first sheet is shown), so Back returns to the sheet before.
  let started = false;
  createEffect(
    on(wb.sheetId[0], (id) => {
      // A shared link's preview keeps its #share= URL, so a reload shows the preview again.
      if (!started || id === null || wb.previewing()) return;
      // After the URL's sheet was deleted, its entry names nothing: reuse it rather than keep it for Back.
      const shown = sheetIdFromHash(location.hash);
      const gone = shown !== null && !wb.library.sheets[0]().some((s) => s.id === shown);
      showSheetInUrl(id, gone ? "replace" : "push");
    }),
  );
  void startFromUrl(wb, shared).then(() => {
    started = true;
    const id = wb.sheetId[0]();
    if (id !== null && !wb.previewing()) showSheetInUrl(id, "replace");
  });
  onCleanup(followSheetUrl({ current: () => wb.sheetId[0](), open: (id) => wb.openSheet(id) }));
  onCleanup(followShareUrl(wb, shared));
  // Edits are saved as they are made; these also write the newest param values the worker gave.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void wb.flushSave();
  });
  window.addEventListener("pagehide", () => void wb.saveNow());
}

/** The workbook's message, the read-only banner (with Take over) and the worker's failure, each only while there is one. */
function Notices(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  return (
    <>
      <Show when={wb.notice[0]()}>
        {(n) => (
          <div class="notice" classList={{ "notice-error": n().kind === "error" }} role="alert" data-testid="notice">
            {n().text}
            <button type="button" aria-label="Dismiss" onClick={() => wb.notice[1](null)}>×</button>
          </div>
        )}
      </Show>
      <Show when={wb.readOnly[0]()}>
        {(why) => (
          <div class="notice notice-readonly" role="status" data-testid="read-only">
            {why()}
            <button type="button" data-testid="take-over" onClick={() => void wb.takeOver()}>Take over</button>
          </div>
        )}
      </Show>
      <Show when={wb.client.state.failure}>
        {(f) => <div class="notice notice-error" role="alert" data-testid="failure">{f()}</div>}
      </Show>
    </>
  );
}

/** A guided first step on (a copy of) the first example, the editing keys elsewhere. */
function Hint(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  return (
    <p class="hint" data-testid="hint">
      <Show
        when={isCopyTitle(wb.title[0](), EXAMPLES[0]!.title)}
        fallback={<>Select a cell and type to edit it. Enter commits, Escape cancels, arrows move, Ctrl+Z undoes.</>}
      >
        Try this: select <strong>b1</strong> (B2), type <code>b1 = param(zeros([512]) + 0.1)</code> and press Enter — every cell
        that reads it updates. Then press <strong>Start</strong> in <strong>fit</strong> (D1) and watch the loss fall and test_acc rise.
      </Show>
    </p>
  );
}

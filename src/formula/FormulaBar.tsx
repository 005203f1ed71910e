import { Show, createEffect, createUniqueId, onCleanup, onMount, untrack } from "solid-js";
import type { FunctionInfo } from "./completions.ts";
import type { FormulaError } from "./editor.ts";
import { FormulaEditor } from "./formula-editor.ts";
import "./formula.css";

export interface FormulaBarApi {
  /** Focus the editor. With `initialText`, the draft becomes that text (e.g. the key typed on a grid cell). */
  focus(initialText?: string): void;
  isFocused(): boolean;
  /** Insert `text` at the cursor (replacing the selection), select `text[selectFrom, selectTo)` and focus the editor. */
  insert(text: string, selectFrom?: number, selectTo?: number): void;
}

export interface FormulaBarProps {
  /** The committed source of the selected cell; when it changes from outside, the editor shows it (discarding the draft). */
  source: string;
  /** The selected cell's address, shown in a label before the editor (e.g. "A3"). */
  address: string;
  /** The current error of the cell, underlined at its span (or the whole text when span is null), message in a tooltip/title and shown below the bar. */
  error: { message: string; span: { start: number; end: number } | null } | null;
  /** Cell names in the sheet, for autocomplete. */
  names: readonly string[];
  /** Functions the sheet's cells define (`dense(x, W, b) = …`), for autocomplete. */
  userFunctions?: ReadonlyMap<string, FunctionInfo>;
  /** Enter (without an open completion): commit the draft. */
  onCommit(source: string): void;
  /** Escape (without an open completion): the editor reverts to `source`, then this is called (hand focus back). */
  onCancel(): void;
  onDraftChange?(draft: string): void;
  /** Called with the editor so the app can focus it (e.g. when the user presses Enter or starts typing on a grid cell). */
  ref?(api: FormulaBarApi): void;
}

/** A single-line CodeMirror editor for the selected cell's `name = expression`. */
export function FormulaBar(props: FormulaBarProps) {
  const errorId = createUniqueId();
  const editor = new FormulaEditor(props, `fb-error-${errorId}`);
  const view = editor.view;

  // Source, address and error in one effect, so a new cell's error is applied to its own text.
  createEffect(() => {
    const source = props.source;
    const address = props.address;
    const e = props.error;
    const error: FormulaError | null = e ? { message: e.message, span: e.span ? { start: e.span.start, end: e.span.end } : null } : null;
    untrack(() => editor.show(source, address, error));
  });

  // New cell names: re-highlight with them; completion reads them when it runs.
  createEffect(() => editor.setNames([...props.names]));

  const api: FormulaBarApi = {
    focus: (initialText?: string) => editor.focus(initialText),
    isFocused: () => view.hasFocus,
    insert: (text, selectFrom, selectTo) => editor.insert(text, selectFrom, selectTo),
  };

  onMount(() => {
    view.requestMeasure();
    props.ref?.(api);
  });
  onCleanup(() => view.destroy());

  return (
    <div class="fb-root" data-testid="formula-bar" classList={{ "fb-has-error": props.error !== null }}>
      <div class="fb-bar">
        <span class="fb-address" data-testid="formula-address">
          {props.address}
        </span>
        <span class="fb-fx" aria-hidden="true">
          ƒx
        </span>
        <div
          class="fb-editor"
          onMouseDown={(e) => {
            // A click on the padding around the editor focuses it, too.
            if (e.target !== e.currentTarget) return;
            e.preventDefault();
            api.focus();
          }}
        >
          {view.dom}
        </div>
      </div>
      <Show when={props.error}>
        {(error) => (
          <div class="fb-message" id={`fb-error-${errorId}`} role="alert" data-testid="formula-error">
            {error().message}
          </div>
        )}
      </Show>
    </div>
  );
}

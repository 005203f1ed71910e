import { EditorSelection, Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { Show, createEffect, createUniqueId, onCleanup, onMount, untrack } from "solid-js";
import { formulaExtensions, formulaLanguage, setFormulaError, type FormulaError } from "./editor.ts";
import { stripNewlines } from "./text.ts";
import "./formula.css";

export interface FormulaBarApi {
  /** Focus the editor. With `initialText`, the draft becomes that text (e.g. the key typed on a grid cell). */
  focus(initialText?: string): void;
  isFocused(): boolean;
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
  /** Enter (without an open completion): commit the draft. */
  onCommit(source: string): void;
  /** Escape (without an open completion): the editor reverts to `source`, then this is called (hand focus back). */
  onCancel(): void;
  onDraftChange?(draft: string): void;
  /** Called with the editor so the app can focus it (e.g. when the user presses Enter or starts typing on a grid cell). */
  ref?(api: FormulaBarApi): void;
}

const sameError = (a: FormulaError | null, b: FormulaError | null) =>
  a === b ||
  (a !== null && b !== null && a.message === b.message && a.span?.start === b.span?.start && a.span?.end === b.span?.end && (a.span === null) === (b.span === null));

/** A single-line CodeMirror editor for the selected cell's `name = expression`. */
export function FormulaBar(props: FormulaBarProps) {
  const errorId = createUniqueId();
  const languageCompartment = new Compartment();
  let names: readonly string[] = untrack(() => [...props.names]);
  let shownSource = untrack(() => props.source);
  let shownAddress = untrack(() => props.address);
  let shownError: FormulaError | null = null;

  const createState = (doc: string, address: string) =>
    EditorState.create({
      doc,
      selection: EditorSelection.cursor(doc.length),
      extensions: formulaExtensions({
        names,
        getNames: () => names,
        address,
        languageCompartment,
        errorId: `fb-error-${errorId}`,
        keys: {
          commit: (v) => props.onCommit(v.state.doc.toString()),
          cancel: () => {
            reset(untrack(() => props.source), untrack(() => props.address));
            props.onCancel();
          },
        },
        onDocChange: (text) => props.onDraftChange?.(text),
      }),
    });

  const view = new EditorView({ state: createState(shownSource, shownAddress) });

  const dispatchError = (error: FormulaError | null) => {
    shownError = error;
    view.dispatch({ effects: setFormulaError.of(error) });
  };

  /** Show `source` with a fresh undo history (a new cell, or the draft discarded). */
  function reset(source: string, address: string) {
    const changed = view.state.doc.toString() !== source;
    shownSource = source;
    shownAddress = address;
    view.setState(createState(source, address));
    if (shownError !== null) view.dispatch({ effects: setFormulaError.of(shownError) });
    if (changed) props.onDraftChange?.(source);
  }

  // Source, address and error in one effect, so a new cell's error is applied to its own text.
  createEffect(() => {
    const source = props.source;
    const address = props.address;
    const e = props.error;
    const error: FormulaError | null = e ? { message: e.message, span: e.span ? { start: e.span.start, end: e.span.end } : null } : null;
    untrack(() => {
      if (source !== shownSource || address !== shownAddress) {
        // After a commit the editor already shows the new source: keep its cursor and history.
        if (address !== shownAddress || view.state.doc.toString() !== source) {
          shownError = error;
          reset(source, address);
          return;
        }
        shownSource = source;
        // The old underline was mapped through the edits; place the error afresh on the new source.
        dispatchError(error);
        return;
      }
      if (!sameError(error, shownError)) dispatchError(error);
    });
  });

  // New cell names: re-highlight with them; completion reads `names` when it runs.
  createEffect(() => {
    const next = [...props.names];
    if (next.length === names.length && next.every((n, i) => n === names[i])) return;
    names = next;
    view.dispatch({ effects: languageCompartment.reconfigure(formulaLanguage(next)) });
  });

  const api: FormulaBarApi = {
    focus(initialText?: string) {
      if (initialText !== undefined) {
        const text = stripNewlines(initialText);
        // A typed edit (undoable back to the committed source); it also opens completion.
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: text },
          selection: EditorSelection.cursor(text.length),
          userEvent: "input.type",
          scrollIntoView: true,
        });
      } else if (!view.hasFocus) {
        view.dispatch({ selection: EditorSelection.cursor(view.state.doc.length), scrollIntoView: true });
      }
      view.focus();
    },
    isFocused: () => view.hasFocus,
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

// The CodeMirror view behind the formula bar and the rules for keeping it in step with the sheet:
// which cell and source it shows, the error underline, and the names it highlights and completes.
import { EditorSelection, Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { untrack } from "solid-js";
import { formulaExtensions, formulaLanguage, setFormulaError, type FormulaError } from "./editor.ts";
import { stripNewlines } from "./text.ts";
import type { FunctionInfo } from "./completions.ts";

/** What the editor reads from the formula bar's props (read lazily, as Solid props are). */
export interface FormulaEditorHost {
  readonly source: string;
  readonly address: string;
  readonly names: readonly string[];
  /** Functions the sheet's cells define, for autocomplete. */
  readonly userFunctions?: ReadonlyMap<string, FunctionInfo>;
  onCommit(source: string): void;
  onCancel(): void;
  onDraftChange?(draft: string): void;
}

export const sameError = (a: FormulaError | null, b: FormulaError | null) =>
  a === b ||
  (a !== null && b !== null && a.message === b.message && a.span?.start === b.span?.start && a.span?.end === b.span?.end && (a.span === null) === (b.span === null));

export class FormulaEditor {
  readonly view: EditorView;
  private readonly languageCompartment = new Compartment();
  private names: readonly string[];
  private shownSource: string;
  private shownAddress: string;
  private shownError: FormulaError | null = null;

  constructor(
    private readonly host: FormulaEditorHost,
    /** The id of the message element below the bar, which the editor points to while there is an error. */
    private readonly errorElementId: string,
  ) {
    this.names = untrack(() => [...host.names]);
    this.shownSource = untrack(() => host.source);
    this.shownAddress = untrack(() => host.address);
    this.view = new EditorView({ state: this.createState(this.shownSource, this.shownAddress) });
  }

  private createState(doc: string, address: string): EditorState {
    const host = this.host;
    return EditorState.create({
      doc,
      selection: EditorSelection.cursor(doc.length),
      extensions: formulaExtensions({
        names: this.names,
        getNames: () => this.names,
        getUserFunctions: () => untrack(() => host.userFunctions) ?? new Map(),
        address,
        languageCompartment: this.languageCompartment,
        errorId: this.errorElementId,
        keys: {
          commit: (v) => host.onCommit(v.state.doc.toString()),
          cancel: () => {
            this.reset(untrack(() => host.source), untrack(() => host.address));
            host.onCancel();
          },
        },
        onDocChange: (text) => host.onDraftChange?.(text),
      }),
    });
  }

  private dispatchError(error: FormulaError | null): void {
    this.shownError = error;
    this.view.dispatch({ effects: setFormulaError.of(error) });
  }

  /** Show `source` with a fresh undo history (a new cell, or the draft discarded). */
  private reset(source: string, address: string): void {
    const changed = this.view.state.doc.toString() !== source;
    this.shownSource = source;
    this.shownAddress = address;
    this.view.setState(this.createState(source, address));
    if (this.shownError !== null) this.view.dispatch({ effects: setFormulaError.of(this.shownError) });
    if (changed) this.host.onDraftChange?.(source);
  }

  /** Source, address and error together, so a new cell's error is applied to its own text. */
  show(source: string, address: string, error: FormulaError | null): void {
    if (source !== this.shownSource || address !== this.shownAddress) {
      // After a commit the editor already shows the new source: keep its cursor and history.
      if (address !== this.shownAddress || this.view.state.doc.toString() !== source) {
        this.shownError = error;
        this.reset(source, address);
        return;
      }
      this.shownSource = source;
      // The old underline was mapped through the edits; place the error afresh on the new source.
      this.dispatchError(error);
      return;
    }
    if (!sameError(error, this.shownError)) this.dispatchError(error);
  }

  /** New cell names: re-highlight with them; completion reads `names` when it runs. */
  setNames(next: readonly string[]): void {
    const names = this.names;
    if (next.length === names.length && next.every((n, i) => n === names[i])) return;
    this.names = next;
    this.view.dispatch({ effects: this.languageCompartment.reconfigure(formulaLanguage(next)) });
  }

  /**
   * Put `text` in place of the selection (at the cursor, or as the whole draft of an empty cell),
   * select `text[selectFrom, selectTo)` (a placeholder typing replaces) and focus the editor.
   */
  insert(text: string, selectFrom = text.length, selectTo = selectFrom): void {
    const view = this.view;
    const { from, to } = view.state.selection.main;
    const clean = stripNewlines(text);
    view.dispatch({
      changes: { from, to, insert: clean },
      selection: EditorSelection.range(from + selectFrom, from + selectTo),
      // Not "input.type": a whole call arrives at once, so no completion list should pop up over it.
      userEvent: "input",
      scrollIntoView: true,
    });
    view.focus();
  }

  /** Focus the editor; with `initialText`, the draft becomes that text. */
  focus(initialText?: string): void {
    const view = this.view;
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
  }
}

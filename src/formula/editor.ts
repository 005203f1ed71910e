// CodeMirror 6 pieces of the formula bar: the sheet language, its highlighter, autocompletion,
// the single-line filter and the error underline. Nothing here touches the DOM until an
// EditorView is created, so the state-level behaviour is testable in node.
import {
  acceptCompletion,
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionStatus,
  currentCompletions,
  type Completion,
  type CompletionContext,
  type CompletionResult,
  type CompletionSource,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, Prec, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, keymap, placeholder, type Command, type DecorationSet } from "@codemirror/view";
import { tagHighlighter, tags } from "@lezer/highlight";
import { FUNCTIONS } from "../../cells/index.ts";
import { completionOptions, completionRequest, type FunctionInfo } from "./completions.ts";
import { copyState, readToken, startState, TOKEN_TAGS, type TokenizerContext, type TokenizerState } from "./highlight.ts";
import { errorRange, stripNewlines } from "./text.ts";

export interface FormulaError {
  readonly message: string;
  readonly span: { readonly start: number; readonly end: number } | null;
}

// ---------------------------------------------------------------------------------------------
// Language and highlighting

const isFunction = (name: string) => FUNCTIONS.has(name);

/** The sheet language; cell names are baked in, so a new language is made when they change. */
export function formulaLanguage(names: readonly string[]): StreamLanguage<TokenizerState> {
  const ctx: TokenizerContext = { names: new Set(names), isFunction };
  return StreamLanguage.define<TokenizerState>({
    name: "tensorsheet",
    startState,
    copyState,
    token(stream, state) {
      const { end, type } = readToken(stream.string, stream.pos, state, ctx);
      stream.pos = end;
      return type === null ? null : TOKEN_TAGS[type];
    },
    // ' after a value is the transpose operator: only auto-close double quotes.
    languageData: { closeBrackets: { brackets: ["(", "[", "{", '"'] } },
  });
}

/** Maps highlight tags to `fb-tok-*` classes, styled in formula.css. */
export const formulaHighlighter = tagHighlighter([
  { tag: tags.number, class: "fb-tok-number" },
  { tag: tags.string, class: "fb-tok-string" },
  { tag: tags.bool, class: "fb-tok-bool" },
  { tag: tags.function(tags.variableName), class: "fb-tok-function" },
  { tag: tags.definition(tags.variableName), class: "fb-tok-definition" },
  { tag: tags.variableName, class: "fb-tok-variable" },
  { tag: tags.propertyName, class: "fb-tok-property" },
  { tag: tags.name, class: "fb-tok-name" },
  { tag: [tags.arithmeticOperator, tags.compareOperator], class: "fb-tok-operator" },
  { tag: tags.definitionOperator, class: "fb-tok-assign" },
  { tag: [tags.paren, tags.squareBracket, tags.brace], class: "fb-tok-bracket" },
  { tag: [tags.separator, tags.punctuation], class: "fb-tok-punctuation" },
  { tag: tags.invalid, class: "fb-tok-invalid" },
]);

// ---------------------------------------------------------------------------------------------
// Autocompletion

/** Completes cell names (read through `getNames` at query time), sheet functions and the functions cells define. */
export function formulaCompletionSource(getNames: () => readonly string[], getUserFunctions: () => ReadonlyMap<string, FunctionInfo> = () => new Map()): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    const req = completionRequest(line.text, context.pos - line.from);
    if (req === null || (req.prefix === "" && !context.explicit)) return null;
    const options = completionOptions(req.prefix, getNames(), { exclude: req.defines, callFollows: req.callFollows, userFunctions: getUserFunctions() });
    if (options.length === 0) return null;
    return {
      from: line.from + req.from,
      // Our own candidates were filtered by prefix; CodeMirror ranks them and re-filters as the
      // user keeps typing a word.
      options: options as readonly Completion[],
      validFor: /^[A-Za-z_][A-Za-z0-9_]*$/,
    };
  };
}

/** The completion popup is showing options (Enter/Escape belong to it). */
export function completionOpen(state: EditorState): boolean {
  return completionStatus(state) === "active" && currentCompletions(state).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Single line

/** Replaces line breaks in inserted text (typed, pasted or dropped) with spaces. */
export const singleLine: Extension = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged) return tr;
  const fixes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((_fromA, _toA, fromB, toB, inserted) => {
    if (inserted.lines > 1) fixes.push({ from: fromB, to: toB, insert: stripNewlines(inserted.sliceString(0, inserted.length, "\n")) });
  });
  // Same length replacements, applied after the original changes: the selection stays valid.
  return fixes.length === 0 ? tr : [tr, { changes: fixes, sequential: true }];
});

// ---------------------------------------------------------------------------------------------
// Error underline

export const setFormulaError = StateEffect.define<FormulaError | null>();

export interface ErrorFieldValue {
  readonly error: FormulaError | null;
  readonly decorations: DecorationSet;
}

function errorDecorations(error: FormulaError | null, docLength: number): DecorationSet {
  if (error === null) return Decoration.none;
  const range = errorRange(error.span, docLength);
  if (range === null) return Decoration.none;
  return Decoration.set([
    Decoration.mark({ class: "fb-error", attributes: { title: error.message } }).range(range.from, range.to),
  ]);
}

/** The current error and its underline, which follows the text as the user edits. */
export const errorField = StateField.define<ErrorFieldValue>({
  create: () => ({ error: null, decorations: Decoration.none }),
  update(value, tr) {
    let next = tr.docChanged ? { error: value.error, decorations: value.decorations.map(tr.changes) } : value;
    for (const e of tr.effects) {
      if (e.is(setFormulaError)) next = { error: e.value, decorations: errorDecorations(e.value, tr.newDoc.length) };
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, (v) => v.decorations),
});

// ---------------------------------------------------------------------------------------------
// Keys

export interface FormulaKeyHandlers {
  commit(view: EditorView): void;
  cancel(view: EditorView): void;
}

/** Enter commits and Escape cancels, unless the completion popup is open (then they are its keys). */
export function formulaKeymap(handlers: FormulaKeyHandlers): Extension {
  const enter: Command = (view) => {
    if (completionOpen(view.state)) {
      acceptCompletion(view); // may decline right after the popup opened; Enter still isn't a commit
      return true;
    }
    handlers.commit(view);
    return true;
  };
  const escape: Command = (view) => {
    if (completionOpen(view.state)) return closeCompletion(view);
    handlers.cancel(view);
    return true;
  };
  return Prec.highest(keymap.of([
    { key: "Enter", run: enter },
    { key: "Shift-Enter", run: enter },
    { key: "Mod-Enter", run: enter },
    { key: "Escape", run: escape },
  ]));
}

// ---------------------------------------------------------------------------------------------
// The whole editor

export interface FormulaExtensionsConfig {
  readonly names: readonly string[];
  readonly getNames: () => readonly string[];
  /** The functions the sheet's cells define, read when completion runs. */
  readonly getUserFunctions?: () => ReadonlyMap<string, FunctionInfo>;
  readonly address: string;
  readonly keys: FormulaKeyHandlers;
  /** Holds the language: reconfigure it with `formulaLanguage(names)` when the names change. */
  readonly languageCompartment: Compartment;
  readonly onDocChange?: (text: string) => void;
  /** The id of the element showing the error message, for aria-describedby. */
  readonly errorId?: string;
}

export function formulaExtensions(config: FormulaExtensionsConfig): Extension {
  return [
    formulaKeymap(config.keys),
    singleLine,
    history(),
    config.languageCompartment.of(formulaLanguage(config.names)),
    syntaxHighlighting(formulaHighlighter),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ override: [formulaCompletionSource(config.getNames, config.getUserFunctions)], icons: true, activateOnTypingDelay: 50 }),
    keymap.of([...closeBracketsKeymap, ...historyKeymap, ...defaultKeymap]),
    errorField,
    EditorView.lineWrapping,
    placeholder("name = expression, e.g. x = [1, 2, 3]"),
    EditorView.contentAttributes.of({
      "aria-label": `Formula for ${config.address}`,
      "aria-multiline": "false",
      "data-testid": "formula-input",
    }),
    // "pending" while completions are being looked up, "active" while the list is open: Enter
    // goes to the list then, so people and tests can tell before pressing it.
    EditorView.contentAttributes.of((view): Record<string, string> => ({ "data-completion": completionStatus(view.state) ?? "closed" })),
    EditorView.contentAttributes.of((view): Record<string, string> | null => {
      const { error } = view.state.field(errorField);
      if (error === null) return null;
      const attrs: Record<string, string> = { "aria-invalid": "true" };
      if (config.errorId) attrs["aria-describedby"] = config.errorId;
      return attrs;
    }),
    config.onDocChange
      ? EditorView.updateListener.of((update) => {
          if (update.docChanged) config.onDocChange!(update.state.doc.toString());
        })
      : [],
  ];
}

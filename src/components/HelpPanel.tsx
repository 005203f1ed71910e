import { For, Show, createEffect, createMemo, createSignal, createUniqueId, onMount } from "solid-js";
import { callTemplate, referenceSections, type CallTemplate, type ReferenceEntry, type ReferenceSection } from "../formula/function-reference.ts";
import type { UserFunctionInfo } from "../formula/user-functions.ts";
import "./help-panel.css";

export interface HelpPanelProps {
  /** Put a call of the chosen function into the formula bar (and focus it). */
  onInsert(call: CallTemplate): void;
  /** Escape or the close button: the owner hides the panel and returns focus. */
  onClose(): void;
  /** The functions the sheet's cells define, listed first. */
  readonly userFunctions?: ReadonlyMap<string, UserFunctionInfo>;
}

/**
 * The function reference: every function of the sheet language by section, with its signature,
 * summary and a working example, filtered as you type. The filter box is a combobox over the list,
 * so arrows move through the functions while typing, and Enter or a click inserts the active one.
 */
export function HelpPanel(props: HelpPanelProps) {
  const id = createUniqueId();
  const [filter, setFilter] = createSignal("");
  const sections = createMemo(() => referenceSections(filter(), undefined, props.userFunctions));
  const entries = createMemo(() => sections().flatMap((s) => s.entries));
  const [active, setActive] = createSignal(0);
  const optionId = (e: ReferenceEntry) => `help-${id}-${e.name}`;
  const activeEntry = () => entries()[active()];
  let filterInput!: HTMLInputElement;
  let list!: HTMLDivElement;

  createEffect(() => {
    filter();
    setActive(0);
    list.scrollTop = 0;
  });
  onMount(() => filterInput.focus());

  const insert = (entry: ReferenceEntry) => props.onInsert(callTemplate(entry.name, entry));
  // Only keyboard moves scroll: the pointer already points at what it makes active.
  const move = (by: number) => {
    setActive((i) => Math.max(0, Math.min(entries().length - 1, i + by)));
    const entry = activeEntry();
    if (entry) list.querySelector(`#${CSS.escape(optionId(entry))}`)?.scrollIntoView({ block: "nearest" });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 };
    if (e.key in steps) move(steps[e.key]!);
    else if (e.key === "Enter" && activeEntry()) insert(activeEntry()!);
    else if (e.key === "Escape") props.onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <aside class="help-panel" role="complementary" aria-labelledby={`help-${id}-title`} data-testid="help-panel" onKeyDown={onKeyDown}>
      <div class="help-head">
        <h2 id={`help-${id}-title`}>Function reference</h2>
        <button type="button" class="help-close" aria-label="Close function reference (Escape)" title="Close (Escape)" onClick={() => props.onClose()}>×</button>
      </div>
      <input
        ref={filterInput}
        class="help-filter"
        type="search"
        role="combobox"
        aria-label="Filter functions"
        aria-expanded="true"
        aria-autocomplete="list"
        aria-controls={`help-${id}-list`}
        aria-activedescendant={activeEntry() ? optionId(activeEntry()!) : undefined}
        placeholder="Filter functions…"
        spellcheck={false}
        autocomplete="off"
        data-testid="help-filter"
        value={filter()}
        onInput={(e) => setFilter(e.currentTarget.value)}
      />
      <p class="help-count" role="status" data-testid="help-count">
        <Show when={entries().length > 0} fallback={<>No function matches “{filter().trim()}”</>}>
          {entries().length === 1 ? "1 function" : `${entries().length} functions`} · ↑↓ choose · Enter inserts
        </Show>
      </p>
      <HelpList
        id={id}
        sections={sections()}
        optionId={optionId}
        isActive={(entry) => activeEntry() === entry}
        onHover={(entry) => setActive(entries().indexOf(entry))}
        onInsert={insert}
        ref={(el) => (list = el)}
      />
    </aside>
  );
}

interface HelpListProps {
  readonly id: string;
  readonly sections: readonly ReferenceSection[];
  optionId(entry: ReferenceEntry): string;
  isActive(entry: ReferenceEntry): boolean;
  onHover(entry: ReferenceEntry): void;
  onInsert(entry: ReferenceEntry): void;
  /** The listbox, which the panel scrolls as the keyboard moves through it. */
  ref(el: HTMLDivElement): void;
}

/** The matching functions by section, as the listbox the filter box controls. */
function HelpList(props: HelpListProps) {
  return (
    <div class="help-list" role="listbox" id={`help-${props.id}-list`} aria-label="Functions" ref={props.ref}>
      <For each={props.sections}>
        {(section, i) => (
          <div role="group" aria-labelledby={`help-${props.id}-group-${i()}`} class="help-group">
            <div class="help-group-label" id={`help-${props.id}-group-${i()}`}>{section.group}</div>
            <For each={section.entries}>{(entry) => <HelpOption entry={entry} list={props} />}</For>
          </div>
        )}
      </For>
    </div>
  );
}

function HelpOption(props: { readonly entry: ReferenceEntry; readonly list: HelpListProps }) {
  const entry = props.entry;
  return (
    <div
      role="option"
      id={props.list.optionId(entry)}
      class="help-entry"
      aria-selected={props.list.isActive(entry)}
      data-name={entry.name}
      data-testid="help-entry"
      onMouseMove={() => props.list.onHover(entry)}
      onClick={() => props.list.onInsert(entry)}
    >
      <code class="help-signature">{entry.signature}</code>
      <span class="help-summary">{entry.summary}</span>
      <code class="help-example" data-testid="help-example">{entry.example}</code>
      <Show when={entry.given.length > 0}>
        <span class="help-given">where {entry.given.join("; ")}</span>
      </Show>
    </div>
  );
}

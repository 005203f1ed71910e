import { For, createMemo, createUniqueId, type JSX } from "solid-js";
import { availableViews, type TensorPreview, type ViewKind } from "../../cells/index.ts";
import { VIEW_NAMES } from "./describe.ts";
import "./views.css";

export interface ViewSwitcherProps {
  readonly preview: TensorPreview;
  /** The view shown now. */
  readonly value: ViewKind;
  readonly isTraining?: boolean;
  readonly onChange: (kind: ViewKind) => void;
  /** Visible label of the group; "View" by default. */
  readonly label?: string;
}

/**
 * The views that suit a preview, as a group of toggle buttons (Tab to reach, Enter/Space to pick;
 * arrow keys move between them too).
 */
export function ViewSwitcher(props: ViewSwitcherProps): JSX.Element {
  const id = createUniqueId();
  // De-duplicated: availableViews can list "line" twice for a training vector.
  const views = createMemo(() => [...new Set(availableViews(props.preview, props.isTraining ?? false))]);
  let group!: HTMLDivElement;
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const step = keys[e.key];
    if (step === undefined) return;
    const buttons = [...group.querySelectorAll<HTMLButtonElement>("button")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0 || buttons.length === 0) return;
    e.preventDefault();
    buttons[(at + step + buttons.length) % buttons.length]!.focus();
  };
  return (
    <div class="tv-switcher" data-testid="view-switcher">
      <span class="tv-switcher-label" id={`${id}-label`}>
        {props.label ?? "View"}
      </span>
      <div class="tv-switcher-options" role="group" aria-labelledby={`${id}-label`} ref={group} onKeyDown={onKeyDown}>
        <For each={views()}>
          {(kind) => (
            <button
              type="button"
              class="tv-switcher-option"
              aria-pressed={props.value === kind}
              data-testid={`view-switcher-${kind}`}
              data-kind={kind}
              onClick={() => {
                if (props.value !== kind) props.onChange(kind);
              }}
            >
              {VIEW_NAMES[kind]}
            </button>
          )}
        </For>
      </div>
    </div>
  );
}

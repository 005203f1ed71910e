// The grid is one tab stop (the WAI-ARIA grid pattern): the grid itself takes focus, and the
// selected cell is its active descendant. Buttons and handles inside it (the ∂ toggle, a training
// cell's run controls, the resize handles) stay clickable and are reached from the keyboard through
// the grid's own keys, but are taken out of the Tab order, so Tab and Shift+Tab leave the grid in
// one press. Cells render their controls as they please; this keeps the rule for all of them.
import { TRAINING_BUTTONS, TRAINING_SHORTCUT } from "./grid-keys.ts";

const FOCUSABLE = "button, input, select, textarea, a[href], [tabindex]";
const RUN_CONTROLS = TRAINING_BUTTONS.map((id) => `[data-testid="${id}"]`).join(", ");

/** Take every focusable element inside `grid` out of the Tab order, now and as cells re-render; returns the stop. */
export function keepOneTabStop(grid: HTMLElement): () => void {
  const apply = () => {
    for (const el of grid.querySelectorAll<HTMLElement>(FOCUSABLE)) {
      if (el.tabIndex !== -1) el.tabIndex = -1;
    }
    for (const el of grid.querySelectorAll<HTMLElement>(RUN_CONTROLS)) labelShortcut(el);
  };
  apply();
  const observer = new MutationObserver(apply);
  // A re-rendered title or tabindex is put right again; writing only what differs ends the loop.
  observer.observe(grid, { childList: true, subtree: true, attributes: true, attributeFilter: ["title", "tabindex"] });
  return () => observer.disconnect();
}

/** Say on a run control that the shortcut presses it: in its tooltip and to assistive tech. */
function labelShortcut(button: HTMLElement): void {
  if (button.getAttribute("aria-keyshortcuts") !== TRAINING_SHORTCUT.keys) button.setAttribute("aria-keyshortcuts", TRAINING_SHORTCUT.keys);
  const hint = `(${TRAINING_SHORTCUT.label} with the cell selected)`;
  const title = button.getAttribute("title");
  if (!title?.includes(hint)) button.setAttribute("title", title ? `${title} ${hint}` : hint);
}

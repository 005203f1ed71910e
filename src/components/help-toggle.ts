// Whether the function reference is open, F1 to toggle it, and focus handed back on close.
import { createSignal, onCleanup, type Accessor } from "solid-js";

export interface HelpToggle {
  readonly open: Accessor<boolean>;
  toggle(): void;
  /** Hide the panel and focus what had focus when it opened (or `fallbackFocus`). */
  close(): void;
}

/** Call inside a component: the F1 listener lives as long as it does. */
export function createHelpToggle(fallbackFocus: () => void): HelpToggle {
  const [open, setOpen] = createSignal(false);
  let opener: HTMLElement | null = null;

  const show = () => {
    opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    const back = opener;
    opener = null;
    if (back?.isConnected) back.focus();
    else fallbackFocus();
  };
  const toggle = () => (open() ? close() : show());

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "F1" || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
    // The browser's own F1 (its help page) would take the user away from the sheet.
    e.preventDefault();
    toggle();
  };
  document.addEventListener("keydown", onKeyDown);
  onCleanup(() => document.removeEventListener("keydown", onKeyDown));
  return { open, toggle, close };
}

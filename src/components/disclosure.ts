import { createSignal, onCleanup } from "solid-js";

/**
 * A button that shows a panel of actions: open and closed by the button, closed by a pointer down
 * outside `root` and by Escape, which gives focus back to the button (as a menu button does).
 */
export function createDisclosure() {
  const [open, setOpen] = createSignal(false);
  let root: HTMLElement | undefined;
  let toggle: HTMLButtonElement | undefined;
  const closeOnOutside = (e: Event) => {
    if (open() && root && !root.contains(e.target as Node)) setOpen(false);
  };
  document.addEventListener("pointerdown", closeOnOutside);
  onCleanup(() => document.removeEventListener("pointerdown", closeOnOutside));
  return {
    open,
    setOpen,
    rootRef: (el: HTMLElement) => (root = el),
    toggleRef: (el: HTMLButtonElement) => (toggle = el),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !open()) return;
      // The innermost open panel closes first; an outer one waits for the next Escape.
      e.stopPropagation();
      setOpen(false);
      toggle?.focus();
    },
  };
}

import { createSignal, onCleanup, onMount, type Accessor } from "solid-js";
import type { Size } from "./types.ts";

/**
 * The content size of an element, kept current with a ResizeObserver. Until it is measured (or
 * while it is hidden and measures 0 × 0) the fallback size is returned.
 */
export function useBoxSize(fallback: () => Size): { ref: (el: HTMLElement) => void; size: Accessor<Size> } {
  const [measured, setMeasured] = createSignal<Size | null>(null, {
    equals: (a, b) => a === b || (!!a && !!b && a.width === b.width && a.height === b.height),
  });
  let el: HTMLElement | undefined;
  let observer: ResizeObserver | undefined;
  onMount(() => {
    if (!el || typeof ResizeObserver === "undefined") return;
    const update = () => {
      const w = Math.floor(el!.clientWidth);
      const h = Math.floor(el!.clientHeight);
      setMeasured(w > 0 && h > 0 ? { width: w, height: h } : null);
    };
    observer = new ResizeObserver(update);
    observer.observe(el);
    update();
  });
  onCleanup(() => observer?.disconnect());
  return {
    ref: (e) => (el = e),
    size: () => measured() ?? fallback(),
  };
}

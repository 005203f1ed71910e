/**
 * The grid's cells in view, reported whenever they change (scroll, resize, cells added or moved),
 * so the worker can evaluate what the user is looking at first. Measured once a frame at most.
 */
export interface VisibleCellsWatcher {
  /** Measure again on the next frame (the cells changed). */
  readonly update: () => void;
  readonly dispose: () => void;
}

export function watchVisibleCells(grid: HTMLElement, report: (addresses: readonly string[]) => void): VisibleCellsWatcher {
  let frame: number | null = null;
  let last = "";
  const measure = () => {
    frame = null;
    const view = grid.getBoundingClientRect();
    const inView: string[] = [];
    for (const el of grid.querySelectorAll<HTMLElement>("[role=gridcell][data-address]")) {
      if (!el.querySelector("[data-testid=cell-name]")) continue; // an empty cell: nothing to evaluate
      const r = el.getBoundingClientRect();
      if (r.bottom > view.top && r.top < view.bottom && r.right > view.left && r.left < view.right) inView.push(el.dataset.address!);
    }
    const key = inView.join(",");
    if (key === last) return;
    last = key;
    report(inView);
  };
  const update = () => {
    frame ??= requestAnimationFrame(measure);
  };
  const resizes = new ResizeObserver(update);
  resizes.observe(grid);
  grid.addEventListener("scroll", update, { passive: true });
  update();
  return {
    update,
    dispose: () => {
      if (frame !== null) cancelAnimationFrame(frame);
      resizes.disconnect();
      grid.removeEventListener("scroll", update);
    },
  };
}

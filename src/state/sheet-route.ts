// The URL names the open sheet (`#sheet=<id>`), so a reload reopens it and back/forward move
// between the sheets opened in this tab, as they would between a web app's documents. The window
// title is the sheet's title, so tabs and history entries say which sheet they hold.

const KEY = "sheet";

/** The sheet id a URL hash names, or null when it names none. */
export function sheetIdFromHash(hash: string): string | null {
  const id = new URLSearchParams(hash.replace(/^#/, "")).get(KEY);
  return id !== null && id.trim() !== "" ? id : null;
}

export function hashForSheet(id: string): string {
  return `#${KEY}=${encodeURIComponent(id)}`;
}

/** What the window's title bar and tab show for a sheet titled `title`. */
export function windowTitle(title: string): string {
  return `${title.trim() || "Untitled sheet"} — Tensorsheet`;
}

/** Why a URL's sheet did not open, and what was shown instead. */
export function unknownSheetMessage(id: string, instead: string): string {
  return `There is no saved sheet with the id “${id}” in this browser (it was deleted, or the link comes from another browser). ${instead}`;
}

/**
 * Make the URL name sheet `id`: "push" adds a history entry (opening another sheet, so Back returns
 * to the one before), "replace" rewrites the current one (the sheet shown on load). No-op when the
 * URL already names it. The hash changes without a hashchange event, so nothing reopens.
 */
export function showSheetInUrl(id: string, mode: "push" | "replace"): void {
  if (sheetIdFromHash(location.hash) === id) return;
  const url = `${location.pathname}${location.search}${hashForSheet(id)}`;
  if (mode === "push") history.pushState(history.state, "", url);
  else history.replaceState(history.state, "", url);
}

/**
 * Open the sheet the URL names whenever it changes under the page (back, forward, an edited
 * address). `open` reports whether the sheet exists; if not, the URL goes back to the open sheet.
 * Returns the listener's removal.
 */
export function followSheetUrl(options: { readonly current: () => string | null; readonly open: (id: string) => Promise<boolean> }): () => void {
  const onHashChange = () => {
    const id = sheetIdFromHash(location.hash);
    if (id === null || id === options.current()) return;
    void options.open(id).then((found) => {
      const shown = options.current();
      if (!found && shown !== null) showSheetInUrl(shown, "replace");
    });
  };
  window.addEventListener("hashchange", onHashChange);
  return () => window.removeEventListener("hashchange", onHashChange);
}

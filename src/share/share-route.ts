// A shared sheet's link is `<page>#share=<payload>`, beside sheet-route.ts's `#sheet=<id>`. The
// sheet rides in the fragment, which browsers never send to a server: the page's host sees a
// request for the page and nothing of the sheet.

const PREFIX = "#share=";

/** Longer than this (the whole URL) and a link is refused: chat tools and some browsers cut longer ones. */
export const MAX_LINK_LENGTH = 16 * 1024;

/** The payload a URL hash carries, or null when it is not a shared sheet's. */
export function sharePayloadFromHash(hash: string): string | null {
  return hash.startsWith(PREFIX) ? hash.slice(PREFIX.length) : null;
}

/** The link that opens `payload` on the page at `location` (its path and query kept, its hash replaced). */
export function shareLink(location: Pick<Location, "origin" | "pathname" | "search">, payload: string): string {
  return `${location.origin}${location.pathname}${location.search}${PREFIX}${payload}`;
}

/** What the notice says when a link would be too long to share. */
export function tooLongMessage(length: number, withValues: boolean): string {
  const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
  const hint = withValues ? " Uncheck “with trained values” for a shorter link, or use Export" : " Use Export";
  return `This sheet's link would be ${kb(length)}, past the ${kb(MAX_LINK_LENGTH)} that browsers and chat tools carry safely, so no link was copied.${hint} to share it as a file.`;
}

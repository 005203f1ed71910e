// How the training worker words an exception for the page (shared by the session and its run reporter).

/** An error's message (its name when it has none); anything else thrown, as a string. */
export function describe(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

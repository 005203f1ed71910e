// Turning IndexedDB failures into CheckpointStoreErrors with messages a user can act on.

import { CheckpointStoreError } from "../../cells/index.ts";

const NOT_SAVED = "The sheet keeps working, but nothing is saved: no autosave and no training checkpoints.";

export function unavailableError(detail?: string): CheckpointStoreError {
  const why = detail === undefined ? "" : ` (${detail})`;
  return new CheckpointStoreError(
    "unavailable",
    `Browser storage (IndexedDB) is not available here${why}; private browsing or blocked site data can cause this. ${NOT_SAVED}`,
  );
}

export function blockedError(): CheckpointStoreError {
  return new CheckpointStoreError(
    "blocked",
    "Another Tensorsheet tab is using an older version of the saved data and is blocking the upgrade. " +
      "Close other Tensorsheet tabs (or reload them), then try again. Until then nothing is saved.",
  );
}

export function errorName(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "name" in e && typeof e.name === "string") return e.name;
  return undefined;
}

export function errorMessage(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e && typeof e.message === "string" && e.message !== "") {
    return e.message;
  }
  return errorName(e) ?? String(e);
}

/** QuotaExceededError, by name or by the legacy DOMException code 22 (Firefox also used NS_ERROR_DOM_QUOTA_REACHED). */
export function isQuotaError(e: unknown): boolean {
  const name = errorName(e);
  if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED") return true;
  return typeof e === "object" && e !== null && "code" in e && e.code === 22 && e instanceof Error;
}

/** Errors from `open` meaning storage is switched off here (private mode, sandboxed origin, broken profile). */
export function isUnavailableError(e: unknown): boolean {
  const name = errorName(e);
  return name === "SecurityError" || name === "InvalidStateError" || name === "UnknownError";
}

/** What the failed operation was, for messages. */
export interface FailureContext {
  /** What was being done: "save", "load", "delete", "list". */
  readonly verb: string;
  /** e.g. `the checkpoint of "sheet1/train"` */
  readonly what: string;
  /** What stays as it was, e.g. "the previous checkpoint is kept". */
  readonly kept?: string;
}

/**
 * Maps a failure to a CheckpointStoreError. `related` are other errors of the same operation
 * (the transaction's `error`, a request's error): a quota error in any of them makes it "quota",
 * since an aborted transaction usually reports a bare AbortError on the request that noticed it.
 */
export function toStoreError(e: unknown, context: FailureContext, ...related: unknown[]): CheckpointStoreError {
  if (e instanceof CheckpointStoreError) return e;
  const kept = context.kept === undefined ? "" : `; ${context.kept}`;
  if ([e, ...related].some(isQuotaError)) {
    return new CheckpointStoreError(
      "quota",
      `Storage is full: ${context.what} could not be saved${kept}. ` +
        "Free space (delete old sheets or checkpoints, or clear other sites' data) and try again.",
    );
  }
  const cause = related.find((r) => r !== null && r !== undefined && errorName(r) !== "AbortError");
  const detail = errorName(e) === "AbortError" && cause !== undefined ? cause : e;
  return new CheckpointStoreError("other", `Could not ${context.verb} ${context.what}${kept}: ${errorMessage(detail)}`);
}

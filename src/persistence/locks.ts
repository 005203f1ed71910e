// Web Locks held for as long as the caller likes: a tab writing a sheet, a worker training a run.
// The browser frees a lock when its holder's tab or worker goes away, so a crash never leaves one behind.
// Where there are no Web Locks (Node; no browser we support), every request is granted, as if each
// context were alone.

/** Lets the lock go; calling it again does nothing. */
export type ReleaseLock = () => void;

export interface HoldOptions {
  /** Take the lock only if it is free right now; otherwise resolve to null at once. */
  readonly ifAvailable?: boolean;
  /** Take the lock from its holder, whose own hold ends (its `lost` callback runs). */
  readonly steal?: boolean;
  /** Called if another context steals the lock from us. */
  readonly lost?: () => void;
}

/** The lock of the tab that writes sheet `sheetId`. */
export const sheetLockName = (sheetId: string): string => `tensorsheet:sheet:${sheetId}`;
/** The lock of the context that trains (and checkpoints) run `runKey`. */
export const runLockName = (runKey: string): string => `tensorsheet:run:${runKey}`;

function hasWebLocks(): boolean {
  return typeof navigator !== "undefined" && navigator.locks !== undefined;
}

/** Hold the exclusive lock `name` until the returned function is called; null if ifAvailable and it is taken. */
export function holdLock(name: string, options: HoldOptions = {}): Promise<ReleaseLock | null> {
  if (!hasWebLocks()) return Promise.resolve(() => undefined);
  return new Promise((resolve, reject) => {
    const request: LockOptions = options.steal ? { steal: true } : options.ifAvailable ? { ifAvailable: true } : {};
    navigator.locks
      .request(name, request, (lock) => {
        if (lock === null) {
          resolve(null);
          return;
        }
        return new Promise<void>((release) => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            release();
          });
        });
      })
      .catch((e: unknown) => {
        // A stolen lock rejects its holder's request with an AbortError.
        if (e instanceof DOMException && e.name === "AbortError") options.lost?.();
        else reject(e);
      });
  });
}

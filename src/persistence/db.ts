// Opening the app database through `idb`, with an injectable IDBFactory (fake-indexeddb in tests).

import { wrap } from "idb";
import { CheckpointStoreError } from "../../cells/index.ts";
import { blockedError, errorMessage, errorName, isQuotaError, isUnavailableError, unavailableError } from "./errors.ts";
import { DB_NAME, DB_VERSION, upgradeSchema, type AppDb } from "./schema.ts";

export interface OpenAppDbOptions {
  /** `indexedDB` in the browser (the default when undefined), fake-indexeddb in tests; null means none. */
  readonly factory?: IDBFactory | null;
  /** Defaults to DB_NAME / DB_VERSION; tests use others. */
  readonly name?: string;
  readonly version?: number;
  /**
   * Called when the connection is gone: "versionchange" when it closed itself so another tab could
   * upgrade or delete the database, "terminated" when the browser closed it (e.g. site data cleared).
   */
  readonly onClose?: (reason: "versionchange" | "terminated") => void;
}

/** Anything that hands out an open connection; the stores take this, not a connection. */
export interface DatabaseHandle {
  connection(): Promise<AppDb>;
}

function resolveFactory(factory: IDBFactory | null | undefined): IDBFactory {
  if (factory !== undefined) {
    if (factory === null) throw unavailableError("no IndexedDB");
    return factory;
  }
  let global: IDBFactory | undefined;
  try {
    // Reading `indexedDB` itself throws SecurityError in some locked-down contexts.
    global = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  } catch (e) {
    throw unavailableError(errorName(e) ?? "access denied");
  }
  if (global === undefined || global === null) throw unavailableError("no IndexedDB");
  return global;
}

function openFailure(e: unknown, requested: number): CheckpointStoreError {
  if (e instanceof CheckpointStoreError) return e;
  const name = errorName(e);
  if (name === "VersionError") {
    return new CheckpointStoreError(
      "other",
      `The saved data was written by a newer version of Tensorsheet than this tab (which expects version ${requested}). ` +
        "Reload this tab to update it. Until then nothing is saved.",
    );
  }
  if (isQuotaError(e)) {
    return new CheckpointStoreError("quota", "Storage is full: the Tensorsheet database could not be opened or upgraded. Free space and reload.");
  }
  if (isUnavailableError(e)) return unavailableError(name);
  return new CheckpointStoreError("other", `Could not open the Tensorsheet database: ${errorMessage(e)}`);
}

/**
 * Opens (creating or upgrading) the app database. Rejects with CheckpointStoreError:
 * "unavailable" when there is no IndexedDB or it refuses to open; "blocked" when another tab
 * holds an older version open and does not close it (if that tab closes later, the upgrade
 * still happens and the late connection is closed at once: call again to get one).
 * The connection closes itself when another tab needs to upgrade (`blocking`).
 */
export function openAppDb(options: OpenAppDbOptions = {}): Promise<AppDb> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  return new Promise<AppDb>((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = resolveFactory(options.factory).open(name, version);
    } catch (e) {
      // SecurityError for opaque origins (sandboxed iframes, some file:// pages); a TypeError is our bug.
      reject(e instanceof CheckpointStoreError || e instanceof TypeError ? openFailure(e, version) : unavailableError(errorName(e)));
      return;
    }
    let settled = false;
    let upgradeError: unknown;

    request.onupgradeneeded = (event) => {
      try {
        upgradeSchema(wrap(request.result) as unknown as AppDb, event.oldVersion, event.newVersion, wrap(request.transaction!) as never);
      } catch (e) {
        upgradeError = e;
        request.transaction?.abort();
      }
    };
    request.onblocked = () => {
      if (settled) return;
      settled = true;
      reject(blockedError());
    };
    request.onsuccess = () => {
      const raw = request.result;
      if (settled) {
        // We already reported "blocked"; don't keep a connection nobody holds.
        raw.close();
        return;
      }
      settled = true;
      raw.onversionchange = () => {
        // Another tab wants to upgrade (or delete) the database: let it.
        raw.close();
        options.onClose?.("versionchange");
      };
      raw.onclose = () => options.onClose?.("terminated");
      resolve(wrap(raw) as unknown as AppDb);
    };
    request.onerror = () => {
      if (settled) return;
      settled = true;
      reject(openFailure(upgradeError ?? request.error, version));
    };
  });
}

/**
 * One lazily opened connection, reopened on demand after it was closed (another tab's upgrade,
 * the browser) or after a failed open (so "Retry" works once the user closed other tabs).
 */
export class AppDatabase implements DatabaseHandle {
  private pending: Promise<AppDb> | null = null;

  constructor(private readonly options: OpenAppDbOptions = {}) {}

  connection(): Promise<AppDb> {
    if (this.pending !== null) return this.pending;
    const opening: Promise<AppDb> = openAppDb({
      ...this.options,
      onClose: (reason) => {
        if (this.pending === opening) this.pending = null;
        this.options.onClose?.(reason);
      },
    });
    this.pending = opening;
    opening.catch(() => {
      if (this.pending === opening) this.pending = null;
    });
    return opening;
  }

  /** Closes the connection, if any; a later call to connection() opens a new one. */
  close(): void {
    const opening = this.pending;
    this.pending = null;
    opening?.then((db) => db.close(), () => {});
  }
}

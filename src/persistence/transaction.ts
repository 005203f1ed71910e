// One IndexedDB transaction as one promise: all of it is committed, or none of it and a CheckpointStoreError.

import type { IDBPTransaction, StoreNames } from "idb";
import type { DatabaseHandle } from "./db.ts";
import { toStoreError, type FailureContext } from "./errors.ts";
import type { TensorsheetDB } from "./schema.ts";

const ignore = (): void => {};

/**
 * Marks a request's promise as observed and returns it. Use it on every request of a body that
 * issues several: if issuing a later one throws, the transaction aborts and the earlier promises
 * reject, which must not surface as unhandled rejections.
 */
export function observe<T>(request: Promise<T>): Promise<T> {
  request.catch(ignore);
  return request;
}

export interface TransactionOptions {
  /** "strict" waits until the data is on disk before completing (Chromium defaults to "relaxed"). */
  readonly durability?: "default" | "strict" | "relaxed";
}

/**
 * Runs `body` in one transaction over `stores` and resolves with its result once the transaction
 * has committed. If `body` throws or any request fails, the transaction is aborted (so nothing of
 * it is kept), and the promise rejects, after the rollback, with a CheckpointStoreError.
 *
 * `body` must only await requests of `tx` (awaiting anything else lets the transaction commit
 * early), and must observe every request promise it creates (e.g. put them all in one Promise.all).
 */
export async function inTransaction<const Names extends StoreNames<TensorsheetDB>[], Mode extends IDBTransactionMode, T>(
  handle: DatabaseHandle,
  stores: Names,
  mode: Mode,
  context: FailureContext,
  body: (tx: IDBPTransaction<TensorsheetDB, Names, Mode>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  let tx: IDBPTransaction<TensorsheetDB, Names, Mode> | undefined;
  try {
    const db = await handle.connection();
    tx = options.durability === undefined ? db.transaction(stores, mode) : db.transaction(stores, mode, { durability: options.durability });
    // idb's `done` rejects when the transaction aborts; observe it now so an abort is never unhandled.
    tx.done.catch(ignore);
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (e) {
    let txError: unknown;
    if (tx !== undefined) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborting.
      }
      await tx.done.catch(ignore);
      txError = tx.error;
    }
    throw toStoreError(e, context, txError);
  }
}

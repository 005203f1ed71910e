import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrainingCheckpoint } from "../../../cells/training/checkpoint.ts";
import { CheckpointStoreError, IdbCheckpointStore, type AppDatabase } from "../../../src/persistence/index.ts";
import { FakeDatabase, FakeObjectStore, freshDatabase } from "./fake-idb.ts";

const open: AppDatabase[] = [];
function setup(): { db: AppDatabase; store: IdbCheckpointStore } {
  const { db } = freshDatabase();
  open.push(db);
  return { db, store: new IdbCheckpointStore(db) };
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) db.close();
});

/** Deterministic float32 values, including the awkward ones (−0, ±∞, NaN, subnormals). */
function values(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    a[i] = ((x >>> 0) / 2 ** 32 - 0.5) * 8;
  }
  const special = [-0, Infinity, -Infinity, NaN, 1e-45, -3.4028234663852886e38];
  special.forEach((v, i) => {
    if (i < n) a[i] = v;
  });
  return a;
}

/** Index of the first float32 whose bit pattern differs (NaN payloads and −0 included), or -1. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  if (Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength))) return -1;
  return x.findIndex((v, i) => v !== y[i]);
}

/** vitest's toEqual walks a typed array element by element (seconds for 1M values), so big ones are compared by bits only. */
const TO_EQUAL_LIMIT = 100_000;

function expectSameData(actual: Float32Array | undefined, expected: Float32Array, what: string): void {
  expect(actual, what).toBeInstanceOf(Float32Array);
  expect(firstBitDifference(actual!, expected), `${what}: first differing element`).toBe(-1);
  if (expected.length <= TO_EQUAL_LIMIT) expect(actual, what).toEqual(expected);
  expect(actual!.buffer, `${what} shares its buffer`).not.toBe(expected.buffer);
}

/** The checkpoint with every Float32Array replaced by its length, for a structural toEqual. */
function skeleton(c: TrainingCheckpoint): unknown {
  return {
    ...c,
    params: Object.fromEntries(Object.entries(c.params).map(([k, t]) => [k, { shape: t.shape, length: t.data.length }])),
    optimizer: { ...c.optimizer, slots: c.optimizer.slots.map((p) => p.map((s) => s.length)) },
    lossHistory: c.lossHistory.length,
  };
}

function checkpoint(
  runKey: string,
  seed: number,
  params: Record<string, number[]> = { w1: [1000, 1000], b1: [1000], w2: [1000, 3], b2: [3] },
): TrainingCheckpoint {
  const names = Object.keys(params);
  const stored = Object.fromEntries(
    names.map((name, i) => {
      const shape = params[name]!;
      return [name, { shape, data: values(shape.reduce((a, b) => a * b, 1), seed * 100 + i) }];
    }),
  );
  return {
    runKey,
    planHash: `hash-${seed}`,
    epoch: 3,
    stepInEpoch: 7,
    step: 37,
    params: stored,
    optimizer: {
      kind: "adam",
      config: { kind: "adam", lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      iterations: 37,
      slots: names.map((name, i) => [values(stored[name]!.data.length, seed * 1000 + i), values(stored[name]!.data.length, seed * 1000 + i + 500)]),
    },
    lossHistory: values(37, seed + 7),
    metricHistory: { accuracy: [0.5, 0.75, 0.875], loss: [2.5, 1.25, 0.625] },
    elapsedMs: 12345.5,
    savedAt: 1_700_000_000_000 + seed,
  };
}

function expectSameCheckpoint(actual: TrainingCheckpoint | null, expected: TrainingCheckpoint): void {
  expect(actual).not.toBeNull();
  const a = actual!;
  expect(skeleton(a)).toEqual(skeleton(expected));
  for (const [name, t] of Object.entries(expected.params)) expectSameData(a.params[name]?.data, t.data, `param ${name}`);
  expected.optimizer.slots.forEach((perParam, i) =>
    perParam.forEach((slot, j) => expectSameData(a.optimizer.slots[i]?.[j], slot, `slot ${i}/${j}`)),
  );
  expectSameData(a.lossHistory, expected.lossHistory, "loss history");
}

async function tensorNames(db: AppDatabase, runKey: string): Promise<string[]> {
  const conn = await db.connection();
  const keys = await conn.getAllKeysFromIndex("tensors", "byRun", runKey);
  return keys.map(([, name]) => name).sort();
}

describe("IdbCheckpointStore", () => {
  it("round-trips a checkpoint bit for bit, including a 1M-element param and the optimizer slots", async () => {
    const { store } = setup();
    const c = checkpoint("sheet-1/train", 1);
    expect(c.params["w1"]!.data.length).toBe(1_000_000);
    await store.save(c);
    expectSameCheckpoint(await store.load("sheet-1/train"), c);
    expect(await store.list()).toEqual(["sheet-1/train"]);
    expect(await store.load("no-such-run")).toBeNull();
  });

  it("keeps the kernel variant a checkpoint was computed on, and loads records saved without one", async () => {
    const { store } = setup();
    await store.save({ ...checkpoint("sheet-1/variant", 2), kernelVariant: "gemm:wasm-simd-fma optim:wasm" });
    expect((await store.load("sheet-1/variant"))!.kernelVariant).toBe("gemm:wasm-simd-fma optim:wasm");
    await store.save(checkpoint("sheet-1/old", 3));
    expect(await store.load("sheet-1/old")).not.toHaveProperty("kernelVariant");
  });

  it("stores param data, slots and loss history as separate Float32Array records, not in the metadata", async () => {
    const { db, store } = setup();
    await store.save(checkpoint("r", 1, { w: [2, 3], b: [3] }));
    const conn = await db.connection();
    const meta = await conn.get("checkpoints", "r");
    expect(JSON.stringify(meta)).not.toMatch(/"data"/);
    expect(meta!.params["w"]).toEqual({ tensor: "param/w", shape: [2, 3] });
    expect(await tensorNames(db, "r")).toEqual(["lossHistory", "param/b", "param/w", "slot/0/0", "slot/0/1", "slot/1/0", "slot/1/1"]);
    const row = await conn.get("tensors", ["r", "param/w"]);
    expect(row!.data).toBeInstanceOf(Float32Array);
    expect(row!.shape).toEqual([2, 3]);
  });

  it("opens the save transaction over both stores with strict durability", async () => {
    const { store } = setup();
    await store.list(); // open (and create) the database first: the upgrade has its own transaction
    const spy = vi.spyOn(FakeDatabase.prototype, "transaction");
    await store.save(checkpoint("r", 1, { w: [4] }));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toEqual([["checkpoints", "tensors"], "readwrite", { durability: "strict" }]);
    expect((spy.mock.results[0]!.value as IDBTransaction).durability).toBe("strict");
  });

  it("copies the data when save() is called, so the caller may keep training", async () => {
    const { store } = setup();
    const c = checkpoint("r", 1, { w: [5] });
    const expected = structuredClone(c);
    const saving = store.save(c);
    c.params["w"]!.data.fill(42);
    c.optimizer.slots[0]![0]!.fill(42);
    c.lossHistory.fill(42);
    await saving;
    expectSameCheckpoint(await store.load("r"), expected);
  });

  it("stores only the viewed part of a Float32Array view into a larger buffer", async () => {
    const { db, store } = setup();
    const big = new Float32Array(1000).map((_, i) => i);
    const c = checkpoint("r", 1, { w: [4] });
    await store.save({ ...c, params: { w: { shape: [4], data: big.subarray(10, 14) } } });
    const row = await (await db.connection()).get("tensors", ["r", "param/w"]);
    expect(row!.data).toEqual(new Float32Array([10, 11, 12, 13]));
    expect(row!.data.buffer.byteLength).toBe(16);
  });

  it("overwriting replaces the checkpoint and drops its stale tensor records, leaving other runs alone", async () => {
    const { db, store } = setup();
    await store.save(checkpoint("run-a", 1));
    await store.save(checkpoint("run-b", 2, { v: [2] }));
    const next = checkpoint("run-a", 3, { w1: [10, 10], extra: [2] });
    await store.save(next);
    expectSameCheckpoint(await store.load("run-a"), next);
    expect(await tensorNames(db, "run-a")).toEqual(["lossHistory", "param/extra", "param/w1", "slot/0/0", "slot/0/1", "slot/1/0", "slot/1/1"]);
    expectSameCheckpoint(await store.load("run-b"), checkpoint("run-b", 2, { v: [2] }));
    expect((await store.list()).sort()).toEqual(["run-a", "run-b"]);
  });

  it("delete removes the metadata and every tensor record of the run", async () => {
    const { db, store } = setup();
    await store.save(checkpoint("r", 1, { w: [3] }));
    await store.save(checkpoint("s", 2, { w: [3] }));
    await store.delete("r");
    expect(await store.load("r")).toBeNull();
    expect(await tensorNames(db, "r")).toEqual([]);
    expect(await store.list()).toEqual(["s"]);
    await store.delete("never-saved");
  });

  describe("a save is all or nothing", () => {
    const originalPut = FakeObjectStore.prototype.put;

    /** Makes the n-th put (1-based) of the next saves do `fail` instead of/after writing. */
    function failPut(n: number, fail: (store: IDBObjectStore, args: Parameters<IDBObjectStore["put"]>) => IDBRequest<IDBValidKey>): void {
      let count = 0;
      vi.spyOn(FakeObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, ...args) {
        count++;
        return count === n ? fail(this, args) : originalPut.apply(this, args);
      });
    }

    async function expectUnchanged(db: AppDatabase, store: IdbCheckpointStore, previous: TrainingCheckpoint, names: string[]): Promise<void> {
      vi.restoreAllMocks();
      expectSameCheckpoint(await store.load(previous.runKey), previous);
      expect(await tensorNames(db, previous.runKey)).toEqual(names);
    }

    it("keeps the previous checkpoint when the second put throws", async () => {
      const { db, store } = setup();
      const previous = checkpoint("r", 1, { w: [100], b: [10], old: [3] });
      await store.save(previous);
      const names = await tensorNames(db, "r");
      failPut(2, () => {
        throw new Error("disk on fire");
      });
      const err = await store.save(checkpoint("r", 2, { w: [100], b: [10] })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CheckpointStoreError);
      expect((err as CheckpointStoreError).kind).toBe("other");
      expect((err as CheckpointStoreError).message).toMatch(/disk on fire/);
      await expectUnchanged(db, store, previous, names);
    });

    it("keeps the previous checkpoint when the transaction is aborted after the first put", async () => {
      const { db, store } = setup();
      const previous = checkpoint("r", 1, { w: [100], b: [10] });
      await store.save(previous);
      const names = await tensorNames(db, "r");
      failPut(1, (s, args) => {
        const request = originalPut.apply(s, args);
        s.transaction.abort();
        return request;
      });
      const err = await store.save(checkpoint("r", 2, { w: [100], b: [10] })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CheckpointStoreError);
      expect((err as CheckpointStoreError).kind).toBe("other");
      await expectUnchanged(db, store, previous, names);
    });

    it("maps a put throwing QuotaExceededError to kind 'quota' and keeps the previous checkpoint", async () => {
      const { db, store } = setup();
      const previous = checkpoint("r", 1, { w: [100], b: [10] });
      await store.save(previous);
      const names = await tensorNames(db, "r");
      failPut(2, () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      });
      const err = await store.save(checkpoint("r", 2, { w: [100], b: [10] })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CheckpointStoreError);
      expect((err as CheckpointStoreError).kind).toBe("quota");
      expect((err as CheckpointStoreError).message).toMatch(/^Storage is full: the checkpoint of "r" at step 37 could not be saved; the previous checkpoint is kept\. Free space/);
      await expectUnchanged(db, store, previous, names);
    });

    it("maps a transaction aborted with QuotaExceededError (as at commit) to kind 'quota'", async () => {
      const { db, store } = setup();
      const previous = checkpoint("r", 1, { w: [100], b: [10] });
      await store.save(previous);
      const names = await tensorNames(db, "r");
      failPut(3, (s, args) => {
        const request = originalPut.apply(s, args);
        // What a browser does when the commit hits the quota: abort with tx.error = QuotaExceededError.
        (s.transaction as unknown as { _abort(name: string): void })._abort("QuotaExceededError");
        return request;
      });
      const err = await store.save(checkpoint("r", 2, { w: [100], b: [10] })).catch((e: unknown) => e);
      expect((err as CheckpointStoreError).kind).toBe("quota");
      await expectUnchanged(db, store, previous, names);
    });

    it("a first save that fails leaves nothing behind", async () => {
      const { db, store } = setup();
      failPut(2, () => {
        throw new DOMException("full", "QuotaExceededError");
      });
      await expect(store.save(checkpoint("r", 1, { w: [3] }))).rejects.toMatchObject({ kind: "quota" });
      vi.restoreAllMocks();
      expect(await store.load("r")).toBeNull();
      expect(await tensorNames(db, "r")).toEqual([]);
      expect(await store.list()).toEqual([]);
    });
  });

  it("refuses to save a param whose data does not match its shape", async () => {
    const { store } = setup();
    const c = checkpoint("r", 1, { w: [3] });
    await expect(store.save({ ...c, params: { w: { shape: [2, 2], data: new Float32Array(3) } } })).rejects.toMatchObject({
      kind: "other",
      message: expect.stringMatching(/param "w" has 3 values but shape \[2, 2\]/),
    });
    expect(await store.load("r")).toBeNull();
  });

  it("load reports a missing tensor record as 'corrupt', naming the tensor", async () => {
    const { db, store } = setup();
    await store.save(checkpoint("r", 1, { w: [3], b: [2] }));
    await (await db.connection()).delete("tensors", ["r", "param/b"]);
    await expect(store.load("r")).rejects.toMatchObject({
      name: "CheckpointStoreError",
      kind: "corrupt",
      message: expect.stringMatching(/"param\/b" \(param "b"\) is missing/),
    });
  });

  it("load reports a tensor record of the wrong size as 'corrupt'", async () => {
    const { db, store } = setup();
    await store.save(checkpoint("r", 1, { w: [3] }));
    const conn = await db.connection();
    await conn.put("tensors", { runKey: "r", name: "slot/0/1", shape: [3], data: new Float32Array(2) });
    await expect(store.load("r")).rejects.toMatchObject({
      kind: "corrupt",
      message: expect.stringMatching(/optimizer slot 1 of param 0/),
    });
  });
});

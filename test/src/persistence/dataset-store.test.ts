import { afterEach, describe, expect, it } from "vitest";
import { IdbDatasetStore, type AppDatabase } from "../../../src/persistence/index.ts";
import { freshDatabase } from "./fake-idb.ts";

let open: AppDatabase | null = null;
afterEach(() => open?.close());

describe("IdbDatasetStore", () => {
  it("keeps loaded datasets by name, values exact, across reopening", async () => {
    const { db, factory } = freshDatabase();
    open = db;
    const store = new IdbDatasetStore(db);
    const data = Float32Array.from({ length: 6 }, (_, i) => i * 0.5 - 1);
    await store.put({ name: "points", shape: [3, 2], data, filename: "points.npy", addedAt: 1 });
    await store.put({ name: "labels", shape: [3], data: Float32Array.of(0, 1, 2), filename: "labels.idx", addedAt: 2 });
    db.close();

    const { AppDatabase: Reopened } = await import("../../../src/persistence/index.ts");
    const again = new Reopened({ factory });
    open = again;
    const list = await new IdbDatasetStore(again).list();
    expect(list.map((d) => d.name).sort()).toEqual(["labels", "points"]);
    const points = list.find((d) => d.name === "points")!;
    expect(points.shape).toEqual([3, 2]);
    expect(points.data).toEqual(data);
    await new IdbDatasetStore(again).delete("labels");
    expect((await new IdbDatasetStore(again).list()).map((d) => d.name)).toEqual(["points"]);
  });
});

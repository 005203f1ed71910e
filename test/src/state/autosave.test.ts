import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { Autosave, type SaveState } from "../../../src/state/autosave.ts";

const doc = (title: string): SheetDocument => ({ format: "tensorsheet", version: 1, title, seed: 0, cells: [] });

/** A store whose writes finish only when the test says so. */
function gatedStore() {
  const writes: { id: string; title: string; finish: (error?: Error) => void }[] = [];
  const write = (id: string, d: SheetDocument) =>
    new Promise<void>((resolve, reject) => writes.push({ id, title: d.title, finish: (e) => (e ? reject(e) : resolve()) }));
  return { writes, write };
}

describe("Autosave", () => {
  it("says saved only once the newest document is written, and writes a burst as one more write", async () => {
    const { writes, write } = gatedStore();
    const states: SaveState[] = [];
    const autosave = new Autosave(write, (s) => states.push(s));
    const done = autosave.save("s1", () => doc("v1"));
    void autosave.save("s1", () => doc("v2"));
    void autosave.save("s1", () => doc("v3"));
    await Promise.resolve();
    expect(writes.map((w) => w.title)).toEqual(["v1"]);
    expect(states.at(-1)).toEqual({ kind: "saving" });
    writes[0]!.finish();
    await new Promise((r) => setTimeout(r, 0));
    // v2 was superseded before its write began: the next write is v3.
    expect(writes.map((w) => w.title)).toEqual(["v1", "v3"]);
    expect(states.at(-1)).toEqual({ kind: "saving" });
    expect(autosave.pending).toBe(true);
    writes[1]!.finish();
    await done;
    expect(states.at(-1)).toEqual({ kind: "saved" });
    expect(autosave.pending).toBe(false);
  });

  it("reports a failed write, and a later successful one clears it", async () => {
    const { writes, write } = gatedStore();
    const states: SaveState[] = [];
    const autosave = new Autosave(write, (s) => states.push(s));
    const first = autosave.save("s1", () => doc("v1"));
    await Promise.resolve();
    writes[0]!.finish(new Error("QuotaExceededError: the disk is full"));
    await first;
    expect(states.at(-1)).toEqual({ kind: "failed", message: "QuotaExceededError: the disk is full" });
    const second = autosave.save("s1", () => doc("v2"));
    await Promise.resolve();
    writes[1]!.finish();
    await second;
    expect(states.at(-1)).toEqual({ kind: "saved" });
  });
});

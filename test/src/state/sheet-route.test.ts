import { describe, expect, it } from "vitest";
import { hashForSheet, sheetIdFromHash, unknownSheetMessage, windowTitle } from "../../../src/state/sheet-route.ts";

describe("the URL names the open sheet", () => {
  it("reads the id from #sheet=<id>, with or without the #, and none from other hashes", () => {
    expect(sheetIdFromHash("#sheet=3f2a-9c")).toBe("3f2a-9c");
    expect(sheetIdFromHash("sheet=abc")).toBe("abc");
    expect(sheetIdFromHash("#other=1&sheet=abc")).toBe("abc");
    expect(sheetIdFromHash("")).toBeNull();
    expect(sheetIdFromHash("#sheet=")).toBeNull();
    expect(sheetIdFromHash("#top")).toBeNull();
  });

  it("writes an id so it reads back unchanged", () => {
    expect(hashForSheet("3f2a-9c")).toBe("#sheet=3f2a-9c");
    expect(sheetIdFromHash(hashForSheet("a b&c=d"))).toBe("a b&c=d");
  });

  it("the window title is the sheet's title, then the app's name", () => {
    expect(windowTitle("Tensors and their shape")).toBe("Tensors and their shape — Tensorsheet");
    expect(windowTitle("  ")).toBe("Untitled sheet — Tensorsheet");
  });

  it("an unknown id is named, with why it may be unknown and what opened instead", () => {
    expect(unknownSheetMessage("nope", "Opened your most recent sheet instead.")).toBe(
      "There is no saved sheet with the id “nope” in this browser (it was deleted, or the link comes from another browser). Opened your most recent sheet instead.",
    );
  });
});

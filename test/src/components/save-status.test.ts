import { describe, expect, it } from "vitest";
import { saveStatusText, type SaveStatusInput } from "../../../src/components/save-status.ts";

const idle: SaveStatusInput = { readOnly: null, storage: { kind: "saved" }, evaluating: false, progress: null };

describe("the toolbar's status", () => {
  it("counts the cells evaluated while a pass runs, even when storage says saved", () => {
    expect(saveStatusText({ ...idle, evaluating: true, progress: { evaluated: 3, total: 16 } })).toBe("Evaluating 3 of 16 cells…");
    expect(saveStatusText({ ...idle, evaluating: true, progress: { evaluated: 0, total: 1 } })).toBe("Evaluating 0 of 1 cell…");
  });

  it("says only 'Evaluating…' before the worker has counted", () => {
    expect(saveStatusText({ ...idle, evaluating: true })).toBe("Evaluating…");
  });

  it("says all changes are saved only when nothing evaluates and storage has saved", () => {
    expect(saveStatusText(idle)).toBe("All changes saved");
    expect(saveStatusText({ ...idle, storage: { kind: "saving" } })).toBe("Saving…");
    expect(saveStatusText({ ...idle, storage: { kind: "unsaved" } })).toBe("Unsaved changes…");
  });

  it("puts read-only and unavailable storage before evaluation", () => {
    expect(saveStatusText({ ...idle, readOnly: "other tab", evaluating: true })).toBe("Read-only — another tab saves this sheet");
    expect(saveStatusText({ ...idle, storage: { kind: "unavailable", message: "quota" }, evaluating: true })).toBe("Not saved — storage unavailable: quota");
  });
});

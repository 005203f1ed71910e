import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";

function sheetOf(...sources: string[]): Sheet {
  const sheet = new Sheet({ cells: sources.map((source, i) => ({ address: `A${i + 1}`, source })) });
  sheet.evaluate();
  return sheet;
}

const message = (s: Sheet, address: string) => s.result(address)!.error?.message ?? null;

describe("unknown names suggest the closest defined name", () => {
  it("suggests a near name", () => {
    const s = sheetOf("rate = 0.1", "y = 2 * rat");
    expect(message(s, "A2")).toBe("unknown name rat: no cell defines it — did you mean rate?");
  });

  it("suggests nothing when no name is near; short names need a closer match", () => {
    expect(message(sheetOf("W1 = 1", "y = lr * 2"), "A2")).toBe("unknown name lr: no cell defines it");
    expect(message(sheetOf("y = 1", "z = x * 2"), "A2")).toBe("unknown name x: no cell defines it");
    expect(message(sheetOf("learning_rate = 1", "z = learnin_rate * 2"), "A2")).toBe(
      "unknown name learnin_rate: no cell defines it — did you mean learning_rate?",
    );
  });

  it("updates the suggestion when a nearer name is defined later", () => {
    const s = sheetOf("y = 2 * rat", "z = 1");
    expect(message(s, "A1")).toBe("unknown name rat: no cell defines it");
    s.setCell("A2", "rate = 1");
    s.evaluate();
    expect(message(s, "A1")).toBe("unknown name rat: no cell defines it — did you mean rate?");
  });
});

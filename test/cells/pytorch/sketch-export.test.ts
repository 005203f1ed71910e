import { describe, expect, it } from "vitest";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { Sheet } from "../../../cells/sheet.ts";

describe("PyTorch export of a sketch cell", () => {
  it("writes the drawing as a tensor constant that the cells reading it use", () => {
    const sheet = new Sheet({
      title: "Sketch",
      cells: [
        { address: "A1", source: "d = sketch([4, 4])", drawing: [[0.5, 0.5]] },
        { address: "A2", source: "ink = sum(d)" },
      ],
    });
    sheet.evaluate();
    const { script } = pytorchScript(sheet);
    const line = script.split("\n").find((l) => l.startsWith("d = "))!;
    expect(line.endsWith("  # the drawing on the sheet's pad")).toBe(true);
    const values = JSON.parse(line.slice("d = torch.tensor(".length, line.indexOf(")  #"))) as number[][];
    expect(values.flat()).toEqual(Array.from(sheet.result("A1")!.value!.data));
    expect(script).toContain("# A1: d = sketch([4, 4])");
    expect(script).toContain("ink = torch.sum(d)");
  });
});

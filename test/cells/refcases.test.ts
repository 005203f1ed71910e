import { describe, expect, it } from "vitest";
import { Sheet } from "../../cells/sheet.ts";
import { loadRefCases, mismatches, refTensors } from "../support/refcases.ts";

describe("reference cases evaluated through the sheet language", () => {
  // conv/ holds the convolution and pooling cases (see its README section).
  for (const c of [...loadRefCases(), ...loadRefCases("conv/")]) {
    it(`${c.name}: every expected cell matches PyTorch within tolerance`, () => {
      const sheet = new Sheet({ title: c.sheet.title, seed: c.sheet.seed, cells: c.sheet.cells, params: new Map(Object.entries(refTensors(c))) });
      sheet.evaluate();
      for (const [name, want] of Object.entries(c.expect)) {
        const address = sheet.resolve(name);
        expect(address, `cell ${name}`).toBeDefined();
        const r = sheet.result(address!)!;
        expect(r.error?.message ?? null, `cell ${name}`).toBeNull();
        expect(mismatches(r.value!, want), `cell ${name}`).toEqual([]);
      }
    });
  }
});

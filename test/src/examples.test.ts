import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../src/examples.ts";

const DIR = fileURLToPath(new URL("../../public/examples/", import.meta.url));

describe("the examples menu", () => {
  it("lists every example sheet once, with its own title, first-look first", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".tensorsheet.json")).sort();
    expect(EXAMPLES.map((e) => e.file).sort()).toEqual(files);
    for (const e of EXAMPLES) expect(JSON.parse(readFileSync(DIR + e.file, "utf8")).title, e.file).toBe(e.title);
    expect(EXAMPLES[0]!.file).toBe("00-first-look.tensorsheet.json");
  });
});

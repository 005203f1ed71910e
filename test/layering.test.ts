// Dependencies point one way, src → cells → engine, and each layer is entered through its public
// faces only, so a layer's insides can move without breaking the one above it:
//   - engine is entered through engine/index.ts, plus two kinds of entry points that can't be in
//     it: engine/datasets/index.ts (the data set readers) and the platform entry points, any
//     engine file named *.node.ts or *.web.ts (Node-only, or spawning browser workers).
//   - cells is entered through cells/index.ts, plus its own platform entry points, cells/**/*.web.ts
//     (cells/runtime.web.ts re-exports the engine's browser worker pool for the app's workers).
//   - src reaches the engine only through cells.
//   - the programs around the layers (bench/, bin/, tools/) enter engine and cells through the same
//     faces. The one exception is the bench's edit figure, which measures the sheet worker's own
//     per-cell view (src/worker/cell-view.ts) and so imports it and its message types.
// This test reads the import and export-from statements (static and dynamic) of every .ts/.tsx
// file in the three layers and lists each one that breaks a rule.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
type Layer = "engine" | "cells" | "src";
const LAYERS: readonly Layer[] = ["engine", "cells", "src"];
/** Folders of programs that use the layers from outside them. */
const OUTSIDE = ["bench", "bin", "tools"] as const;
/** Imports of src/ from outside it that the rules allow, by importer (see the header). */
const SRC_ALLOWED: Record<string, readonly string[]> = {
  "bench/sheet-chain.ts": ["src/worker/cell-view.ts", "src/worker/protocol.ts"],
};

const isPlatformEntry = (file: string) => /\.(node|web)\.tsx?$/.test(file);

/** The public faces of a layer: the only files another layer may import from it. */
const PUBLIC_FACES: Record<Layer, (file: string) => boolean> = {
  engine: (file) => file === "engine/index.ts" || file === "engine/datasets/index.ts" || isPlatformEntry(file),
  cells: (file) => file === "cells/index.ts" || /\.web\.tsx?$/.test(file),
  src: () => false,
};

/** Which layers each layer may import, through their public faces. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = { engine: [], cells: ["engine"], src: ["cells"] };

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(tsx?|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

function layerOf(file: string): Layer | null {
  return LAYERS.find((layer) => file.startsWith(`${layer}/`)) ?? null;
}

/** Repository-relative paths of the files `file` imports (packages and `?query` suffixes dropped). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
  return info.importedFiles
    .map((f) => f.fileName.replace(/\?.*$/, ""))
    .filter((spec) => spec.startsWith("."))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
}

/** Every import that breaks the layering, as "importer → imported: why". */
function layeringViolations(): string[] {
  const violations: string[] = [];
  for (const layer of LAYERS) {
    for (const file of sourceFiles(layer)) {
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to === null || to === layer) continue;
        if (!MAY_IMPORT[layer].includes(to)) violations.push(`${file} → ${target}: ${layer} must not import ${to}`);
        else if (!PUBLIC_FACES[to](target)) violations.push(`${file} → ${target}: not a public face of ${to}`);
      }
    }
  }
  for (const folder of OUTSIDE) {
    for (const file of sourceFiles(folder)) {
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to === null) continue;
        if (to === "src" ? !SRC_ALLOWED[file]?.includes(target) : !PUBLIC_FACES[to](target)) {
          violations.push(`${file} → ${target}: not a public face of ${to}`);
        }
      }
    }
  }
  return violations;
}

describe("layering", () => {
  it("reads multi-line imports", () => {
    // sheet-worker.ts imports cells/index.ts in one statement spread over many lines.
    expect(importsOf("src/worker/sheet-worker.ts")).toContain("cells/index.ts");
  });

  it("reads dynamic imports in the CLI's JavaScript entry", () => {
    expect(importsOf("bin/tensorsheet.js")).toContain("cells/index.ts");
  });

  it("src → cells → engine, each entered through its public faces, also from bench/, bin/ and tools/", () => {
    expect(layeringViolations()).toEqual([]);
  });
});

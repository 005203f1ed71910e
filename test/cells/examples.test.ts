import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

const EXAMPLES = fileURLToPath(new URL("../../public/examples/", import.meta.url));

interface Cell {
  name: string | null;
  shape: number[];
  value: unknown;
  error: unknown;
}

async function evalExample(file: string): Promise<Map<string, Cell>> {
  const run = await runCli("eval", EXAMPLES + file, "--json");
  expect(run.stderr).toBe("");
  expect(run.code, run.stdout).toBe(0);
  const cells = (JSON.parse(run.stdout) as { cells: Cell[] }).cells;
  return new Map(cells.map((c) => [c.name ?? "", c]));
}

const close = (got: unknown, want: unknown) => {
  const g = [got].flat(Infinity) as number[];
  const w = [want].flat(Infinity) as number[];
  expect(g).toHaveLength(w.length);
  g.forEach((v, i) => expect(v).toBeCloseTo(w[i]!, 5));
};

describe("example sheets, through the CLI", () => {
  it("covers every example file", () => {
    expect(readdirSync(EXAMPLES).filter((f) => f.endsWith(".tensorsheet.json")).sort()).toEqual([
      "00-first-look.tensorsheet.json",
      "01-tensors.tensorsheet.json",
      "02-tensor-operations.tensorsheet.json",
      "03-geometric.tensorsheet.json",
      "04-gradient-tape.tensorsheet.json",
      "05-chain-rule.tensorsheet.json",
      "06-sgd-by-hand.tensorsheet.json",
      "07-backprop.tensorsheet.json",
      "08-convnet.tensorsheet.json",
    ]);
  });

  it("first look: the MNIST network before training", { timeout: 120_000 }, async () => {
    const c = await evalExample("00-first-look.tensorsheet.json");
    expect(c.get("train_images")!.shape).toEqual([8000, 28, 28]);
    expect(c.get("test_labels")!.shape).toEqual([2000]);
    expect(c.get("x_train")!.shape).toEqual([8000, 784]);
    expect(c.get("probs")!.shape).toEqual([8000, 10]);
    expectUntrained(c);
  });

  it("tensors: rank, shape, slicing and reshaping", async () => {
    const c = await evalExample("01-tensors.tensorsheet.json");
    expect(c.get("s")!.shape).toEqual([]);
    expect(c.get("rank_T")!.value).toBe(3);
    expect(c.get("shape_T")!.value).toEqual([2, 3, 4]);
    expect(c.get("col")!.value).toEqual([5, 6, 7]);
    expect(c.get("corner")!.value).toEqual([[34, 0], [35, 1]]);
    expect(c.get("every_other")!.value).toEqual([12, 6, 7]);
    expect(c.get("flat")!.shape).toEqual([6, 4]);
    expect(c.get("moved")!.shape).toEqual([4, 2, 3]);
    expect(c.get("batch_size")!.value).toBe(128);
  });

  it("tensor operations: element-wise, broadcasting, dot and the dense layer", async () => {
    const c = await evalExample("02-tensor-operations.tensorsheet.json");
    expect(c.get("r")!.value).toEqual([[1, 0, 3], [0, 5, 0]]);
    expect(c.get("broadcast")!.value).toEqual([[2, 0, 6], [-3, 7, -3]]);
    expect(c.get("both")!.value).toEqual([[101, 98, 103], [196, 205, 194]]);
    close(c.get("output")!.value, [[2.6, 0.2, 0], [5.6, 0, 0], [8.6, 0, 0]]);
    expect(c.get("inner")!.value).toBe(32);
    close(c.get("matvec")!.value, [1.5, -0.5, -0.25]);
  });

  it("geometric: rotation, scaling and shear of 2-D points", async () => {
    const c = await evalExample("03-geometric.tensorsheet.json");
    const s = Math.sqrt(3) / 2;
    close(c.get("rotation")!.value, [[s, -0.5], [0.5, s]]);
    close((c.get("rotated")!.value as number[][])[1], [s, 0.5]);
    expect(c.get("scaled")!.value).toEqual([[0, 0], [2, 0], [2, 0.5], [0, 0.5], [1, 0.125]]);
    expect(c.get("sheared")!.value).toEqual([[0, 0], [1, 0], [2, 1], [1, 1], [0.75, 0.25]]);
    expect(c.get("area_factor")!.value).toBe(1);
  });

  it("gradient tape: grad(2x + 3, x) = 2", async () => {
    const c = await evalExample("04-gradient-tape.tensorsheet.json");
    expect(c.get("y")!.value).toBe(3);
    expect(c.get("grad_of_y_wrt_x")!.value).toBe(2);
    expect(c.get("grad_W")!.value).toEqual([[1, 1], [2, 2]]);
    expect(c.get("grad_b")!.value).toEqual([1, 1]);
  });

  it("chain rule: grad(f, x) equals grad(f, g) .* grad(g, x)", async () => {
    const c = await evalExample("05-chain-rule.tensorsheet.json");
    const x = [0.5, 1, 2];
    close(c.get("df_dx")!.value, x.map((v) => Math.cos(v * v) * 2 * v));
    close(c.get("product")!.value, c.get("df_dx")!.value);
    expect(c.get("difference")!.value as number).toBeLessThan(1e-6);
  });

  it("sgd by hand: one step lowers the loss", async () => {
    const c = await evalExample("06-sgd-by-hand.tensorsheet.json");
    expect(c.get("loss")!.value).toBeCloseTo(1.875, 6);
    close(c.get("W1")!.value, [[0.1125], [0.275]]);
    expect(c.get("improved")!.value).toBe(1);
  });

  it("backprop: every parameter of the two-layer network gets a gradient", async () => {
    const c = await evalExample("07-backprop.tensorsheet.json");
    expect(c.get("loss_value")!.shape).toEqual([]);
    for (const [g, shape] of [["grad_W1", [4, 6]], ["grad_b1", [6]], ["grad_W2", [6, 3]], ["grad_b2", [3]], ["grad_hidden", [8, 6]]] as const) {
      expect(c.get(g)!.shape).toEqual(shape);
    }
    // Softmax cross-entropy: the bias gradient of the last layer sums to zero.
    expect(Math.abs((c.get("grad_b2")!.value as number[]).reduce((a, b) => a + b))).toBeLessThan(1e-6);
  });

  it("convnet: each layer's activations on the first batch, and the untrained test accuracy", { timeout: 120_000 }, async () => {
    const c = await evalExample("08-convnet.tensorsheet.json");
    expect(c.get("x_train")!.shape).toEqual([8000, 28, 28, 1]);
    expect(c.get("batch_images")!.shape).toEqual([64, 28, 28, 1]);
    const layers: [string, number[]][] = [
      ["conv1", [64, 26, 26, 32]], ["pool1", [64, 13, 13, 32]], ["conv2", [64, 11, 11, 64]], ["pool2", [64, 5, 5, 64]],
      ["conv3", [64, 3, 3, 128]], ["features", [64, 1152]], ["probs", [64, 10]], ["test_probs", [2000, 10]],
      // The first digit (each layer cell's maps view shows its channels for it) and its probabilities.
      ["first_digit", [28, 28]], ["first_probs", [10]],
    ];
    for (const [name, shape] of layers) expect(c.get(name)!.shape, name).toEqual(shape);
    // The hand-made tilings of each layer's channels are gone: the layer cells draw their maps.
    for (const name of ["conv1_maps", "pool1_maps", "conv2_maps", "pool2_maps", "conv3_maps"]) expect(c.has(name), name).toBe(false);
    for (const name of ["K1", "K2", "K3", "W"]) expect(c.get(name)!.error, name).toBeNull();
    expectUntrained(c);
  });
});

/** Untrained: the loss is near ln 10, accuracy near chance, the confusion matrix and guess cells in place, and no run yet. */
function expectUntrained(c: Map<string, Cell>): void {
  expect(c.get("loss")!.value as number).toBeGreaterThan(2);
  expect(c.get("loss")!.value as number).toBeLessThan(2.6);
  expect(c.get("test_acc")!.value as number).toBeLessThan(0.25);
  expectConfusion(c, 2000);
  expectGuess(c);
  expect(c.get("fit")!.shape).toEqual([0]);
}

/** The confusion cell counts every test digit once, and its diagonal is test_acc's share of them. */
function expectConfusion(c: Map<string, Cell>, tests: number): void {
  const confusion = c.get("confusion")!;
  expect(confusion.shape).toEqual([10, 10]);
  const rows = confusion.value as number[][];
  expect(rows.flat().reduce((a, b) => a + b, 0)).toBe(tests);
  expect(rows.reduce((a, row, i) => a + row[i]!, 0)).toBe(Math.round((c.get("test_acc")!.value as number) * tests));
}

/** Nothing drawn yet: my_digit is a blank 28 × 28 pad, my_probs one row of probabilities, and guess their argmax. */
function expectGuess(c: Map<string, Cell>): void {
  const pad = c.get("my_digit")!;
  expect(pad.shape).toEqual([28, 28]);
  expect((pad.value as number[][]).flat().every((v) => v === 0)).toBe(true);
  const probs = (c.get("my_probs")!.value as number[][])[0]!;
  expect(c.get("my_probs")!.shape).toEqual([1, 10]);
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  expect(c.get("guess")!.shape).toEqual([]);
  expect(c.get("guess")!.value).toBe(probs.indexOf(Math.max(...probs)));
}

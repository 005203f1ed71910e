import { describe, expect, it } from "vitest";
import { BufferArena } from "../../engine/buffers.ts";
import {
  add, createOptimizer, fromBuffer, grad, matmul, mean, one_hot, relu, softmax, sparse_categorical_crossentropy, take, type Tensor,
} from "../../engine/index.ts";
import { randomArray, rng } from "../support/random-arrays.ts";

/** One training step of a small MLP (the ops a first-look step uses); returns the loss. */
function mlp(seed: number) {
  const next = rng(seed);
  const x = fromBuffer([40, 12], randomArray(40 * 12, next));
  const labels = fromBuffer([40], Float32Array.from({ length: 40 }, (_, i) => i % 5));
  const buffers = [randomArray(12 * 16, next), new Float32Array(16), randomArray(16 * 5, next), new Float32Array(5)];
  const shapes = [[12, 16], [16], [16, 5], [5]];
  const optimizer = createOptimizer({ kind: "rmsprop", lr: 0.01 });
  let offset = 0;
  const step = (): number => {
    const rows = Array.from({ length: 8 }, (_, i) => (offset + i * 3) % 40);
    offset++;
    const xb = take(x, rows);
    const yb = take(labels, rows);
    const params = buffers.map((d, i) => fromBuffer(shapes[i]!, d));
    const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
    const loss = add(sparse_categorical_crossentropy(yb, softmax(add(matmul(relu(add(matmul(xb, w1), b1)), w2), b2))), mean(w1));
    optimizer.stepInPlace(buffers, grad(loss, params).map((g) => g.data));
    return loss.item();
  };
  return { step, buffers };
}

describe("BufferArena", () => {
  it("gives a training step the same results as fresh buffers, and stops allocating after the first step", () => {
    const fresh = mlp(7);
    const pooled = mlp(7);
    const arena = new BufferArena();
    const created: number[] = [];
    for (let s = 0; s < 6; s++) {
      const want = fresh.step();
      const got = arena.step(() => pooled.step());
      expect(got).toBe(want);
      pooled.buffers.forEach((b, i) => expect([...b]).toEqual([...fresh.buffers[i]!]));
      created.push(arena.stats().created);
    }
    expect(created[0]).toBeGreaterThan(10);
    // Steps 2..6 take every buffer from the pool.
    expect(new Set(created).size).toBe(1);
    expect(arena.stats().reused).toBe(5 * created[0]!);
  });

  it("zeroes a recycled buffer for an op that relies on zeros", () => {
    const arena = new BufferArena();
    arena.step(() => void take(fromBuffer([2, 3], Float32Array.of(1, 2, 3, 4, 5, 6)), [1, 0]));
    const hot = arena.run(() => one_hot(fromBuffer([2], Float32Array.of(2, 0)), 3));
    expect([...hot.data]).toEqual([0, 0, 1, 1, 0, 0]);
    expect(arena.stats()).toMatchObject({ created: 1, reused: 1 });
    // Outside run(), ops allocate as usual.
    one_hot(fromBuffer([2], Float32Array.of(2, 0)), 3);
    expect(arena.stats()).toMatchObject({ created: 1, reused: 1 });
    arena.clear();
    expect(arena.stats().bytes).toBe(0);
  });
});

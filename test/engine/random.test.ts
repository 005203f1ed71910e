import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../engine/errors.ts";
import { Rng, detLog, fnv1a32, philox4x32, sinCosTurns, type RngState } from "../../engine/random.ts";

const hex = (words: readonly number[]) => words.map((w) => w.toString(16).padStart(8, "0")).join(" ");

function moments(xs: ArrayLike<number>): { mean: number; std: number } {
  let s = 0, s2 = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  for (let i = 0; i < xs.length; i++) s2 += (xs[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(s2 / xs.length) };
}

function range(xs: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    min = Math.min(min, xs[i]!);
    max = Math.max(max, xs[i]!);
  }
  return { min, max };
}

describe("philox4x32", () => {
  // Random123 tests/kat_vectors (DEShawResearch/random123 @ 9545ff64): name, rounds, ctr[4], key[2], expected[4].
  const kat = [
    "philox4x32 7 00000000 00000000 00000000 00000000 00000000 00000000   5f6fb709 0d893f64 4f121f81 4f730a48",
    "philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8",
    "philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd",
    "philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1",
  ];
  for (const line of kat) {
    it(`matches the Random123 known answer: ${line.slice(0, 40)}…`, () => {
      const [, rounds, ...words] = line.split(/\s+/);
      const w = words.map((x) => parseInt(x, 16));
      expect(hex(philox4x32(w.slice(0, 4), w.slice(4, 6), Number(rounds)))).toBe(hex(w.slice(6, 10)));
    });
  }

  it("is what Rng draws: seed 0, no stream, is counter 0 under key 0", () => {
    const rng = new Rng({ seed: 0 });
    const words = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    expect(hex(words)).toBe("6627e8d5 e169c58d bc57ac4c 9b00dbd8");
    expect(rng.nextUint32()).toBe(philox4x32([1, 0, 0, 0], [0, 0])[0]);
  });

  it("takes the seed as a 64-bit two's-complement key", () => {
    const words = (seed: number) => new Rng({ seed }).state().key;
    expect(words(-1)).toEqual([0xffffffff, 0xffffffff]);
    expect(words(2 ** 32 + 5)).toEqual([5, 1]);
    expect(words(Number.MAX_SAFE_INTEGER)).toEqual([0xffffffff, 0x1fffff]);
  });
});

describe("fnv1a32", () => {
  it("matches the published FNV-1a test values", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });
});

describe("portable math", () => {
  it("detLog agrees with Math.log to a few ulps across (0, 1] and beyond", () => {
    for (const x of [2 ** -32, 1e-300, 5e-324, 0.1, 0.5, 0.7071, 0.99999, 1, 1.5, 2, 1e10, 1e300]) {
      const want = Math.log(x);
      expect(Math.abs(detLog(x) - want)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(want)));
    }
    expect(detLog(1)).toBe(0);
  });

  it("sinCosTurns agrees with Math.sin/cos of 2πu", () => {
    for (let k = 0; k < 4096; k++) {
      const u = k / 4096 + 1 / 8192;
      const [s, c] = sinCosTurns(u);
      expect(Math.abs(s - Math.sin(2 * Math.PI * u))).toBeLessThan(1e-15);
      expect(Math.abs(c - Math.cos(2 * Math.PI * u))).toBeLessThan(1e-15);
    }
    expect(sinCosTurns(0)).toEqual([0, 1]);
    expect(sinCosTurns(0.25)).toEqual([1, -0]);
  });
});

describe("Rng", () => {
  it("gives the same numbers for the same seed and stream, different ones for another stream", () => {
    const draw = (key: ConstructorParameters<typeof Rng>[0]) => {
      const r = new Rng(key);
      return Array.from({ length: 8 }, () => r.uniform());
    };
    expect(draw({ seed: 7, stream: "B2" })).toEqual(draw({ seed: 7, stream: "B2" }));
    expect(draw({ seed: 7, stream: "B2" })).not.toEqual(draw({ seed: 7, stream: "B3" }));
    expect(draw({ seed: 7, stream: "B2" })).not.toEqual(draw({ seed: 8, stream: "B2" }));
    expect(draw({ seed: 7, stream: 3 })).not.toEqual(draw({ seed: 7, stream: "3" }));
    expect(draw({ seed: 7 })).toEqual(draw({ seed: 7, stream: 0 }));
  });

  it("does not depend on the order streams are evaluated in", () => {
    const a1 = new Rng({ seed: 1, stream: "A1" }), b1 = new Rng({ seed: 1, stream: "B1" });
    const interleaved: number[][] = [[], []];
    for (let i = 0; i < 10; i++) {
      interleaved[1]!.push(b1.normal());
      interleaved[0]!.push(a1.normal());
    }
    const a2 = new Rng({ seed: 1, stream: "A1" });
    expect(Array.from({ length: 10 }, () => a2.normal())).toEqual(interleaved[0]);
  });

  it("pins its output bit for bit (a change here breaks every saved sheet)", () => {
    const r = new Rng({ seed: 42, stream: "A1" });
    expect([r.uniform(), r.uniform()]).toEqual(GOLDEN.uniform);
    expect([r.normal(), r.normal(), r.normal()]).toEqual(GOLDEN.normal);
    expect(Array.from(r.permutation(6))).toEqual(GOLDEN.permutation);
  });

  it("uniform is in [0, 1) and stays below 1 after float32 rounding, even for the all-ones word", () => {
    const r = new Rng({ seed: 3 });
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.uniform();
      if (!(u >= 0 && Math.fround(u) < 1)) bad++;
    }
    expect(bad).toBe(0);
    const top = Rng.restore({ key: [0, 0], counter: [0, 0, 0, 0], buffered: [0xffffffff], spareNormal: null });
    const u = top.uniform();
    expect(u).toBe(1 - 2 ** -24);
    expect(Math.fround(u)).toBeLessThan(1);
  });

  it("uniform and normal have the right moments", () => {
    const r = new Rng({ seed: 11 });
    const n = 200_000;
    const u = moments(Array.from({ length: n }, () => r.uniform()));
    expect(u.mean).toBeCloseTo(0.5, 2);
    expect(u.std).toBeCloseTo(Math.sqrt(1 / 12), 2);
    const z = moments(r.fillNormal(new Float32Array(n), 0, 1));
    expect(Math.abs(z.mean)).toBeLessThan(0.01);
    expect(Math.abs(z.std - 1)).toBeLessThan(0.01);
  });

  it("fillNormal is the same as calling normal() per element, scaled", () => {
    const a = new Rng({ seed: 5 }), b = new Rng({ seed: 5 });
    const filled = a.fillNormal(new Float32Array(7), 2, 3);
    expect(Array.from(filled)).toEqual(Array.from({ length: 7 }, () => Math.fround(2 + 3 * b.normal())));
  });

  it("fillUniform respects [lo, hi) in float32, including a hi that float32 rounds up to", () => {
    const r = new Rng({ seed: 9 });
    const out = r.fillUniform(new Float32Array(100_000), -2, 5);
    expect(range(out).min).toBeGreaterThanOrEqual(-2);
    expect(range(out).max).toBeLessThan(5);
    expect(moments(out).mean).toBeCloseTo(1.5, 1);
    // Float32 spacing near 1000 is 2^-14 ≈ 6.1e-5, so draws near hi = 1000.0001 round up to 1000.00012.
    const narrow = r.fillUniform(new Float32Array(10_000), 1000, 1000.0001);
    expect(range(narrow).min).toBeGreaterThanOrEqual(1000);
    expect(range(narrow).max).toBeLessThan(1000.0001);
    const top = Rng.restore({ key: [0, 0], counter: [0, 0, 0, 0], buffered: [0xffffffff], spareNormal: null });
    expect(top.fillUniform(new Float32Array(1), 1000, 1000.0001)[0]).toBe(1000 + 2 ** -14);
    expect(Array.from(r.fillUniform(new Float32Array(3), 4, 4))).toEqual([4, 4, 4]);
    expect(() => r.fillUniform(new Float32Array(1), 1, 0)).toThrow(ArgumentError);
  });

  it("fillTruncatedNormal stays within two standard deviations", () => {
    const r = new Rng({ seed: 13 });
    const out = r.fillTruncatedNormal(new Float32Array(200_000), 1, 0.5);
    expect(range(out).min).toBeGreaterThanOrEqual(0);
    expect(range(out).max).toBeLessThanOrEqual(2);
    const m = moments(out);
    expect(Math.abs(m.mean - 1)).toBeLessThan(0.005);
    expect(Math.abs(m.std - 0.5 * 0.87962566103423978)).toBeLessThan(0.005);
    expect(() => r.fillTruncatedNormal(new Float32Array(1), 0, -1)).toThrow(ArgumentError);
  });

  it("permutation is a permutation, deterministic, and uniform over the 6 orders of 3", () => {
    const p = new Rng({ seed: 1 }).permutation(1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(new Rng({ seed: 1 }).permutation(1000)).toEqual(p);
    expect(new Rng({ seed: 1 }).permutation(0)).toEqual(new Uint32Array(0));
    const r = new Rng({ seed: 2 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = r.permutation(3).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500); // ~5 sigma
  });

  it("save → restore → continue is bit-identical, also through JSON and structuredClone", () => {
    const drawMixed = (r: Rng) => [r.uniform(), r.normal(), r.nextUint32(), r.normal(), r.below(10), r.uniform()];
    for (const prefix of [0, 1, 2, 3, 5]) {
      const straight = new Rng({ seed: 99, stream: "C7" });
      const interrupted = new Rng({ seed: 99, stream: "C7" });
      for (let i = 0; i < prefix; i++) {
        drawMixed(straight);
        drawMixed(interrupted);
      }
      straight.normal(); // leaves a spare normal buffered
      interrupted.normal();
      const saved: RngState = interrupted.state();
      const viaJson = Rng.restore(JSON.parse(JSON.stringify(saved)) as RngState);
      const viaClone = Rng.restore(structuredClone(saved));
      const want = [...drawMixed(straight), ...drawMixed(straight)];
      expect([...drawMixed(viaJson), ...drawMixed(viaJson)]).toEqual(want);
      expect([...drawMixed(viaClone), ...drawMixed(viaClone)]).toEqual(want);
      expect([...drawMixed(interrupted), ...drawMixed(interrupted)]).toEqual(want);
    }
  });

  it("rejects bad seeds, streams and states", () => {
    expect(() => new Rng({ seed: 1.5 })).toThrow(ArgumentError);
    expect(() => new Rng({ seed: Number.NaN })).toThrow(ArgumentError);
    expect(() => new Rng({ seed: 1, stream: -1 })).toThrow(ArgumentError);
    expect(() => Rng.restore({ key: [0, 0], counter: [0, 0, 0], buffered: [], spareNormal: null } as unknown as RngState)).toThrow(ArgumentError);
    expect(() => Rng.restore({ key: [0, 2 ** 32], counter: [0, 0, 0, 0], buffered: [], spareNormal: null })).toThrow(ArgumentError);
    expect(() => new Rng({ seed: 1 }).permutation(-1)).toThrow(ArgumentError);
  });
});

// Cross-checked against an independent Python Philox + math.log/cos/sin Box–Muller (agrees to 2 ulps;
// these literals are this engine's exact, platform-independent bits).
const GOLDEN = {
  uniform: [0.37694597244262695, 0.5738535523414612],
  normal: [1.0297163478162845, 1.0083774282612576, 1.4347027853910332],
  permutation: [1, 2, 4, 5, 0, 3],
};

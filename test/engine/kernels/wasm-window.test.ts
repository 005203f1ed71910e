import { afterEach, describe, expect, it } from "vitest";
import { col2imAdd, im2col, type WindowGeometry } from "../../../engine/kernels/conv.ts";
import { maxPoolOffsetsJs, maxPoolWindows } from "../../../engine/kernels/pool.ts";
import { setWindowWasm, wasmCol2imAdd, wasmMaxPool } from "../../../engine/kernels/wasm/window-wasm.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";

/**
 * The WASM window loops (window.wat) against the JavaScript ones on the same inputs:
 * bit-identical, with ties, NaN and ±0 in the windows, odd sizes, overlapping windows, padding
 * and chunks that start inside an image.
 */

/** Random values with ties (many zeros, as after relu) and special values sprinkled in. */
function values(n: number, seed: number): Float32Array {
  const v = randomArray(n, rng(seed));
  const specials = [NaN, 0, -0, Infinity, -Infinity, 0.5, 0.5];
  for (let i = 0; i < n; i++) if (v[i]! < -0.3) v[i] = 0;
  for (let i = 0; i < n; i += 37) v[i] = specials[(i / 37) % specials.length]!;
  return v;
}

function pool(N: number, H: number, W: number, C: number, k: [number, number], s: [number, number]): WindowGeometry {
  const OH = Math.floor((H - k[0]) / s[0]) + 1;
  const OW = Math.floor((W - k[1]) / s[1]) + 1;
  return { N, H, W, C, kh: k[0], kw: k[1], sh: s[0], sw: s[1], padTop: 0, padLeft: 0, OH, OW };
}

describe("WASM max pool", () => {
  afterEach(() => setWindowWasm(true));

  const cases: [string, WindowGeometry][] = [
    ["the convnet's first pool, [64, 26, 26, 32] 2×2", pool(64, 26, 26, 32, [2, 2], [2, 2])],
    ["odd images, overlapping 3×3 windows at stride 2", pool(7, 11, 9, 8, [3, 3], [2, 2])],
    ["a 2×3 window at strides [1, 2], 4 channels", pool(5, 17, 15, 4, [2, 3], [1, 2])],
    ["a batch larger than the 16 MiB the module pools at once: [300, 26, 26, 32] in chunks of images", pool(300, 26, 26, 32, [2, 2], [2, 2])],
  ];
  cases.forEach(([name, g], n) => {
    it(`are the JavaScript loop's offsets: ${name}`, () => {
      const x = values(g.N * g.H * g.W * g.C, 3100 + n);
      const wasm = wasmMaxPool(x, g);
      expect(wasm).not.toBeNull();
      const offsets = maxPoolOffsetsJs(x, g);
      // The maxima are x's own bits at those offsets (NaN included).
      const xBits = new Uint32Array(x.buffer);
      const bits = new Uint32Array(wasm!.values.buffer, wasm!.values.byteOffset, wasm!.values.length);
      for (let i = 0; i < offsets.length; i++) {
        if (wasm!.offsets[i] !== offsets[i]) expect.fail(`offset ${i}: wasm ${wasm!.offsets[i]}, js ${offsets[i]}`);
        if (bits[i] !== xBits[offsets[i]!]) expect.fail(`maximum ${i}: wasm bits ${bits[i]}, x's ${xBits[offsets[i]!]}`);
      }
      expect(wasm!.offsets.length).toBe(offsets.length);
    });
  });

  it("picks the first of tied maxima and a NaN over any number, as the JavaScript loop does", () => {
    // 1,024 images of 2×2 with 4 channels, past the SIMD path's 4,096-float threshold; image 0 holds the cases.
    const g = pool(1024, 2, 2, 4, [2, 2], [2, 2]);
    const x = new Float32Array(1024 * 16);
    // Image 0: channel 0 ties at 1 everywhere → pixel 0; channel 1: NaN at pixel 2 → pixel 2;
    // channel 2: max at pixel 3; channel 3: −0 and 0 tie → pixel 0.
    x.set([1, -1, -5, -0, 1, -1, -5, 0, 1, NaN, -5, 0, 1, 4, 7, 0]);
    const wasm = wasmMaxPool(x, g)!;
    expect(Array.from(wasm.offsets.subarray(0, 4))).toEqual([0, 9, 14, 3]);
    expect(Array.from(wasm.values.subarray(0, 4))).toEqual([1, NaN, 7, -0]);
    expect(Array.from(maxPoolOffsetsJs(x, g).subarray(0, 4))).toEqual([0, 9, 14, 3]);
  });

  it("leaves channels that are not a multiple of 4, and small inputs, to the JavaScript loop", () => {
    expect(wasmMaxPool(values(64 * 26 * 26 * 3, 3120), pool(64, 26, 26, 3, [2, 2], [2, 2]))).toBeNull();
    expect(wasmMaxPool(values(2 * 4 * 4 * 4, 3121), pool(2, 4, 4, 4, [2, 2], [2, 2]))).toBeNull();
    const g = pool(64, 26, 26, 3, [2, 2], [2, 2]);
    const x = values(64 * 26 * 26 * 3, 3122);
    const { offsets, values: maxima } = maxPoolWindows(x, g);
    const js = maxPoolOffsetsJs(x, g);
    expect(offsets.length).toBe(js.length);
    for (let i = 0; i < js.length; i++) {
      if (offsets[i] !== js[i] || !Object.is(maxima[i], x[js[i]!])) expect.fail(`element ${i}: ${offsets[i]}, ${maxima[i]}`);
    }
  });

  it("runs the JavaScript loop when turned off", () => {
    setWindowWasm(false);
    expect(wasmMaxPool(values(64 * 26 * 26 * 4, 3130), pool(64, 26, 26, 4, [2, 2], [2, 2]))).toBeNull();
  });
});

describe("WASM col2im", () => {
  afterEach(() => setWindowWasm(true));

  function conv(N: number, H: number, W: number, C: number, kh: number, kw: number, s: number, same: boolean): WindowGeometry {
    const OH = same ? Math.ceil(H / s) : Math.floor((H - kh) / s) + 1;
    const OW = same ? Math.ceil(W / s) : Math.floor((W - kw) / s) + 1;
    const pad = (size: number, out: number, k: number) => (same ? Math.floor(Math.max((out - 1) * s + k - size, 0) / 2) : 0);
    return { N, H, W, C, kh, kw, sh: s, sw: s, padTop: pad(H, OH, kh), padLeft: pad(W, OW, kw), OH, OW };
  }

  const cases: [string, WindowGeometry, number, number][] = [
    ["the convnet's second layer, [64, 13, 13, 32] 3×3 valid, whole batch", conv(64, 13, 13, 32, 3, 3, 1, false), 0, 64 * 121],
    ["3×3 same, stride 2, 3 channels (scalar tails), a chunk from inside image 2 to inside image 7",
      conv(9, 12, 11, 3, 3, 3, 2, true), 2 * 36 + 13, 5 * 36 + 7],
    ["4×2 same, stride 1, 5 channels: windows over every edge", conv(4, 9, 10, 5, 4, 2, 1, true), 0, 4 * 90],
  ];
  cases.forEach(([name, g, p0, count], n) => {
    it(`adds exactly what the JavaScript loop adds: ${name}`, () => {
      const K = g.kh * g.kw * g.C;
      const dcols = values(count * K, 3200 + n);
      const start = values(g.N * g.H * g.W * g.C, 3210 + n).map((v) => (Number.isNaN(v) ? 1 : v));
      const js = start.slice();
      col2imAdd(dcols, g, p0, count, js);
      const wasm = start.slice();
      expect(wasmCol2imAdd(dcols, g, p0, count, wasm)).toBe(true);
      for (let i = 0; i < js.length; i++) {
        if (!Object.is(wasm[i], js[i])) expect.fail(`dx[${i}]: wasm ${wasm[i]}, js ${js[i]}`);
      }
    });
  });

  it("is im2col's transpose: ⟨im2col(x), d⟩ = ⟨x, col2im(d)⟩ on a padded, strided case", () => {
    const g = conv(6, 10, 9, 4, 3, 3, 2, true);
    const P = g.N * g.OH * g.OW, K = 36;
    const x = randomArray(g.N * 90 * 4, rng(3300));
    const d = randomArray(P * K, rng(3301));
    const cols = new Float32Array(P * K);
    im2col(x, g, 0, P, cols);
    const dx = new Float32Array(x.length);
    expect(wasmCol2imAdd(d, g, 0, P, dx)).toBe(true);
    let left = 0, right = 0;
    for (let i = 0; i < cols.length; i++) left += cols[i]! * d[i]!;
    for (let i = 0; i < x.length; i++) right += x[i]! * dx[i]!;
    expect(Math.abs(left - right)).toBeLessThanOrEqual(1e-4 * Math.abs(left));
  });
});

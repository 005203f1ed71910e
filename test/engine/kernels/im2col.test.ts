import { describe, expect, it } from "vitest";
import { im2col, type WindowGeometry } from "../../../engine/kernels/conv.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";

/** Row p of cols straight from the definition: window (i, j, c) of output position p, 0 in the padding. */
function naiveCols(x: Float32Array, g: WindowGeometry, p0: number, count: number): Float32Array {
  const { H, W, C, kh, kw, sh, sw, padTop, padLeft, OH, OW } = g;
  const K = kh * kw * C;
  const out = new Float32Array(count * K);
  for (let r = 0; r < count; r++) {
    const p = p0 + r;
    const n = Math.floor(p / (OH * OW)), oh = Math.floor(p / OW) % OH, ow = p % OW;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const ih = oh * sh - padTop + i, iw = ow * sw - padLeft + j;
        for (let c = 0; c < C; c++) {
          const inside = ih >= 0 && ih < H && iw >= 0 && iw < W;
          out[r * K + (i * kw + j) * C + c] = inside ? x[((n * H + ih) * W + iw) * C + c]! : 0;
        }
      }
    }
  }
  return out;
}

function geometry(N: number, H: number, W: number, C: number, kh: number, kw: number, sh: number, sw: number,
  padTop: number, padLeft: number, OH: number, OW: number): WindowGeometry {
  return { N, H, W, C, kh, kw, sh, sw, padTop, padLeft, OH, OW };
}

describe("im2col", () => {
  const cases: [string, WindowGeometry][] = [
    ["the first layer: 1 channel, 3×3 valid", geometry(3, 28, 28, 1, 3, 3, 1, 1, 0, 0, 26, 26)],
    ["2 channels, 3×1 'same' vertically, stride [2, 3]", geometry(2, 9, 10, 2, 3, 1, 2, 3, 1, 0, 5, 4)],
    ["3 channels, 2×2 stride 2 with the last column unread", geometry(2, 7, 7, 3, 2, 2, 2, 2, 0, 0, 3, 3)],
    ["32 channels (window rows copied whole), 3×3 valid", geometry(2, 7, 6, 32, 3, 3, 1, 1, 0, 0, 5, 4)],
    ["4 channels, 3×3 'same' on both axes (edges pixel by pixel)", geometry(2, 6, 5, 4, 3, 3, 1, 1, 1, 1, 6, 5)],
  ];
  cases.forEach(([name, g], n) => {
    it(`writes the definition's rows, for the whole batch and for chunks starting mid-row: ${name}`, () => {
      const x = randomArray(g.N * g.H * g.W * g.C, rng(3400 + n));
      const P = g.N * g.OH * g.OW;
      const K = g.kh * g.kw * g.C;
      for (const [p0, count] of [[0, P], [g.OW + 1, P - g.OW - 2], [P - 1, 1]] as const) {
        // Written at an offset into a larger buffer, as into the gemm kernel's memory.
        const out = new Float32Array(count * K + 5).fill(-7);
        im2col(x, g, p0, count, out, 3);
        expect(Array.from(out.subarray(3, 3 + count * K)), `p0 ${p0}`).toEqual(Array.from(naiveCols(x, g, p0, count)));
        expect([out[0], out[1], out[2], out[3 + count * K], out[4 + count * K]]).toEqual([-7, -7, -7, -7, -7]);
      }
    });
  });
});

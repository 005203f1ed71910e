import { ArgumentError } from "./errors.ts";

/**
 * Counter-based seeded randomness: Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy
 * as 1, 2, 3", SC 2011; the generator behind TensorFlow's and PyTorch's GPU RNGs).
 *
 * Layout, fixed so a sheet can key numbers by seed + cell name independent of evaluation order:
 *   key     = the seed as a 64-bit two's-complement integer [low word, high word]
 *   counter = [block index low, block index high, stream low, stream high]
 * Each stream owns its own 2^64-block slice of the counter space under the seed's key, so two
 * streams never share a block. Numeric streams fill the stream words directly (< 2^53, so the top
 * bit stays clear); string streams are FNV-1a hashed into the low word with the top bit of the high
 * word set, so stream "3" and stream 3 differ.
 *
 * Only integer ops and +, -, *, /, sqrt are used (no Math.log/sin/cos/pow, whose last bit the
 * ECMAScript spec leaves to the engine), so a seed + stream gives the same bits on every platform.
 */

export interface RngKey {
  seed: number;
  stream?: string | number;
}

/** Plain JSON-able data; `Rng.restore(rng.state())` continues the exact same stream. */
export interface RngState {
  /** Philox key words (uint32). */
  key: [number, number];
  /** Counter of the next block to generate (uint32 words). */
  counter: [number, number, number, number];
  /** Words of the current block not yet used, oldest first (uint32, at most 4). */
  buffered: number[];
  /** Second Box–Muller value, not yet returned. */
  spareNormal: number | null;
}

// Random123 philox.h constants: round multipliers and Weyl key increments (golden ratio, sqrt 3 - 1).
const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO32 = 2 ** 32;
const INV32 = 2 ** -32;
const INV24 = 2 ** -24;

/** High 32 bits of the 64-bit product of two uint32s, exact: split into 16-bit halves. */
function mulhi32(a: number, b: number): number {
  const aL = a & 0xffff, aH = a >>> 16;
  const bL = b & 0xffff, bH = b >>> 16;
  const lh = aL * bH, hl = aH * bL; // each < 2^32, exact in a double
  const mid = ((aL * bL) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aH * bH + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/** One Philox4x32 block into `out`: R rounds, bumping the key before every round but the first. */
function philoxInto(out: Uint32Array, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    if (r > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulhi32(M0, c0), lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi32(M1, c2), lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/** The raw bijection, for known-answer tests: Philox4x32-R of a 4-word counter under a 2-word key. */
export function philox4x32(counter: readonly number[], key: readonly number[], rounds = 10): number[] {
  const out = new Uint32Array(4);
  const w = (v: number | undefined) => (v ?? 0) >>> 0;
  philoxInto(out, w(counter[0]), w(counter[1]), w(counter[2]), w(counter[3]), w(key[0]), w(key[1]), rounds);
  return Array.from(out);
}

/** 32-bit FNV-1a over the UTF-8 bytes of `s` (offset basis 0x811c9dc5, prime 0x01000193). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(s)) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

/** Split an integer in [-2^53, 2^53] into 64-bit two's-complement words [low, high]. */
function words64(x: number): [number, number] {
  const hi = Math.floor(x / TWO32); // exact: division by a power of two
  return [(x - hi * TWO32) >>> 0, hi >>> 0];
}

function streamWords(stream: string | number | undefined): [number, number] {
  if (stream === undefined) return [0, 0];
  if (typeof stream === "string") return [fnv1a32(stream), 0x80000000];
  if (!Number.isSafeInteger(stream) || stream < 0) {
    throw new ArgumentError("Rng", `a numeric stream must be a non-negative integer below 2^53, got ${stream}`);
  }
  return words64(stream);
}

const LN2_HI = 6.93147180369123816490e-1; // fdlibm's split of ln 2: LN2_HI * e is exact for |e| < 2^11
const LN2_LO = 1.90821492927058770002e-10;

/**
 * Natural log of a positive finite x from basic arithmetic only, to ~1 ulp:
 * x = m·2^e with m in [√½, √2), ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …), s = (m−1)/(m+1), |s| ≤ 0.172,
 * so 12 terms reach 1e-17. Exported for tests.
 */
export function detLog(x: number): number {
  let m = x;
  let e = 0;
  while (m < 2 ** -32) { m *= 2 ** 32; e -= 32; }
  while (m >= 2 ** 32) { m *= 2 ** -32; e += 32; }
  while (m >= Math.SQRT2) { m *= 0.5; e++; }
  while (m < Math.SQRT1_2) { m *= 2; e--; }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  let p = 1 / 23;
  for (let k = 10; k >= 0; k--) p = 1 / (2 * k + 1) + z * p;
  return e * LN2_HI + (2 * s * p + e * LN2_LO);
}

const HALF_PI = Math.PI / 2;

/**
 * [sin 2πu, cos 2πu] from basic arithmetic only. Reduce in turns (exact): 4u = q + f, |f| ≤ ½, then
 * Taylor series on a = f·π/2 ∈ [−π/4, π/4] (terms to a¹⁸/18! < 1e-19) and rotate by q quarter turns.
 * Exported for tests.
 */
export function sinCosTurns(u: number): [number, number] {
  const t = 4 * u;
  const q = Math.round(t);
  const a = (t - q) * HALF_PI;
  const a2 = a * a;
  let s = 0, c = 0;
  for (let k = 8; k >= 0; k--) s = SIN_COEF[k]! + a2 * s;
  for (let k = 9; k >= 0; k--) c = COS_COEF[k]! + a2 * c;
  s *= a;
  switch (((q % 4) + 4) % 4) {
    case 0: return [s, c];
    case 1: return [c, -s];
    case 2: return [-s, -c];
    default: return [-c, s];
  }
}

/** (−1)^k/(2k+1)! and (−1)^k/(2k)!: exact integer factorials (≤ 18! < 2^53), one rounded division. */
const SIN_COEF: number[] = [];
const COS_COEF: number[] = [];
for (let k = 0, f = 1, n = 0; k < 10; k++) {
  COS_COEF.push((k % 2 ? -1 : 1) / f);
  f *= ++n;
  SIN_COEF.push((k % 2 ? -1 : 1) / f);
  f *= ++n;
}

/** The largest float32 strictly below `x` (x itself need not be a float32). */
function float32Below(x: number): number {
  const f = new Float32Array([x]);
  if (f[0]! >= x) {
    const bits = new Uint32Array(f.buffer);
    if (f[0] === 0) bits[0] = 0x80000001; // below ±0: the smallest negative subnormal
    else if (f[0]! > 0) bits[0] = bits[0]! - 1;
    else bits[0] = bits[0]! + 1;
  }
  return f[0]!;
}

function checkFinite(op: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new ArgumentError(op, `${name} must be a finite number, got ${v}`);
}

function isUint32(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v < TWO32;
}

export class Rng {
  private k0: number;
  private k1: number;
  private c0 = 0;
  private c1 = 0;
  private c2: number;
  private c3: number;
  private readonly block = new Uint32Array(4);
  private pos = 4; // next unused word of `block`; 4 = none buffered
  private spare: number | null = null;

  constructor(key: RngKey) {
    if (!Number.isSafeInteger(key.seed)) {
      throw new ArgumentError("Rng", `seed must be an integer between -(2^53 - 1) and 2^53 - 1, got ${key.seed}`);
    }
    [this.k0, this.k1] = words64(key.seed);
    [this.c2, this.c3] = streamWords(key.stream);
  }

  /** The next 32 random bits, as an integer in [0, 2^32). */
  nextUint32(): number {
    if (this.pos === 4) {
      philoxInto(this.block, this.c0, this.c1, this.c2, this.c3, this.k0, this.k1, 10);
      this.c0 = (this.c0 + 1) >>> 0;
      if (this.c0 === 0) this.c1 = (this.c1 + 1) >>> 0;
      this.pos = 0;
    }
    return this.block[this.pos++]!;
  }

  /**
   * Uniform in [0, 1) on a grid of 2^-24: every value is an exact float32 and the largest is
   * 1 − 2^-24, so storing into a Float32Array can never round up to 1.
   */
  uniform(): number {
    return (this.nextUint32() >>> 8) * INV24;
  }

  /**
   * Standard normal by Box–Muller: r = √(−2 ln u1), θ = 2π u2, giving r·cos θ now and r·sin θ on
   * the next call. u1 = (w + ½)·2^-32 is never 0, so r is finite (|z| ≤ 6.7).
   */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    const u1 = (this.nextUint32() + 0.5) * INV32;
    const u2 = this.nextUint32() * INV32;
    const r = Math.sqrt(-2 * detLog(u1));
    const [s, c] = sinCosTurns(u2);
    // `+ 0` turns −0 into +0 so the spare survives JSON, which has no −0.
    this.spare = r * s + 0;
    return r * c + 0;
  }

  /** Uniform in [lo, hi): out[i] = lo + (hi − lo)·u, nudged below hi if float32 rounding reaches it. */
  fillUniform(out: Float32Array, lo: number, hi: number): Float32Array {
    checkFinite("fillUniform", "lo", lo);
    checkFinite("fillUniform", "hi", hi);
    if (lo > hi) throw new ArgumentError("fillUniform", `lo (${lo}) must not exceed hi (${hi})`);
    const span = hi - lo;
    const top = float32Below(hi);
    for (let i = 0; i < out.length; i++) {
      const v = lo + span * this.uniform();
      out[i] = lo === hi ? lo : Math.fround(v) >= hi ? top : v;
    }
    return out;
  }

  fillNormal(out: Float32Array, mean: number, std: number): Float32Array {
    checkNormalArgs("fillNormal", mean, std);
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
    return out;
  }

  /**
   * Normal truncated at two standard deviations, like Keras/TensorFlow `truncated_normal`: a draw
   * with |z| > 2 is discarded and redrawn (bounds inclusive, as Keras's NumPy backend keeps them).
   * The result's standard deviation is ≈ 0.8796·std.
   */
  fillTruncatedNormal(out: Float32Array, mean: number, std: number): Float32Array {
    checkNormalArgs("fillTruncatedNormal", mean, std);
    for (let i = 0; i < out.length; i++) {
      let z = this.normal();
      while (Math.abs(z) > 2) z = this.normal();
      out[i] = mean + std * z;
    }
    return out;
  }

  /** An integer in [0, n) without modulo bias: reject the last 2^32 mod n values of a word. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO32) {
      throw new ArgumentError("Rng.below", `n must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = TWO32 - (TWO32 % n);
    let w = this.nextUint32();
    while (w >= limit) w = this.nextUint32();
    return w % n;
  }

  /** A uniformly random permutation of 0..n−1 (Fisher–Yates, swapping from the end). */
  permutation(n: number): Uint32Array {
    if (!Number.isInteger(n) || n < 0 || n >= TWO32) {
      throw new ArgumentError("permutation", `n must be a non-negative integer below 2^32, got ${n}`);
    }
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  state(): RngState {
    return {
      key: [this.k0, this.k1],
      counter: [this.c0, this.c1, this.c2, this.c3],
      buffered: Array.from(this.block.subarray(this.pos)),
      spareNormal: this.spare,
    };
  }

  static restore(state: RngState): Rng {
    const { key, counter, buffered, spareNormal } = state;
    const ok =
      Array.isArray(key) && key.length === 2 && key.every(isUint32) &&
      Array.isArray(counter) && counter.length === 4 && counter.every(isUint32) &&
      Array.isArray(buffered) && buffered.length <= 4 && buffered.every(isUint32) &&
      (spareNormal === null || Number.isFinite(spareNormal));
    if (!ok) throw new ArgumentError("Rng.restore", "state is not an RngState (uint32 key[2], counter[4], buffered[≤4], spareNormal number|null)");
    const rng = new Rng({ seed: 0 });
    [rng.k0, rng.k1] = key;
    [rng.c0, rng.c1, rng.c2, rng.c3] = counter;
    rng.pos = 4 - buffered.length;
    rng.block.set(buffered, rng.pos);
    rng.spare = spareNormal;
    return rng;
  }
}

function checkNormalArgs(op: string, mean: number, std: number): void {
  checkFinite(op, "mean", mean);
  checkFinite(op, "std", std);
  if (std < 0) throw new ArgumentError(op, `std must be non-negative, got ${std}`);
}

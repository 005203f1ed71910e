/**
 * A small WebAssembly SIMD module that works on copies: the caller copies its operands into the
 * module's own memory, runs an export, and copies results out. Shared by the optimizer and
 * element-wise drivers (optim-wasm.ts, elementwise-wasm.ts); the matrix kernel has its own driver
 * because its memory may be shared between threads.
 *
 * Memory is a cache, never a requirement: past `maxBytes`, or when growing fails (a RangeError
 * when the tab or process is short of memory), `memory` returns null and the caller runs its
 * JavaScript kernel for that call. WebAssembly memories can't shrink, so `release` drops the
 * instance (and its memory) and the next call instantiates afresh at one page.
 */
import { decodeBytes } from "../../base64.ts";
import { simdAvailable } from "./gemm-wasm.ts";

const PAGE = 65536;

/**
 * Default ceiling on one module's memory: 128 MiB, 32M floats, e.g. an element-wise op on ~11M
 * elements. Past that the copies in and out dwarf the SIMD gain anyway.
 */
export const SCRATCH_MAX_BYTES = 128 * 1024 * 1024;

interface Loaded<X> {
  exports: X;
  memory: WebAssembly.Memory;
  view: Float32Array;
}

export class ScratchModule<X> {
  /** undefined: not instantiated (yet, or since a release); null: unavailable here. */
  private loaded: Loaded<X> | null | undefined;
  /** Kept across releases: compiling is the slow part, and code holds no memory worth freeing. */
  private compiled: WebAssembly.Module | undefined;
  private enabled = true;
  private maxBytes = SCRATCH_MAX_BYTES;

  constructor(private readonly base64: string) {}

  /** Off (false): `memory` returns null, so callers take their JavaScript path (for comparisons). */
  setEnabled(on: boolean): void {
    this.enabled = on;
  }

  /** The memory ceiling in bytes (tests set a tiny one to force the JavaScript path). */
  setMaxBytes(bytes: number): void {
    this.maxBytes = bytes;
  }

  /**
   * The exports and a view of at least `floats` floats of memory, or null when the module can't
   * run here or the memory can't be that large. The view is only valid until the next call.
   */
  memory(floats: number): { exports: X; view: Float32Array } | null {
    if (!this.enabled) return null;
    const bytes = floats * 4;
    if (bytes > this.maxBytes) return null;
    if (this.loaded === undefined) this.loaded = this.load();
    const m = this.loaded;
    if (m === null) return null;
    const have = m.memory.buffer.byteLength;
    if (bytes > have) {
      try {
        m.memory.grow(Math.ceil((bytes - have) / PAGE));
      } catch (e) {
        // Out of memory for the copy: this call runs in JavaScript; the next may fit again.
        if (e instanceof RangeError) return null;
        throw e;
      }
    }
    if (m.view.buffer !== m.memory.buffer) m.view = new Float32Array(m.memory.buffer);
    return m;
  }

  /** Drops the instance and its memory (for the garbage collector); the next call re-instantiates. */
  release(): void {
    if (this.loaded) this.loaded = undefined;
  }

  /** Bytes of memory held now (0 when not instantiated). */
  byteLength(): number {
    return this.loaded ? this.loaded.memory.buffer.byteLength : 0;
  }

  private load(): Loaded<X> | null {
    try {
      if (!simdAvailable()) return null;
      this.compiled ??= new WebAssembly.Module(decodeBytes(this.base64) as Uint8Array<ArrayBuffer>);
      const exports = new WebAssembly.Instance(this.compiled, {}).exports;
      const memory = exports.memory as WebAssembly.Memory;
      return { exports: exports as unknown as X, memory, view: new Float32Array(memory.buffer) };
    } catch {
      return null;
    }
  }
}

/** `n` rounded up to whole 4-float vectors: kernels walk padded lengths, callers copy back n. */
export const padded = (n: number) => (n + 3) & ~3;

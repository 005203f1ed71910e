/**
 * A small WebAssembly SIMD module that works on copies: the caller copies its operands into the
 * module's own memory, runs an export, and copies results out. Shared by the optimizer and
 * element-wise drivers (optim-wasm.ts, elementwise-wasm.ts); the matrix kernel has its own driver
 * because its memory may be shared between threads.
 */
import { decodeBytes } from "../../base64.ts";
import { simdAvailable } from "./gemm-wasm.ts";

const PAGE = 65536;

export class ScratchModule<X> {
  /** undefined: not loaded yet; null: unavailable (no SIMD, or instantiation failed). */
  private loaded: { exports: X; memory: WebAssembly.Memory; view: Float32Array } | null | undefined;
  private enabled = true;

  constructor(private readonly base64: string) {}

  /** Off (false): `memory` returns null, so callers take their JavaScript path (for comparisons). */
  setEnabled(on: boolean): void {
    this.enabled = on;
  }

  /**
   * The exports and a view of at least `floats` floats of memory, or null when the module can't
   * run here. The view is only valid until the next call.
   */
  memory(floats: number): { exports: X; view: Float32Array } | null {
    if (!this.enabled) return null;
    if (this.loaded === undefined) this.loaded = this.load();
    const m = this.loaded;
    if (m === null) return null;
    const have = m.memory.buffer.byteLength;
    if (floats * 4 > have) m.memory.grow(Math.ceil((floats * 4 - have) / PAGE));
    if (m.view.buffer !== m.memory.buffer) m.view = new Float32Array(m.memory.buffer);
    return m;
  }

  private load(): { exports: X; memory: WebAssembly.Memory; view: Float32Array } | null {
    try {
      if (!simdAvailable()) return null;
      const module = new WebAssembly.Module(decodeBytes(this.base64) as Uint8Array<ArrayBuffer>);
      const exports = new WebAssembly.Instance(module, {}).exports;
      const memory = exports.memory as WebAssembly.Memory;
      return { exports: exports as unknown as X, memory, view: new Float32Array(memory.buffer) };
    } catch {
      return null;
    }
  }
}

/** `n` rounded up to whole 4-float vectors: kernels walk padded lengths, callers copy back n. */
export const padded = (n: number) => (n + 3) & ~3;

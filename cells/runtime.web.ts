// The browser-only part of cells' public face, for the app's workers: the engine's pool of matrix
// threads, which spawns Web Workers. Kept out of cells/index.ts so the main thread and Node never
// load it.
export { startWebGemmThreads } from "../engine/kernels/wasm/gemm-threads.web.ts";

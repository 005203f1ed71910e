// The engine's public surface: tensors, ops (each with its gradient), autodiff and errors, and the
// kernels' and codecs' few knobs cells needs. cells/ imports the engine only through this file,
// datasets/index.ts and the platform entry points (*.node.ts, *.web.ts); see test/layering.test.ts.
export { Tensor, tensor, scalar, fromBuffer, type NestedNumbers } from "./tensor.ts";
export { type Shape, sizeOf, broadcastShapes, sameShape } from "./shape.ts";
export { EngineError, ShapeError, ArgumentError, SizeError, formatShape } from "./errors.ts";
export { DEFAULT_MAX_ELEMENTS, maxElements, setMaxElements } from "./limits.ts";
export { grad, gradients, topologicalOrder, type GradOptions, type Gradients } from "./grad.ts";
export { noGrad, isRecording, type GraphNode, type Backward } from "./tape.ts";
export { Interrupted, withInterrupt } from "./interrupt.ts";
export { BufferArena, type ArenaStats } from "./buffers.ts";
export { detach, asTensor, type Operand } from "./ops/operand.ts";
export * from "./ops/elementwise.ts";
export { sum, mean, max, min, logsumexp, argmax, argmin, sumToShape, type Axis } from "./ops/reduce.ts";
export { matmul, dot, matmulTransposed } from "./ops/products.ts";
export { reshape, flatten, expand_dims, squeeze, broadcastTo } from "./ops/reshape.ts";
export { transpose } from "./ops/transpose.ts";
export { concat, stack } from "./ops/join.ts";
export { index, ALL, type IndexSpec, type Slice } from "./ops/indexing.ts";
export { take, one_hot } from "./ops/gather.ts";
export * from "./ops/nn.ts";
export { confusion_matrix, classPairs, type ClassPairs } from "./ops/metrics.ts";
export { conv2d, type Conv2dOptions, type Padding, type Pair } from "./ops/conv.ts";
export { max_pool2d, avg_pool2d } from "./ops/pool.ts";
export { dropout, dropoutMask, applyDropoutMask } from "./ops/dropout.ts";
export * from "./ops/creation.ts";
export { rand, randn, glorot_uniform, he_normal, computeFans } from "./ops/random.ts";
export { Rng, type RngKey, type RngState } from "./random.ts";
export * from "./optim/index.ts";
export { releaseIdleMemory, wasmMemoryBytes, type WasmMemoryBytes } from "./kernels/wasm/idle-memory.ts";
export { gemmThreads, stopGemmThreads } from "./kernels/wasm/gemm-threads.ts";
export { gemmFma } from "./kernels/wasm/gemm-wasm.ts";
export { kernelVariantName, type KernelVariant } from "./kernels/variant.ts";
export { setGemmBackend, type GemmBackend } from "./runtime.ts";
export {
  Base64Error, base64ByteLength, bytesToFloat32, decodeBytes, decodeFloat32, encodeBytes, encodeFloat32,
} from "./base64.ts";

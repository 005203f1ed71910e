// The engine's public surface: tensors, ops (each with its gradient), autodiff and errors.
export { Tensor, tensor, scalar, fromBuffer, type NestedNumbers } from "./tensor.ts";
export { type Shape, sizeOf, broadcastShapes, sameShape } from "./shape.ts";
export { EngineError, ShapeError, ArgumentError, formatShape } from "./errors.ts";
export { grad, topologicalOrder, type GradOptions } from "./grad.ts";
export { noGrad, isRecording, type GraphNode, type Backward } from "./tape.ts";
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
export * from "./ops/creation.ts";

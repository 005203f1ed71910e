export type { Optimizer, OptimizerConfig, OptimizerKind, OptimizerState, ResolvedOptimizerConfig } from "./types.ts";
export { OPTIMIZER_KINDS, resolveConfig } from "./config.ts";
export { createOptimizer, restoreOptimizer } from "./optimizer.ts";
export { optimizerStateFromJSON, optimizerStateToJSON, type OptimizerStateJSON } from "./serialize.ts";

import type { Kernels } from "./backend.ts";
import { identity, range } from "./creation.ts";
import { arithmetic, arithmeticRow, mapBinary, mapUnary, relu, reluGrad, select } from "./elementwise.ts";
import { oneHotRows, scatterAddRows, takeRows } from "./gather.ts";
import { gatherAt, scatterAddAt } from "./indexing.ts";
import { concatBlocks } from "./join.ts";
import { gemm } from "./matmul.ts";
import { adagradUpdate, adamUpdate, momentumUpdate, rmspropUpdate, sgdUpdate } from "./optim.ts";
import { argReduce, reduceAxes, sumRows } from "./reduce.ts";
import { stridedOffsets } from "./strided.ts";
import { permute } from "./transpose.ts";

/** The JavaScript kernels: the reference every other table must match. */
export const jsKernels: Kernels = {
  mapUnary, mapBinary, arithmetic, arithmeticRow, relu, reluGrad, select,
  reduceAxes, sumRows, argReduce,
  permute, stridedOffsets, gatherAt, scatterAddAt, takeRows, scatterAddRows, oneHotRows,
  concatBlocks, identity, range,
  gemm,
  sgd: sgdUpdate, momentum: momentumUpdate, rmsprop: rmspropUpdate, adam: adamUpdate, adagrad: adagradUpdate,
};

import { ArgumentError, ShapeError, formatShape } from "../errors.ts";
import { kernels } from "../kernels/backend.ts";
import { checkResultShape } from "../limits.ts";
import { Tensor } from "../tensor.ts";

/** Each example's true class and predicted class, and how many classes there are. */
export interface ClassPairs {
  readonly classes: number;
  readonly truth: Int32Array;
  readonly guess: Int32Array;
}

/**
 * Reads labels [N] against predictions: class indices [N], or scores [N, k] whose argmax (first
 * of ties, as argmax) is the prediction. The class count is k for scores, else the largest class
 * seen plus one. Shared by confusion_matrix and the view that lists a square's examples.
 */
export function classPairs(labels: Tensor, predicted: Tensor): ClassPairs {
  const op = "confusion_matrix";
  if (labels.rank !== 1) {
    throw new ShapeError(op, [labels.shape, predicted.shape], `${op}: labels ${formatShape(labels.shape)} must be a vector of class indices [N]`);
  }
  const scores = predicted.rank === 2;
  if ((predicted.rank !== 1 && !scores) || predicted.shape[0] !== labels.shape[0]) {
    throw new ShapeError(
      op,
      [labels.shape, predicted.shape],
      `${op}: predicted ${formatShape(predicted.shape)} must be class indices [${labels.shape[0]}] or scores [${labels.shape[0]}, classes], one row per label`,
    );
  }
  const n = labels.shape[0]!;
  if (scores && predicted.shape[1] === 0) throw new ArgumentError(op, `predicted ${formatShape(predicted.shape)} has no classes`);
  const truth = classIndices(op, "labels", labels.data);
  const guess = scores ? Int32Array.from(kernels.argReduce(predicted.data, predicted.shape, 1, true)) : classIndices(op, "predicted", predicted.data);
  let classes = scores ? predicted.shape[1]! : 0;
  if (!scores) for (let i = 0; i < n; i++) classes = Math.max(classes, truth[i]! + 1, guess[i]! + 1);
  const tooLarge = truth.findIndex((c) => c >= classes);
  if (tooLarge >= 0) {
    throw new ArgumentError(op, `labels[${tooLarge}] is ${truth[tooLarge]}, but the scores have only ${classes} classes (0 to ${classes - 1})`);
  }
  return { classes, truth, guess };
}

function classIndices(op: string, what: string, data: Readonly<Float32Array>): Int32Array {
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new ArgumentError(op, `${what}[${i}] is ${v}: ${what} must be class indices, whole numbers from 0`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Counts [k, k] of examples by true class (rows) and predicted class (columns), as float32 whole
 * numbers. Like argmax and accuracy it is not recorded on the tape: no gradient flows through it.
 */
export function confusion_matrix(labels: Tensor, predicted: Tensor): Tensor {
  const { classes, truth, guess } = classPairs(labels, predicted);
  // A stray label of 1e6 would ask for a [1e6, 1e6] matrix: refuse it before allocating.
  checkResultShape("confusion_matrix", [classes, classes]);
  const counts = new Float32Array(classes * classes);
  for (let i = 0; i < truth.length; i++) counts[truth[i]! * classes + guess[i]!]!++;
  return new Tensor([classes, classes], counts);
}

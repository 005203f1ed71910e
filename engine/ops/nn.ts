import { ShapeError, formatShape } from "../errors.ts";
import type { Tensor } from "../tensor.ts";
import { add, clip, div, equal, exp, log, mul, neg, square, sub } from "./elementwise.ts";
import { one_hot } from "./gather.ts";
import { argmax, logsumexp, max, mean, sum } from "./reduce.ts";
import { detach } from "./operand.ts";

// Softmax and the losses are compositions of primitives, so their gradients come for free.

/** Keras clips probabilities to [ε, 1 − ε] with ε = 1e-7 before taking logs. */
export const EPSILON = 1e-7;

export function softmax(x: Tensor, axis = -1): Tensor {
  const e = exp(sub(x, detach(max(x, axis, true))));
  return div(e, sum(e, axis, true));
}

export function log_softmax(x: Tensor, axis = -1): Tensor {
  return sub(x, logsumexp(x, axis, true));
}

/** Keras categorical_crossentropy on probabilities: renormalize, clip, −Σ y·log p over the last axis; batch mean. */
export function categorical_crossentropy(yTrue: Tensor, yPred: Tensor): Tensor {
  requireSameShape("categorical_crossentropy", yTrue, yPred, "one-hot labels");
  const p = clip(div(yPred, sum(yPred, -1, true)), EPSILON, 1 - EPSILON);
  return mean(neg(sum(mul(yTrue, log(p)), -1)));
}

/** Keras sparse_categorical_crossentropy on probabilities: integer labels `[...]` against `[..., classes]`. */
export function sparse_categorical_crossentropy(labels: Tensor, yPred: Tensor): Tensor {
  const classes = yPred.shape[yPred.rank - 1];
  if (yPred.rank === 0 || labels.rank !== yPred.rank - 1 || labels.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new ShapeError(
      "sparse_categorical_crossentropy",
      [labels.shape, yPred.shape],
      `sparse_categorical_crossentropy: labels ${formatShape(labels.shape)} must match the predictions ${formatShape(yPred.shape)} without their last (class) axis` +
        (labels.rank === yPred.rank && labels.shape[labels.rank - 1] === classes ? "; these look one-hot, use categorical_crossentropy" : ""),
    );
  }
  const p = clip(yPred, EPSILON, 1 - EPSILON);
  return mean(neg(sum(mul(one_hot(labels, classes!), log(p)), -1)));
}

/** Keras binary_crossentropy on probabilities: clipped, mean over the last axis, then the batch. */
export function binary_crossentropy(yTrue: Tensor, yPred: Tensor): Tensor {
  requireSameShape("binary_crossentropy", yTrue, yPred, "targets");
  const p = clip(yPred, EPSILON, 1 - EPSILON);
  const perElement = neg(add(mul(yTrue, log(p)), mul(sub(1, yTrue), log(sub(1, p)))));
  return mean(perElement);
}

/** Mean squared error, averaged over every element (Keras: last axis, then the batch). */
export function mse(yTrue: Tensor, yPred: Tensor): Tensor {
  requireSameShape("mse", yTrue, yPred, "targets");
  return mean(square(sub(yPred, yTrue)));
}

/** Fraction of rows whose highest score is at the label's index. No gradient. */
export function accuracy(labels: Tensor, scores: Tensor): Tensor {
  if (scores.rank === 0 || labels.rank !== scores.rank - 1 || labels.shape.some((d, i) => d !== scores.shape[i])) {
    throw new ShapeError("accuracy", [labels.shape, scores.shape], `accuracy: labels ${formatShape(labels.shape)} must match the scores ${formatShape(scores.shape)} without their last (class) axis`);
  }
  return detach(mean(equal(argmax(scores, -1), labels)));
}

function requireSameShape(op: string, yTrue: Tensor, yPred: Tensor, what: string): void {
  if (yTrue.rank !== yPred.rank || yTrue.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new ShapeError(op, [yTrue.shape, yPred.shape], `${op}: ${what} ${formatShape(yTrue.shape)} and predictions ${formatShape(yPred.shape)} must have the same shape`);
  }
}

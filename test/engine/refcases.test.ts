import { describe, expect, it } from "vitest";
import * as E from "../../engine/index.ts";
import type { Tensor } from "../../engine/index.ts";
import { loadRefCases, mismatches, refTensors } from "../support/refcases.ts";

// Until the sheet language exists, each reference sheet is transcribed into engine calls by hand;
// the cells tests run the same cases through real sheets.
type Engineered = (t: Record<string, Tensor>) => Record<string, Tensor>;

const transcriptions: Record<string, Engineered> = {
  broadcast_add_mul: ({ a, r, col }) => {
    const z = E.add(E.mul(a!, r!), col!);
    const q = E.sum(E.mul(z, z));
    const [ga, gr, gcol] = E.grad(q, [a!, r!, col!]);
    return { z, q, ga: ga!, gr: gr!, gcol: gcol! };
  },
  dense_relu: ({ x, W, b }) => {
    const h = E.relu(E.add(E.dot(x!, W!), b!));
    const s = E.sum(h);
    const [gW, gb, gx] = E.grad(s, [W!, b!, x!]);
    return { h, s, gW: gW!, gb: gb!, gx: gx! };
  },
  elementwise_chain: ({ x }) => {
    const X = x!;
    const terms = [
      E.tanh(X),
      E.mul(E.sigmoid(X), E.exp(E.neg(X))),
      E.log(X),
      E.sqrt(X),
      E.square(X),
    ];
    let f = terms.reduce((acc, t) => E.add(acc, t));
    f = E.add(E.sub(f, E.abs(E.sub(X, 1))), E.pow(X, 3));
    const [gf] = E.grad(f, [X]);
    return { f, gf: gf! };
  },
  gradient_tape: ({ x }) => {
    const y = E.add(E.mul(2, x!), 3);
    const [g] = E.grad(y, [x!]);
    return { y, g: g! };
  },
  indexing_numpy: ({ x }) => {
    const r = E.index(x!, [{ start: 1, stop: 3 }]);
    const k = E.index(x!, [E.ALL, 0]);
    const last = E.index(x!, [-1]);
    const t = E.add(E.add(E.mul(E.sum(r), 2), E.sum(E.mul(k, k))), E.sum(last));
    const [gx] = E.grad(t, [x!]);
    return { r, k, last, t, gx: gx! };
  },
  matmul_transpose_reshape: ({ A, B }) => {
    const C = E.matmul(A!, B!);
    const D = E.reshape(C, [6, -1]);
    const Emat = E.dot(E.transpose(D), D);
    const tr = E.sum(Emat);
    const [gA, gB] = E.grad(tr, [A!, B!]);
    return { C, D, E: Emat, tr, gA: gA!, gB: gB! };
  },
  mlp_sparse_cce: ({ x, W1, b1, W2, b2 }) => {
    const y = E.tensor([0, 2, 1, 1, 0, 2]);
    const h = E.relu(E.add(E.dot(x!, W1!), b1!));
    const p = E.softmax(E.add(E.dot(h, W2!), b2!));
    const loss = E.sparse_categorical_crossentropy(y, p);
    const [gW1, gb1, gW2, gb2] = E.grad(loss, [W1!, b1!, W2!, b2!]);
    return { h, p, loss, gW1: gW1!, gb1: gb1!, gW2: gW2!, gb2: gb2! };
  },
  reductions_axes: ({ x }) => {
    const m0 = E.mean(x!, 0);
    const s2 = E.sum(x!, 2);
    const mx = E.max(x!, 1);
    const t = E.add(E.add(E.sum(m0), E.sum(E.mul(s2, s2))), E.sum(mx));
    const [gx] = E.grad(t, [x!]);
    return { m0, s2, mx, t, gx: gx! };
  },
  sgd_step_by_hand: ({ x, w }, ) => {
    const ytrue = E.tensor([[-0.1770535111427307], [0.42582565546035767], [-0.9853556156158447], [-1.1129541397094727], [-0.7606260180473328], [0.6480246186256409], [-0.12983135879039764], [-1.8695971965789795]]);
    const loss = E.mse(ytrue, E.dot(x!, w!));
    const w1 = E.sub(w!, E.mul(0.1, E.grad(loss, [w!])[0]!));
    const loss1 = E.mse(ytrue, E.dot(x!, w1));
    return { loss, w1, loss1 };
  },
  softmax_losses: ({ z }) => {
    const yoh = E.one_hot(E.tensor([0, 1, 2, 1]), 3);
    const ls = E.log_softmax(z!);
    const cce = E.categorical_crossentropy(yoh, E.softmax(z!));
    const m = E.mse(yoh, z!);
    const [gz_cce] = E.grad(cce, [z!]);
    const [gz_mse] = E.grad(m, [z!]);
    return { ls, cce, m, gz_cce: gz_cce!, gz_mse: gz_mse! };
  },
};

describe("engine against the PyTorch float64 reference cases", () => {
  const cases = loadRefCases();

  it("has a transcription for every reference case", () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(transcriptions).sort());
  });

  for (const c of cases) {
    it(`reproduces ${c.name} within tolerance`, () => {
      const run = transcriptions[c.name];
      expect(run, `no transcription for ${c.name}`).toBeDefined();
      const got = run!(refTensors(c));
      for (const [cell, want] of Object.entries(c.expect)) {
        expect(got[cell], `cell ${cell}`).toBeDefined();
        expect(mismatches(got[cell]!, want), `cell ${cell}`).toEqual([]);
      }
    });
  }
});

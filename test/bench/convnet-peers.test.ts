// The convnet rows compare like with like: our engine and tfjs-wasm (in Node, as `npm run bench`
// runs it) start from the same weights and batch, and two RMSprop steps give the same losses.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONV_FORWARD_CASES, CONVNET_CASE, convnetInputs } from "../../bench/convnet-cases.ts";
import { relativeError } from "../../bench/table.ts";

interface Agreement {
  ours: number[];
  theirs: number[];
  /** Per layer: output lengths and the relative error between them. */
  conv: { ours: number; theirs: number; error: number }[];
  wasmRoute: string;
  cpuRoute: string;
  kernelGrad: { length: number; error: number };
}


describe("bench: the convnet rows", () => {
  it("start from Keras' initialization: glorot-uniform kernels with receptive-field fans, zero biases", () => {
    const { params, shapes, x, labels } = convnetInputs(CONVNET_CASE);
    expect(shapes).toEqual([[3, 3, 1, 32], [32], [3, 3, 32, 64], [64], [3, 3, 64, 128], [128], [1152, 10], [10]]);
    expect(params.map((p) => p.length)).toEqual([288, 32, 18432, 64, 73728, 128, 11520, 10]);
    // limit = √(6 / (fan_in + fan_out)): conv2 has fan_in 9·32 = 288, fan_out 9·64 = 576.
    const limit = Math.sqrt(6 / (288 + 576));
    const largest = params[2]!.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(largest).toBeLessThanOrEqual(limit);
    expect(largest).toBeGreaterThan(0.99 * limit);
    expect(params[3]!.every((v) => v === 0)).toBe(true);
    expect(x.length).toBe(64 * 28 * 28);
    expect(labels.every((l) => l >= 0 && l < 10)).toBe(true);
  });

  it("ours and tfjs-wasm agree on the losses of two training steps to 1e-4 and on each layer's convolution; tfjs' kernel-gradient route is exact", () => {
    const script = fileURLToPath(new URL("./convnet-agreement.node.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 120_000 });
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as Agreement;

    // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so the peer computes it with conv2d;
    // on tfjs-cpu, which has one, both routes give the same kernel gradient.
    expect(r.wasmRoute).toBe("conv2d on transposed operands");
    expect(r.cpuRoute).toBe("Conv2DBackpropFilter");
    expect(r.kernelGrad.length).toBe(3 * 3 * 3 * 4);
    expect(r.kernelGrad.error).toBeLessThan(1e-6);

    expect(r.ours).toHaveLength(2);
    // A fresh 10-class softmax starts near ln 10 = 2.3026; one RMSprop step lowers the loss.
    expect(r.ours[0]).toBeCloseTo(2.2983, 3);
    expect(r.ours[1]!).toBeLessThan(r.ours[0]!);
    expect(relativeError(r.ours, r.theirs)).toBeLessThan(1e-4);
    expect(r.conv.map((c) => [c.ours, c.theirs])).toEqual(CONV_FORWARD_CASES.map(({ x, kernel }) => {
      const n = x[0] * (x[1] - 2) * (x[2] - 2) * kernel[3];
      return [n, n];
    }));
    for (const [i, c] of r.conv.entries()) expect(c.error, CONV_FORWARD_CASES[i]!.label).toBeLessThan(1e-5);
  }, 150_000);
});

/**
 * Run by convnet-peers.test.ts in a plain Node process (tfjs-core's gradient registry loads
 * through require there, which vitest's module runner refuses): our engine and tfjs on the convnet
 * workloads, from the same weights and inputs. Prints one JSON object on stdout: the losses, and
 * for the (large) outputs only their lengths and relative errors.
 */
import * as tf from "@tensorflow/tfjs-core";
import { CONV_FORWARD_CASES, CONVNET_CASE } from "../../bench/convnet-cases.ts";
import { tfjsPeer } from "../../bench/peers/tfjs.ts";
import { kernelGradVia } from "../../bench/peers/tfjs-convnet.ts";
import { relativeError } from "../../bench/table.ts";
import { tensorsheet } from "../../bench/tensorsheet.ts";


await tensorsheet.activate();
const ours = Array.from(tensorsheet.convnetStep!(CONVNET_CASE).probe());
const oursConv = CONV_FORWARD_CASES.map((c) => tensorsheet.conv2d!(c).probe());

const wasm = tfjsPeer("wasm");
await wasm.activate();
const wasmRoute = kernelGradVia();
const theirs = Array.from(wasm.convnetStep!(CONVNET_CASE).probe());
const theirConv = CONV_FORWARD_CASES.map((c) => wasm.conv2d!(c).probe());
const conv = oursConv.map((o, i) => ({ ours: o.length, theirs: theirConv[i]!.length, error: relativeError(o, theirConv[i]!) }));

// The route the wasm peer takes for the kernel gradient, against tfjs-cpu's Conv2DBackpropFilter.
const cpu = tfjsPeer("cpu");
await cpu.activate();
const cpuRoute = kernelGradVia();
const [viaBackprop, viaConv] = tf.tidy(() => {
  const x = tf.randomUniform([2, 7, 6, 3], 0, 1, "float32", 1) as tf.Tensor4D;
  const k = tf.randomUniform([3, 3, 3, 4], -1, 1, "float32", 2) as tf.Tensor4D;
  const dy = tf.randomUniform([2, 5, 4, 4], -1, 1, "float32", 3) as tf.Tensor4D;
  const native = tf.grad((kk) => tf.sum(tf.mul(tf.conv2d(x, kk as tf.Tensor4D, 1, "valid"), dy)))(k);
  const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D;
  const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  const viaConv = tf.transpose(tf.conv2d(xt, dyt, 1, "valid"), [1, 2, 0, 3]);
  return [Array.from(native.dataSync()), Array.from(viaConv.dataSync())];
});

const kernelGrad = { length: viaConv.length, error: relativeError(viaBackprop, viaConv) };
console.log(JSON.stringify({ ours, theirs, conv, wasmRoute, cpuRoute, kernelGrad }));

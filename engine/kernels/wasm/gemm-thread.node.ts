/** Entry of a Node helper thread for the multi-threaded GEMM (started by gemm-threads.node.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { runHelper, type HelperInit } from "./gemm-threads.ts";

runHelper(workerData as HelperInit, () => parentPort!.postMessage("ready"));

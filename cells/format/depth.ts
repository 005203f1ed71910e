// How deeply a JSON value nests, found without recursion: opaque members (`layout`, `training`)
// can hold anything, and a value nested 100,000 levels deep would overflow the stack of every
// recursive walk after validation (JSON.stringify on save, structured clone on postMessage).

/** Deepest nesting the opaque members may have; real layouts and training states use a handful. */
export const MAX_OPAQUE_DEPTH = 64;

/** The nesting depth of `value` (a scalar is 0, `{}` and `[]` are 1), or limit + 1 once it passes `limit`. */
export function jsonDepth(value: unknown, limit = MAX_OPAQUE_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!;
    if (typeof x !== "object" || x === null) continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > limit) return limit + 1;
    for (const child of Array.isArray(x) ? x : Object.values(x)) stack.push([child, inner]);
  }
  return deepest;
}

import type { Expr } from "../language/ast.ts";
import type { UserFunction } from "../language/user-functions.ts";
import { writeCellExpression, type ExpressionScope } from "./expressions.ts";
import { HELPER_NAMES } from "./helpers.ts";
import { pythonName, UntranslatableError } from "./python.ts";

/**
 * A cell that defines a function, `dense(x, W, b) = relu(dot(x, W) + b)`, as a Python def. Its
 * parameters shadow cells of the same name, as in the sheet; other names read the cells' variables.
 */
export function definitionLines(def: UserFunction, variable: string, body: Expr, scope: ExpressionScope): string[] {
  const params = new Map(def.params.map((p) => [p, pythonName(p, HELPER_NAMES)] as const));
  const code = writeCellExpression(body, {
    ...scope,
    variable: (ref) => params.get(ref) ?? scope.variable(ref),
    valueOf: (ref) => {
      // The sheet's draws are embedded as constants, but inside a function they depend on the arguments.
      if (params.has(ref)) throw new UntranslatableError(`${def.name} calls a random function on its parameter ${ref}; move the random call out of the function`);
      return scope.valueOf(ref);
    },
  });
  return [`def ${variable}(${[...params.values()].join(", ")}):`, `    return ${code}`];
}

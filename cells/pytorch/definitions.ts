import type { Expr } from "../language/ast.ts";
import type { UserFunction } from "../language/user-functions.ts";
import { writeCellExpression, type ExpressionScope } from "./expressions.ts";
import { HELPER_NAMES } from "./helpers.ts";
import { pythonName, UntranslatableError } from "./python.ts";

/**
 * A cell that defines a function, `dense(x, W, b) = relu(dot(x, W) + b)`, as a Python def. Its
 * parameters shadow cells of the same name, as in the sheet; other names read the cells' variables.
 */
function randomInside(def: UserFunction): UntranslatableError {
  return new UntranslatableError(`${def.name} draws random values, which the script cannot reproduce inside a function; draw them in a cell and pass them in`);
}

export function definitionLines(def: UserFunction, variable: string, body: Expr, scope: ExpressionScope): string[] {
  const params = new Map(def.params.map((p) => [p, pythonName(p, HELPER_NAMES)] as const));
  const code = writeCellExpression(body, {
    ...scope,
    variable: (ref) => params.get(ref) ?? scope.variable(ref),
    // The script embeds the values the sheet drew at each random call, but a call inside a
    // function draws afresh at every use of the function: there is no one value to embed.
    valueOf: (ref) => {
      if (params.has(ref)) throw randomInside(def);
      return scope.valueOf(ref);
    },
    constant: () => {
      throw randomInside(def);
    },
  });
  return [`def ${variable}(${[...params.values()].join(", ")}):`, `    return ${code}`];
}

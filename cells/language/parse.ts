import { create, parseDependencies, type MathNode } from "mathjs";
import { CellError, type Span } from "../errors.ts";
import type { BinaryOp, Expr, IndexDim } from "./ast.ts";
import { measureNesting } from "./depth.ts";
import { EMPTY_BOUND, markEmptySliceBounds } from "./slices.ts";
import { tokenize } from "./lexer.ts";
import { TokenCursor } from "./tokens.ts";

/** The parser only: mathjs never evaluates anything here (no evaluate, import or createUnit). */
const math = create({ parseDependencies: parseDependencies! });

export const MAX_SOURCE_LENGTH = 10_000;
/** mathjs spends some 25 stack frames per bracket level, so brackets get a tighter limit of their own. */
const MAX_BRACKETS = 100;
/**
 * Operators and brackets in a row. mathjs, the conversion below, compilation and evaluation each
 * recurse about once per level: 1,000 leaves them a wide margin on any browser's stack, and no
 * formula anyone types by hand comes near it.
 */
export const MAX_DEPTH = 1_000;

export interface ParsedCell {
  /** The name the cell defines (`name = …`), or null for an anonymous cell. */
  readonly name: string | null;
  readonly nameSpan: Span | null;
  readonly expr: Expr | null;
  readonly error: CellError | null;
  /** Set when the cell defines a function, `name(params) = expr`: expr is its body. */
  readonly params?: readonly string[];
}

const BINARY: Record<string, BinaryOp> = {
  add: "add", subtract: "sub", multiply: "mul", divide: "div", pow: "pow",
  dotMultiply: "mul", dotDivide: "div", dotPow: "pow",
  equal: "equal", unequal: "not_equal", smaller: "less", smallerEq: "less_equal",
  larger: "greater", largerEq: "greater_equal",
};

/** Parse `name = expression` or a bare expression into the sheet AST; errors come back as data. */
export function parseCell(source: string): ParsedCell {
  try {
    return parseOrThrow(source);
  } catch (e) {
    if (e instanceof CellError) return { name: null, nameSpan: null, expr: null, error: e };
    // A safety net behind checkNesting: the cell keeps its text and shows why it cannot be read.
    if (isStackOverflow(e)) return { name: null, nameSpan: null, expr: null, error: new CellError("parse", "the expression is nested too deeply to read") };
    throw e;
  }
}

/** V8 and JavaScriptCore throw RangeError, Firefox InternalError ("too much recursion"). */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof Error && /call stack|too much recursion/i.test(e.message);
}

function parseOrThrow(source: string): ParsedCell {
  if (source.trim() === "") throw new CellError("parse", "the cell is empty; type an expression such as x = [1, 2, 3]");
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new CellError("parse", `the expression is ${source.length} characters long; the limit is ${MAX_SOURCE_LENGTH}`);
  }
  checkNesting(source);
  const rewritten = markEmptySliceBounds(source);
  let root: MathNode;
  try {
    root = math.parse(rewritten.text);
  } catch (e) {
    const err = e as Error & { char?: number };
    const duplicate = /^Duplicate parameter name "(.+)"$/.exec(err.message);
    if (duplicate) {
      const fn = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(source)?.[1] ?? "the function";
      throw new CellError("syntax", `${fn} lists the parameter ${duplicate[1]} twice; each parameter needs its own name`);
    }
    const at = typeof err.char === "number" ? rewritten.originalOffset(Math.max(0, err.char - 1)) : null;
    const message = err.message.replace(/\s*\(char \d+\)$/, "");
    const span = at === null ? null : { start: Math.min(at, source.length), end: Math.min(at + 1, source.length) };
    throw new CellError("parse", `${message}${at === null ? "" : ` at position ${at + 1}`}`, span);
  }
  const cursor = new TokenCursor(tokenize(rewritten.text));
  const toOriginal = (s: Span | null): Span | null =>
    s && { start: rewritten.originalOffset(s.start), end: rewritten.originalOffset(s.end) };
  const convert = new Converter(cursor, toOriginal);

  if (root.type === "AssignmentNode") {
    const node = root as unknown as { object: MathNode; index: unknown; value: MathNode };
    if (node.object.type !== "SymbolNode" || node.index !== null) {
      throw new CellError("syntax", "only a plain name can be assigned: write name = expression");
    }
    const name = (node.object as unknown as { name: string }).name;
    const nameSpan = toOriginal(cursor.find(name));
    cursor.find("=");
    return { name, nameSpan, expr: convert.expr(node.value), error: null };
  }
  if (root.type === "FunctionAssignmentNode") return functionDefinition(root as AnyNode, cursor, toOriginal, convert);
  return { name: null, nameSpan: null, expr: convert.expr(root), error: null };
}

/** `dense(x, W, b) = relu(dot(x, W) + b)`: the cell's name is the function's, its expression the body. */
function functionDefinition(node: AnyNode, cursor: TokenCursor, toOriginal: (s: Span | null) => Span | null, convert: Converter): ParsedCell {
  const name: string = node.name;
  const params: string[] = node.params;
  const nameSpan = toOriginal(cursor.find(name));
  // mathjs itself refuses a repeated parameter (see parseOrThrow).
  for (const p of params) cursor.find(p);
  cursor.find("=");
  return { name, nameSpan, expr: convert.expr(node.expr), error: null, params };
}

/** Everything after this recurses per level of the tree; refuse absurd nesting before it can exhaust the stack. */
function checkNesting(source: string): void {
  const nesting = measureNesting(source, MAX_BRACKETS);
  const at = nesting.bracketPastLimitAt;
  if (at !== null) {
    throw new CellError("parse", `brackets are nested more than ${MAX_BRACKETS} deep`, { start: at, end: at + 1 });
  }
  if (nesting.depth > MAX_DEPTH) {
    const levels = (n: number) => n.toLocaleString("en-US");
    throw new CellError(
      "parse",
      `the expression is nested too deeply: ${levels(nesting.depth)} levels of operators and brackets; the limit is ${levels(MAX_DEPTH)}. Split it over several cells`,
    );
  }
}

// mathjs node shapes, read only here.
type AnyNode = MathNode & Record<string, any>;

class Converter {
  constructor(
    private readonly cursor: TokenCursor,
    private readonly toOriginal: (s: Span | null) => Span | null,
  ) {}

  private find(token: string): Span | null {
    return this.toOriginal(this.cursor.find(token));
  }

  expr(n: MathNode): Expr {
    const node = n as AnyNode;
    switch (node.type) {
      case "ConstantNode":
        return this.constant(node.value);
      case "ParenthesisNode":
        return this.expr(node.content);
      case "SymbolNode":
        return this.symbol(node.name);
      case "OperatorNode":
        return this.operator(node);
      case "FunctionNode": {
        if (node.fn.type !== "SymbolNode") throw new CellError("syntax", "only named functions can be called, such as relu(x)");
        const span = this.find(node.fn.name);
        return { kind: "call", fn: node.fn.name, args: node.args.map((a: MathNode) => this.expr(a)), span };
      }
      case "ArrayNode":
        return { kind: "array", items: node.items.map((a: MathNode) => this.expr(a)) };
      case "AccessorNode":
        return this.accessor(node);
      case "ObjectNode":
        // mathjs fills a plain object, where a `__proto__` key replaces the prototype instead of
        // becoming an entry: the option would vanish without a word.
        if (Object.getPrototypeOf(node.properties) !== Object.prototype) {
          throw new CellError("syntax", "__proto__ cannot be an option name (it is reserved in JavaScript)", this.find("__proto__"));
        }
        return {
          kind: "options",
          entries: Object.entries(node.properties as Record<string, MathNode>).map(([k, v]) => {
            this.cursor.find(k);
            return [k, this.expr(v)] as const;
          }),
        };
      case "AssignmentNode":
        throw new CellError("syntax", "an assignment can only start the cell: name = expression");
      case "FunctionAssignmentNode":
        throw new CellError("syntax", "a function definition must be the whole cell: name(x, y) = expression");
      case "BlockNode":
        throw new CellError("syntax", "a cell holds one expression; put the next one in its own cell");
      case "ConditionalNode":
        throw new CellError("syntax", "the ? : conditional is not supported; use maximum, minimum or a comparison times a value");
      case "RangeNode":
        throw new CellError("syntax", "a range a:b only works inside an index, such as x[1:3]; use arange(a, b) for a vector");
      default:
        throw new CellError("syntax", `${String(node.type)} is not part of the sheet language`);
    }
  }

  private constant(value: unknown): Expr {
    if (typeof value === "number") return { kind: "number", value };
    if (typeof value === "string") return { kind: "string", value };
    if (typeof value === "boolean") return { kind: "boolean", value };
    throw new CellError("syntax", `the constant ${String(value)} is not supported`);
  }

  private symbol(name: string): Expr {
    const span = this.find(name);
    if (name === EMPTY_BOUND) throw new CellError("syntax", `${EMPTY_BOUND} is reserved`, span);
    if (name === "end") throw new CellError("syntax", "indexing is 0-based as in NumPy: use -1 for the last element, not end", span);
    return { kind: "ref", name, span };
  }

  private operator(node: AnyNode): Expr {
    const fn: string = node.fn;
    if (node.implicit) {
      const span = this.find(node.args[1]?.name ?? "");
      throw new CellError(
        "syntax",
        `implicit multiplication "${node.toString()}" is not allowed; write the operator, e.g. 2 * x (or dot(a, b) for a matrix product)`,
        span,
      );
    }
    if (node.args.length === 1) {
      if (fn === "unaryMinus" || fn === "unaryPlus") {
        const span = this.find(fn === "unaryMinus" ? "-" : "+");
        return { kind: "unary", op: fn === "unaryMinus" ? "neg" : "plus", arg: this.expr(node.args[0]), span };
      }
      if (fn === "ctranspose" || fn === "transpose") {
        const arg = this.expr(node.args[0]);
        return { kind: "unary", op: "transpose", arg, span: this.find("'") };
      }
    } else if (node.args.length === 2 && fn in BINARY) {
      const left = this.expr(node.args[0]);
      const span = this.find(node.op);
      const right = this.expr(node.args[1]);
      return { kind: "binary", op: BINARY[fn]!, left, right, span };
    }
    throw new CellError("syntax", `the operator ${node.op} is not supported`, this.find(node.op));
  }

  private accessor(node: AnyNode): Expr {
    const target = this.expr(node.object);
    const index = node.index as AnyNode;
    if (index.dotNotation) {
      const prop = String(index.dimensions[0]?.value ?? "");
      throw new CellError("syntax", `property access ".${prop}" is not supported; use functions such as reshape(x, …) or x[0]`, this.find(prop));
    }
    const span = this.find("[");
    const dims = (index.dimensions as AnyNode[]).map((d): IndexDim => {
      if (d.type !== "RangeNode") return { kind: "at", index: this.expr(d) };
      // mathjs reads a:b:c as start a, step b, end c; NumPy means start a, stop b, step c.
      const first = this.bound(d.start);
      const middle = d.step ? this.bound(d.step) : null;
      const last = this.bound(d.end);
      return d.step ? { kind: "slice", start: first, stop: middle, step: last } : { kind: "slice", start: first, stop: last, step: null };
    });
    return { kind: "index", target, dims, span };
  }

  private bound(n: AnyNode): Expr | null {
    if (n.type === "SymbolNode" && n.name === EMPTY_BOUND) {
      this.cursor.find(EMPTY_BOUND);
      return null;
    }
    return this.expr(n);
  }
}

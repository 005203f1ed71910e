/**
 * An upper bound on how deeply an expression nests, read from the text alone, in one pass and
 * without recursion. mathjs parses prefix operators (`- - - x`), `^` chains and brackets by
 * recursion, and the sheet's own conversion, compilation and evaluation recurse once per level of
 * the tree, so a long but legal-looking cell (`1+1+…+1`, `x''…'`) can exhaust the call stack.
 * Checking this bound first keeps all of them within a depth they are known to handle.
 *
 * Within one comma-separated item at one bracket level, a tree of n operators is at most n + 1
 * deep whatever their precedence; a bracket adds its contents' depth to the item it sits in.
 * Siblings (`[-1, -2, …]`) do not add up, so big literals stay shallow.
 */

export interface Nesting {
  /** Upper bound on the depth of the expression tree. */
  readonly depth: number;
  /** Where brackets first nest deeper than the limit asked for, or null if they never do. */
  readonly bracketPastLimitAt: number | null;
}

interface Level {
  /** Levels the bracket adds by itself: `[` can hold rows (`[1, 2; 3, 4]`) or be an index node. */
  readonly own: number;
  /** Operators so far in the current item, and its deepest bracketed operand. */
  operators: number;
  deepestOperand: number;
  /** Deepest finished item. */
  deepestItem: number;
}

const OPERAND = /[A-Za-z_][A-Za-z0-9_]*|\d*\.?\d+(?:[eE][-+]?\d+)?/y;
const OPERATOR = /\.\*|\.\/|\.\^|==|!=|<=|>=|<<|>>>|>>|&&|\|\||\?\?|./y;
/** Words mathjs reads as operators: they take operands, they are not operands. */
const WORD_OPERATORS = new Set(["not", "and", "or", "xor", "mod", "to", "in"]);

export function measureNesting(source: string, bracketLimit: number): Nesting {
  const levels: Level[] = [{ own: 0, operators: 0, deepestOperand: 0, deepestItem: 0 }];
  let bracketPastLimitAt: number | null = null;
  // Whether the previous token ends an operand: then `(`/`[` is a call or index, `'` a transpose.
  let afterOperand = false;
  const top = () => levels[levels.length - 1]!;
  const endItem = (level: Level) => {
    level.deepestItem = Math.max(level.deepestItem, level.operators + Math.max(1, level.deepestOperand));
    level.operators = 0;
    level.deepestOperand = 0;
  };
  const close = () => {
    const level = levels.pop()!;
    endItem(level);
    top().deepestOperand = Math.max(top().deepestOperand, level.own + level.deepestItem);
  };

  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || (ch === "'" && !afterOperand)) {
      if (afterOperand) top().operators++; // implicit multiplication
      i = skipString(source, i);
      afterOperand = true;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") {
      if (afterOperand) top().operators++; // the call or index node around what came before
      levels.push({ own: ch === "[" ? 2 : 1, operators: 0, deepestOperand: 0, deepestItem: 0 });
      if (levels.length - 1 > bracketLimit) bracketPastLimitAt ??= i;
      afterOperand = false;
      i++;
      continue;
    }
    if (ch === ")" || ch === "]" || ch === "}") {
      if (levels.length > 1) close();
      afterOperand = true;
      i++;
      continue;
    }
    if (ch === "," || ch === ";") {
      endItem(top());
      afterOperand = false;
      i++;
      continue;
    }
    OPERAND.lastIndex = i;
    const operand = OPERAND.exec(source);
    if (operand !== null) {
      const word = WORD_OPERATORS.has(operand[0]);
      if (afterOperand || word) top().operators++;
      afterOperand = !word;
      i += operand[0].length;
      continue;
    }
    OPERATOR.lastIndex = i;
    const op = OPERATOR.exec(source)![0];
    top().operators++;
    // Postfix transpose and factorial keep what precedes them an operand.
    afterOperand = afterOperand && (op === "'" || op === "!");
    i += op.length;
  }
  while (levels.length > 1) close();
  endItem(top());
  return { depth: top().deepestItem, bracketPastLimitAt };
}

/** The index just past the string literal starting at `start`, or the end of the text if unclosed. */
function skipString(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === quote) return i + 1;
  }
  return source.length;
}

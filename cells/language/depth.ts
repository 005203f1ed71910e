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

import { readLexeme } from "./lexer.ts";

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

  for (let i = 0; i < source.length;) {
    const { end, kind } = readLexeme(source, i, afterOperand);
    const start = i;
    i = end;
    switch (kind) {
      case null:
        break;
      case "open":
        if (afterOperand) top().operators++; // the call or index node around what came before
        levels.push({ own: source[start] === "[" ? 2 : 1, operators: 0, deepestOperand: 0, deepestItem: 0 });
        if (levels.length - 1 > bracketLimit) bracketPastLimitAt ??= start;
        afterOperand = false;
        break;
      case "close":
        if (levels.length > 1) close();
        afterOperand = true;
        break;
      case "separator":
        endItem(top());
        afterOperand = false;
        break;
      case "identifier": {
        const word = WORD_OPERATORS.has(source.slice(start, end));
        if (afterOperand || word) top().operators++; // a word operator, or implicit multiplication
        afterOperand = !word;
        break;
      }
      case "number":
      case "string":
        if (afterOperand) top().operators++; // implicit multiplication
        afterOperand = true;
        break;
      case "transpose":
        top().operators++;
        break;
      default:
        // Operators, colons, and characters only mathjs reads (`!`, `&&`, `??`, …): counting each
        // character of `<<` as an operator only raises the bound. A postfix `!` (factorial) keeps
        // what precedes it an operand.
        top().operators++;
        afterOperand = afterOperand && source.slice(start, end) === "!";
    }
  }
  while (levels.length > 1) close();
  endItem(top());
  return { depth: top().deepestItem, bracketPastLimitAt };
}

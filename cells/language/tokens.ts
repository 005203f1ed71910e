import type { Span } from "../errors.ts";

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const TOKEN = /\s+|[A-Za-z_][A-Za-z0-9_]*|\d*\.?\d+(?:[eE][-+]?\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\.\*|\.\/|\.\^|==|!=|<=|>=|./gsy;

/** A rough lexer, only to place AST nodes back in the text: mathjs nodes carry no positions. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    if (!/^\s/.test(m[0])) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Finds tokens in textual order: callers walk the AST in source order (operators in-order),
 * so the next occurrence at or after the cursor is the node's own token.
 */
export class TokenCursor {
  private next = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  find(text: string): Span | null {
    for (let i = this.next; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.text === text) {
        this.next = i + 1;
        return { start: t.start, end: t.end };
      }
    }
    return null;
  }
}

import type { Span } from "../errors.ts";
import type { Token } from "./lexer.ts";

/**
 * Finds tokens in textual order: mathjs nodes carry no positions, and callers walk the AST in
 * source order (operators in-order), so the next occurrence at or after the cursor is the node's own token.
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

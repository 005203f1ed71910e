// JSON text → value, with syntax errors reported as FormatError at `$` giving line and column.
// JSON.parse does the parsing; its messages differ between engines and do not always give a
// position, so on failure a small scanner finds where the text stops being JSON.

import { FormatError } from "./errors.ts";

export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark some editors add
  try {
    return JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = jsonErrorOffset(body);
    const where = at === null ? "" : ` at ${lineColumn(body, at)}`;
    throw new FormatError("$", `not valid JSON${where}: ${message}`);
  }
}

/** `line L, column C` (both from 1) of a UTF-16 offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const place = offset >= text.length ? " (end of text)" : "";
  return `line ${line}, column ${offset - lineStart + 1}${place}`;
}

/** What the scanner expects next. */
const Expect = {
  Value: 0,
  /** After `[`: a value or `]`. */
  FirstValue: 1,
  /** After a value inside an array: `,` or `]`. */
  ArrayNext: 2,
  /** After a value inside an object: `,` or `}`. */
  ObjectNext: 3,
  /** After `{`: a key or `}`. */
  FirstKey: 4,
  /** After `,` in an object: a key. */
  Key: 5,
  End: 6,
} as const;
type Expect = (typeof Expect)[keyof typeof Expect];

/**
 * The offset of the first character where `text` stops being RFC 8259 JSON (text.length when it
 * ends too soon), or null when it is valid. Iterative, so deep nesting cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number | null {
  return new JsonScanner(text).errorOffset();
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]); // " \ / b f n r t

/**
 * One pass over the text. Each step reads what `state` expects and returns an error offset, or
 * null to go on; nesting lives in `stack` rather than in recursion.
 */
class JsonScanner {
  private readonly n: number;
  private i = 0;
  private state: Expect = Expect.Value;
  private readonly stack: number[] = []; // 91 "[" or 123 "{"

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  errorOffset(): number | null {
    for (;;) {
      this.skipSpace();
      if (this.state === Expect.End) return this.i < this.n ? this.i : null;
      if (this.i >= this.n) return this.n;
      const c = this.text.charCodeAt(this.i);
      const bad = this.step(c);
      if (bad !== null) return bad;
    }
  }

  private step(c: number): number | null {
    switch (this.state) {
      case Expect.Value:
      case Expect.FirstValue:
        return this.value(c);
      case Expect.FirstKey:
      case Expect.Key:
        return this.key(c);
      case Expect.ArrayNext:
      case Expect.ObjectNext:
        return this.separator(c);
      default:
        return null;
    }
  }

  /** A value, or `]` right after `[`. */
  private value(c: number): number | null {
    if (this.state === Expect.FirstValue && c === 93) {
      this.close();
    } else if (c === 123) {
      this.open(123, Expect.FirstKey);
    } else if (c === 91) {
      this.open(91, Expect.FirstValue);
    } else if (c === 34) {
      const bad = this.scanString();
      if (bad >= 0) return bad;
      this.state = this.afterValue();
    } else {
      const matched = this.literalLength();
      if (matched === 0) return this.i;
      this.i += matched;
      this.state = this.afterValue();
    }
    return null;
  }

  /** A key and its `:`, or `}` right after `{`. */
  private key(c: number): number | null {
    if (this.state === Expect.FirstKey && c === 125) {
      this.close();
      return null;
    }
    if (c !== 34) return this.i;
    const bad = this.scanString();
    if (bad >= 0) return bad;
    this.skipSpace();
    if (this.i >= this.n) return this.n;
    if (this.text.charCodeAt(this.i) !== 58) return this.i;
    this.i++;
    this.state = Expect.Value;
    return null;
  }

  /** `,` or the closing bracket after a value inside an array or object. */
  private separator(c: number): number | null {
    const inArray = this.state === Expect.ArrayNext;
    if (c === (inArray ? 93 : 125)) {
      this.close();
    } else if (c === 44) {
      this.i++;
      this.state = inArray ? Expect.Value : Expect.Key;
    } else {
      return this.i;
    }
    return null;
  }

  private open(bracket: 91 | 123, next: Expect): void {
    this.i++;
    this.stack.push(bracket);
    this.state = next;
  }

  private close(): void {
    this.i++;
    this.stack.pop();
    this.state = this.afterValue();
  }

  private afterValue(): Expect {
    const { stack } = this;
    return stack.length === 0 ? Expect.End : stack[stack.length - 1] === 91 ? Expect.ArrayNext : Expect.ObjectNext;
  }

  /** Length of `true`, `false`, `null` or a number at i; 0 when none starts there. */
  private literalLength(): number {
    const { text, i } = this;
    let matched = 0;
    for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) matched = word.length;
    if (matched === 0) {
      NUMBER.lastIndex = i;
      if (NUMBER.test(text)) matched = NUMBER.lastIndex - i;
    }
    return matched;
  }

  private skipSpace(): void {
    const { text, n } = this;
    for (; this.i < n; this.i++) {
      const c = text.charCodeAt(this.i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    }
  }

  /** Scans a string starting at the quote at i; returns the error offset or -1. */
  private scanString(): number {
    const { text, n } = this;
    this.i++;
    while (this.i < n) {
      const i = this.i;
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.i++;
        return -1;
      }
      if (c < 32) return i;
      if (c !== 92) {
        this.i++;
        continue;
      }
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) return Math.min(i + k, n);
        this.i += 6;
      } else if (SIMPLE_ESCAPES.has(e)) {
        this.i += 2;
      } else {
        return Math.min(i + 1, n);
      }
    }
    return n;
  }
}

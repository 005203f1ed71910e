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
  const n = text.length;
  const stack: number[] = []; // 91 "[" or 123 "{"
  let i = 0;
  let state: Expect = Expect.Value;
  const skipSpace = (): void => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    }
  };
  /** Scans a string starting at the quote at i; returns the error offset or -1. */
  const scanString = (): number => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return -1;
      }
      if (c < 32) return i;
      if (c === 92) {
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) return Math.min(i + k, n);
          i += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          i += 2;
        } else {
          return Math.min(i + 1, n);
        }
      } else {
        i++;
      }
    }
    return n;
  };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const afterValue = (): Expect => (stack.length === 0 ? Expect.End : stack[stack.length - 1] === 91 ? Expect.ArrayNext : Expect.ObjectNext);

  for (;;) {
    skipSpace();
    if (state === Expect.End) return i < n ? i : null;
    if (i >= n) return n;
    const c = text.charCodeAt(i);
    switch (state) {
      case Expect.Value:
      case Expect.FirstValue:
        if (state === Expect.FirstValue && c === 93) {
          i++;
          stack.pop();
          state = afterValue();
        } else if (c === 123) {
          i++;
          stack.push(123);
          state = Expect.FirstKey;
        } else if (c === 91) {
          i++;
          stack.push(91);
          state = Expect.FirstValue;
        } else if (c === 34) {
          const bad = scanString();
          if (bad >= 0) return bad;
          state = afterValue();
        } else {
          let matched = 0;
          for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) matched = word.length;
          if (matched === 0) {
            NUMBER.lastIndex = i;
            if (NUMBER.test(text)) matched = NUMBER.lastIndex - i;
          }
          if (matched === 0) return i;
          i += matched;
          state = afterValue();
        }
        break;
      case Expect.FirstKey:
      case Expect.Key:
        if (state === Expect.FirstKey && c === 125) {
          i++;
          stack.pop();
          state = afterValue();
          break;
        }
        if (c !== 34) return i;
        {
          const bad = scanString();
          if (bad >= 0) return bad;
        }
        skipSpace();
        if (i >= n) return n;
        if (text.charCodeAt(i) !== 58) return i;
        i++;
        state = Expect.Value;
        break;
      case Expect.ArrayNext:
      case Expect.ObjectNext: {
        const close = state === Expect.ArrayNext ? 93 : 125;
        if (c === close) {
          i++;
          stack.pop();
          state = afterValue();
        } else if (c === 44) {
          i++;
          state = state === Expect.ArrayNext ? Expect.Value : Expect.Key;
        } else {
          return i;
        }
        break;
      }
    }
  }
}

import { Tensor } from "../tensor.ts";
import { checkDataLength, checkedElementCount, decodeElements, type ElementType } from "./decode.ts";
import { DatasetError, hexBytes } from "./errors.ts";
import { defaultInflateLimit, isGzip, maybeGunzip, type Gunzip, type InflateLimit } from "./gzip.ts";

/**
 * NumPy .npy (format versions 1.0, 2.0, 3.0):
 *   \x93NUMPY, major, minor,
 *   header length (uint16 LE for 1.x, uint32 LE for 2.x/3.x),
 *   header: a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
 *           (latin-1 for 1.x/2.x, UTF-8 for 3.x), space-padded, ending in '\n',
 *   then the raw data.
 * Supported dtypes: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1, either byte order ('>' is byte-swapped).
 * fortran_order True is transposed to row-major. Values become float32 (int64, float64 lose precision).
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const SUPPORTED = ["<f2", "<f4", "<f8", "<i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "|b1"];

/** Parse an (uncompressed) .npy file into a tensor of its shape. `name` is used in error messages. */
export function parseNpy(bytes: Uint8Array, name: string): Tensor {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    if (bytes.length < 10 && MAGIC.every((b, i) => i >= bytes.length || bytes[i] === b)) {
      throw new DatasetError(name, `truncated header: a .npy file needs at least 10 preamble bytes, found ${bytes.length}`);
    }
    let hint = "";
    if (isGzip(bytes)) hint = " (the file is gzip-compressed; decompress it first, e.g. with maybeGunzip or loadNpy)";
    else if (bytes[0] === 0x50 && bytes[1] === 0x4b) hint = " (this looks like a zip archive, e.g. an .npz; extract the .npy arrays first)";
    throw new DatasetError(
      name,
      `bad magic number: found ${hexBytes(bytes.subarray(0, 6))}, expected ${hexBytes(MAGIC)} ("\\x93NUMPY")${hint}`,
    );
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3) {
    throw new DatasetError(name, `unsupported .npy format version ${major}.${minor}; expected 1.0, 2.0 or 3.0`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) {
    throw new DatasetError(name, `truncated header: expected a ${lenBytes}-byte header length at byte 8, found ${bytes.length - 8} bytes`);
  }
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lenBytes;
  const dataStart = headerStart + headerLen;
  if (bytes.length < dataStart) {
    throw new DatasetError(name, `truncated header: the header says it is ${headerLen} bytes long, but only ${bytes.length - headerStart} bytes follow`);
  }
  const headerBytes = bytes.subarray(headerStart, dataStart);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(headerBytes);
    } catch {
      throw new DatasetError(name, "bad header: a version 3.0 header must be UTF-8 text");
    }
  } else {
    text = "";
    for (const b of headerBytes) text += String.fromCharCode(b);
  }
  const header = parseHeader(name, text);
  const { type, label } = parseDescr(name, header.descr);
  const shape = header.shape;
  const count = checkedElementCount(name, shape);
  checkDataLength(name, shape, `dtype '${label}'`, count * type.size, bytes.length - dataStart);
  let data = decodeElements(bytes, dataStart, count, type);
  if (header.fortranOrder && shape.length > 1) data = fortranToC(data, shape);
  return new Tensor(shape, data);
}

/** Gunzip if needed (1f 8b header, e.g. a .npy.gz; refused once it inflates past `limit`), then parse .npy. */
export async function loadNpy(
  bytes: Uint8Array,
  name: string,
  gunzip: Gunzip,
  limit: InflateLimit = defaultInflateLimit(),
): Promise<Tensor> {
  return parseNpy(await maybeGunzip(bytes, gunzip, name, limit), name);
}

interface NpyHeader {
  descr: unknown;
  fortranOrder: boolean;
  shape: number[];
}

function parseHeader(file: string, text: string): NpyHeader {
  const shown = JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
  const bad = (problem: string) => new DatasetError(file, `bad header: ${problem}; header was ${shown}`);
  let value: PyValue;
  try {
    value = new PyLiteralParser(text).parseAll();
  } catch (err) {
    if (err instanceof PySyntaxError) throw bad(err.message);
    throw err;
  }
  if (!(value instanceof Map)) throw bad("expected a Python dict literal {…}");
  for (const key of ["descr", "fortran_order", "shape"]) {
    if (!value.has(key)) throw bad(`missing the '${key}' key`);
  }
  const fortran = value.get("fortran_order");
  if (typeof fortran !== "boolean") throw bad("'fortran_order' must be True or False");
  const rawShape = value.get("shape");
  if (!(rawShape instanceof PyTuple)) throw bad("'shape' must be a tuple such as (3, 4), (5,) or ()");
  const shape: number[] = [];
  for (const d of rawShape.items) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) throw bad("'shape' must hold non-negative integers");
    shape.push(d);
  }
  return { descr: value.get("descr"), fortranOrder: fortran, shape };
}

function parseDescr(file: string, descr: unknown): { type: ElementType; label: string } {
  const supported = `supported: ${SUPPORTED.join(" ")} (and '>' big-endian variants)`;
  if (typeof descr !== "string") {
    throw new DatasetError(file, `unsupported dtype: structured (record) arrays are not supported; ${supported}`);
  }
  const m = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  if (m === null) throw new DatasetError(file, `unsupported dtype '${descr}'; ${supported}`);
  const order = m[1]!;
  const code = m[2]!;
  const size = Number(m[3]);
  const sizes: Record<string, readonly number[]> = { f: [2, 4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };
  if (!(code in sizes) || !sizes[code]!.includes(size)) {
    const what = code === "O" ? " (object arrays need pickle)" : code === "U" || code === "S" ? " (string arrays)" : "";
    throw new DatasetError(file, `unsupported dtype '${descr}'${what}; ${supported}`);
  }
  if (order === "|" && size > 1) {
    throw new DatasetError(file, `unsupported dtype '${descr}': a ${size}-byte type needs a byte order '<' or '>'`);
  }
  return {
    type: { kind: code as ElementType["kind"], size: size as ElementType["size"], littleEndian: order !== ">" },
    label: descr,
  };
}

/** Reorder column-major (Fortran) data of `shape` into row-major order. */
function fortranToC(src: Float32Array, shape: readonly number[]): Float32Array {
  const rank = shape.length;
  const out = new Float32Array(src.length);
  const fStride = new Array<number>(rank);
  let s = 1;
  for (let ax = 0; ax < rank; ax++) {
    fStride[ax] = s;
    s *= shape[ax]!;
  }
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = src[off]!;
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]!++;
      off += fStride[ax]!;
      if (idx[ax]! < shape[ax]!) break;
      off -= fStride[ax]! * shape[ax]!;
      idx[ax] = 0;
    }
  }
  return out;
}

// ---- A small parser for the Python literals numpy writes in headers ----

class PyTuple {
  constructor(readonly items: PyValue[]) {}
}
type PyValue = string | number | boolean | null | PyTuple | PyValue[] | Map<string, PyValue>;

class PySyntaxError extends Error {}

/**
 * Deepest bracket nesting a header may have. numpy writes depth 2 ({'shape': (…)}); nested structured
 * dtypes go a few levels more. The bound keeps a hostile header from overflowing the parser's stack.
 */
const MAX_NESTING = 32;

// Sticky (y) so they match at `lastIndex` without copying the rest of the header for every value.
const NAME = /[A-Za-z_]\w*/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[lL]?/y;

class PyLiteralParser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  parseAll(): PyValue {
    const v = this.value();
    this.ws();
    if (this.pos < this.s.length) throw this.fail(`unexpected ${JSON.stringify(this.s[this.pos])} after the dict`);
    return v;
  }

  private fail(msg: string): PySyntaxError {
    return new PySyntaxError(`${msg} at character ${this.pos}`);
  }

  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }

  private value(): PyValue {
    this.ws();
    const c = this.s[this.pos];
    if (c === undefined) throw this.fail("unexpected end of header");
    if (c === "{" || c === "(" || c === "[") return this.container(c);
    if (c === "'" || c === '"') return this.str();
    const word = this.match(NAME);
    if (word !== null) {
      this.pos += word[0].length;
      if (word[0] === "True") return true;
      if (word[0] === "False") return false;
      if (word[0] === "None") return null;
      throw this.fail(`unexpected name ${word[0]}`);
    }
    const num = this.match(NUMBER);
    if (num !== null) {
      this.pos += num[0].length;
      return Number(num[0].replace(/[lL]$/, ""));
    }
    throw this.fail(`unexpected ${JSON.stringify(c)}`);
  }

  private container(open: "{" | "(" | "["): PyValue {
    if (this.depth >= MAX_NESTING) throw this.fail(`nested too deeply: more than ${MAX_NESTING} levels of brackets`);
    this.depth++;
    const v = open === "{" ? this.dict() : open === "(" ? new PyTuple(this.seq("(", ")")) : this.seq("[", "]");
    this.depth--;
    return v;
  }

  /** `re` (sticky) matched at the current position, or null. */
  private match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    return re.exec(this.s);
  }

  private str(): string {
    const q = this.s[this.pos++]!;
    let out = "";
    while (this.pos < this.s.length && this.s[this.pos] !== q) {
      if (this.s[this.pos] === "\\") this.pos++;
      out += this.s[this.pos++] ?? "";
    }
    if (this.pos >= this.s.length) throw this.fail("unterminated string");
    this.pos++;
    return out;
  }

  private seq(open: string, close: string): PyValue[] {
    this.pos++; // open
    const items: PyValue[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.pos] === close) {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.ws();
      if (this.s[this.pos] === ",") this.pos++;
      else if (this.s[this.pos] !== close) throw this.fail(`expected ',' or '${close}' after '${open}' item`);
    }
  }

  private dict(): Map<string, PyValue> {
    this.pos++; // {
    const out = new Map<string, PyValue>();
    for (;;) {
      this.ws();
      if (this.s[this.pos] === "}") {
        this.pos++;
        return out;
      }
      const key = this.value();
      if (typeof key !== "string") throw this.fail("dict keys must be strings");
      this.ws();
      if (this.s[this.pos] !== ":") throw this.fail(`expected ':' after key '${key}'`);
      this.pos++;
      out.set(key, this.value());
      this.ws();
      if (this.s[this.pos] === ",") this.pos++;
      else if (this.s[this.pos] !== "}") throw this.fail("expected ',' or '}' in the dict");
    }
  }
}

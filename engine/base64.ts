// Float32Array ⇄ base64 of little-endian float32 bytes (RFC 4648 standard alphabet, with padding).
// Plain typed-array code: no Buffer, no atob/btoa, so it runs the same in Node, browsers and
// workers, and handles multi-MB tensors without building strings char by char. The sheet file
// format and the optimizer state's JSON form both use it.

/** Base64 text that does not decode, or that does not decode to whole float32 values. */
export class Base64Error extends Error {
  override name = "Base64Error";
  constructor(readonly reason: string) {
    super(reason);
  }
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 61; // "="
const INVALID = 0x100;

const ENCODE = new Uint8Array(64);
/** Sextet value of each char code below 256, or INVALID; or-ing four lookups flags any bad char. */
const DECODE = new Uint16Array(256).fill(INVALID);
for (let i = 0; i < 64; i++) {
  ENCODE[i] = ALPHABET.charCodeAt(i);
  DECODE[ALPHABET.charCodeAt(i)] = i;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const ascii = new TextDecoder();

export function encodeBytes(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const whole = n - (n % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = ENCODE[(v >>> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  if (n - whole === 1) {
    const v = bytes[whole]! << 16;
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = PAD;
    out[o++] = PAD;
  } else if (n - whole === 2) {
    const v = (bytes[whole]! << 16) | (bytes[whole + 1]! << 8);
    out[o++] = ENCODE[v >>> 18]!;
    out[o++] = ENCODE[(v >>> 12) & 63]!;
    out[o++] = ENCODE[(v >>> 6) & 63]!;
    out[o++] = PAD;
  }
  return ascii.decode(out); // all ASCII, so UTF-8 decoding is the identity, in one native call
}

/**
 * The number of bytes `b64` decodes to, after checking it is valid base64: only the standard
 * alphabet, length a multiple of 4, and at most two "=" at the very end. Throws Base64Error.
 */
export function base64ByteLength(b64: string): number {
  const { bytes, pad } = checkLength(b64);
  let codes = 0;
  let bad = 0;
  for (let i = 0; i < b64.length - pad; i++) {
    const c = b64.charCodeAt(i);
    codes |= c;
    bad |= DECODE[c & 255]!;
  }
  if (codes > 127 || bad & INVALID) throw badChar(b64, pad);
  return bytes;
}

function checkLength(b64: string): { bytes: number; pad: number } {
  const len = b64.length;
  if (len % 4 !== 0) throw new Base64Error(`invalid base64: length ${len} is not a multiple of 4 (missing "=" padding?)`);
  const pad = len === 0 ? 0 : b64.charCodeAt(len - 1) !== PAD ? 0 : b64.charCodeAt(len - 2) !== PAD ? 1 : 2;
  return { bytes: (len / 4) * 3 - pad, pad };
}

function badChar(b64: string, pad: number): Base64Error {
  for (let i = 0; i < b64.length - pad; i++) {
    const c = b64.charCodeAt(i);
    if (c > 127 || DECODE[c] === INVALID) {
      const shown = c === PAD ? `"=" before the end` : `character ${JSON.stringify(b64[i])}`;
      return new Base64Error(`invalid base64: ${shown} at offset ${i}`);
    }
  }
  return new Base64Error("invalid base64");
}

/** The bytes base64 text encodes; validates as `base64ByteLength` does, in the same single pass. */
export function decodeBytes(b64: string): Uint8Array {
  const { bytes: n, pad } = checkLength(b64);
  const out = new Uint8Array(n);
  const len = b64.length;
  const quads = pad === 0 ? len : len - 4; // the last quad holds the padding, if any
  // Char codes are or-ed into `codes` (all ASCII iff it stays below 128) and their sextets into
  // `bad` (INVALID set iff some char is outside the alphabet); checked once, at the end.
  let codes = 0;
  let bad = 0;
  let o = 0;
  for (let i = 0; i < quads; i += 4) {
    const c0 = b64.charCodeAt(i);
    const c1 = b64.charCodeAt(i + 1);
    const c2 = b64.charCodeAt(i + 2);
    const c3 = b64.charCodeAt(i + 3);
    codes |= c0 | c1 | c2 | c3;
    const d0 = DECODE[c0 & 255]!;
    const d1 = DECODE[c1 & 255]!;
    const d2 = DECODE[c2 & 255]!;
    const d3 = DECODE[c3 & 255]!;
    bad |= d0 | d1 | d2 | d3;
    const v = (d0 << 18) | (d1 << 12) | (d2 << 6) | d3;
    out[o] = v >>> 16;
    out[o + 1] = v >>> 8;
    out[o + 2] = v;
    o += 3;
  }
  if (pad > 0) {
    // Lenient about non-zero bits after the last byte, as atob and Python are.
    const c0 = b64.charCodeAt(quads);
    const c1 = b64.charCodeAt(quads + 1);
    const c2 = pad === 1 ? b64.charCodeAt(quads + 2) : 65; // "A": zero bits
    codes |= c0 | c1 | c2;
    const d0 = DECODE[c0 & 255]!;
    const d1 = DECODE[c1 & 255]!;
    const d2 = DECODE[c2 & 255]!;
    bad |= d0 | d1 | d2;
    const v = (d0 << 18) | (d1 << 12) | (d2 << 6);
    out[o] = v >>> 16;
    if (pad === 1) out[o + 1] = v >>> 8;
  }
  if (codes > 127 || bad & INVALID) throw badChar(b64, pad);
  return out;
}

/** Base64 of the values as little-endian float32 bytes. Bit-exact: -0, ±Infinity, subnormals, NaNs. */
export function encodeFloat32(data: Readonly<Float32Array>): string {
  if (LITTLE_ENDIAN) return encodeBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return encodeBytes(bytes);
}

/** The float32 values in base64 little-endian bytes. Throws Base64Error on invalid base64 or a byte count not a multiple of 4. */
export function decodeFloat32(b64: string): Float32Array {
  return bytesToFloat32(decodeBytes(b64));
}

/** Little-endian float32 bytes as values; takes over `bytes` (a fresh array) without copying where it can. */
export function bytesToFloat32(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) {
    throw new Base64Error(`base64 decodes to ${bytes.length} bytes, not a whole number of float32 values (4 bytes each)`);
  }
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const out = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/**
 * Byte-level primitives shared by every layer. This is the only module that uses non-null assertions on
 * typed-array reads: callers check bounds first, then read through these helpers (V8 inlines them).
 *
 * MAC addresses travel as 48-bit integers (exact in a double: 2^48 < 2^53), IPv4 addresses as uint32.
 * @internal
 */

/** Reads one byte. The caller has checked `off < b.length`. */
export function readU8(b: Uint8Array, off: number): number {
  return b[off]!;
}

/** Reads a big-endian (network order) uint16. */
export function readU16(b: Uint8Array, off: number): number {
  return (b[off]! << 8) | b[off + 1]!;
}

/** Reads a big-endian uint32 as a non-negative number. */
export function readU32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

/** Reads a little-endian uint32 as a non-negative number (capture files). */
/** Four bytes at `off`, big-endian, as a signed 32-bit integer (a small integer: never boxed). */
export function readI32(b: Uint8Array, off: number): number {
  return (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
}

export function readU32Le(b: Uint8Array, off: number): number {
  return ((b[off + 3]! << 24) | (b[off + 2]! << 16) | (b[off + 1]! << 8) | b[off]!) >>> 0;
}

/** Reads a little-endian uint16 (capture files). */
export function readU16Le(b: Uint8Array, off: number): number {
  return b[off]! | (b[off + 1]! << 8);
}

/** Writes a big-endian uint16 (the low 16 bits of `v`). */
export function writeU16(b: Uint8Array, off: number, v: number): void {
  b[off] = v >>> 8;
  b[off + 1] = v;
}

/** Writes a big-endian uint32. */
export function writeU32(b: Uint8Array, off: number, v: number): void {
  b[off] = v >>> 24;
  b[off + 1] = v >>> 16;
  b[off + 2] = v >>> 8;
  b[off + 3] = v;
}

/** Writes a little-endian uint16 (capture files). */
export function writeU16Le(b: Uint8Array, off: number, v: number): void {
  b[off] = v;
  b[off + 1] = v >>> 8;
}

/** Writes a little-endian uint32 (capture files). */
export function writeU32Le(b: Uint8Array, off: number, v: number): void {
  b[off] = v;
  b[off + 1] = v >>> 8;
  b[off + 2] = v >>> 16;
  b[off + 3] = v >>> 24;
}

/** Reads 6 bytes as a 48-bit integer (a MAC address). */
export function readU48(b: Uint8Array, off: number): number {
  return ((b[off]! << 8) | b[off + 1]!) * 0x1_0000_0000 + readU32(b, off + 2);
}

/** Writes a 48-bit integer as 6 big-endian bytes. */
export function writeU48(b: Uint8Array, off: number, v: number): void {
  const hi = Math.floor(v / 0x1_0000_0000);
  b[off] = hi >>> 8;
  b[off + 1] = hi;
  writeU32(b, off + 2, v >>> 0);
}

/** True when `len` bytes at `a[ao]` equal those at `b[bo]`. The caller has checked both ranges. */
export function bytesEqual(a: Uint8Array, ao: number, b: Uint8Array, bo: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[ao + i] !== b[bo + i]) return false;
  return true;
}

/** Copies `len` bytes without allocating a subarray (faster than `set(subarray)` for short runs). */
export function copyBytes(src: Uint8Array, so: number, dst: Uint8Array, dst0: number, len: number): void {
  if (len > 64) {
    dst.set(src.subarray(so, so + len), dst0);
    return;
  }
  for (let i = 0; i < len; i++) dst[dst0 + i] = src[so + i]!;
}

/** Sets `len` bytes at `off` to `value`. */
export function fillBytes(b: Uint8Array, off: number, len: number, value: number): void {
  if (len > 64) {
    b.fill(value, off, off + len);
    return;
  }
  for (let i = 0; i < len; i++) b[off + i] = value;
}

/** True when all `len` bytes at `off` are zero. */
export function isZero(b: Uint8Array, off: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (b[off + i] !== 0) return false;
  return true;
}

/** "00".."ff" by byte value. */
export const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** "0".."255" by byte value. */
export const DECIMAL: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

/** Lowercase hex of `len` bytes at `off`, joined by `separator` ("02:00:00:00:00:01" for a MAC). */
export function hexJoin(b: Uint8Array, off: number, len: number, separator: string): string {
  if (len <= 0) return "";
  let s = HEX_PAIRS[b[off]!]!;
  for (let i = 1; i < len; i++) s += separator + HEX_PAIRS[b[off + i]!]!;
  return s;
}

/** Lowercase hex of a whole byte array, no separators. */
export function toHex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += HEX_PAIRS[b[i]!]!;
  return s;
}

/**
 * Bytes from a hex string; whitespace and ':' '-' '.' separators between byte pairs are ignored.
 * Returns undefined when the text is not hex or has an odd number of digits.
 */
export function fromHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s:.-]/g, "");
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** True when `[off, off + len)` lies inside a buffer of `size` bytes (all integers, no overflow possible). */
export function fits(size: number, off: number, len: number): boolean {
  return off >= 0 && len >= 0 && off <= size && len <= size - off;
}

// byteView's cache: the last two arrays read or written through it (a responder's receive and send
// buffers), the views over their whole underlying buffers, and the arrays' offsets in those buffers.
const NO_BYTES = new Uint8Array(0);

/**
 * A `DataView` over 64 zero bytes: what a view reads through before its first successful `reset` and after
 * a failed one (position 0), so its getters return zeros instead of throwing a `RangeError`. 64 bytes cover
 * every fixed-offset getter (the largest reads the IPv6 destination at 24..40).
 * @internal
 */
export const ZERO_VIEW: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(64));

let viewBytes0: Uint8Array = NO_BYTES;
let view0: DataView<ArrayBufferLike> = new DataView(NO_BYTES.buffer);
let viewBase0 = 0;
let viewBytes1: Uint8Array = NO_BYTES;
let view1 = view0;
let viewBase1 = 0;
/** Offset in its buffer of the array {@link byteView} was last called with. */
let viewBaseNow = 0;

/**
 * A `DataView` over the buffer under `b` (so `view.getUint32(byteViewBase() + i)` reads `b[i..i+3]` and
 * `view.setUint32(byteViewBase() + i, v)` writes them, big-endian: one bounds-checked access V8 emits
 * inline, where byte accesses cost four). The views of the last two arrays are kept (and hold those
 * arrays until others come): a loop that reuses its buffers allocates nothing; an array on a new buffer
 * costs one `DataView`. The caller has checked the range it uses against `b.length` (the view spans the
 * whole buffer, so it would not catch a range past the array's end).
 */
export function byteView(b: Uint8Array): DataView<ArrayBufferLike> {
  if (b === viewBytes0) {
    viewBaseNow = viewBase0;
    return view0;
  }
  if (b === viewBytes1) {
    viewBaseNow = viewBase1;
    return view1;
  }
  return bindByteView(b);
}

/** The offset of `b[0]` in the view the last {@link byteView} call returned. */
export function byteViewBase(): number {
  return viewBaseNow;
}

/** Out of line (only for an array not seen last): binds `b` in entry 0, the old entry 0 moving to entry 1. */
function bindByteView(b: Uint8Array): DataView<ArrayBufferLike> {
  const buffer = b.buffer;
  const view = buffer === view0.buffer ? view0 : buffer === view1.buffer ? view1 : new DataView(buffer);
  viewBytes1 = viewBytes0;
  view1 = view0;
  viewBase1 = viewBase0;
  viewBytes0 = b;
  view0 = view;
  viewBase0 = b.byteOffset;
  viewBaseNow = viewBase0;
  return view;
}

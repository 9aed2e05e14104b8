/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of the data
 * taken as big-endian 16-bit words. ICMPv6 uses it over a pseudo-header and the message (RFC 4443 §2.3).
 *
 * The sum is accumulated unfolded and the carries are folded once at the end (RFC 1071 §4.1 "deferred
 * carries"). Words are read four bytes at a time through a `DataView` (one bounds-checked load V8's
 * optimising compiler emits inline, where byte reads cost four), little-endian, and the folded sum is
 * byte-swapped once (RFC 1071 §2(B)); short ranges add the 16-bit halves into two small-integer
 * accumulators, long ones whole words into four doubles (RFC 1071 §2(C)). About 4× faster than byte
 * reads on a 1500-byte packet (159 against 628 ns). Every intermediate sum is exact.
 *
 * The `DataView` comes from `byteView`'s cache (the last two arrays read or written through it: a
 * responder's receive and send buffers), so a loop that reuses its buffers, or Node `Buffer`s carved from
 * one pool, allocates nothing; an array on a new `ArrayBuffer` costs one `DataView`.
 *
 * @packageDocumentation
 */
import { byteView, byteViewBase } from "../internal/bytes.js";

/**
 * @internal The unfolded sum of the big-endian 16-bit words at absolute buffer offsets `[i, last)` of
 * `view`, the final odd byte padded with zero. The caller has checked the range.
 *
 * The 32-bit words are read little-endian (x86 and ARM's own order: no byte swap per load) and their sum
 * is byte-swapped once at the end: the one's complement sum is independent of byte order up to that swap
 * (RFC 1071 §2(B)). The result is then a folded sum, 0 only for all-zero data.
 */
export function sumView(view: DataView<ArrayBufferLike>, i: number, last: number): number {
  const s = last - i >= 128 ? sumLong(view, i, last) : sumShort(view, i, last);
  const tail = i + ((last - i) & ~3);
  let folded = s > 0xffffffff ? foldLarge(s) : s;
  folded = (folded & 0xffff) + (folded >>> 16);
  folded = (folded & 0xffff) + (folded >>> 16);
  let sum = ((folded & 0xff) << 8) | (folded >>> 8);
  if (last - tail >= 2) sum += view.getUint16(tail);
  // RFC 1071 §4.1: an odd byte count pads the last byte with zero on the right.
  if ((last - tail) & 1) sum += view.getUint8(last - 1) << 8;
  return sum;
}

/**
 * Little-endian 32-bit words of `[i, last)` rounded down to whole words, as high and low 16-bit halves in
 * two small-integer accumulators (each adds at most 4 · 0xffff a step: exact at any length).
 */
function sumShort(view: DataView<ArrayBufferLike>, i: number, last: number): number {
  let hi = 0;
  let lo = 0;
  const last16 = last - 15;
  while (i < last16) {
    const a = view.getUint32(i, true);
    const b = view.getUint32(i + 4, true);
    const c = view.getUint32(i + 8, true);
    const d = view.getUint32(i + 12, true);
    hi += (a >>> 16) + (b >>> 16) + (c >>> 16) + (d >>> 16);
    lo += (a & 0xffff) + (b & 0xffff) + (c & 0xffff) + (d & 0xffff);
    i += 16;
  }
  const last4 = last - 3;
  while (i < last4) {
    const a = view.getUint32(i, true);
    hi += a >>> 16;
    lo += a & 0xffff;
    i += 4;
  }
  return hi + lo;
}

/**
 * The same sum for long ranges, congruent modulo 0xffff: whole 32-bit words added into four double
 * accumulators (no split, no overflow checks; 2^32 ≡ 1 and 2^16 ≡ 1 modulo 0xffff, so the fold gives the
 * same one's complement sum), each piece folded to at most 0xffff.
 * Exact below 2^53: 2^21 words, 8 MiB — longer ranges are cut into pieces of 4 MiB.
 */
function sumLong(view: DataView<ArrayBufferLike>, i: number, last: number): number {
  let total = 0;
  while (last - i > PIECE) {
    total += sumLongPiece(view, i, i + PIECE);
    i += PIECE;
  }
  return total + sumLongPiece(view, i, last);
}

/** 4 MiB: a piece whose double sum of 32-bit words stays exact. */
const PIECE = 1 << 22;

function sumLongPiece(view: DataView<ArrayBufferLike>, i: number, last: number): number {
  // 64 bytes a round into four accumulators (each at most 2^18 words of a piece: below 2^50), in pairs,
  // and the result folded: 156 ns over 1500 bytes, against 207 for 16 bytes a round into two, unfolded.
  let x = 0;
  let y = 0;
  let z = 0;
  let w = 0;
  const last64 = last - 63;
  while (i < last64) {
    x += view.getUint32(i, true) + view.getUint32(i + 4, true) + (view.getUint32(i + 32, true) + view.getUint32(i + 36, true));
    y += view.getUint32(i + 8, true) + view.getUint32(i + 12, true) + (view.getUint32(i + 40, true) + view.getUint32(i + 44, true));
    z += view.getUint32(i + 16, true) + view.getUint32(i + 20, true) + (view.getUint32(i + 48, true) + view.getUint32(i + 52, true));
    w += view.getUint32(i + 24, true) + view.getUint32(i + 28, true) + (view.getUint32(i + 56, true) + view.getUint32(i + 60, true));
    i += 64;
  }
  const last4 = last - 3;
  while (i < last4) {
    x += view.getUint32(i, true);
    i += 4;
  }
  // Folded here (congruent, at most 0xffff): a small integer crosses a call V8 does not inline without
  // being boxed, where the raw double sum was a heap number per call.
  return foldCongruent(x + y + (z + w));
}

/** Byte-at-a-time sum, for short ranges and for ranges the caller did not keep inside `bytes`. */
function sumBytes(bytes: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  const end2 = end - 1;
  while (i < end2) {
    sum += (bytes[i]! << 8) | bytes[i + 1]!;
    i += 2;
  }
  if (i < end) sum += bytes[i]! << 8;
  return sum;
}

/**
 * The unfolded one's complement accumulation (RFC 1071 §4.1) of the big-endian 16-bit words of
 * `bytes[start, end)`, added to `initial`. An odd final byte is padded with a zero byte on the right.
 *
 * The result is a non-negative integer that may exceed 0xffff: pass it to {@link foldSum} (or add more
 * words to it first — one's complement addition is associative and commutative, so partial sums of any
 * even-aligned pieces add up). Reads only `[start, end)`; the caller keeps that range inside `bytes`.
 */
export function sumWords(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  if (end - start < 16 || !(start >= 0 && end <= bytes.length)) return sumBytes(bytes, start, end, initial);
  const view = byteView(bytes);
  return initial + sumView(view, byteViewBase() + start, byteViewBase() + end);
}

/**
 * Folds the carries of an unfolded sum into 16 bits (end-around carry, RFC 1071 §2(B)): the one's
 * complement sum, 0..0xffff. A non-zero multiple of 0xffff folds to 0xffff (one's complement "negative
 * zero"), only 0 folds to 0.
 */
export function foldSum(sum: number): number {
  let s = sum;
  // Beyond 32 bits (only sums over gigabytes), bring the high part down first (exact in doubles).
  if (s > 0xffffffff) s = foldLarge(s);
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/**
 * @internal A non-negative sum `s` below 2^53 brought to 0..0xffff, congruent modulo 0xffff (a non-zero
 * multiple of 0xffff gives 0xffff, only 0 gives 0): `s >>> 0` keeps `s` modulo 2^32, and each 2^32 above
 * it is ≡ 1. Branch-free, for the hot paths; {@link foldSum} for sums of any size.
 */
export function foldCongruent(s: number): number {
  const low = s >>> 0;
  let t = (s - low) * (1 / 0x1_0000_0000) + (low >>> 16) + (low & 0xffff);
  t = (t & 0xffff) + (t >>> 16);
  return (t & 0xffff) + (t >>> 16);
}

/** Brings a sum above 2^32 down to at most 32 bits, congruent modulo 0xffff (exact in doubles). */
function foldLarge(sum: number): number {
  let s = sum;
  while (s > 0xffffffff) s = (s % 0x10000) + Math.floor(s / 0x10000);
  return s;
}

/**
 * The Internet checksum of `bytes[start, end)` (RFC 1071): `~foldSum(sumWords(...)) & 0xffff`, the
 * value to put in a zeroed checksum field so that the whole range then sums to 0xffff.
 */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return ~foldSum(sumWords(bytes, start, end)) & 0xffff;
}

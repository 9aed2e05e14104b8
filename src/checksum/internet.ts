/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of the data
 * taken as big-endian 16-bit words. ICMPv6 uses it over a pseudo-header and the message (RFC 4443 §2.3).
 *
 * The sum is accumulated unfolded in a JS number (exact up to 2^53) and the carries are folded once at the
 * end (RFC 1071 §4.1 "deferred carries"): each word adds at most 0xffff, so ~2^37 words (256 GiB) could
 * be added before precision were at risk; no input can come near it.
 *
 * @packageDocumentation
 */

/**
 * The unfolded one's complement accumulation (RFC 1071 §4.1) of the big-endian 16-bit words of
 * `bytes[start, end)`, added to `initial`. An odd final byte is padded with a zero byte on the right.
 *
 * The result is a non-negative integer that may exceed 0xffff: pass it to {@link foldSum} (or add more
 * words to it first — one's complement addition is associative and commutative, so partial sums of any
 * even-aligned pieces add up). Reads only `[start, end)`; the caller keeps that range inside `bytes`.
 */
export function sumWords(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  // Eight words per iteration; each group adds at most 8 · 0xffff, far from 2^53 over any real input.
  const end16 = end - 15;
  while (i < end16) {
    sum +=
      ((bytes[i]! << 8) | bytes[i + 1]!) +
      ((bytes[i + 2]! << 8) | bytes[i + 3]!) +
      ((bytes[i + 4]! << 8) | bytes[i + 5]!) +
      ((bytes[i + 6]! << 8) | bytes[i + 7]!) +
      ((bytes[i + 8]! << 8) | bytes[i + 9]!) +
      ((bytes[i + 10]! << 8) | bytes[i + 11]!) +
      ((bytes[i + 12]! << 8) | bytes[i + 13]!) +
      ((bytes[i + 14]! << 8) | bytes[i + 15]!);
    i += 16;
  }
  const end2 = end - 1;
  while (i < end2) {
    sum += (bytes[i]! << 8) | bytes[i + 1]!;
    i += 2;
  }
  // RFC 1071 §4.1: an odd byte count pads the last byte with zero on the right.
  if (i < end) sum += bytes[i]! << 8;
  return sum;
}

/**
 * Folds the carries of an unfolded sum into 16 bits (end-around carry, RFC 1071 §2(B)): the one's
 * complement sum, 0..0xffff. A non-zero multiple of 0xffff folds to 0xffff (one's complement "negative
 * zero"), only 0 folds to 0.
 */
export function foldSum(sum: number): number {
  // Beyond 32 bits, bring the high part down first (exact in doubles), then fold with integer ops.
  let s = sum;
  while (s > 0xffffffff) s = (s % 0x10000) + Math.floor(s / 0x10000);
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/**
 * The Internet checksum of `bytes[start, end)` (RFC 1071): `~foldSum(sumWords(...)) & 0xffff`, the
 * value to put in a zeroed checksum field so that the whole range then sums to 0xffff.
 */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return ~foldSum(sumWords(bytes, start, end)) & 0xffff;
}

/**
 * IPv6 addresses: text (RFC 4291 §2.2 in, RFC 5952 out) and 16 bytes.
 *
 * @packageDocumentation
 */
import { Address6 } from "ip-address";
import { invalidField } from "../errors.js";
import { DECIMAL, HEX_PAIRS, copyBytes, readU16, writeU32 } from "../internal/bytes.js";

/** An IPv6 address as accepted by builders: text or 16 bytes. */
export type Ipv6AddressInput = string | Uint8Array;

/** Length of an IPv6 address in bytes (RFC 4291 §2). */
export const IPV6_LENGTH = 16;

/**
 * Parses IPv6 text in any RFC 4291 §2.2 form (compressed, uncompressed, embedded IPv4, any case) into
 * 16 bytes. A zone ("%eth0") or a prefix length ("/64") is refused: they are not addresses.
 * @throws FrameError `INVALID_FIELD` naming the text when it is not an IPv6 address.
 */
export function parseIpv6(text: string): Uint8Array {
  const out = new Uint8Array(IPV6_LENGTH);
  if (parseHexGroups(text, out)) return out;
  // Not plain hex groups: embedded IPv4 ("::ffff:192.0.2.1") or not an address at all. ip-address decides.
  if (text.includes("%") || text.includes("/") || !text.includes(":") || !text.includes(".")) {
    throw invalidField("address", `not an IPv6 address: ${JSON.stringify(text)}`);
  }
  let canonical: string;
  try {
    canonical = new Address6(text).canonicalForm();
  } catch {
    throw invalidField("address", `not an IPv6 address: ${JSON.stringify(text)}`);
  }
  const groups = canonical.split(":");
  for (let i = 0; i < 8; i++) {
    const word = parseInt(groups[i] ?? "", 16);
    out[i * 2] = word >>> 8;
    out[i * 2 + 1] = word & 0xff;
  }
  return out;
}

/** Value of a hex digit character code, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * The common RFC 4291 §2.2 forms without embedded IPv4: up to eight groups of 1-4 hex digits separated by
 * ':', at most one "::" standing for one or more zero groups. Writes `out` and returns true, or returns
 * false (leaving `out` unspecified) for anything else. Cheap enough for the per-frame path (validation
 * reads decoded text), where ip-address's microseconds per parse would dominate.
 */
const GROUPS = new Uint16Array(8);

function parseHexGroups(text: string, out: Uint8Array): boolean {
  const n = text.length;
  if (n < 2 || n > 39) return false;
  const words = GROUPS;
  let count = 0;
  let gap = -1; // index in `words` where "::" stands
  let i = 0;
  if (text.charCodeAt(0) === 0x3a) {
    if (text.charCodeAt(1) !== 0x3a) return false;
    gap = 0;
    i = 2;
    if (i === n) {
      out.fill(0);
      return true;
    }
  }
  for (;;) {
    let value = 0;
    let digits = 0;
    while (i < n) {
      const v = hexValue(text.charCodeAt(i));
      if (v < 0) break;
      value = (value << 4) | v;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 4 || count === 8) return false;
    words[count++] = value;
    if (i === n) break;
    if (text.charCodeAt(i) !== 0x3a) return false;
    i++;
    if (i < n && text.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return false;
      gap = count;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return false; // a single trailing ':'
    }
  }
  if (gap < 0 ? count !== 8 : count > 7) return false;
  const zeros = 8 - count;
  out.fill(0);
  for (let k = 0; k < count; k++) {
    const w = gap >= 0 && k >= gap ? k + zeros : k;
    out[w * 2] = words[k]! >>> 8;
    out[w * 2 + 1] = words[k]! & 0xff;
  }
  return true;
}

/** "0".."ff" by byte value, without a leading zero (RFC 5952 §4.1). */
const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16));

/** One 16-bit group of the address at `b[o]` as RFC 5952 §4.1 hex: lowercase, no leading zeros. */
function hexGroup(b: Uint8Array, o: number): string {
  const hi = b[o]!;
  return hi === 0 ? HEX_BYTE[b[o + 1]!]! : HEX_BYTE[hi]! + HEX_PAIRS[b[o + 1]!]!;
}

/**
 * Formats 16 bytes at `offset` as RFC 5952 text: lowercase (§4.3), no leading zeros (§4.1), the longest
 * run of two or more zero groups compressed to "::", the first one on a tie, a lone zero group never
 * (§4.2), and IPv4-mapped addresses as "::ffff:192.0.2.1" (§5). Written for the per-frame path: no
 * `ip-address` call, no `toString(16)`. The caller has checked that the 16 bytes exist.
 *
 * The last texts are remembered in a small direct-mapped cache keyed by the 16 bytes (64 entries): a
 * decoder meeting the same addresses again (a capture, a speaker's few peers) returns the string it built
 * before instead of building it anew (about 75 ns each on the dev machine).
 */
export function formatIpv6(bytes: Uint8Array, offset = 0): string {
  if (!(offset >= 0 && bytes.length - offset >= IPV6_LENGTH)) return formatIpv6Text(bytes, offset);
  return formatIpv6Words(wordAt(bytes, offset), wordAt(bytes, offset + 4), wordAt(bytes, offset + 8), wordAt(bytes, offset + 12));
}

/**
 * RFC 5952 text of the address whose four big-endian 32-bit words (as int32) are `w0`..`w3`, through
 * the cache {@link formatIpv6} and {@link formatIpv6At} share.
 */
function formatIpv6Words(w0: number, w1: number, w2: number, w3: number): string {
  // Multiplicative hash of the four words (two multiplications: addresses sharing a prefix, or an
  // interface identifier, still spread over the slots).
  const slot = Math.imul(Math.imul(w0 ^ w2, 0x85eb_ca6b) ^ w1 ^ w3, 0x9e37_79b1) >>> (32 - TEXT_CACHE_BITS);
  const k = slot * 4;
  const words = TEXT_CACHE_WORDS;
  const cached = TEXT_CACHE[slot]!;
  if (words[k] === w0 && words[k + 1] === w1 && words[k + 2] === w2 && words[k + 3] === w3 && cached !== "") return cached;
  return cacheWordsText(w0, w1, w2, w3, slot);
}

/** The 16 bytes of the address at `x` of `v`, as RFC 5952 text (see {@link formatIpv6Words}). @internal */
export function formatIpv6At(v: DataView<ArrayBufferLike>, x: number): string {
  return formatIpv6Words(v.getInt32(x), v.getInt32(x + 4), v.getInt32(x + 8), v.getInt32(x + 12));
}

/** Scratch for {@link cacheWordsText}: the words back as bytes for the formatter. */
const WORDS_SCRATCH = new Uint8Array(IPV6_LENGTH);

/** formatIpv6Words' miss path: formats, caches and returns the text. */
function cacheWordsText(w0: number, w1: number, w2: number, w3: number, slot: number): string {
  const b = WORDS_SCRATCH;
  writeU32(b, 0, w0);
  writeU32(b, 4, w1);
  writeU32(b, 8, w2);
  writeU32(b, 12, w3);
  const text = formatIpv6Text(b, 0);
  const k = slot * 4;
  TEXT_CACHE_WORDS[k] = w0;
  TEXT_CACHE_WORDS[k + 1] = w1;
  TEXT_CACHE_WORDS[k + 2] = w2;
  TEXT_CACHE_WORDS[k + 3] = w3;
  TEXT_CACHE[slot] = text;
  return text;
}

/** log2 of the number of {@link formatIpv6} cache entries. */
const TEXT_CACHE_BITS = 6;
/** The 16 bytes of each cached address, as four int32 words. */
const TEXT_CACHE_WORDS = new Int32Array(4 << TEXT_CACHE_BITS);
/** The text of each cached address ("" for an empty entry: no address formats to it). */
const TEXT_CACHE: string[] = new Array<string>(1 << TEXT_CACHE_BITS).fill("");

/** Four bytes at `o` as a big-endian int32 (a cache key word, not a number for the caller). */
function wordAt(b: Uint8Array, o: number): number {
  return (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
}

/** {@link formatIpv6} without the cache. */
function formatIpv6Text(bytes: Uint8Array, offset: number): string {
  // Longest run of zero groups, the first one on a tie (bestLen starts at 1: a single zero is not a run).
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const p = offset + 2 * i;
    if ((bytes[p]! | bytes[p + 1]!) === 0) {
      if (runStart < 0) runStart = i;
      if (i - runStart + 1 > bestLen) {
        bestLen = i - runStart + 1;
        bestStart = runStart;
      }
    } else {
      runStart = -1;
    }
  }
  // RFC 5952 §5: IPv4-mapped addresses (::ffff:0:0/96) keep their IPv4 part in dotted form.
  if (bestStart === 0 && bestLen === 5 && readU16(bytes, offset + 10) === 0xffff) {
    return `::ffff:${DECIMAL[bytes[offset + 12]!]}.${DECIMAL[bytes[offset + 13]!]}.${DECIMAL[bytes[offset + 14]!]}.${DECIMAL[bytes[offset + 15]!]}`;
  }
  if (bestStart < 0) {
    let s = hexGroup(bytes, offset);
    for (let i = 1; i < 8; i++) s += ":" + hexGroup(bytes, offset + 2 * i);
    return s;
  }
  let s = bestStart === 0 ? ":" : "";
  for (let i = 0; i < bestStart; i++) s += hexGroup(bytes, offset + 2 * i) + ":";
  const after = bestStart + bestLen;
  if (after === 8) return s + ":";
  for (let i = after; i < 8; i++) s += ":" + hexGroup(bytes, offset + 2 * i);
  return s;
}

/**
 * Any {@link Ipv6AddressInput} as 16 fresh bytes (text in any RFC 4291 §2.2 form).
 * @throws FrameError `INVALID_FIELD` on bad text (IPv4 text included) or a byte array that is not 16 long.
 */
export function ipv6ToBytes(input: Ipv6AddressInput, what = "IPv6 address"): Uint8Array {
  if (typeof input === "string") return parseIpv6(input);
  if (input.length !== IPV6_LENGTH) throw invalidField("address", `${what} must be 16 bytes, got ${input.length}`);
  return input.slice();
}

/**
 * Writes any {@link Ipv6AddressInput} (RFC 4291 §2.2 text or 16 bytes) at `offset`; allocates nothing for bytes.
 * @throws FrameError `INVALID_FIELD` as {@link ipv6ToBytes}.
 */
export function writeIpv6(out: Uint8Array, offset: number, input: Ipv6AddressInput, what = "IPv6 address"): void {
  if (typeof input === "string") {
    copyBytes(parseIpv6(input), 0, out, offset, IPV6_LENGTH);
    return;
  }
  if (input.length !== IPV6_LENGTH) throw invalidField("address", `${what} must be 16 bytes, got ${input.length}`);
  copyBytes(input, 0, out, offset, IPV6_LENGTH);
}

/** True for ff00::/8 (RFC 4291 §2.7). */
export function isIpv6Multicast(bytes: Uint8Array, offset = 0): boolean {
  return bytes[offset] === 0xff;
}

/** True for the unspecified address :: (RFC 4291 §2.5.2), the source of a DAD probe. */
export function isIpv6Unspecified(bytes: Uint8Array, offset = 0): boolean {
  for (let i = 0; i < IPV6_LENGTH; i++) if (bytes[offset + i] !== 0) return false;
  return true;
}

/** True for fe80::/10 link-local unicast (RFC 4291 §2.5.6). */
export function isIpv6LinkLocal(bytes: Uint8Array, offset = 0): boolean {
  return bytes[offset] === 0xfe && ((bytes[offset + 1] ?? 0) & 0xc0) === 0x80;
}

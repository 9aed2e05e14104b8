/**
 * IPv4 addresses: dotted-quad text, 4 bytes, and uint32 numbers.
 *
 * @packageDocumentation
 */
import { Address4 } from "ip-address";
import { invalidField } from "../errors.js";
import { DECIMAL, readU32, writeU32, copyBytes } from "../internal/bytes.js";

/** An IPv4 address as accepted by builders: dotted-quad text, 4 bytes, or a uint32 (no allocation). */
export type Ipv4AddressInput = string | Uint8Array | number;

/** Length of an IPv4 address in bytes (RFC 791 §3.1). */
export const IPV4_LENGTH = 4;

const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Parses dotted-quad IPv4 text (RFC 791 addresses; no prefix, no leading zeros, which would be ambiguous
 * octal) into a uint32.
 * @throws FrameError `INVALID_FIELD` naming the text when it is not an IPv4 address.
 */
export function parseIpv4(text: string): number {
  if (DOTTED_QUAD.test(text)) {
    try {
      const parts = new Address4(text).toArray();
      return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
    } catch {
      // fall through to the error below
    }
  }
  throw invalidField("address", `not an IPv4 address: ${JSON.stringify(text)}`);
}

// formatIpv4's cache (2^10 slots, the hash in formatIpv4 gives 10 bits): slot → key and text ("" when empty).
const TEXT_CACHE_SLOTS = 1024;
const ipv4CacheKey = new Int32Array(TEXT_CACHE_SLOTS);
const ipv4CacheText: string[] = new Array<string>(TEXT_CACHE_SLOTS).fill("");

/** Formats the IPv4 address (RFC 791 §3.1) in the 4 bytes at `offset` as dotted-quad text ("192.0.2.1"). */
export function formatIpv4(bytes: Uint8Array, offset = 0): string {
  const b = bytes;
  const o = offset;
  // The address as an int32 key (a uint32 ≥ 2^31 would be a double), looked up in a small direct-mapped
  // cache: traffic repeats the same few addresses, and a hit costs a few nanoseconds where concatenating
  // the text (a cons string the first use then flattens) costs tens.
  const key = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
  const slot = Math.imul(key, 0x9e37_79b1) >>> 22; // multiplicative hash, 10 bits
  const cached = ipv4CacheText[slot]!;
  if (ipv4CacheKey[slot] === key && cached !== "") return cached;
  return cacheIpv4Text(key, slot);
}

/** formatIpv4's miss path, out of line so that formatIpv4 stays small enough for V8 to inline. */
/**
 * Dotted-decimal text of the IPv4 address `key` (its four bytes as a big-endian int32, as a DataView's
 * `getInt32` reads them), through {@link formatIpv4}'s cache.
 * @internal
 */
export function formatIpv4Word(key: number): string {
  const slot = Math.imul(key, 0x9e37_79b1) >>> 22;
  const cached = ipv4CacheText[slot]!;
  if (ipv4CacheKey[slot] === key && cached !== "") return cached;
  return cacheIpv4Text(key, slot);
}

function cacheIpv4Text(key: number, slot: number): string {
  const d = DECIMAL_DOT;
  const text = d[key >>> 24]! + d[(key >>> 16) & 0xff]! + d[(key >>> 8) & 0xff]! + DECIMAL[key & 0xff]!;
  ipv4CacheKey[slot] = key;
  ipv4CacheText[slot] = text;
  return text;
}


/** "0.".."255." by byte value: three concatenations per address instead of seven. */
const DECIMAL_DOT: readonly string[] = DECIMAL.map((d) => `${d}.`);

/** Formats an IPv4 address (RFC 791 §3.1) given as a uint32 as dotted-quad text. */
export function formatIpv4Number(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;
}

/** Reads the IPv4 address (RFC 791 §3.1) at `offset` as a uint32. The caller has checked that the 4 bytes exist. */
export function readIpv4(bytes: Uint8Array, offset: number): number {
  return readU32(bytes, offset);
}

function checkIpv4Number(address: number, what: string): void {
  if (!Number.isInteger(address) || address < 0 || address > 0xffff_ffff) {
    throw invalidField("address", `${what} is not a 32-bit IPv4 address: ${address}`);
  }
}

/**
 * Any {@link Ipv4AddressInput} as a uint32 (RFC 791 §3.1 address, network byte order).
 * @throws FrameError `INVALID_FIELD` on bad text (IPv6 text included), a wrong byte count or a number out of range.
 */
export function ipv4ToNumber(input: Ipv4AddressInput, what = "IPv4 address"): number {
  if (typeof input === "number") {
    checkIpv4Number(input, what);
    return input;
  }
  if (typeof input === "string") return parseIpv4(input);
  if (input.length !== IPV4_LENGTH) throw invalidField("address", `${what} must be 4 bytes, got ${input.length}`);
  return readU32(input, 0);
}

/** Any {@link Ipv4AddressInput} as 4 fresh bytes (RFC 791 §3.1). @throws FrameError `INVALID_FIELD` as {@link ipv4ToNumber}. */
export function ipv4ToBytes(input: Ipv4AddressInput, what = "IPv4 address"): Uint8Array {
  const out = new Uint8Array(IPV4_LENGTH);
  writeIpv4(out, 0, input, what);
  return out;
}

/**
 * Writes any {@link Ipv4AddressInput} as 4 bytes (RFC 791 §3.1) at `offset`; allocates nothing for numbers and bytes.
 * @throws FrameError `INVALID_FIELD` as {@link ipv4ToNumber}.
 */
export function writeIpv4(out: Uint8Array, offset: number, input: Ipv4AddressInput, what = "IPv4 address"): void {
  if (typeof input === "object" && input.length === IPV4_LENGTH) copyBytes(input, 0, out, offset, IPV4_LENGTH);
  else writeU32(out, offset, ipv4ToNumber(input, what));
}

/** True for 224.0.0.0/4 (RFC 5771), given as a uint32. */
export function isIpv4Multicast(address: number): boolean {
  return address >>> 28 === 0xe;
}

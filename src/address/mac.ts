/**
 * MAC (IEEE 802 EUI-48, RFC 7042 §2.1) addresses: text, bytes and 48-bit integers.
 *
 * @packageDocumentation
 */
import { invalidField } from "../errors.js";
import { readU48, writeU48, copyBytes } from "../internal/bytes.js";

/**
 * A MAC address as accepted by builders and encoders: text ("02:00:00:00:00:01", "02-00-00-00-00-01",
 * "0200.0000.0001", any case), 6 bytes, or a 48-bit integer (the allocation-free form).
 */
export type MacAddressInput = string | Uint8Array | number;

/** Length of an Ethernet (EUI-48, RFC 7042 §2.1) MAC address in bytes. */
export const MAC_LENGTH = 6;

/** ff:ff:ff:ff:ff:ff, the Ethernet broadcast address (RFC 894, "Broadcast Address"), as a 48-bit integer. */
export const BROADCAST_MAC = 0xffff_ffff_ffff;

/** 00:00:00:00:00:00 as a 48-bit integer. */
export const ZERO_MAC = 0;

const MAC_COLON_OR_DASH = /^([0-9a-f]{1,2})([:-])([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})$/i;
const MAC_CISCO = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;

// formatMac's cache (2^10 slots, the hash in formatMac gives 10 bits): slot → key (hi 16 bits, -1 when empty; lo 32 bits) and text.
const TEXT_CACHE_SLOTS = 1024;
const macCacheHi = new Int32Array(TEXT_CACHE_SLOTS).fill(-1);
const macCacheLo = new Int32Array(TEXT_CACHE_SLOTS);
const macCacheText: string[] = new Array<string>(TEXT_CACHE_SLOTS).fill("");

/**
 * Parses MAC address text (IEEE 802 notation with ':' or '-', upper or lower case, or Cisco's
 * "0200.0000.0001") into 6 bytes.
 * @throws FrameError `INVALID_FIELD` naming the text when it is not a MAC address.
 */
export function parseMac(text: string): Uint8Array {
  const out = new Uint8Array(MAC_LENGTH);
  const m = MAC_COLON_OR_DASH.exec(text);
  if (m) {
    for (let i = 0; i < 6; i++) out[i] = parseInt(m[i === 0 ? 1 : i + 2]!, 16);
    return out;
  }
  const c = MAC_CISCO.exec(text);
  if (c) {
    for (let i = 0; i < 3; i++) {
      const word = parseInt(c[i + 1]!, 16);
      out[i * 2] = word >>> 8;
      out[i * 2 + 1] = word & 0xff;
    }
    return out;
  }
  throw invalidField("address", `not a MAC address: ${JSON.stringify(text)}`);
}

/**
 * Formats 6 bytes at `offset` as lowercase colon-separated MAC text ("02:00:00:00:00:01", the IEEE 802
 * canonical form). The caller has checked that the 6 bytes exist.
 */
export function formatMac(bytes: Uint8Array, offset = 0): string {
  const b = bytes;
  const o = offset;
  // The address as two int32 keys (never a 48-bit double: nothing to box), looked up in a small
  // direct-mapped cache: traffic repeats the same few MACs (a LAN's hosts, a speaker's own), and a hit
  // costs a few nanoseconds where building the text costs tens.
  const hi = (b[o]! << 8) | b[o + 1]!;
  const lo = (b[o + 2]! << 24) | (b[o + 3]! << 16) | (b[o + 4]! << 8) | b[o + 5]!;
  const slot = Math.imul(lo ^ (hi << 15) ^ hi, 0x9e37_79b1) >>> 22; // multiplicative hash, 10 bits
  if (macCacheHi[slot] === hi && macCacheLo[slot] === lo) return macCacheText[slot]!;
  return cacheMacText(hi, lo, slot);
}

/**
 * MAC text of the address whose first two bytes are `hi` (16 bits) and last four `lo` (as an int32), through
 * {@link formatMac}'s cache: for callers that already hold the address as words (a view's DataView reads,
 * or a 48-bit number split with `Math.floor(n / 2 ** 32)` and `n | 0`).
 * @internal
 */
export function formatMacWords(hi: number, lo: number): string {
  const slot = Math.imul(lo ^ (hi << 15) ^ hi, 0x9e37_79b1) >>> 22;
  if (macCacheHi[slot] === hi && macCacheLo[slot] === lo) return macCacheText[slot]!;
  return cacheMacText(hi, lo, slot);
}

/** formatMac's miss path, out of line so that formatMac stays small enough for V8 to inline 4 times in a caller. */
function cacheMacText(hi: number, lo: number, slot: number): string {
  const text = macText(hi >>> 8, hi & 0xff, lo >>> 24, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff);
  macCacheHi[slot] = hi;
  macCacheLo[slot] = lo;
  macCacheText[slot] = text;
  return text;
}


/**
 * Formats a 48-bit integer as MAC text, without allocating a byte array. Only the low 48 bits of a
 * non-negative integer are meaningful; use {@link macToNumber} to validate one first.
 */
export function formatMacNumber(mac: number): string {
  const hi = Math.floor(mac / 0x1_0000_0000);
  const lo = mac >>> 0;
  return macText((hi >>> 8) & 0xff, hi & 0xff, lo >>> 24, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff);
}

const HEX_DIGIT = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const COLON = 0x3a;

/**
 * Six bytes as "xx:xx:xx:xx:xx:xx". One `String.fromCharCode` call builds one flat string: about 4× faster
 * in V8 than joining eleven pieces, which allocates a chain of cons strings.
 */
function macText(b0: number, b1: number, b2: number, b3: number, b4: number, b5: number): string {
  const h = HEX_DIGIT;
  return String.fromCharCode(
    h[b0 >>> 4]!, h[b0 & 15]!, COLON,
    h[b1 >>> 4]!, h[b1 & 15]!, COLON,
    h[b2 >>> 4]!, h[b2 & 15]!, COLON,
    h[b3 >>> 4]!, h[b3 & 15]!, COLON,
    h[b4 >>> 4]!, h[b4 & 15]!, COLON,
    h[b5 >>> 4]!, h[b5 & 15]!,
  );
}

/** Reads the EUI-48 (RFC 7042 §2.1) at `offset` as a 48-bit integer. The caller has checked that the 6 bytes exist. */
export function readMac(bytes: Uint8Array, offset: number): number {
  return readU48(bytes, offset);
}

function checkMacNumber(mac: number, what: string): void {
  if (!Number.isInteger(mac) || mac < 0 || mac > BROADCAST_MAC) {
    throw invalidField("address", `${what} is not a 48-bit MAC address: ${mac}`);
  }
}

function checkMacBytes(mac: Uint8Array, what: string): void {
  if (mac.length !== MAC_LENGTH) {
    throw invalidField("address", `${what} must be ${MAC_LENGTH} bytes, got ${mac.length}`);
  }
}

/**
 * Any {@link MacAddressInput} as a 48-bit integer (an EUI-48, RFC 7042 §2.1).
 * @param what names the option in the error message ("mac", "targetHardwareAddress", ...).
 * @throws FrameError `INVALID_FIELD` on bad text, a wrong byte count or an out-of-range number.
 */
export function macToNumber(input: MacAddressInput, what = "MAC address"): number {
  if (typeof input === "number") {
    checkMacNumber(input, what);
    return input;
  }
  if (typeof input === "string") return readU48(parseMac(input), 0);
  checkMacBytes(input, what);
  return readU48(input, 0);
}

/**
 * Any {@link MacAddressInput} as 6 fresh bytes.
 * @throws FrameError `INVALID_FIELD` as {@link macToNumber}.
 */
export function macToBytes(input: MacAddressInput, what = "MAC address"): Uint8Array {
  if (typeof input === "string") return parseMac(input);
  const out = new Uint8Array(MAC_LENGTH);
  writeMac(out, 0, input, what);
  return out;
}

/**
 * Writes any {@link MacAddressInput} as 6 bytes at `offset`, allocating nothing for numbers and bytes.
 * @throws FrameError `INVALID_FIELD` as {@link macToNumber}.
 */
export function writeMac(out: Uint8Array, offset: number, input: MacAddressInput, what = "MAC address"): void {
  if (typeof input === "number") {
    checkMacNumber(input, what);
    writeU48(out, offset, input);
  } else if (typeof input === "string") {
    copyBytes(parseMac(input), 0, out, offset, MAC_LENGTH);
  } else {
    checkMacBytes(input, what);
    copyBytes(input, 0, out, offset, MAC_LENGTH);
  }
}

/** True when the MAC's I/G bit (least significant bit of the first byte, RFC 7042 §2.1) marks a group address. */
export function isMulticastMac(bytes: Uint8Array, offset = 0): boolean {
  return ((bytes[offset] ?? 0) & 1) === 1;
}

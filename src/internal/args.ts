/**
 * The one argument check at every public entry: byte arrays, offsets and ends. A violation is a
 * `FrameError` `INVALID_FIELD` that names the argument and says what it got (a short description, never
 * `JSON.stringify` of an arbitrary value, which throws on a bigint or a cycle), raised before anything is
 * allocated or written. Views do not throw: they test {@link isRange} and return a code.
 */
import { FrameError, type FrameLayer } from "../errors.js";

/** A short, safe description of any value, for error messages. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "number":
      return String(value);
    case "bigint":
      return `${value}n (a bigint)`;
    case "string":
      return value.length > 40 ? `the string "${value.slice(0, 40)}…"` : `the string "${value}"`;
    case "undefined":
      return "undefined";
    case "boolean":
      return String(value);
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} bytes`;
      if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
      if (Array.isArray(value)) return `an array of ${value.length}`;
      return "an object";
  }
}

/** True when `[offset, end)` is a range of integers inside `bytes` (NaN, fractions and strings fail). */
export function isRange(bytes: Uint8Array, offset: number, end: number): boolean {
  return Number.isInteger(offset) && Number.isInteger(end) && offset >= 0 && offset <= end && end <= bytes.length;
}

/** Throws unless `bytes` is a `Uint8Array`. */
export function checkBytes(layer: FrameLayer, name: string, bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new FrameError("INVALID_FIELD", layer, -1, `${name} must be a Uint8Array, got ${describeValue(bytes)}`);
}

/**
 * Throws unless `bytes` is a `Uint8Array` and `offset`/`end` integers with `0 <= offset <= end <=
 * bytes.length` (the arguments of every decoder).
 */
export function checkRange(layer: FrameLayer, bytes: unknown, offset: unknown, end: unknown, names = ["offset", "end"]): void {
  checkBytes(layer, "bytes", bytes);
  if (!(typeof offset === "number" && Number.isInteger(offset) && offset >= 0 && offset <= bytes.length)) {
    throw new FrameError("INVALID_FIELD", layer, -1, `${names[0]} must be an integer from 0 to ${bytes.length}, got ${describeValue(offset)}`);
  }
  if (!(typeof end === "number" && Number.isInteger(end) && end >= offset && end <= bytes.length)) {
    throw new FrameError("INVALID_FIELD", layer, -1, `${names[1]} must be an integer from ${offset} to ${bytes.length}, got ${describeValue(end)}`);
  }
}

/**
 * {@link checkRange} for the ICMPv6-level decoders, which take the IPv6 header's offset too:
 * `ipv6Offset` an integer inside `bytes` (or -1: no IPv6 header, so no checksum verdict),
 * `[icmpOffset, icmpEnd)` a range inside it.
 */
export function checkNdpRange(layer: FrameLayer, bytes: unknown, ipv6Offset: unknown, icmpOffset: unknown, icmpEnd: unknown): void {
  checkRange(layer, bytes, icmpOffset, icmpEnd, ["icmpOffset", "icmpEnd"]);
  const b = bytes as Uint8Array;
  if (!(typeof ipv6Offset === "number" && Number.isInteger(ipv6Offset) && ipv6Offset >= -1 && ipv6Offset <= b.length)) {
    throw new FrameError("INVALID_FIELD", layer, -1, `ipv6Offset must be an integer from -1 to ${b.length}, got ${describeValue(ipv6Offset)}`);
  }
}

/**
 * The arguments of the public checksum helpers: the IPv6 header `[ipv6Offset, ipv6Offset + 40)` and the
 * message `[icmpOffset, icmpEnd)` after it, both inside `bytes` (a range past the array's end used to be
 * summed as zeros and could verify as valid).
 */
export function checkPacketRange(bytes: unknown, ipv6Offset: unknown, icmpOffset: unknown, icmpEnd: unknown): void {
  checkRange("icmpv6", bytes, icmpOffset, icmpEnd, ["icmpOffset", "icmpEnd"]);
  const limit = (icmpOffset as number) - 40;
  if (!(typeof ipv6Offset === "number" && Number.isInteger(ipv6Offset) && ipv6Offset >= 0 && ipv6Offset <= limit)) {
    throw new FrameError("INVALID_FIELD", "icmpv6", -1, `ipv6Offset must be an integer from 0 to icmpOffset - 40 (${limit}), got ${describeValue(ipv6Offset)}`);
  }
}

/** Throws unless `out` is a `Uint8Array` and `offset` an integer inside it (the arguments of every encoder). */
export function checkOutput(layer: FrameLayer, out: unknown, offset: unknown): void {
  checkBytes(layer, "out", out);
  if (!(typeof offset === "number" && Number.isInteger(offset) && offset >= 0 && offset <= out.length)) {
    throw new FrameError("INVALID_FIELD", layer, -1, `offset must be an integer from 0 to ${out.length}, got ${describeValue(offset)}`);
  }
}

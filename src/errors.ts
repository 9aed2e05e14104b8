/**
 * The one error type arp-ndp throws, and the numeric codes its allocation-free views return.
 *
 * Decoders are total: on any input they return a value or fail with a {@link FrameError}; they never let a
 * `RangeError` or `TypeError` escape. Views never throw at all: `reset()` returns one of
 * {@link ViewErrorCode} (0 for success) and leaves the offset of the fault in `errorOffset`.
 *
 * @packageDocumentation
 */

/**
 * Why a frame (or an option given to an encoder) was refused.
 *
 * - `TRUNCATED`: the bytes end before a header or field that must be there.
 * - `BAD_LENGTH`: a length field disagrees with the bytes (IPv6 Payload Length overruns the frame,
 *   a capture record longer than its snap length, ...).
 * - `BAD_CHECKSUM`: a checksum was required to be valid and was not (decoders only report it).
 * - `BAD_OPTION`: an NDP option of length 0 or one that overruns its message (RFC 4861 §4.6).
 * - `UNSUPPORTED`: a well-formed input this library does not handle (an unknown capture link type).
 * - `INVALID_FIELD`: a value out of its range (VID 4096, PCP 8, address text that does not parse).
 * - `BUFFER_TOO_SMALL`: an `...Into` encoder was given an output buffer without room for the frame.
 */
export const FrameErrorCode = {
  TRUNCATED: "TRUNCATED",
  BAD_LENGTH: "BAD_LENGTH",
  BAD_CHECKSUM: "BAD_CHECKSUM",
  BAD_OPTION: "BAD_OPTION",
  UNSUPPORTED: "UNSUPPORTED",
  INVALID_FIELD: "INVALID_FIELD",
  BUFFER_TOO_SMALL: "BUFFER_TOO_SMALL",
} as const;
/** One of the {@link FrameErrorCode} strings. */
export type FrameErrorCode = (typeof FrameErrorCode)[keyof typeof FrameErrorCode];

/**
 * The layer (or input kind) an error was found in.
 */
export type FrameLayer =
  | "address"
  | "ethernet"
  | "vlan"
  | "llc"
  | "sll"
  | "arp"
  | "ipv6"
  | "icmpv6"
  | "ndp"
  | "pcap"
  | "pcapng"
  | "hex"
  | "builder";

/**
 * A malformed frame, capture or encoder option.
 *
 * `offset` is the byte (relative to the start of the input that was given to the decoder, or to the
 * output buffer for an encoder) where the fault was found, so a test can point at it.
 * Every entry point of the package (`arp-ndp`, `arp-ndp/capture/node`, `arp-ndp/layouts`) throws this one
 * class. `instanceof FrameError` and {@link isFrameError} both also recognise a `FrameError` from another
 * copy of the library (the ESM and CJS builds loaded side by side), by its name and code.
 */
export class FrameError extends Error {
  /** What went wrong. */
  readonly code: FrameErrorCode;
  /** Byte offset of the fault in the input (or output buffer), or -1 when no byte is to blame. */
  readonly offset: number;
  /** The layer in which the fault was found. */
  readonly layer: FrameLayer;

  constructor(code: FrameErrorCode, layer: FrameLayer, offset: number, message: string) {
    super(`${layer}: ${message}${offset >= 0 ? ` (at byte ${offset})` : ""}`);
    this.name = "FrameError";
    this.code = code;
    this.layer = layer;
    this.offset = offset;
  }

  /** `instanceof` by name and code (see {@link isFrameError}), so it holds across copies of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isFrameError(value);
  }
}

/**
 * True when `value` is a {@link FrameError} (checked by name and code, not `instanceof`, so it also holds
 * across the ESM and CJS builds of this package).
 */
export function isFrameError(value: unknown): value is FrameError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  return (
    candidate.name === "FrameError" &&
    typeof candidate.code === "string" &&
    Object.prototype.hasOwnProperty.call(FrameErrorCode, candidate.code)
  );
}

/** The result of a `tryDecode...` call: never throws, says why it failed. */
export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FrameError };

/**
 * Runs a throwing decoder and returns its value, or its {@link FrameError}, as a {@link DecodeResult}: the
 * body of every `tryDecode...` function. Anything that is not a `FrameError` is a bug and propagates.
 */
export function attemptDecode<T>(decode: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (isFrameError(error)) return { ok: false, error };
    throw error;
  }
}

/**
 * Numeric error codes returned by the allocation-free views' `reset()` (0 means success).
 * Each non-zero value names the same fault as the {@link FrameErrorCode} of the same name.
 */
export const ViewErrorCode = {
  OK: 0,
  TRUNCATED: 1,
  BAD_LENGTH: 2,
  BAD_CHECKSUM: 3,
  BAD_OPTION: 4,
  UNSUPPORTED: 5,
  INVALID_FIELD: 6,
  BUFFER_TOO_SMALL: 7,
} as const;
/** One of the {@link ViewErrorCode} numbers. */
export type ViewErrorCode = (typeof ViewErrorCode)[keyof typeof ViewErrorCode];

const CODE_BY_NUMBER: readonly FrameErrorCode[] = [
  "TRUNCATED", // 0 is never looked up; index 0 keeps the table dense
  "TRUNCATED",
  "BAD_LENGTH",
  "BAD_CHECKSUM",
  "BAD_OPTION",
  "UNSUPPORTED",
  "INVALID_FIELD",
  "BUFFER_TOO_SMALL",
];

/** The {@link FrameErrorCode} string for a non-zero {@link ViewErrorCode}. */
export function frameErrorCodeOf(code: number): FrameErrorCode {
  return CODE_BY_NUMBER[code] ?? "INVALID_FIELD";
}

/** Shorthand used by encoders and parsers: an `INVALID_FIELD` error naming what was wrong. */
export function invalidField(layer: FrameLayer, message: string, offset = -1): FrameError {
  return new FrameError("INVALID_FIELD", layer, offset, message);
}

/** Shorthand used by `...Into` encoders: the output buffer cannot hold `needed` bytes at `offset`. */
export function bufferTooSmall(layer: FrameLayer, offset: number, needed: number, available: number): FrameError {
  return new FrameError(
    "BUFFER_TOO_SMALL",
    layer,
    offset,
    `output needs ${needed} bytes from offset ${offset} but has ${Math.max(0, available)}`,
  );
}

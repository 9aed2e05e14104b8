/**
 * Neighbor Discovery options (RFC 4861 §4.6): a type byte, a length byte in units of 8 octets, then
 * `length · 8 − 2` bytes of data. Three tiers, as everywhere in arp-ndp:
 *
 * - {@link NdpOptionCursor}: an allocation-free walk over the options of a message, never throws.
 * - {@link decodeNdpOptions}: the options as plain objects (throws only `FrameError`).
 * - {@link writeNdpOptions} / {@link ndpOptionsEncodingLength}: the encoder, padding each option with
 *   zeros to a whole number of 8-octet units, preserving order, and letting a fuzzer lie in the length byte.
 *
 * Decoded byte fields (`nonce`, `data`) are `subarray`s of the input: zero-copy, they alias the bytes you
 * decoded, so copy them (`.slice()`) before reusing the buffer.
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, bufferTooSmall, invalidField } from "../errors.js";
import { copyBytes, fillBytes, hexJoin, readU8 } from "../internal/bytes.js";
import { MAC_LENGTH, formatMac, macToNumber, parseMac, writeMac, type MacAddressInput } from "../address/mac.js";
import { NDP_OPTION_TYPE, NDP_OPTION_UNIT } from "./constants.js";
import { checkOutput } from "../internal/args.js";

const EMPTY = new Uint8Array(0);

// ---------------------------------------------------------------------------------------------------
// Decoded shapes
// ---------------------------------------------------------------------------------------------------

/**
 * A Source (type 1) or Target (type 2) Link-Layer Address option (RFC 4861 §4.6.1).
 *
 * `linkLayerAddress` is every data byte of the option (`length · 8 − 2` of them) as lowercase hex joined
 * by ":". For the usual Ethernet option (length 1, RFC 2464 §6) that is exactly the 6-byte MAC text,
 * "02:00:00:00:00:01"; for any other length (other link types, or a sender that pads) it is all 14, 22, ...
 * bytes, padding included, so the option re-encodes byte for byte.
 */
export interface LinkLayerAddressOption {
  /** 1 (source) or 2 (target). */
  type: 1 | 2;
  /** Length in units of 8 octets, as on the wire. */
  length: number;
  /** The option's data bytes as "xx:xx:..." text (a MAC for length 1). */
  linkLayerAddress: string;
}

/** A Nonce option (RFC 3971 §5.3.2; RFC 7527 uses it in DAD probes). */
export interface NonceOption {
  /** 14. */
  type: 14;
  /** Length in units of 8 octets, as on the wire. */
  length: number;
  /** Every data byte of the option (`length · 8 − 2`, at least 6). Aliases the decoded input. */
  nonce: Uint8Array;
}

/** Any other option, kept raw so that it round-trips (RFC 4861 §4.6: unknown options are skipped, not refused). */
export interface RawOption {
  /** The type byte. */
  type: number;
  /** Length in units of 8 octets, as on the wire. */
  length: number;
  /** The `length · 8 − 2` bytes after the type and length bytes. Aliases the decoded input. */
  data: Uint8Array;
}

/**
 * A decoded option. TypeScript cannot narrow on `type` (a {@link RawOption} may carry any number), so
 * narrow on the field instead — `"linkLayerAddress" in option`, `"nonce" in option` — or with
 * {@link isLinkLayerAddressOption} / {@link isNonceOption}. Types 1 and 2 always decode as
 * {@link LinkLayerAddressOption}, 14 as {@link NonceOption}, anything else as {@link RawOption}.
 */
export type NdpOption = LinkLayerAddressOption | NonceOption | RawOption;

/** True for a Source or Target Link-Layer Address option (RFC 4861 §4.6.1). */
export function isLinkLayerAddressOption(option: NdpOption | NdpOptionInput): option is LinkLayerAddressOption {
  return "linkLayerAddress" in option;
}

/** True for a Nonce option (RFC 3971 §5.3.2). */
export function isNonceOption(option: NdpOption | NdpOptionInput): option is NonceOption {
  return "nonce" in option;
}

// ---------------------------------------------------------------------------------------------------
// The cursor (allocation-free)
// ---------------------------------------------------------------------------------------------------

/**
 * An allocation-free, reusable walk over the options in `bytes[start, end)` (RFC 4861 §4.6).
 *
 * ```ts
 * const c = new NdpOptionCursor();
 * c.reset(bytes, optionsStart, optionsEnd);
 * while (c.next()) if (c.type === 1) useMac(readU48(bytes, c.dataOffset));
 * if (c.error !== 0) reject(c.errorOffset);
 * ```
 * `next()` returns true when positioned on an option and false at the end or on a malformed option; then
 * `error` is 0 (clean end) or `ViewErrorCode.BAD_OPTION`, and `errorOffset` is the absolute offset of the
 * option at fault: one of length 0 (RFC 4861 §4.6: "nodes MUST silently discard an ND packet that
 * contains an option with length zero"), one whose length overruns the message, or a lone trailing byte
 * (no room for a length). Each step advances by at least 8 bytes, so the walk always ends.
 */
export class NdpOptionCursor {
  /** The bytes being walked. */
  bytes: Uint8Array = EMPTY;
  /** Offset of the first option. */
  start = 0;
  /** Offset just past the last option (the message's end). */
  end = 0;
  /** Offset of the current option's type byte (-1 before the first `next()`). */
  offset = -1;
  /** Type byte of the current option. */
  type = 0;
  /** Length byte of the current option, in units of 8 octets (1-255). */
  length = 0;
  /** Offset of the current option's data (its type byte + 2). */
  dataOffset = 0;
  /** Bytes of data in the current option: `length · 8 − 2`. */
  dataLength = 0;
  /** 0, or `ViewErrorCode.BAD_OPTION` (or `TRUNCATED` for a range outside `bytes`) once the walk failed. */
  error = 0;
  /** Absolute offset of the option at fault when `error` is set, else -1. */
  errorOffset = -1;
  private nextOffset = 0;

  /**
   * Starts a walk over `bytes[start, end)`.
   * @returns 0, or `ViewErrorCode.TRUNCATED` when the range does not lie inside `bytes` (then `next()` is false).
   */
  reset(bytes: Uint8Array, start = 0, end = bytes.length): number {
    if (this.bytes !== bytes) this.bytes = bytes; // see FrameView: no write barrier when unchanged
    this.start = start;
    this.end = end;
    this.offset = -1;
    this.type = 0;
    this.length = 0;
    this.dataOffset = 0;
    this.dataLength = 0;
    this.nextOffset = start;
    this.error = 0;
    this.errorOffset = -1;
    if (!(start >= 0 && end <= bytes.length && start <= end)) {
      this.error = ViewErrorCode.TRUNCATED;
      this.errorOffset = Math.max(0, Math.min(start, bytes.length));
      return this.error;
    }
    return 0;
  }

  /** Moves to the next option: true when there is one, false at the end or on error (see `error`). */
  next(): boolean {
    if (this.error !== 0) return false;
    const p = this.nextOffset;
    const remaining = this.end - p;
    if (remaining <= 0) return false;
    // A lone byte cannot hold a length; a zero length would loop forever; an overrun lies (RFC 4861 §4.6).
    const units = remaining >= 2 ? readU8(this.bytes, p + 1) : 0;
    if (units === 0 || units * NDP_OPTION_UNIT > remaining) {
      this.error = ViewErrorCode.BAD_OPTION;
      this.errorOffset = p;
      return false;
    }
    this.offset = p;
    this.type = readU8(this.bytes, p);
    this.length = units;
    this.dataOffset = p + 2;
    this.dataLength = units * NDP_OPTION_UNIT - 2;
    this.nextOffset = p + units * NDP_OPTION_UNIT;
    return true;
  }

  /** Total bytes of the current option: `length · 8`. */
  get byteLength(): number {
    return this.length * NDP_OPTION_UNIT;
  }
}

/** @internal The current option of a cursor as a plain object (byte fields alias the cursor's bytes). */
export function ndpOptionFromCursor(cursor: NdpOptionCursor): NdpOption {
  const { bytes, type, length, dataOffset, dataLength } = cursor;
  if (type === NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS || type === NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS) {
    // An Ethernet MAC (6 bytes) is the usual case: formatMac builds it in one flat string.
    const text = dataLength === MAC_LENGTH ? formatMac(bytes, dataOffset) : hexJoin(bytes, dataOffset, dataLength, ":");
    return { type, length, linkLayerAddress: text };
  }
  if (type === NDP_OPTION_TYPE.NONCE) return { type, length, nonce: bytes.subarray(dataOffset, dataOffset + dataLength) };
  return { type, length, data: bytes.subarray(dataOffset, dataOffset + dataLength) };
}

/** @internal Walks all options with `cursor` into objects; throws the cursor's error as a FrameError. */
export function ndpOptionsFromCursor(cursor: NdpOptionCursor): NdpOption[] {
  const options: NdpOption[] = [];
  while (cursor.next()) options.push(ndpOptionFromCursor(cursor));
  if (cursor.error !== 0) throw optionError(cursor);
  return options;
}

function optionError(cursor: NdpOptionCursor): FrameError {
  if (cursor.error === ViewErrorCode.TRUNCATED) {
    return new FrameError("TRUNCATED", "ndp", cursor.errorOffset, "options range lies outside the input");
  }
  return new FrameError("BAD_OPTION", "ndp", cursor.errorOffset, "option of length 0 or overrunning the message (RFC 4861 §4.6)");
}

/**
 * Decodes the options in `bytes[start, end)` in wire order (RFC 4861 §4.6). Unknown types come back raw.
 * Byte fields alias `bytes`.
 * @throws FrameError `BAD_OPTION` (layer `ndp`) at the offending option's offset for an option of length 0,
 *   one that overruns `end`, or a lone trailing byte; `TRUNCATED` when the range lies outside `bytes`.
 */
export function decodeNdpOptions(bytes: Uint8Array, start = 0, end = bytes.length): NdpOption[] {
  const cursor = new NdpOptionCursor();
  cursor.reset(bytes, start, end);
  return ndpOptionsFromCursor(cursor);
}

// ---------------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------------

/**
 * A Source (1) or Target (2) Link-Layer Address option to encode (RFC 4861 §4.6.1).
 * `linkLayerAddress` may be any {@link MacAddressInput} (6 bytes), any number of bytes, or text of any
 * number of "xx" hex pairs joined by ":" (what {@link LinkLayerAddressOption} decodes to), so a decoded
 * option of any length re-encodes to the same bytes.
 */
export interface LinkLayerAddressOptionInput {
  /** 1 (source) or 2 (target). */
  type: 1 | 2;
  /** The address: MAC text, a 48-bit number, or bytes of any length. */
  linkLayerAddress: MacAddressInput;
  /** Length byte to write instead of the computed one (fuzzing; see {@link NdpOptionInput}). */
  length?: number;
}

/** A Nonce option to encode (RFC 3971 §5.3.2): the nonce bytes, 6 or more for a valid option (any count is written). */
export interface NonceOptionInput {
  /** 14. */
  type: 14;
  /** The nonce. */
  nonce: Uint8Array;
  /** Length byte to write instead of the computed one (fuzzing). */
  length?: number;
}

/** Any option as raw data (the bytes after type and length). */
export interface RawOptionInput {
  /** Type byte, 0-255. */
  type: number;
  /** The data. */
  data: Uint8Array;
  /** Length byte to write instead of the computed one (fuzzing). */
  length?: number;
}

/**
 * An option to encode. Every decoded {@link NdpOption} is one, so decode → encode round-trips.
 *
 * The data is written in full and zero-padded to `ceil((2 + data) / 8)` units (RFC 4861 §4.6); the length
 * byte is that unit count unless `length` is given. An explicit `length` (0-255, even 0 or a value that
 * disagrees with the data) is written as it is, for fuzzing: the bytes written stay the data plus padding,
 * so a lying length makes the message malformed on purpose.
 */
export type NdpOptionInput = LinkLayerAddressOptionInput | NonceOptionInput | RawOptionInput;

const HEX_PAIRS_TEXT = /^[0-9a-f]{2}(?::[0-9a-f]{2})*$/i;

/** Link-layer address text: "xx:xx:..." pairs of any count, else any MAC notation {@link parseMac} takes. */
function parseLinkLayerText(text: string): Uint8Array {
  if (HEX_PAIRS_TEXT.test(text)) {
    const count = (text.length + 1) / 3;
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = parseInt(text.slice(i * 3, i * 3 + 2), 16);
    return out;
  }
  return parseMac(text);
}

function optionDataLength(option: NdpOptionInput, index: number): number {
  if (isLinkLayerInput(option)) {
    const a = option.linkLayerAddress;
    if (typeof a === "number") {
      macToNumber(a, "linkLayerAddress"); // range check before anything is written
      return MAC_LENGTH;
    }
    if (typeof a === "string") return parseLinkLayerText(a).length;
    if (!(a instanceof Uint8Array)) throw invalidField("ndp", `option ${index}: linkLayerAddress is not text, a number or bytes`);
    return a.length;
  }
  const bytes = isNonceInput(option) ? option.nonce : (option as RawOptionInput).data;
  if (!(bytes instanceof Uint8Array)) throw invalidField("ndp", `option ${index} (type ${option.type}) has no bytes`);
  return bytes.length;
}

function isLinkLayerInput(option: NdpOptionInput): option is LinkLayerAddressOptionInput {
  return "linkLayerAddress" in option;
}

function isNonceInput(option: NdpOptionInput): option is NonceOptionInput {
  return "nonce" in option;
}

function checkOptionHeader(option: NdpOptionInput, units: number, index: number): void {
  if (!Number.isInteger(option.type) || option.type < 0 || option.type > 255) {
    throw invalidField("ndp", `option ${index}: type must be 0-255, got ${option.type}`);
  }
  const length = option.length;
  if (length !== undefined) {
    if (!Number.isInteger(length) || length < 0 || length > 255) {
      throw invalidField("ndp", `option ${index}: length must be 0-255 units, got ${length}`);
    }
  } else if (units > 255) {
    throw invalidField("ndp", `option ${index}: ${units} units of data exceed the 255-unit maximum (RFC 4861 §4.6)`);
  }
}

/** Bytes one option takes on the wire: `ceil((2 + data) / 8) · 8`. */
export function ndpOptionEncodingLength(option: NdpOptionInput, index = 0): number {
  const units = Math.ceil((2 + optionDataLength(option, index)) / NDP_OPTION_UNIT);
  checkOptionHeader(option, units, index);
  return units * NDP_OPTION_UNIT;
}

/**
 * Exact number of bytes {@link writeNdpOptions} writes for `options`.
 * @throws FrameError `INVALID_FIELD` for a type or length outside 0-255, or bad address text.
 */
export function ndpOptionsEncodingLength(options: readonly NdpOptionInput[] | undefined): number {
  if (options === undefined) return 0;
  let total = 0;
  for (let i = 0; i < options.length; i++) total += ndpOptionEncodingLength(options[i]!, i);
  return total;
}

/**
 * Writes `options` in order at `offset`, each zero-padded to 8-octet units, and returns the end offset.
 * Checks every option and the capacity before writing anything.
 * @throws FrameError `BUFFER_TOO_SMALL` when `out` lacks room; `INVALID_FIELD` as {@link ndpOptionsEncodingLength}.
 */
export function writeNdpOptions(out: Uint8Array, offset: number, options: readonly NdpOptionInput[] | undefined): number {
  checkOutput("ndp", out, offset);
  const length = ndpOptionsEncodingLength(options);
  if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("ndp", offset, length, out.length - offset);
  return writeCheckedOptions(out, offset, options);
}

/** @internal Writes options already measured with {@link ndpOptionsEncodingLength} (capacity checked by the caller). */
export function writeCheckedOptions(out: Uint8Array, offset: number, options: readonly NdpOptionInput[] | undefined): number {
  if (options === undefined) return offset;
  let p = offset;
  for (let i = 0; i < options.length; i++) {
    const option = options[i]!;
    let dataLength: number;
    if (isLinkLayerInput(option)) {
      const a = option.linkLayerAddress;
      if (typeof a === "number") {
        writeMac(out, p + 2, a, "linkLayerAddress");
        dataLength = MAC_LENGTH;
      } else {
        const bytes = typeof a === "string" ? parseLinkLayerText(a) : a;
        copyBytes(bytes, 0, out, p + 2, bytes.length);
        dataLength = bytes.length;
      }
    } else {
      const bytes = isNonceInput(option) ? option.nonce : (option as RawOptionInput).data;
      copyBytes(bytes, 0, out, p + 2, bytes.length);
      dataLength = bytes.length;
    }
    const units = Math.ceil((2 + dataLength) / NDP_OPTION_UNIT);
    out[p] = option.type;
    out[p + 1] = option.length ?? units;
    const end = p + units * NDP_OPTION_UNIT;
    fillBytes(out, p + 2 + dataLength, end - (p + 2 + dataLength), 0);
    p = end;
  }
  return p;
}

/** Bytes a Nonce option of `nonceLength` bytes takes: `ceil((2 + n) / 8) · 8` (8 for the usual 6-byte nonce). */
export function nonceOptionLength(nonceLength: number): number {
  return Math.ceil((2 + nonceLength) / NDP_OPTION_UNIT) * NDP_OPTION_UNIT;
}

/**
 * Writes a zero-padded Nonce option (RFC 3971 §5.3.2) at `offset` and returns its end. The caller has
 * checked capacity and that the nonce fits 255 units.
 */
export function writeNonceOption(out: Uint8Array, offset: number, nonce: Uint8Array): number {
  const length = nonceOptionLength(nonce.length);
  out[offset] = NDP_OPTION_TYPE.NONCE;
  out[offset + 1] = length / NDP_OPTION_UNIT;
  copyBytes(nonce, 0, out, offset + 2, nonce.length);
  fillBytes(out, offset + 2 + nonce.length, length - 2 - nonce.length, 0);
  return offset + length;
}

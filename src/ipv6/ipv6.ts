/**
 * The IPv6 fixed header (RFC 8200 §3) and the walk over its extension headers (RFC 8200 §4) to the upper
 * layer.
 *
 * Three tiers: {@link Ipv6View} (allocation-free, never throws), {@link decodeIpv6} (plain object, throws
 * only `FrameError`), and the encoders {@link writeIpv6Header} / {@link encodeIpv6} /
 * {@link encodeIpv6Into} / {@link ipv6EncodingLength}.
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, bufferTooSmall, frameErrorCodeOf, invalidField, type DecodeResult, attemptDecode } from "../errors.js";
import { ZERO_VIEW, byteView, byteViewBase, bytesEqual, copyBytes, readU16, writeU16 } from "../internal/bytes.js";
import { IPV6_LENGTH, formatIpv6At, parseIpv6, type Ipv6AddressInput } from "../address/ipv6.js";
import {
  IPV6_DESTINATION_OFFSET,
  IPV6_FRAGMENT_HEADER_LENGTH,
  IPV6_HEADER_LENGTH,
  IPV6_MAX_EXTENSION_HEADERS,
  IPV6_MAX_PAYLOAD_LENGTH,
  IPV6_PAYLOAD_LENGTH_OFFSET,
  IPV6_SOURCE_OFFSET,
  NEXT_HEADER,
} from "./constants.js";
import { checkOutput, checkRange, isRange } from "../internal/args.js";

const EMPTY = new Uint8Array(0);

/** The decoded IPv6 fixed header (RFC 8200 §3): the pinned `decodeFrame(...).ipv6` shape. */
export interface Ipv6Header {
  /** Version field (6 for IPv6; kept as on the wire, validation flags anything else). */
  version: number;
  /** Traffic Class (RFC 8200 §7: DSCP and ECN). */
  trafficClass: number;
  /** Flow Label, 20 bits (RFC 8200 §6). */
  flowLabel: number;
  /** Payload Length as on the wire: bytes after the fixed header, extension headers included. */
  payloadLength: number;
  /** Next Header of the fixed header (the first extension header, or the upper layer). */
  nextHeader: number;
  /** Hop Limit (255 for every Neighbor Discovery message, RFC 4861 §7.1). */
  hopLimit: number;
  /** Source address, RFC 5952 text. */
  source: string;
  /** Destination address, RFC 5952 text. */
  destination: string;
}

/** An extension header found by the walk (RFC 8200 §4). */
export interface Ipv6ExtensionHeader {
  /** Its type: the Next Header value that announced it (0, 43, 44, 51 or 60). */
  type: number;
  /** Offset of its first byte in the input. */
  offset: number;
  /** Its length in bytes (8 for a Fragment header). */
  length: number;
}

/** {@link decodeIpv6}'s result: the fixed header, the extension headers, and where the upper layer lies. */
export interface DecodedIpv6 {
  /** The fixed header. */
  ipv6: Ipv6Header;
  /** Extension headers in wire order (empty for a plain packet, as every NDP message is). */
  extensionHeaders: Ipv6ExtensionHeader[];
  /**
   * The Next Header value after the last walked extension header: the upper-layer protocol (58 for
   * ICMPv6), or 44 for a non-first fragment (its data cannot be parsed on its own), or the type of an
   * extension header the walk does not enter (ESP, 50) or reached after {@link IPV6_MAX_EXTENSION_HEADERS}.
   */
  upperLayerProtocol: number;
  /** Offset of the upper-layer data (just past the last walked extension header). */
  payloadOffset: number;
  /** Offset just past the payload: fixed header + Payload Length (anything after it is link padding). */
  payloadEnd: number;
}

/**
 * An allocation-free, reusable view of an IPv6 packet: the fixed header (read lazily) and the result of
 * the extension-header walk (RFC 8200 §4).
 *
 * ```ts
 * const ip = new Ipv6View();
 * if (ip.reset(bytes, 14) === 0 && ip.upperLayerProtocol === NEXT_HEADER.ICMPV6) {
 *   // ICMPv6 message in bytes[ip.upperLayerOffset, ip.payloadEnd)
 * }
 * ```
 *
 * The walk enters Hop-by-Hop Options (0), Routing (43), Destination Options (60) (length
 * (Hdr Ext Len + 1) · 8), Fragment (44, 8 bytes) and Authentication (51, (Payload Len + 2) · 4), in any
 * order (ordering rules are validation's concern, RFC 8200 §4.1), and stops at anything else. A fragment
 * with a non-zero Fragment Offset stops it with `upperLayerProtocol` 44 and `upperLayerOffset` just past
 * the Fragment header: the bytes there continue a packet whose start is in another fragment. A first
 * fragment (offset 0) is walked through: its upper layer starts there, but is incomplete when the M flag
 * is set (see `fragmentHeaderOffset`), so its checksum will not verify on its own.
 */
export class Ipv6View {
  /** The bytes last given to `reset`. */
  bytes: Uint8Array = EMPTY;
  /** Offset of the fixed header's first byte. */
  start = 0;
  /** Offset just past the input given to `reset` (the link layer's end). */
  end = 0;
  /** Offset just past the payload: `start + 40 + payloadLength` (less than `end` when the frame is padded). */
  payloadEnd = 0;
  /** Next Header value after the walk (see {@link DecodedIpv6.upperLayerProtocol}). */
  upperLayerProtocol = 0;
  /** Offset of the upper-layer data. */
  upperLayerOffset = 0;
  /** Number of extension headers walked. */
  extensionHeaderCount = 0;
  /** Offset of the first Fragment header walked, or -1 when the packet has none. */
  fragmentHeaderOffset = -1;
  /** Where the last failed `reset` found its fault. */
  errorOffset = -1;

  /**
   * @internal The DataView the getters read through, over `bytes`' buffer (ZERO_VIEW, 64 zero bytes, before
   * the first reset and after one that found no 40-byte header).
   */
  dv = ZERO_VIEW;
  /** @internal Where the fixed header starts in `dv`. */
  at = 0;
  /** @internal Version, traffic class and flow label (the first 32 bits), read by `reset`. */
  firstWord = 0;
  /** @internal Read by `reset`; see `isSourceUnspecified`. */
  sourceUnspecified = false;
  /** @internal Read by `reset`; see `isDestinationMulticast`. */
  destinationMulticast = false;
  private readonly headerTypes = new Uint8Array(IPV6_MAX_EXTENSION_HEADERS);
  private readonly headerOffsets = new Int32Array(IPV6_MAX_EXTENSION_HEADERS);
  private readonly headerLengths = new Int32Array(IPV6_MAX_EXTENSION_HEADERS);

  /**
   * Parses the packet in `bytes[offset, end)` and walks its extension headers. Never throws.
   *
   * @returns 0, or a {@link ViewErrorCode} with `errorOffset` set:
   * - `TRUNCATED` (at `offset`) when fewer than 40 bytes are there, or (at the extension header) when an
   *   extension header's first 8 bytes do not fit in the payload;
   * - `BAD_LENGTH` at `offset + 4` when Payload Length overruns `end`, or at an extension header's length
   *   byte when its length overruns the payload.
   *
   * Lenient on purpose: a Version other than 6 is decoded (captures contain them; validation flags it),
   * and a Payload Length of 0 with a Hop-by-Hop header (a jumbogram, RFC 2675 §3) takes the payload to run
   * to `end` without reading the Jumbo Payload option.
   */
  reset(bytes: Uint8Array, offset = 0, end = bytes.length): number {
    if (this.bytes !== bytes) this.bytes = bytes; // see FrameView: no write barrier when unchanged
    this.start = offset;
    this.end = end;
    this.extensionHeaderCount = 0;
    this.fragmentHeaderOffset = -1;
    this.errorOffset = -1;
    // Kept small for V8's inliner (it charges the whole body to the caller's budget): the common packet —
    // no extension header, Payload Length inside the frame — is all this reads; the rest is out of line.
    if (!(Number.isInteger(offset) && Number.isInteger(end) && offset >= 0 && end <= bytes.length && end - offset >= IPV6_HEADER_LENGTH)) {
      return this.failTruncated(offset, end);
    }
    this.readFixed(byteView(bytes), byteViewBase() + offset);
    const payloadLength = (bytes[offset + 4]! << 8) | bytes[offset + 5]!;
    const next = bytes[offset + 6]!;
    const p = offset + IPV6_HEADER_LENGTH;
    if (payloadLength > end - p || isExtensionHeader(next)) return this.resetSlow(bytes, offset, end, payloadLength, next);
    this.payloadEnd = p + payloadLength;
    this.upperLayerProtocol = next;
    this.upperLayerOffset = p;
    return 0;
  }


  /**
   * Binds the view to the header at `x` of `v` and reads, once, the fields a getter would otherwise need a
   * mask or four loads for (so that every getter is a field read or one load, which V8 always inlines).
   */
  private readFixed(v: DataView<ArrayBufferLike>, x: number): void {
    if (this.dv !== v) this.dv = v;
    this.at = x;
    this.firstWord = v.getInt32(x);
    this.sourceUnspecified = (v.getInt32(x + 8) | v.getInt32(x + 12) | v.getInt32(x + 16) | v.getInt32(x + 20)) === 0;
    this.destinationMulticast = v.getUint8(x + IPV6_DESTINATION_OFFSET) === 0xff;
  }

  /** A packet with extension headers, a jumbogram, or a Payload Length overrunning the frame. */
  private resetSlow(bytes: Uint8Array, offset: number, end: number, payloadLength: number, first: number): number {
    // A failure below leaves no value of an earlier packet behind.
    this.payloadEnd = 0;
    this.upperLayerProtocol = 0;
    this.upperLayerOffset = 0;
    let next = first;
    let p = offset + IPV6_HEADER_LENGTH;
    let payloadEnd: number;
    if (payloadLength === 0 && next === NEXT_HEADER.HOP_BY_HOP) {
      payloadEnd = end; // RFC 2675 jumbogram: the length is in the Jumbo Payload option; take the frame's end
    } else {
      if (payloadLength > end - p) return this.fail(offset + IPV6_PAYLOAD_LENGTH_OFFSET, ViewErrorCode.BAD_LENGTH);
      payloadEnd = p + payloadLength;
    }
    this.payloadEnd = payloadEnd;
    // Each step advances at least 8 bytes and the count is capped, so the walk always ends.
    let count = 0;
    while (count < IPV6_MAX_EXTENSION_HEADERS) {
      let length: number;
      if (next === NEXT_HEADER.HOP_BY_HOP || next === NEXT_HEADER.ROUTING || next === NEXT_HEADER.DESTINATION_OPTIONS) {
        if (payloadEnd - p < 8) return this.fail(p, ViewErrorCode.TRUNCATED);
        length = (bytes[p + 1]! + 1) * 8;
      } else if (next === NEXT_HEADER.FRAGMENT) {
        if (payloadEnd - p < IPV6_FRAGMENT_HEADER_LENGTH) return this.fail(p, ViewErrorCode.TRUNCATED);
        length = IPV6_FRAGMENT_HEADER_LENGTH;
      } else if (next === NEXT_HEADER.AUTHENTICATION) {
        if (payloadEnd - p < 8) return this.fail(p, ViewErrorCode.TRUNCATED);
        length = (bytes[p + 1]! + 2) * 4;
      } else {
        break;
      }
      if (length > payloadEnd - p) return this.fail(p + 1, ViewErrorCode.BAD_LENGTH);
      this.headerTypes[count] = next;
      this.headerOffsets[count] = p;
      this.headerLengths[count] = length;
      count++;
      const type = next;
      next = bytes[p]!;
      if (type === NEXT_HEADER.FRAGMENT) {
        if (this.fragmentHeaderOffset < 0) this.fragmentHeaderOffset = p;
        if ((readU16(bytes, p + 2) & 0xfff8) !== 0) {
          // Not the first fragment: what follows is the middle of someone else's upper layer.
          next = NEXT_HEADER.FRAGMENT;
          p += length;
          break;
        }
      }
      p += length;
    }
    this.extensionHeaderCount = count;
    this.upperLayerProtocol = next;
    this.upperLayerOffset = p;
    return 0;
  }

  private failTruncated(offset: number, end: number): number {
    this.dv = ZERO_VIEW;
    this.at = 0;
    this.firstWord = 0;
    this.sourceUnspecified = false;
    this.destinationMulticast = false;
    this.payloadEnd = 0;
    this.upperLayerProtocol = 0;
    this.upperLayerOffset = 0;
    // A range inside the array that is too short is TRUNCATED at its start; other bounds INVALID_FIELD.
    if (!isRange(this.bytes, offset, end)) return this.fail(-1, ViewErrorCode.INVALID_FIELD);
    return this.fail(offset, ViewErrorCode.TRUNCATED);
  }

  private fail(at: number, code: number): number {
    this.errorOffset = at;
    return code;
  }

  // Each getter is a field read or one DataView load: at or under the 27 bytes of bytecode that V8 always
  // inlines, whatever budget the caller has left.

  /** Version (4 bits; 6 for IPv6, but any value is decoded). */
  get version(): number {
    return this.firstWord >>> 28;
  }

  /** Traffic Class (8 bits, RFC 8200 §7). */
  get trafficClass(): number {
    return (this.firstWord >>> 20) & 0xff;
  }

  /** Flow Label (20 bits, RFC 8200 §6). */
  get flowLabel(): number {
    return this.firstWord & 0xfffff;
  }

  /** Payload Length as on the wire (0 for a jumbogram). */
  get payloadLength(): number {
    return this.dv.getUint16(this.at + 4);
  }

  /** Next Header of the fixed header. */
  get nextHeader(): number {
    return this.dv.getUint8(this.at + 6);
  }

  /** Hop Limit. */
  get hopLimit(): number {
    return this.dv.getUint8(this.at + 7);
  }

  /** Offset of the 16-byte Source Address (`start + 8`). */
  get sourceOffset(): number {
    return this.start + IPV6_SOURCE_OFFSET;
  }

  /** Offset of the 16-byte Destination Address (`start + 24`). */
  get destinationOffset(): number {
    return this.start + IPV6_DESTINATION_OFFSET;
  }

  /** True when the Source Address equals the 16 bytes at `addr[off]` (no allocation). */
  sourceEquals(addr: Uint8Array, off = 0): boolean {
    return addr.length - off >= IPV6_LENGTH && off >= 0 && bytesEqual(this.bytes, this.sourceOffset, addr, off, IPV6_LENGTH);
  }

  /** True when the Destination Address equals the 16 bytes at `addr[off]` (no allocation). */
  destinationEquals(addr: Uint8Array, off = 0): boolean {
    return addr.length - off >= IPV6_LENGTH && off >= 0 && bytesEqual(this.bytes, this.destinationOffset, addr, off, IPV6_LENGTH);
  }

  /** Copies the Source Address to `out[off, off + 16)`. The caller provides the room. */
  copySource(out: Uint8Array, off = 0): void {
    copyBytes(this.bytes, this.sourceOffset, out, off, IPV6_LENGTH);
  }

  /** Copies the Destination Address to `out[off, off + 16)`. The caller provides the room. */
  copyDestination(out: Uint8Array, off = 0): void {
    copyBytes(this.bytes, this.destinationOffset, out, off, IPV6_LENGTH);
  }

  /** True when the source is :: (a DAD probe, RFC 4862 §5.4.2). */
  get isSourceUnspecified(): boolean {
    return this.sourceUnspecified;
  }

  /** True when the destination is multicast (ff00::/8, RFC 4291 §2.7). */
  get isDestinationMulticast(): boolean {
    return this.destinationMulticast;
  }

  /** Type of walked extension header `index` (0-based, `index < extensionHeaderCount`). */
  extensionHeaderType(index: number): number {
    return this.headerTypes[index] ?? -1;
  }

  /** Offset of walked extension header `index`. */
  extensionHeaderOffset(index: number): number {
    return this.headerOffsets[index] ?? -1;
  }

  /** Length in bytes of walked extension header `index`. */
  extensionHeaderLength(index: number): number {
    return this.headerLengths[index] ?? 0;
  }

  /** The fixed header as a plain object (allocates; valid after a successful `reset`). */
  toHeader(): Ipv6Header {
    return ipv6HeaderFromView(this);
  }
}

/** True for the Next Header values the walk enters (RFC 8200 §4): 0, 43, 44, 51, 60. */
function isExtensionHeader(next: number): boolean {
  return next === 0 || next === 43 || next === 44 || next === 51 || next === 60;
}

/**
 * The fixed header of a successfully reset view as the plain {@link Ipv6Header} (used by `decodeFrame`).
 * @internal
 */
export function ipv6HeaderFromView(view: Ipv6View): Ipv6Header {
  return {
    version: view.version,
    trafficClass: view.trafficClass,
    flowLabel: view.flowLabel,
    payloadLength: view.payloadLength,
    nextHeader: view.nextHeader,
    hopLimit: view.hopLimit,
    source: formatIpv6At(view.dv, view.at + IPV6_SOURCE_OFFSET),
    destination: formatIpv6At(view.dv, view.at + IPV6_DESTINATION_OFFSET),
  };
}

/**
 * Decodes the IPv6 packet in `bytes[offset, end)` (RFC 8200 §3, §4): the fixed header, the extension
 * headers, and where the upper layer lies. Lenient in the ways {@link Ipv6View.reset} describes.
 * @throws FrameError (layer `ipv6`) `TRUNCATED` or `BAD_LENGTH`, with the absolute offset of the fault.
 */
export function decodeIpv6(bytes: Uint8Array, offset = 0, end = bytes?.length): DecodedIpv6 {
  checkRange("ipv6", bytes, offset, end);
  const view = new Ipv6View();
  const code = view.reset(bytes, offset, end);
  if (code !== 0) {
    const what = code === ViewErrorCode.TRUNCATED ? "header cut short" : "length field overruns the packet";
    throw new FrameError(frameErrorCodeOf(code), "ipv6", view.errorOffset, what);
  }
  const extensionHeaders: Ipv6ExtensionHeader[] = [];
  for (let i = 0; i < view.extensionHeaderCount; i++) {
    extensionHeaders.push({ type: view.extensionHeaderType(i), offset: view.extensionHeaderOffset(i), length: view.extensionHeaderLength(i) });
  }
  return {
    ipv6: ipv6HeaderFromView(view),
    extensionHeaders,
    upperLayerProtocol: view.upperLayerProtocol,
    payloadOffset: view.upperLayerOffset,
    payloadEnd: view.payloadEnd,
  };
}

/** {@link decodeIpv6} that returns a {@link DecodeResult} instead of throwing. */
export function tryDecodeIpv6(bytes: Uint8Array, offset = 0, end = bytes?.length): DecodeResult<DecodedIpv6> {
  return attemptDecode(() => decodeIpv6(bytes, offset, end));
}

/** An IPv6 fixed header to encode (RFC 8200 §3). */
export interface Ipv6HeaderInput {
  /** Version (default 6; any 4-bit value, for fuzzing). */
  version?: number;
  /** Traffic Class (default 0). */
  trafficClass?: number;
  /** Flow Label, 20 bits (default 0). */
  flowLabel?: number;
  /** Payload Length to write instead of the real one (fuzzing; 0 for a jumbogram). */
  payloadLength?: number;
  /** Next Header (58 for ICMPv6). */
  nextHeader: number;
  /** Hop Limit (255 for Neighbor Discovery). */
  hopLimit: number;
  /** Source address. */
  source: Ipv6AddressInput;
  /** Destination address. */
  destination: Ipv6AddressInput;
}

/** An IPv6 packet to encode: a fixed header and the bytes after it (extension headers and upper layer). */
export interface Ipv6PacketInput extends Ipv6HeaderInput {
  /** Everything after the fixed header (copied). */
  payload?: Uint8Array;
}

function checkField(value: number, max: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw invalidField("ipv6", `${name} must be an integer in 0..${max}, got ${value}`);
  }
}

function addressBytes(input: Ipv6AddressInput, what: string): Uint8Array {
  if (typeof input === "string") return parseIpv6(input);
  if (!(input instanceof Uint8Array) || input.length !== IPV6_LENGTH) {
    throw invalidField("ipv6", `${what} must be 16 bytes, got ${input instanceof Uint8Array ? input.length : typeof input}`);
  }
  return input;
}

/**
 * Writes the 40-byte fixed header at `out[offset]` (RFC 8200 §3) and returns `offset + 40`.
 * `payloadLength` is the real length of what follows; `input.payloadLength` overrides it. Every field is
 * checked before any byte is written. The caller has checked the room (40 bytes).
 * @throws FrameError `INVALID_FIELD` for a field out of range or an address that is not one.
 */
export function writeIpv6Header(out: Uint8Array, offset: number, input: Ipv6HeaderInput, payloadLength: number): number {
  const version = input.version ?? 6;
  const trafficClass = input.trafficClass ?? 0;
  const flowLabel = input.flowLabel ?? 0;
  const length = input.payloadLength ?? payloadLength;
  checkField(version, 0x0f, "version");
  checkField(trafficClass, 0xff, "traffic class");
  checkField(flowLabel, 0xfffff, "flow label");
  if (input.payloadLength === undefined && payloadLength > IPV6_MAX_PAYLOAD_LENGTH) {
    throw invalidField("ipv6", `payload of ${payloadLength} bytes exceeds ${IPV6_MAX_PAYLOAD_LENGTH} (jumbograms need payloadLength: 0)`);
  }
  checkField(length, IPV6_MAX_PAYLOAD_LENGTH, "payload length");
  checkField(input.nextHeader, 0xff, "next header");
  checkField(input.hopLimit, 0xff, "hop limit");
  const source = addressBytes(input.source, "source address");
  const destination = addressBytes(input.destination, "destination address");
  out[offset] = (version << 4) | (trafficClass >>> 4);
  out[offset + 1] = ((trafficClass & 0x0f) << 4) | (flowLabel >>> 16);
  writeU16(out, offset + 2, flowLabel & 0xffff);
  writeU16(out, offset + 4, length);
  out[offset + 6] = input.nextHeader;
  out[offset + 7] = input.hopLimit;
  copyBytes(source, 0, out, offset + IPV6_SOURCE_OFFSET, IPV6_LENGTH);
  copyBytes(destination, 0, out, offset + IPV6_DESTINATION_OFFSET, IPV6_LENGTH);
  return offset + IPV6_HEADER_LENGTH;
}

/** Exact length of the encoded packet: 40 plus the payload. */
export function ipv6EncodingLength(input: Ipv6PacketInput): number {
  return IPV6_HEADER_LENGTH + (input.payload?.length ?? 0);
}

/**
 * Encodes the packet into `out` at `offset` and returns the end offset. Nothing is allocated when the
 * addresses are bytes. The payload is copied as it is: an ICMPv6 checksum inside it is the caller's
 * (see `writeIcmpv6Checksum`).
 * @throws FrameError `BUFFER_TOO_SMALL` (nothing written) or `INVALID_FIELD`.
 */
export function encodeIpv6Into(input: Ipv6PacketInput, out: Uint8Array, offset = 0): number {
  checkOutput("ipv6", out, offset);
  const payload = input.payload ?? EMPTY;
  const needed = IPV6_HEADER_LENGTH + payload.length;
  if (!(offset >= 0 && out.length - offset >= needed)) throw bufferTooSmall("ipv6", offset, needed, out.length - offset);
  const p = writeIpv6Header(out, offset, input, payload.length);
  copyBytes(payload, 0, out, p, payload.length);
  return p + payload.length;
}

/**
 * Encodes an IPv6 packet (RFC 8200 §3) into fresh bytes: fixed header, then `payload` unchanged.
 * Payload Length is computed unless overridden.
 * @throws FrameError `INVALID_FIELD` for a field out of range.
 */
export function encodeIpv6(input: Ipv6PacketInput): Uint8Array {
  const out = new Uint8Array(ipv6EncodingLength(input));
  encodeIpv6Into(input, out, 0);
  return out;
}

/**
 * Ethernet II frames (IEEE 802.3 §3.1.1, RFC 894) with any number of 802.1Q/802.1ad tags, and IEEE 802.3
 * length frames carrying LLC/SNAP (RFC 1042), which some captures use for ARP.
 *
 * Three tiers, as everywhere in arp-ndp: {@link EthernetView} (allocation-free, never throws),
 * {@link decodeEthernet} (plain object, throws only `FrameError`), and the encoders.
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, bufferTooSmall, frameErrorCodeOf, invalidField, type DecodeResult, attemptDecode } from "../errors.js";
import { byteView, byteViewBase, copyBytes, fillBytes, readU16, readU32Le, writeU16, writeU32Le } from "../internal/bytes.js";
import { formatMac, formatMacWords, macToNumber, writeMac, type MacAddressInput } from "../address/mac.js";
import { crc32 } from "../checksum/crc32.js";
import {
  ETHERNET_HEADER_LENGTH,
  FCS_LENGTH,
  MAX_8023_LENGTH,
  MIN_PAYLOAD_LENGTH,
  VLAN_TAG_LENGTH,
  isVlanTpid,
} from "./constants.js";
import { checkVlanTags, vlanTagFromTci, writeVlanTag, type VlanTag, type VlanTagInput } from "./vlan.js";
import { checkRange, isRange } from "../internal/args.js";

const EMPTY = new Uint8Array(0);

/** LLC header (IEEE 802.2) of an IEEE 802.3 length frame, with the SNAP extension (RFC 1042) when present. */
export interface LlcHeader {
  /** Destination service access point (0xaa for SNAP). */
  dsap: number;
  /** Source service access point (0xaa for SNAP). */
  ssap: number;
  /** Control field (0x03, unnumbered information, for SNAP). */
  control: number;
  /** SNAP organisationally unique identifier (0 = the protocol id is an EtherType). */
  oui?: number;
  /** SNAP protocol identifier. */
  protocolId?: number;
}

/** The decoded Ethernet header of a frame: the pinned `decodeFrame(...).ethernet` shape. */
export interface EthernetHeader {
  /** Destination MAC as text. */
  destination: string;
  /** Source MAC as text. */
  source: string;
  /**
   * The type/length field after the tags, as on the wire: an EtherType (≥ 0x0600), or for IEEE 802.3
   * frames the length of the LLC data (≤ 1500, then `llc` is present).
   */
  etherType: number;
  /** VLAN tags, outermost first (empty when untagged). */
  vlans: VlanTag[];
  /** LLC (and SNAP) header of an IEEE 802.3 length frame. */
  llc?: LlcHeader;
}

/** {@link decodeEthernet}'s result: the header, and where its payload lies in the input. */
export interface DecodedEthernet {
  /** The header. */
  ethernet: EthernetHeader;
  /**
   * The protocol of the payload: the EtherType, or the SNAP protocol id (with OUI 0) of an 802.3 frame,
   * or -1 for an 802.3 frame without SNAP.
   */
  protocol: number;
  /** Offset of the first payload byte in the input. */
  payloadOffset: number;
  /** Offset just past the payload (the frame's end, or the end an 802.3 length field gives). */
  payloadEnd: number;
}

/**
 * An allocation-free, reusable view of an Ethernet header (gopacket's DecodingLayer idea).
 *
 * `reset(bytes, offset, end)` parses the header and tags and returns 0 or a {@link ViewErrorCode};
 * it never throws and never reads outside `[offset, end)`. The two MACs are read by `reset` and kept in
 * fields (a 48-bit number returned by a getter V8 did not inline would be boxed: an allocation per
 * frame); the tags are read lazily. Do not change the buffer while using the view.
 */
export class EthernetView {
  /** The bytes last given to `reset`. */
  bytes: Uint8Array = EMPTY;
  /** Offset of the frame's first byte. */
  start = 0;
  /** Offset just past the frame's last byte. */
  end = 0;
  /** Number of VLAN tags (any TPID of 0x8100, 0x88a8, 0x9100), outermost at index 0. */
  vlanCount = 0;
  /** The type/length field after the tags (see {@link EthernetHeader.etherType}). */
  etherType = 0;
  /** Payload protocol: the EtherType, the SNAP protocol id, or -1 (see {@link DecodedEthernet.protocol}). */
  protocol = 0;
  /** True for an IEEE 802.3 length frame (an LLC header follows the length). */
  isLlc = false;
  /** Offset of the payload (after the tags, and after LLC/SNAP for 802.3 frames). */
  payloadOffset = 0;
  /** Offset just past the payload. */
  payloadEnd = 0;
  /** Where the last failed `reset` found its fault. */
  errorOffset = -1;
  // Destination and source MAC as 48-bit integers, read by reset (0 after a reset that found no header).
  /** @internal Read by `reset`; see `destinationMac`. */
  destinationMacNumber = 0;
  /** @internal Read by `reset`; see `sourceMac`. */
  sourceMacNumber = 0;

  /**
   * Parses the header of the frame in `bytes[offset, end)` (IEEE 802.3 §3.1.1, IEEE 802.1Q §9.6, and
   * IEEE 802.2 LLC / RFC 1042 SNAP for 802.3 length frames). Every field is reset first, so a failed call
   * leaves no value of an earlier frame behind.
   * @returns 0; `ViewErrorCode.TRUNCATED` when the header, a tag or the LLC header is cut short;
   *   `ViewErrorCode.INVALID_FIELD` (`errorOffset` -1) when `offset`/`end` are not integer bounds inside
   *   `bytes`; `ViewErrorCode.BAD_LENGTH` for an 802.3 length field below 3, which leaves no room for
   *   the LLC header.
   */
  reset(bytes: Uint8Array, offset = 0, end = bytes.length): number {
    if (this.bytes !== bytes) this.bytes = bytes; // see FrameView: no write barrier when unchanged
    this.start = offset;
    this.end = end;
    // Integer bounds inside the buffer (NaN and fractions fail every comparison or the isInteger test).
    if (!(Number.isInteger(offset) && Number.isInteger(end) && offset >= 0 && end <= bytes.length && end - offset >= 14)) {
      return this.failBounds(bytes, offset, end);
    }
    const b = bytes;
    const o = offset;
    this.readMacs(b, o);
    const type = b[o + 12]! << 8 | b[o + 13]!;
    this.errorOffset = -1;
    // VLAN tags (TPID 0x8100, 0x88a8, 0x9100) and IEEE 802.3 lengths (≤ 1500) take the slow path.
    if (type <= 1500 || type === 0x8100 || type === 0x88a8 || type === 0x9100) return this.resetTagsOrLlc(bytes, o, end, type);
    this.vlanCount = 0;
    this.isLlc = false;
    this.etherType = type;
    this.protocol = type;
    this.payloadOffset = o + 14;
    this.payloadEnd = end;
    return 0;
  }


  // The rare paths live in their own methods: reset() stays small enough for V8 to inline it together
  // with what the caller does next. V8 only inlines the calls that ran.

  /**
   * Both MACs as 48-bit integers, into fields (a double stored in a field updates its box in place; returned
   * from a call V8 did not inline it would be boxed anew). Through the cached DataView (one bounds-checked
   * load per word instead of one per byte), inside the 14 bytes reset checked.
   */
  private readMacs(b: Uint8Array, o: number): void {
    const v = byteView(b);
    const x = byteViewBase() + o;
    this.destinationMacNumber = v.getUint16(x) * 0x1_0000_0000 + v.getUint32(x + 2);
    this.sourceMacNumber = v.getUint16(x + 6) * 0x1_0000_0000 + v.getUint32(x + 8);
  }

  /** VLAN tags and/or an IEEE 802.3 length frame; `type` is the type/length field at `offset + 12`. */
  private resetTagsOrLlc(bytes: Uint8Array, offset: number, end: number, type: number): number {
    this.vlanCount = 0;
    this.isLlc = false;
    let p = offset + 12;
    while (isVlanTpid(type)) {
      // Each tag consumes 4 bytes, so the loop always progresses and stops at the frame's end.
      if (end - p < VLAN_TAG_LENGTH + 2) return this.failAt(p, ViewErrorCode.TRUNCATED);
      this.vlanCount++;
      p += VLAN_TAG_LENGTH;
      type = readU16(bytes, p);
    }
    this.etherType = type;
    if (type <= MAX_8023_LENGTH) return this.resetLlc(bytes, p + 2, type, end);
    this.protocol = type;
    this.payloadOffset = p + 2;
    this.payloadEnd = end;
    return 0;
  }

  /** Clears the state a failed reset must not leave behind, and records the fault. */
  private failAt(at: number, code: number): number {
    this.etherType = 0;
    this.protocol = 0;
    this.payloadOffset = 0;
    this.payloadEnd = 0;
    return this.fail(at, code);
  }

  /** A range inside the array that is too short is TRUNCATED at its start; anything else INVALID_FIELD, no byte to blame. */
  private failBounds(bytes: Uint8Array, offset: number, end: number): number {
    this.vlanCount = 0;
    this.isLlc = false;
    this.destinationMacNumber = 0;
    this.sourceMacNumber = 0;
    return isRange(bytes, offset, end) ? this.failAt(offset, ViewErrorCode.TRUNCATED) : this.failAt(-1, ViewErrorCode.INVALID_FIELD);
  }

  /**
   * IEEE 802.3 length frame: LLC header at `p`, perhaps SNAP. Padding beyond the length is trailer; a length
   * beyond the captured bytes is accepted (a truncated capture), the payload then ends with the bytes.
   */
  private resetLlc(bytes: Uint8Array, p: number, length: number, end: number): number {
    this.isLlc = true;
    this.protocol = -1;
    this.payloadOffset = 0;
    this.payloadEnd = 0;
    if (end - p < 3) return this.failAt(p, ViewErrorCode.TRUNCATED);
    // The length field itself leaves no room for the 3-byte LLC header (IEEE 802.2 §3.2).
    if (length < 3) return this.failAt(p - 2, ViewErrorCode.BAD_LENGTH);
    const llcEnd = Math.min(end, p + length);
    this.payloadEnd = llcEnd;
    if (bytes[p] === 0xaa && bytes[p + 1] === 0xaa && bytes[p + 2] === 0x03 && llcEnd - p >= 8) {
      const oui = (bytes[p + 3]! << 16) | readU16(bytes, p + 4);
      this.protocol = oui === 0 ? readU16(bytes, p + 6) : -1;
      this.payloadOffset = p + 8;
    } else {
      this.payloadOffset = p + 3;
    }
    return 0;
  }


  /**
   * The layer of the fault found by the last failed `reset`: `ethernet` (the 14-byte header), `vlan`
   * (a tag or the type after it) or `llc` (the 802.3 LLC header).
   */
  get errorLayer(): "ethernet" | "vlan" | "llc" {
    if (this.isLlc) return "llc";
    return this.errorOffset >= this.start + 12 ? "vlan" : "ethernet";
  }

  private fail(at: number, code: number): number {
    this.errorOffset = at;
    return code;
  }

  /** Destination MAC as a 48-bit integer (read by `reset`). */
  get destinationMac(): number {
    return this.destinationMacNumber;
  }

  /** Source MAC as a 48-bit integer (read by `reset`). */
  get sourceMac(): number {
    return this.sourceMacNumber;
  }

  /** Offset of the header length: 14 plus 4 per tag (the LLC/SNAP header, if any, is not included). */
  get headerLength(): number {
    return ETHERNET_HEADER_LENGTH + VLAN_TAG_LENGTH * this.vlanCount;
  }

  /** TPID of tag `index` (0 = outermost). The caller keeps `index < vlanCount`. */
  vlanTpid(index: number): number {
    return readU16(this.bytes, this.start + 12 + VLAN_TAG_LENGTH * index);
  }

  /** TCI (PCP, DEI, VID) of tag `index`. */
  vlanTci(index: number): number {
    return readU16(this.bytes, this.start + 14 + VLAN_TAG_LENGTH * index);
  }

  /** VLAN id of tag `index`. */
  vlanId(index: number): number {
    return this.vlanTci(index) & 0x0fff;
  }

  /** Priority code point of tag `index`. */
  vlanPriority(index: number): number {
    return this.vlanTci(index) >>> 13;
  }

  /** Drop eligible indicator of tag `index`. */
  vlanDropEligible(index: number): boolean {
    return (this.vlanTci(index) & 0x1000) !== 0;
  }

  /** The header as the plain object `decodeFrame` returns. Allocates. */
  toHeader(): EthernetHeader {
    // One complete literal per form (untagged, tagged, LLC): each object is created with its final hidden
    // class instead of gaining `llc` later.
    if (this.vlanCount === 0 && !this.isLlc) {
      // From the numbers reset read: the cache's two words, without reading the bytes again.
      const d = this.destinationMacNumber;
      const e = this.sourceMacNumber;
      return {
        destination: formatMacWords(Math.floor(d / 0x1_0000_0000), d | 0),
        source: formatMacWords(Math.floor(e / 0x1_0000_0000), e | 0),
        etherType: this.etherType,
        vlans: [],
      };
    }
    return this.toTaggedOrLlcHeader();
  }

  private toTaggedOrLlcHeader(): EthernetHeader {
    const b = this.bytes;
    const s = this.start;
    const vlans: VlanTag[] = [];
    for (let i = 0; i < this.vlanCount; i++) vlans.push(vlanTagFromTci(this.vlanTpid(i), this.vlanTci(i)));
    const destination = formatMac(b, s);
    const source = formatMac(b, s + 6);
    if (!this.isLlc) return { destination, source, etherType: this.etherType, vlans };
    const p = s + this.headerLength;
    const llc: LlcHeader =
      this.payloadOffset === p + 8
        ? { dsap: b[p]!, ssap: b[p + 1]!, control: b[p + 2]!, oui: (b[p + 3]! << 16) | readU16(b, p + 4), protocolId: readU16(b, p + 6) }
        : { dsap: b[p]!, ssap: b[p + 1]!, control: b[p + 2]! };
    return { destination, source, etherType: this.etherType, vlans, llc };
  }
}

/**
 * Decodes the Ethernet header of the frame in `bytes[offset, end)` (IEEE 802.3 §3.1.1, 802.1Q §9.6).
 * Lenient: VID 0 and 4095, stacked tags of any count, trailing padding and FCS are accepted and kept
 * (they are part of `[payloadOffset, payloadEnd)` for an Ethernet II frame).
 * @throws FrameError `TRUNCATED` when the header (layer `ethernet`), a tag (layer `vlan`) or the LLC
 *   header (layer `llc`) is cut short; `BAD_LENGTH` (layer `llc`) for an 802.3 length below 3.
 *   `offset` is the absolute offset in `bytes` where the missing field starts.
 */
export function decodeEthernet(bytes: Uint8Array, offset = 0, end = bytes?.length): DecodedEthernet {
  const result = tryDecodeEthernet(bytes, offset, end);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * {@link decodeEthernet} that never throws (IEEE 802.3 §3.1.1, IEEE 802.1Q §9.6): the header, or the
 * `FrameError` saying why not.
 */
export function tryDecodeEthernet(bytes: Uint8Array, offset = 0, end = bytes?.length): DecodeResult<DecodedEthernet> {
  if (!(bytes instanceof Uint8Array && isRange(bytes, offset, end))) return attemptDecode(() => checkRange("ethernet", bytes, offset, end) as never);
  const view = new EthernetView();
  const code = view.reset(bytes, offset, end);
  if (code !== 0) return { ok: false, error: viewError(code, view.errorLayer, view.errorOffset, VIEW_FAULT[view.errorLayer][code === ViewErrorCode.BAD_LENGTH ? 1 : 0]) };
  return { ok: true, value: { ethernet: view.toHeader(), protocol: view.protocol, payloadOffset: view.payloadOffset, payloadEnd: view.payloadEnd } };
}

const VIEW_FAULT = {
  ethernet: ["header cut short (14 bytes needed)", "header cut short"],
  vlan: ["VLAN tag or the type after it cut short", "VLAN tag cut short"],
  llc: ["LLC header cut short (3 bytes needed)", "IEEE 802.3 length too small for an LLC header"],
} as const;

/** @internal Turns a view's numeric error into a FrameError. */
export function viewError(code: number, layer: FrameError["layer"], offset: number, message: string): FrameError {
  return new FrameError(frameErrorCodeOf(code), layer, offset, message);
}

/** An Ethernet frame to encode. */
export interface EthernetFrameInput {
  /** Destination MAC. */
  destination: MacAddressInput;
  /** Source MAC. */
  source: MacAddressInput;
  /** EtherType of the payload (any 16-bit value). */
  etherType: number;
  /** VLAN tags, outermost first. */
  vlans?: readonly VlanTagInput[];
  /** The payload (copied). */
  payload?: Uint8Array;
  /**
   * Zero padding brings the payload to at least this many bytes (default 46, IEEE 802.3 §4.4.2, so the
   * frame stays valid when a switch strips its tags). 0 leaves a runt, for fuzzing.
   */
  minimumPayloadLength?: number;
  /**
   * Append a frame check sequence (IEEE 802.3 §3.2.9): `true` computes the CRC-32; a number is written as
   * given (a wrong FCS on purpose), least significant byte first like a computed one, so
   * `fcs: computeEthernetFcs(frame)` equals `fcs: true`.
   */
  fcs?: boolean | number;
}

/** Length of the header with `tagCount` VLAN tags: 14 (IEEE 802.3 §3.1.1) plus 4 per tag (IEEE 802.1Q §9.6). */
export function ethernetHeaderLength(tagCount: number): number {
  return ETHERNET_HEADER_LENGTH + VLAN_TAG_LENGTH * tagCount;
}

/** Total frame length for a payload of `payloadLength` bytes, padding (IEEE 802.3 §4.4.2) and optional FCS (§3.2.9) included. */
export function ethernetFrameLength(tagCount: number, payloadLength: number, minimumPayloadLength = MIN_PAYLOAD_LENGTH, fcs = false): number {
  return ethernetHeaderLength(tagCount) + Math.max(payloadLength, minimumPayloadLength) + (fcs ? FCS_LENGTH : 0);
}

/** Exact number of bytes {@link encodeEthernetInto} writes for `input` (see {@link ethernetFrameLength}). */
export function ethernetEncodingLength(input: EthernetFrameInput): number {
  return ethernetFrameLength(
    input.vlans?.length ?? 0,
    input.payload?.length ?? 0,
    input.minimumPayloadLength ?? MIN_PAYLOAD_LENGTH,
    input.fcs !== undefined && input.fcs !== false,
  );
}

/**
 * Writes destination, source, tags and EtherType at `offset` and returns the payload's offset.
 * Ranges (VID, PCP) must have been checked with `checkVlanTags`, and capacity by the caller.
 * @throws FrameError `INVALID_FIELD` when a MAC is not an address.
 */
export function writeEthernetHeader(
  out: Uint8Array,
  offset: number,
  destination: MacAddressInput,
  source: MacAddressInput,
  tags: readonly VlanTagInput[],
  etherType: number,
): number {
  writeMac(out, offset, destination, "destination");
  writeMac(out, offset + 6, source, "source");
  let p = offset + 12;
  for (let i = 0; i < tags.length; i++) {
    writeVlanTag(out, p, tags[i]!, i, tags.length);
    p += VLAN_TAG_LENGTH;
  }
  writeU16(out, p, etherType);
  return p + 2;
}

/**
 * Zero-pads the payload that runs from `payloadOffset` to `payloadEnd` up to `minimumPayloadLength`,
 * appends the FCS if asked, and returns the frame's end.
 */
export function finishEthernetFrame(
  out: Uint8Array,
  frameStart: number,
  payloadOffset: number,
  payloadEnd: number,
  minimumPayloadLength = MIN_PAYLOAD_LENGTH,
  fcs: boolean | number = false,
): number {
  let end = payloadEnd;
  const short = minimumPayloadLength - (payloadEnd - payloadOffset);
  if (short > 0) {
    fillBytes(out, end, short, 0);
    end += short;
  }
  if (fcs !== false) {
    writeU32Le(out, end, fcs === true ? crc32(out, frameStart, end) : fcs);
    end += FCS_LENGTH;
  }
  return end;
}

function checkEtherType(etherType: number): void {
  if (!Number.isInteger(etherType) || etherType < 0 || etherType > 0xffff) {
    throw invalidField("ethernet", `EtherType must be a 16-bit integer, got ${etherType}`);
  }
}

/**
 * Encodes an Ethernet frame into `out` at `offset` and returns the end offset. Writes every byte it
 * owns (padding included), so a reused buffer never leaks old bytes.
 * @throws FrameError `BUFFER_TOO_SMALL` before writing anything when `out` lacks room;
 *   `INVALID_FIELD` for an out-of-range VID, PCP, TPID, EtherType or a bad MAC.
 */
export function encodeEthernetInto(input: EthernetFrameInput, out: Uint8Array, offset = 0): number {
  const tags = input.vlans ?? [];
  checkVlanTags(tags);
  checkEtherType(input.etherType);
  const minimum = input.minimumPayloadLength ?? MIN_PAYLOAD_LENGTH;
  if (!Number.isInteger(minimum) || minimum < 0) {
    throw invalidField("ethernet", `minimumPayloadLength must be a non-negative integer, got ${minimum}`);
  }
  if (typeof input.fcs === "number" && (!Number.isInteger(input.fcs) || input.fcs < 0 || input.fcs > 0xffff_ffff)) {
    throw invalidField("ethernet", `fcs must be a 32-bit integer, got ${input.fcs}`);
  }
  // Both MACs are checked before the first byte is written, so a bad one leaves `out` untouched.
  const destination = macToNumber(input.destination, "destination");
  const source = macToNumber(input.source, "source");
  if (!Number.isInteger(offset)) throw invalidField("ethernet", `offset must be an integer, got ${offset}`);
  const payload = input.payload ?? EMPTY;
  const length = ethernetEncodingLength(input);
  if (offset < 0 || out.length - offset < length) throw bufferTooSmall("ethernet", offset, length, out.length - offset);
  const payloadOffset = writeEthernetHeader(out, offset, destination, source, tags, input.etherType);
  copyBytes(payload, 0, out, payloadOffset, payload.length);
  return finishEthernetFrame(out, offset, payloadOffset, payloadOffset + payload.length, minimum, input.fcs ?? false);
}

/** Encodes an Ethernet frame into a new array (see {@link encodeEthernetInto}). */
export function encodeEthernet(input: EthernetFrameInput): Uint8Array {
  const out = new Uint8Array(ethernetEncodingLength(input));
  encodeEthernetInto(input, out, 0);
  return out;
}

/**
 * The IEEE 802.3 §3.2.9 frame check sequence of the frame `bytes[offset, end)` (the bytes before the FCS),
 * as the CRC value: a frame carries it least significant byte first, which is how `fcs: true` and a
 * numeric `fcs` are written. Wireshark shows the 4 wire bytes read big-endian (byte-swapped).
 */
export function computeEthernetFcs(bytes: Uint8Array, offset = 0, end = bytes.length): number {
  return crc32(bytes, offset, end);
}

/**
 * True when the last 4 bytes of `bytes[offset, end)` are the CRC-32 of the bytes before them
 * (IEEE 802.3 §3.2.9, transmitted least significant byte first). False when the frame is too short.
 */
export function verifyEthernetFcs(bytes: Uint8Array, offset = 0, end = bytes.length): boolean {
  if (!Number.isInteger(offset) || !Number.isInteger(end) || offset < 0 || end > bytes.length || end - offset < ETHERNET_HEADER_LENGTH + FCS_LENGTH) return false;
  return crc32(bytes, offset, end - FCS_LENGTH) === readU32Le(bytes, end - FCS_LENGTH);
}

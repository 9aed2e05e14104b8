/**
 * ARP messages (RFC 826) for any hardware and protocol type and any address lengths: Ethernet/IPv4
 * (hlen 6, plen 4), InfiniBand (hlen 20, RFC 4391), and whatever a fuzzer or a broken stack puts on the
 * wire (hlen and plen up to 255, 8 + 2·(255 + 255) = 1028 bytes).
 *
 * Three tiers, as everywhere in arp-ndp: {@link ArpView} (allocation-free, never throws, with an
 * Ethernet/IPv4 fast path of 48-bit MAC and uint32 IPv4 getters), {@link decodeArp} (a plain object with
 * addresses as text, built on the view), and the encoders {@link encodeArp} / {@link encodeArpInto} /
 * {@link arpEncodingLength}.
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, bufferTooSmall, frameErrorCodeOf, invalidField, type DecodeResult, attemptDecode } from "../errors.js";
import { ZERO_VIEW, byteView, byteViewBase, bytesEqual, copyBytes, hexJoin, readU16, readU32, readU48, readU8, writeU16, writeU32, writeU48 } from "../internal/bytes.js";
import { formatMac, macToNumber, parseMac } from "../address/mac.js";
import { formatIpv4, ipv4ToNumber, parseIpv4 } from "../address/ipv4.js";
import { formatIpv6, parseIpv6 } from "../address/ipv6.js";
import {
  ARP_HARDWARE_TYPE,
  ARP_HEADER_LENGTH,
  ARP_OPERATION,
  ARP_PROTOCOL_IPV4,
  ARP_PROTOCOL_IPV6,
} from "./constants.js";
import { checkOutput, checkRange, isRange } from "../internal/args.js";

const EMPTY = new Uint8Array(0);

/**
 * A decoded ARP message (RFC 826): the pinned `decodeFrame(...).arp` shape.
 *
 * Numeric fields are the raw wire values. Addresses are text: a hardware address of 6 bytes as MAC text
 * ("02:00:00:00:00:01"); a protocol address as dotted IPv4 when the protocol type is 0x0800 and plen 4,
 * as RFC 5952 IPv6 when the protocol type is 0x86dd and plen 16; any other address as lowercase hex bytes
 * joined by ":" ("" when its length is 0). {@link encodeArp} reads all of these forms back.
 */
export interface ArpPacket {
  /** `ar$hrd`: 1 Ethernet, 6 IEEE 802, 32 InfiniBand, ... (see {@link ARP_HARDWARE_TYPE}). */
  hardwareType: number;
  /** `ar$pro`: the EtherType of the protocol, 0x0800 for IPv4. */
  protocolType: number;
  /** `ar$hln`: length of each hardware address in bytes. */
  hardwareLength: number;
  /** `ar$pln`: length of each protocol address in bytes. */
  protocolLength: number;
  /** `ar$op`: 1 request, 2 reply, 3/4 RARP, ... (see {@link ARP_OPERATION}). */
  operation: number;
  /** `ar$sha`. */
  senderHardwareAddress: string;
  /** `ar$spa`. */
  senderProtocolAddress: string;
  /** `ar$tha`. */
  targetHardwareAddress: string;
  /** `ar$tpa`. */
  targetProtocolAddress: string;
}

/**
 * An allocation-free, reusable view of an ARP message (RFC 826) of any hlen/plen.
 *
 * `reset(bytes, offset, end)` checks that the 8-byte fixed header and the four addresses it announces lie
 * in `[offset, end)` and returns 0 or a {@link ViewErrorCode} (then `errorOffset` says where); it never
 * throws and never reads outside `[offset, end)`. Trailing bytes after the message (Ethernet padding, an
 * FCS) are allowed and left alone: `end` is set to the message's own end.
 *
 * The Ethernet/IPv4 fast path (`senderMac`, `targetMac`, `senderIpv4`, `targetIpv4`, `isEthernetIpv4`) is
 * read once by `reset` and kept in fields: a 48-bit MAC or an IPv4 address ≥ 2^31 is not a small integer
 * to V8, and a getter that computed it would return it boxed in a fresh heap number whenever V8 did not
 * inline it (an allocation per frame). Everything else is read lazily. Do not change the buffer while
 * using the view.
 *
 * ```ts
 * const arp = new ArpView();
 * if (arp.reset(frame, 14) === 0 && arp.isEthernetIpv4 && arp.operation === 1 && arp.targetIpv4 === myIp) {
 *   // answer with buildArpReplyInto(...)
 * }
 * ```
 */
export class ArpView {
  /** The bytes last given to `reset`. */
  bytes: Uint8Array = EMPTY;
  /** Offset of the message's first byte (the hardware type). */
  start = 0;
  /** Offset just past the message (`start + length`) after a successful `reset`. */
  end = 0;
  /** `ar$hln`, read by `reset`. */
  hardwareLength = 0;
  /** `ar$pln`, read by `reset`. */
  protocolLength = 0;
  /** Where the last failed `reset` found its fault: the start for a short header, else the first missing byte. */
  errorOffset = -1;
  // The fast-path fields, read by reset (see the class notes). 0 when the address is not 6 (MAC) or 4
  // (IPv4) bytes long, or after a failed reset.
  /** @internal Read by `reset`; see `senderMac`. */
  senderMacNumber = 0;
  /** @internal Read by `reset`; see `senderIpv4`. */
  senderIpv4Number = 0;
  /** @internal Read by `reset`; see `targetMac`. */
  targetMacNumber = 0;
  /** @internal Read by `reset`; see `targetIpv4`. */
  targetIpv4Number = 0;
  /** @internal Read by `reset`; see `isEthernetIpv4`. */
  ethernetIpv4 = false;
  /**
   * @internal The DataView the getters read through, over `bytes`' buffer (ZERO_VIEW, 64 zero bytes, before
   * the first reset and after a failed one).
   */
  dv = ZERO_VIEW;
  /** @internal Where the message starts in `dv`. */
  at = 0;

  /**
   * Parses the ARP message at `bytes[offset, end)`.
   * @returns 0; or `ViewErrorCode.TRUNCATED` with `errorOffset = offset` when fewer than 8 bytes are
   *   there, or with `errorOffset` at the first missing address byte when the addresses are cut short.
   */
  reset(bytes: Uint8Array, offset = 0, end = bytes.length): number {
    if (this.bytes !== bytes) this.bytes = bytes; // see FrameView: no write barrier when unchanged
    this.start = offset;
    this.errorOffset = -1;
    const b = bytes;
    const o = offset;
    // Fast path, Ethernet/IPv4 (hlen 6, plen 4: 28 bytes); anything else, errors included, is resetOther's.
    if (!(Number.isInteger(o) && Number.isInteger(end) && o >= 0 && end <= b.length && end - o >= 28 && b[o + 4] === 6 && b[o + 5] === 4)) {
      return this.resetOther(b, o, end);
    }
    this.hardwareLength = 6;
    this.protocolLength = 4;
    this.end = o + 28;
    const v = byteView(b);
    this.readEthernetIpv4(v, byteViewBase() + o);
    return 0;
  }


  // The rare paths live in their own methods so that reset() stays small enough for V8 to inline.

  /**
   * The Ethernet/IPv4 fields at their fixed offsets inside [o, o + 28), through the cached DataView (one
   * bounds-checked load per word instead of one per byte). The doubles go to fields, whose boxes are
   * updated in place: never a new one.
   */
  private readEthernetIpv4(v: DataView<ArrayBufferLike>, x: number): void {
    if (this.dv !== v) this.dv = v;
    this.at = x;
    this.senderMacNumber = v.getUint16(x + 8) * 0x1_0000_0000 + v.getUint32(x + 10);
    this.senderIpv4Number = v.getUint32(x + 14);
    this.targetMacNumber = v.getUint16(x + 18) * 0x1_0000_0000 + v.getUint32(x + 20);
    this.targetIpv4Number = v.getUint32(x + 24);
    this.ethernetIpv4 = v.getInt32(x) === 0x0001_0800;
  }

  /** Any hlen/plen, and every error: the general parse. */
  private resetOther(bytes: Uint8Array, offset: number, end: number): number {
    this.end = offset;
    this.clearAddresses();
    this.dv = ZERO_VIEW;
    this.at = 0;
    if (!(isRange(bytes, offset, end) && end - offset >= ARP_HEADER_LENGTH)) {
      this.hardwareLength = 0;
      this.protocolLength = 0;
      // A range inside the array that is too short is TRUNCATED at its start; other bounds INVALID_FIELD.
      const range = isRange(bytes, offset, end);
      this.errorOffset = range ? offset : -1;
      return range ? ViewErrorCode.TRUNCATED : ViewErrorCode.INVALID_FIELD;
    }
    const hlen = readU8(bytes, offset + 4);
    const plen = readU8(bytes, offset + 5);
    this.hardwareLength = hlen;
    this.protocolLength = plen;
    // At most 8 + 2·(255 + 255) = 1028: plain doubles, nothing can wrap.
    const length = ARP_HEADER_LENGTH + 2 * (hlen + plen);
    if (end - offset < length) {
      this.errorOffset = end;
      return ViewErrorCode.TRUNCATED;
    }
    this.end = offset + length;
    const view = byteView(bytes);
    if (this.dv !== view) this.dv = view;
    this.at = byteViewBase() + offset;
    // A 6-byte hardware address or a 4-byte protocol address still gets its number.
    const sha = offset + ARP_HEADER_LENGTH;
    const tha = sha + hlen + plen;
    if (hlen === 6) {
      this.senderMacNumber = readU48(bytes, sha);
      this.targetMacNumber = readU48(bytes, tha);
    }
    if (plen === 4) {
      this.senderIpv4Number = readU32(bytes, sha + hlen);
      this.targetIpv4Number = readU32(bytes, tha + hlen);
    }
    this.ethernetIpv4 = hlen === 6 && plen === 4 && readU16(bytes, offset) === 1 && readU16(bytes, offset + 2) === ARP_PROTOCOL_IPV4;
    return 0;
  }

  private clearAddresses(): void {
    this.senderMacNumber = 0;
    this.senderIpv4Number = 0;
    this.targetMacNumber = 0;
    this.targetIpv4Number = 0;
    this.ethernetIpv4 = false;
  }

  /** `ar$hrd` (1 Ethernet, 32 InfiniBand, ...). */
  get hardwareType(): number {
    return this.dv.getUint16(this.at);
  }

  /** `ar$pro` (0x0800 IPv4). */
  get protocolType(): number {
    return this.dv.getUint16(this.at + 2);
  }

  /** `ar$op` (1 request, 2 reply, ...). */
  get operation(): number {
    return this.dv.getUint16(this.at + 6);
  }

  /** Length of the message: 8 + 2·(hlen + plen). */
  get length(): number {
    return ARP_HEADER_LENGTH + 2 * (this.hardwareLength + this.protocolLength);
  }

  /** Absolute offset of `ar$sha` in `bytes`. */
  get senderHardwareOffset(): number {
    return this.start + ARP_HEADER_LENGTH;
  }

  /** Absolute offset of `ar$spa` in `bytes`. */
  get senderProtocolOffset(): number {
    return this.start + ARP_HEADER_LENGTH + this.hardwareLength;
  }

  /** Absolute offset of `ar$tha` in `bytes`. */
  get targetHardwareOffset(): number {
    return this.start + ARP_HEADER_LENGTH + this.hardwareLength + this.protocolLength;
  }

  /** Absolute offset of `ar$tpa` in `bytes`. */
  get targetProtocolOffset(): number {
    return this.start + ARP_HEADER_LENGTH + 2 * this.hardwareLength + this.protocolLength;
  }

  /** True for the common case: hardware type 1, protocol type 0x0800, hlen 6, plen 4 (read by `reset`). */
  get isEthernetIpv4(): boolean {
    return this.ethernetIpv4;
  }

  /** `ar$sha` as a 48-bit integer (read by `reset`); 0 unless `hardwareLength === 6`. */
  get senderMac(): number {
    return this.senderMacNumber;
  }

  /** `ar$tha` as a 48-bit integer (read by `reset`); 0 unless `hardwareLength === 6`. */
  get targetMac(): number {
    return this.targetMacNumber;
  }

  /** `ar$spa` as a uint32 (read by `reset`); 0 unless `protocolLength === 4`. */
  get senderIpv4(): number {
    return this.senderIpv4Number;
  }

  /** `ar$tpa` as a uint32 (read by `reset`); 0 unless `protocolLength === 4`. */
  get targetIpv4(): number {
    return this.targetIpv4Number;
  }

  /** True when `ar$sha` equals the `hardwareLength` bytes at `addr[off]` (false when `addr` is shorter). */
  senderHardwareEquals(addr: Uint8Array, off = 0): boolean {
    return rangeEquals(this.bytes, this.senderHardwareOffset, addr, off, this.hardwareLength);
  }

  /** True when `ar$spa` equals the `protocolLength` bytes at `addr[off]`. */
  senderProtocolEquals(addr: Uint8Array, off = 0): boolean {
    return rangeEquals(this.bytes, this.senderProtocolOffset, addr, off, this.protocolLength);
  }

  /** True when `ar$tha` equals the `hardwareLength` bytes at `addr[off]`. */
  targetHardwareEquals(addr: Uint8Array, off = 0): boolean {
    return rangeEquals(this.bytes, this.targetHardwareOffset, addr, off, this.hardwareLength);
  }

  /** True when `ar$tpa` equals the `protocolLength` bytes at `addr[off]` (e.g. 16 bytes of an IPv6 address). */
  targetProtocolEquals(addr: Uint8Array, off = 0): boolean {
    return rangeEquals(this.bytes, this.targetProtocolOffset, addr, off, this.protocolLength);
  }

  /** True when `ar$spa` and `ar$tpa` hold the same bytes (a gratuitous ARP / announcement, RFC 5227 §2.3). */
  get protocolAddressesEqual(): boolean {
    return bytesEqual(this.bytes, this.senderProtocolOffset, this.bytes, this.targetProtocolOffset, this.protocolLength);
  }

  /** True when `ar$sha` and `ar$tha` hold the same bytes (what Linux requires of a gratuitous reply). */
  get hardwareAddressesEqual(): boolean {
    return bytesEqual(this.bytes, this.senderHardwareOffset, this.bytes, this.targetHardwareOffset, this.hardwareLength);
  }

  /**
   * Copies `ar$sha` to `out[off]` and returns the offset after it.
   * @throws FrameError `BUFFER_TOO_SMALL` when `out` has no room (nothing is written).
   */
  copySenderHardware(out: Uint8Array, off = 0): number {
    return copyField(this.bytes, this.senderHardwareOffset, this.hardwareLength, out, off);
  }

  /** Copies `ar$spa` to `out[off]` and returns the offset after it (see {@link ArpView.copySenderHardware}). */
  copySenderProtocol(out: Uint8Array, off = 0): number {
    return copyField(this.bytes, this.senderProtocolOffset, this.protocolLength, out, off);
  }

  /** Copies `ar$tha` to `out[off]` and returns the offset after it. */
  copyTargetHardware(out: Uint8Array, off = 0): number {
    return copyField(this.bytes, this.targetHardwareOffset, this.hardwareLength, out, off);
  }

  /** Copies `ar$tpa` to `out[off]` and returns the offset after it. */
  copyTargetProtocol(out: Uint8Array, off = 0): number {
    return copyField(this.bytes, this.targetProtocolOffset, this.protocolLength, out, off);
  }

  /** The message as the plain object {@link decodeArp} returns (allocates). Valid after a successful `reset`. */
  toPacket(): ArpPacket {
    return decodeArpFromView(this);
  }
}

function rangeEquals(b: Uint8Array, bo: number, addr: Uint8Array, off: number, len: number): boolean {
  if (!(off >= 0 && addr.length - off >= len)) return false;
  return bytesEqual(b, bo, addr, off, len);
}

function copyField(b: Uint8Array, from: number, len: number, out: Uint8Array, off: number): number {
  if (!(off >= 0 && out.length - off >= len)) throw bufferTooSmall("arp", off, len, out.length - off);
  copyBytes(b, from, out, off, len);
  return off + len;
}

function formatHardware(b: Uint8Array, off: number, len: number): string {
  return len === 6 ? formatMac(b, off) : hexJoin(b, off, len, ":");
}

function formatProtocol(b: Uint8Array, off: number, len: number, type: number): string {
  if (len === 4 && type === ARP_PROTOCOL_IPV4) return formatIpv4(b, off);
  if (len === 16 && type === ARP_PROTOCOL_IPV6) return formatIpv6(b, off);
  return hexJoin(b, off, len, ":");
}

/**
 * The plain object of a view after a successful `reset` (used by `decodeArp` and `decodeFrame`).
 * @internal
 */
export function decodeArpFromView(view: ArpView): ArpPacket {
  const b = view.bytes;
  const s = view.start;
  const hlen = view.hardwareLength;
  const plen = view.protocolLength;
  const ptype = readU16(b, s + 2);
  const sha = s + ARP_HEADER_LENGTH;
  const spa = sha + hlen;
  const tha = spa + plen;
  const tpa = tha + hlen;
  return {
    hardwareType: readU16(b, s),
    protocolType: ptype,
    hardwareLength: hlen,
    protocolLength: plen,
    operation: readU16(b, s + 6),
    senderHardwareAddress: formatHardware(b, sha, hlen),
    senderProtocolAddress: formatProtocol(b, spa, plen, ptype),
    targetHardwareAddress: formatHardware(b, tha, hlen),
    targetProtocolAddress: formatProtocol(b, tpa, plen, ptype),
  };
}

function arpViewError(view: ArpView, code: number): FrameError {
  const message =
    view.errorOffset === view.start
      ? `ARP header cut short (${ARP_HEADER_LENGTH} bytes needed)`
      : `ARP addresses cut short (hlen ${view.hardwareLength}, plen ${view.protocolLength}: ${view.length} bytes needed)`;
  return new FrameError(frameErrorCodeOf(code), "arp", view.errorOffset, message);
}

// One shared view for the object decoders: JavaScript is single-threaded and decodeArp does not re-enter.
const sharedView = new ArpView();

/**
 * Decodes the ARP message (RFC 826) at `bytes[offset, end)` into a plain object with text addresses.
 * Lenient: any hardware/protocol type, operation and hlen/plen are accepted; bytes after the message
 * (padding, FCS) are ignored.
 * @throws FrameError `TRUNCATED` (layer `arp`, absolute offset) when the header or an address is cut short.
 */
export function decodeArp(bytes: Uint8Array, offset = 0, end = bytes?.length): ArpPacket {
  checkRange("arp", bytes, offset, end);
  const view = sharedView;
  const code = view.reset(bytes, offset, end);
  if (code !== 0) throw arpViewError(view, code);
  return decodeArpFromView(view);
}

/** {@link decodeArp} that never throws: `{ ok: true, value }` or `{ ok: false, error }`. */
export function tryDecodeArp(bytes: Uint8Array, offset = 0, end = bytes?.length): DecodeResult<ArpPacket> {
  // Bad arguments are rare: their error comes from the throwing check; frames take the view, no throw.
  if (!(bytes instanceof Uint8Array && isRange(bytes, offset, end))) return attemptDecode(() => decodeArp(bytes, offset, end));
  const view = sharedView;
  const code = view.reset(bytes, offset, end);
  if (code !== 0) return { ok: false, error: arpViewError(view, code) };
  return { ok: true, value: decodeArpFromView(view) };
}

// ---------------------------------------------------------------------------------------------------
// Encoding

/**
 * An ARP address as encoders accept it:
 * - a number: a 48-bit MAC for hardware addresses, a uint32 IPv4 address for protocol addresses
 *   (allocation-free);
 * - a `Uint8Array` of any length (0-255), written as it is;
 * - text: lowercase or uppercase hex bytes joined by ":" ("c0:a8:01:01", "" for no bytes) are raw bytes;
 *   otherwise a hardware address is MAC text (any form `parseMac` reads) and a protocol address is IPv4
 *   dotted-quad text, or IPv6 text when it contains ":". The one ambiguity, eight 2-digit groups such as
 *   "10:10:10:10:10:10:10:10", is read as IPv6 (16 bytes) when `protocolType` is 0x86dd and
 *   `protocolLength` is absent or 16, and as 8 raw bytes otherwise — so every {@link ArpPacket} that
 *   {@link decodeArp} returns encodes back to the same bytes.
 */
export type ArpAddressInput = string | Uint8Array | number;

/** An ARP message to encode (RFC 826). */
export interface ArpPacketInput {
  /** `ar$hrd`, default 1 (Ethernet). */
  hardwareType?: number;
  /** `ar$pro`, default 0x0800 (IPv4). */
  protocolType?: number;
  /**
   * `ar$hln` as written on the wire; default: the length of the hardware addresses. A value that differs
   * from the addresses' length is written as given while the addresses keep their own length, so the
   * message lies about its layout (for fuzzing receivers).
   */
  hardwareLength?: number;
  /** `ar$pln` as written; default: the length of the protocol addresses (same rule as `hardwareLength`). */
  protocolLength?: number;
  /** `ar$op`: any 16-bit number, or "request" (1) / "reply" (2). */
  operation: number | "request" | "reply";
  /** `ar$sha`. */
  senderHardwareAddress: ArpAddressInput;
  /** `ar$spa`. */
  senderProtocolAddress: ArpAddressInput;
  /** `ar$tha` (same length as `ar$sha`). */
  targetHardwareAddress: ArpAddressInput;
  /** `ar$tpa` (same length as `ar$spa`). */
  targetProtocolAddress: ArpAddressInput;
}

const HEX_BYTE_LIST = /^[0-9a-f]{2}(?::[0-9a-f]{2})*$/i;

function hexBytes(text: string): Uint8Array {
  const n = (text.length + 1) / 3;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = parseInt(text.slice(3 * i, 3 * i + 2), 16);
  return out;
}

/** A hardware address as a 48-bit number (numbers) or bytes (bytes, text). */
function resolveHardware(input: ArpAddressInput, what: string): number | Uint8Array {
  if (typeof input === "number") return macToNumber(input, what);
  if (typeof input !== "string") return checkedBytes(input, what);
  if (input === "") return EMPTY;
  if (HEX_BYTE_LIST.test(input)) return hexBytes(input);
  try {
    return parseMac(input);
  } catch {
    throw invalidField("address", `${what} is neither MAC text nor ":"-separated hex bytes: ${JSON.stringify(input)}`);
  }
}

/** A protocol address as a uint32 (numbers) or bytes (bytes, text). */
function resolveProtocol(input: ArpAddressInput, what: string, protocolType: number, protocolLength: number | undefined): number | Uint8Array {
  if (typeof input === "number") return ipv4ToNumber(input, what);
  if (typeof input !== "string") return checkedBytes(input, what);
  if (input === "") return EMPTY;
  if (HEX_BYTE_LIST.test(input)) {
    const ipv6 = input.length === 23 && protocolType === ARP_PROTOCOL_IPV6 && (protocolLength === undefined || protocolLength === 16);
    if (!ipv6) return hexBytes(input);
  }
  try {
    return input.includes(":") ? parseIpv6(input) : parseIpv4(input);
  } catch {
    throw invalidField("address", `${what} is neither IPv4/IPv6 text nor ":"-separated hex bytes: ${JSON.stringify(input)}`);
  }
}

function checkedBytes(input: Uint8Array, what: string): Uint8Array {
  if (!(input instanceof Uint8Array)) throw invalidField("address", `${what} must be text, a number or a Uint8Array`);
  if (input.length > 255) throw invalidField("address", `${what} is ${input.length} bytes; an ARP address has at most 255`);
  return input;
}

function hardwareSize(a: number | Uint8Array): number {
  return typeof a === "number" ? 6 : a.length;
}

function protocolSize(a: number | Uint8Array): number {
  return typeof a === "number" ? 4 : a.length;
}

function writeHardware(out: Uint8Array, p: number, a: number | Uint8Array): number {
  if (typeof a === "number") {
    writeU48(out, p, a);
    return p + 6;
  }
  copyBytes(a, 0, out, p, a.length);
  return p + a.length;
}

function writeProtocol(out: Uint8Array, p: number, a: number | Uint8Array): number {
  if (typeof a === "number") {
    writeU32(out, p, a);
    return p + 4;
  }
  copyBytes(a, 0, out, p, a.length);
  return p + a.length;
}

function checkU16(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw invalidField("arp", `${what} must be a 16-bit integer, got ${value}`);
  return value;
}

function checkU8(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw invalidField("arp", `${what} must be an integer 0-255, got ${value}`);
  return value;
}

/** The numeric `ar$op` of an {@link ArpPacketInput} operation. */
function operationCode(op: number | "request" | "reply"): number {
  if (op === "request") return ARP_OPERATION.REQUEST;
  if (op === "reply") return ARP_OPERATION.REPLY;
  if (typeof op !== "number") throw invalidField("arp", `operation must be "request", "reply" or a 16-bit integer, got ${JSON.stringify(op)}`);
  return checkU16(op, "operation");
}

/**
 * Exact number of bytes {@link encodeArpInto} writes for `input`: 8 + 2·(hardware address length +
 * protocol address length), from the addresses themselves (not from `hardwareLength`/`protocolLength`).
 * @throws FrameError `INVALID_FIELD` as {@link encodeArpInto}.
 */
export function arpEncodingLength(input: ArpPacketInput): number {
  const protocolType = input.protocolType ?? ARP_PROTOCOL_IPV4;
  const sha = resolveHardware(input.senderHardwareAddress, "senderHardwareAddress");
  const spa = resolveProtocol(input.senderProtocolAddress, "senderProtocolAddress", protocolType, input.protocolLength);
  const tha = resolveHardware(input.targetHardwareAddress, "targetHardwareAddress");
  const tpa = resolveProtocol(input.targetProtocolAddress, "targetProtocolAddress", protocolType, input.protocolLength);
  checkAddressLengths(sha, spa, tha, tpa);
  return ARP_HEADER_LENGTH + 2 * (hardwareSize(sha) + protocolSize(spa));
}

function checkAddressLengths(sha: number | Uint8Array, spa: number | Uint8Array, tha: number | Uint8Array, tpa: number | Uint8Array): void {
  const hlen = hardwareSize(sha);
  const plen = protocolSize(spa);
  if (hardwareSize(tha) !== hlen) {
    throw invalidField("arp", `sender and target hardware addresses differ in length (${hlen} and ${hardwareSize(tha)} bytes)`);
  }
  if (protocolSize(tpa) !== plen) {
    throw invalidField("arp", `sender and target protocol addresses differ in length (${plen} and ${protocolSize(tpa)} bytes)`);
  }
}

/**
 * Encodes an ARP message (RFC 826) into `out` at `offset` and returns the end offset. Every byte of
 * `[offset, end)` is written. Allocates nothing when the addresses are numbers or bytes.
 *
 * `hardwareLength`/`protocolLength` default to the addresses' lengths; given explicitly they are written
 * as they are, even when they disagree with the addresses (which keep their own length).
 * @throws FrameError `INVALID_FIELD` (layer `arp`) for a type, operation or length out of range, or sender
 *   and target addresses of different lengths; (layer `address`) for an address that does not parse or is
 *   longer than 255 bytes; `BUFFER_TOO_SMALL` (before writing anything) when `out` lacks room.
 */
export function encodeArpInto(input: ArpPacketInput, out: Uint8Array, offset = 0): number {
  checkOutput("arp", out, offset);
  const hardwareType = checkU16(input.hardwareType ?? ARP_HARDWARE_TYPE.ETHERNET, "hardwareType");
  const protocolType = checkU16(input.protocolType ?? ARP_PROTOCOL_IPV4, "protocolType");
  const operation = operationCode(input.operation);
  const sha = resolveHardware(input.senderHardwareAddress, "senderHardwareAddress");
  const spa = resolveProtocol(input.senderProtocolAddress, "senderProtocolAddress", protocolType, input.protocolLength);
  const tha = resolveHardware(input.targetHardwareAddress, "targetHardwareAddress");
  const tpa = resolveProtocol(input.targetProtocolAddress, "targetProtocolAddress", protocolType, input.protocolLength);
  checkAddressLengths(sha, spa, tha, tpa);
  const hlen = hardwareSize(sha);
  const plen = protocolSize(spa);
  const hardwareLength = input.hardwareLength === undefined ? hlen : checkU8(input.hardwareLength, "hardwareLength");
  const protocolLength = input.protocolLength === undefined ? plen : checkU8(input.protocolLength, "protocolLength");
  const length = ARP_HEADER_LENGTH + 2 * (hlen + plen);
  if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("arp", offset, length, out.length - offset);
  writeU16(out, offset, hardwareType);
  writeU16(out, offset + 2, protocolType);
  out[offset + 4] = hardwareLength;
  out[offset + 5] = protocolLength;
  writeU16(out, offset + 6, operation);
  let p = writeHardware(out, offset + ARP_HEADER_LENGTH, sha);
  p = writeProtocol(out, p, spa);
  p = writeHardware(out, p, tha);
  return writeProtocol(out, p, tpa);
}

/** Encodes an ARP message into a new array (see {@link encodeArpInto}). */
export function encodeArp(input: ArpPacketInput): Uint8Array {
  const out = new Uint8Array(arpEncodingLength(input));
  encodeArpInto(input, out, 0);
  return out;
}

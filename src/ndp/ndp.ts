/**
 * Neighbor Solicitation and Neighbor Advertisement (RFC 4861 §4.3, §4.4) at the ICMPv6 message level:
 * the allocation-free {@link NdpView}, the {@link NdpMessage} union `decodeFrame` returns as `frame.ndp`,
 * {@link decodeNdp} dispatching on the type byte, and the generic encoder {@link encodeNdpInto}.
 *
 * Message layout (offsets from the ICMPv6 type byte):
 * ```
 *  0 type (135 NS, 136 NA)   1 code   2-3 checksum
 *  4-7 NS: reserved (32 bits) | NA: R (0x80), S (0x40), O (0x20) of byte 4, then 29 reserved bits
 *  8-23 target address
 * 24-   options (RFC 4861 §4.6)
 * ```
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, bufferTooSmall, frameErrorCodeOf, invalidField, type DecodeResult, attemptDecode } from "../errors.js";
import { ZERO_VIEW, byteView, byteViewBase, copyBytes, readI32, readU8, writeU16, writeU32 } from "../internal/bytes.js";
import { IPV6_LENGTH, formatIpv6At, parseIpv6, type Ipv6AddressInput } from "../address/ipv6.js";
import { MAC_LENGTH, formatMacWords } from "../address/mac.js";
import { verifyViewChecksum } from "../checksum/ipv6-pseudo-header.js";
import { IPV6_HEADER_LENGTH } from "../ipv6/constants.js";
import { ICMPV6_TYPE } from "./icmpv6.js";
import {
  NA_FLAG_OVERRIDE,
  NA_FLAG_ROUTER,
  NA_FLAG_SOLICITED,
  NA_RESERVED_MASK,
  NDP_FIXED_LENGTH,
  NDP_OPTION_TYPE,
  NDP_OPTION_UNIT,
  NDP_TARGET_OFFSET,
} from "./constants.js";
import {
  NdpOptionCursor,
  ndpOptionsEncodingLength,
  ndpOptionsFromCursor,
  writeCheckedOptions,
  type NdpOption,
  type NdpOptionInput,
} from "./options.js";
import type { NeighborSolicitation, NeighborSolicitationInput } from "./neighbor-solicitation.js";
import type { NeighborAdvertisement, NeighborAdvertisementInput } from "./neighbor-advertisement.js";
import { checkNdpRange, checkOutput, checkRange, isRange } from "../internal/args.js";

const EMPTY = new Uint8Array(0);
/** A double that is not a small integer (2^48): gives the MAC fields double representation. */
const NO_MAC_DOUBLE = 2 ** 48;

/** @internal ICMPv6 type of a Neighbor Solicitation (RFC 4861 §4.3). */
export const NEIGHBOR_SOLICITATION_TYPE = ICMPV6_TYPE.NEIGHBOR_SOLICITATION;
/** @internal ICMPv6 type of a Neighbor Advertisement (RFC 4861 §4.4). */
export const NEIGHBOR_ADVERTISEMENT_TYPE = ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT;

/**
 * A decoded Neighbor Solicitation or Advertisement: the pinned `decodeFrame(...).ndp` shape.
 * Narrow on `kind`. The ICMPv6 type, code and checksum are in `frame.icmpv6`.
 */
export type NdpMessage = NeighborSolicitation | NeighborAdvertisement;

/** An NS or NA to encode, told apart by `kind`; every decoded {@link NdpMessage} is one. */
export type NdpMessageInput =
  | (NeighborSolicitationInput & { kind: "neighbor-solicitation" })
  | (NeighborAdvertisementInput & { kind: "neighbor-advertisement" });

/**
 * An allocation-free, reusable view of a Neighbor Solicitation or Advertisement (RFC 4861 §4.3, §4.4).
 *
 * `reset(bytes, ipv6Offset, icmpOffset, icmpEnd)` checks the message in `bytes[icmpOffset, icmpEnd)` and
 * returns 0 or a {@link ViewErrorCode}; it never throws, never reads outside that range (and the IPv6
 * header at `ipv6Offset`, only when `verifyChecksum()` is called) and allocates nothing. It walks the
 * options once to validate them (RFC 4861 §4.6) and remembers where the first Source/Target Link-Layer
 * Address and Nonce options are, so the option getters are O(1). Getters read the bytes lazily (except
 * `sourceLinkLayerMac`/`targetLinkLayerMac`, read by `reset` so that they never box a 48-bit number): do
 * not change the buffer while using the view.
 */
export class NdpView {
  /** The bytes last given to `reset`. */
  bytes: Uint8Array = EMPTY;
  /** Offset of the IPv6 header whose addresses form the checksum's pseudo-header (-1: unknown). */
  ipv6Offset = -1;
  /** Offset of the ICMPv6 type byte. */
  start = 0;
  /** Offset just past the ICMPv6 message. */
  end = 0;
  /** Offset of the first option (`start + 24`). */
  optionsStart = 0;
  /** Offset just past the options (`end`). */
  optionsEnd = 0;
  /** Number of options. */
  optionCount = 0;
  /** Offset of the data (the address) of the first Source Link-Layer Address option, -1 when there is none. */
  sourceLinkLayerOffset = -1;
  /** Data bytes of that option (6 for Ethernet). */
  sourceLinkLayerLength = 0;
  /** Offset of the data of the first Target Link-Layer Address option, -1 when there is none. */
  targetLinkLayerOffset = -1;
  /** Data bytes of that option. */
  targetLinkLayerLength = 0;
  /** Offset of the nonce bytes of the first Nonce option (RFC 3971 §5.3.2), -1 when there is none. */
  nonceOffset = -1;
  /** Bytes of nonce in that option (`length · 8 − 2`). */
  nonceLength = 0;
  /** Where the last failed `reset` found its fault (absolute), else -1. */
  errorOffset = -1;
  // The two link-layer MACs as 48-bit numbers, read once by `reset`: a double kept in a field is updated in
  // place, and the getters below stay small enough for V8 to always inline, so reading a MAC never boxes.
  // Both start as a non-small-integer double so the fields have double representation from the first map:
  // a field that starts as a small integer changes map when the first MAC is stored, and the code V8 had
  // optimised for the first kind of message (NS: source MAC only) deoptimises on the other (NA).
  /** @internal Read by `reset`; see `sourceLinkLayerMac`. */
  sourceLinkLayerMacNumber = NO_MAC_DOUBLE;
  /** @internal Read by `reset`; see `targetLinkLayerMac`. */
  targetLinkLayerMacNumber = NO_MAC_DOUBLE;
  /**
   * @internal The DataView the getters read through, over `bytes`' buffer (ZERO_VIEW, 64 zero bytes, before
   * the first reset and after one that found no 24-byte NS/NA).
   */
  dv = ZERO_VIEW;
  /** @internal Where the message starts in `dv`. */
  at = 0;
  /** @internal The 32 bits after the checksum (flags and reserved), read by `reset`. */
  flagsWord = 0;
  /** @internal Read by `reset`; see `reserved`. */
  reservedBits = 0;
  /** @internal Read by `reset`; see `isTargetMulticast`. */
  targetMulticast = false;

  constructor() {
    this.sourceLinkLayerMacNumber = -1;
    this.targetLinkLayerMacNumber = -1;
  }

  /**
   * Checks the ICMPv6 message in `bytes[icmpOffset, icmpEnd)` as an NS or NA.
   * @param ipv6Offset offset of the IPv6 header (for `verifyChecksum`); -1 when there is none.
   * @returns 0; `ViewErrorCode.UNSUPPORTED` (at `icmpOffset`) when the type is neither 135 nor 136 — not an
   *   error in the frame, just "not NS/NA"; `TRUNCATED` when the message is shorter than 24 bytes (at the
   *   first fixed field that does not fit: `icmpOffset` + 0, 4 or 8, as Wireshark marks it) or the range lies
   *   outside `bytes`; `BAD_OPTION` at the offending option (length 0, overrun, or a lone trailing byte).
   */
  reset(bytes: Uint8Array, ipv6Offset: number, icmpOffset: number, icmpEnd: number): number {
    if (this.bytes !== bytes) this.bytes = bytes; // see FrameView: no write barrier when unchanged
    this.ipv6Offset = ipv6Offset;
    this.start = icmpOffset;
    this.end = icmpEnd;
    this.optionsStart = icmpOffset + NDP_FIXED_LENGTH;
    this.optionsEnd = icmpEnd;
    this.errorOffset = -1;
    // Small on purpose (V8 charges an inlined body to its caller's budget): one option walk, the rare
    // outcomes out of line.
    if (!(Number.isInteger(icmpOffset) && Number.isInteger(icmpEnd) && icmpOffset >= 0 && icmpEnd <= bytes.length && icmpEnd - icmpOffset >= NDP_FIXED_LENGTH)) {
      return this.failFixed(bytes, icmpOffset, icmpEnd);
    }
    const type = bytes[icmpOffset]!;
    if (type !== NEIGHBOR_SOLICITATION_TYPE && type !== NEIGHBOR_ADVERTISEMENT_TYPE) return this.failFixed(bytes, icmpOffset, icmpEnd);
    const v = byteView(bytes);
    const x = byteViewBase() + icmpOffset;
    this.readFixed(v, x);
    return this.walkOptions(bytes, icmpOffset + NDP_FIXED_LENGTH, icmpEnd, v, x - icmpOffset);
  }

  /**
   * Binds the view to the message at `x` of `v` and reads, once, what the flag, reserved and multicast
   * getters need (so each is a field read V8 always inlines). The type is 135 or 136.
   */
  private readFixed(v: DataView<ArrayBufferLike>, x: number): void {
    if (this.dv !== v) this.dv = v;
    this.at = x;
    const word = v.getInt32(x + 4);
    this.flagsWord = word;
    // NS: all 32 bits reserved (kept as an int32: the getter makes it unsigned); NA: the 29 after R/S/O.
    this.reservedBits = v.getUint8(x) === NEIGHBOR_SOLICITATION_TYPE ? word : word & NA_RESERVED_MASK;
    this.targetMulticast = v.getUint8(x + NDP_TARGET_OFFSET) === 0xff;
  }

  /**
   * One pass over the options (RFC 4861 §4.6): each is at least 8 bytes (a zero length is refused), so the
   * walk ends; remembers the first SLLA, TLLA and Nonce. `base` is where `bytes[0]` is in `v`. Also called
   * by {@link FrameView}'s fast path, for an NS/NA whose options are not the common single 8-byte one.
   * @internal
   */
  walkOptions(bytes: Uint8Array, start: number, end: number, v: DataView<ArrayBufferLike>, base: number): number {
    let sourceOffset = -1;
    let sourceLength = 0;
    let targetOffset = -1;
    let targetLength = 0;
    let nonceOffset = -1;
    let nonceLength = 0;
    let count = 0;
    let p = start;
    while (p < end) {
      const remaining = end - p;
      // A lone byte cannot hold a length; a zero length would loop forever; an overrun lies.
      const units = remaining >= 2 ? bytes[p + 1]! : 0;
      if (units === 0 || units * NDP_OPTION_UNIT > remaining) {
        this.optionCount = 0;
        this.clearOptions();
        return this.fail(p, ViewErrorCode.BAD_OPTION);
      }
      const t = bytes[p]!;
      const length = units * NDP_OPTION_UNIT - 2;
      if (t === NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS) {
        if (sourceOffset < 0) {
          sourceOffset = p + 2;
          sourceLength = length;
        }
      } else if (t === NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS) {
        if (targetOffset < 0) {
          targetOffset = p + 2;
          targetLength = length;
        }
      } else if (t === NDP_OPTION_TYPE.NONCE && nonceOffset < 0) {
        nonceOffset = p + 2;
        nonceLength = length;
      }
      count++;
      p += units * NDP_OPTION_UNIT;
    }
    this.optionCount = count;
    this.sourceLinkLayerOffset = sourceOffset;
    this.sourceLinkLayerLength = sourceLength;
    this.targetLinkLayerOffset = targetOffset;
    this.targetLinkLayerLength = targetLength;
    this.nonceOffset = nonceOffset;
    this.nonceLength = nonceLength;
    this.sourceLinkLayerMacNumber = sourceLength === 6 ? v.getUint16(base + sourceOffset) * 0x1_0000_0000 + v.getUint32(base + sourceOffset + 2) : -1;
    this.targetLinkLayerMacNumber = targetLength === 6 ? v.getUint16(base + targetOffset) * 0x1_0000_0000 + v.getUint32(base + targetOffset + 2) : -1;
    return 0;
  }

  private clearOptions(): void {
    this.sourceLinkLayerOffset = -1;
    this.sourceLinkLayerLength = 0;
    this.targetLinkLayerOffset = -1;
    this.targetLinkLayerLength = 0;
    this.nonceOffset = -1;
    this.nonceLength = 0;
    this.sourceLinkLayerMacNumber = -1;
    this.targetLinkLayerMacNumber = -1;
  }

  /** The range is outside `bytes`, or shorter than the fixed part (then the type decides the code). */
  private failFixed(bytes: Uint8Array, icmpOffset: number, icmpEnd: number): number {
    this.optionCount = 0;
    this.clearOptions();
    this.dv = ZERO_VIEW;
    this.at = 0;
    this.flagsWord = 0;
    this.reservedBits = 0;
    this.targetMulticast = false;
    if (!isRange(bytes, icmpOffset, icmpEnd)) return this.fail(-1, ViewErrorCode.INVALID_FIELD);
    if (icmpEnd === icmpOffset) return this.fail(icmpOffset, ViewErrorCode.TRUNCATED);
    const type = readU8(bytes, icmpOffset);
    if (type !== NEIGHBOR_SOLICITATION_TYPE && type !== NEIGHBOR_ADVERTISEMENT_TYPE) {
      return this.fail(icmpOffset, ViewErrorCode.UNSUPPORTED);
    }
    const length = icmpEnd - icmpOffset;
    const field = length < 4 ? 0 : length < 8 ? 4 : NDP_TARGET_OFFSET;
    return this.fail(icmpOffset + field, ViewErrorCode.TRUNCATED);
  }

  private fail(at: number, code: number): number {
    this.errorOffset = at;
    return code;
  }

  // Each getter is a field read or one DataView load: at or under the 27 bytes of bytecode that V8 always
  // inlines, whatever budget the caller has left (hence literal flag values: an imported constant costs
  // bytecode).

  /** ICMPv6 type: 135 (NS) or 136 (NA). */
  get type(): number {
    return this.dv.getUint8(this.at);
  }

  /** True for a Neighbor Solicitation. */
  get isSolicitation(): boolean {
    return this.dv.getUint8(this.at) === 135;
  }

  /** True for a Neighbor Advertisement. */
  get isAdvertisement(): boolean {
    return this.dv.getUint8(this.at) === 136;
  }

  /** ICMPv6 code (0 on a valid message, RFC 4861 §7.1.1). */
  get code(): number {
    return this.dv.getUint8(this.at + 1);
  }

  /** The checksum field as on the wire (verify it with {@link verifyChecksum}). */
  get checksum(): number {
    return this.dv.getUint16(this.at + 2);
  }

  /** NA Router flag (RFC 4861 §4.4); on an NS this bit is part of `reserved`. */
  get router(): boolean {
    return this.flagsWord < 0; // bit 31
  }

  /** NA Solicited flag (RFC 4861 §4.4). */
  get solicited(): boolean {
    return (this.flagsWord & 0x4000_0000) !== 0;
  }

  /** NA Override flag (RFC 4861 §4.4). */
  get override(): boolean {
    return (this.flagsWord & 0x2000_0000) !== 0;
  }

  /** The reserved bits as on the wire: all 32 for an NS, the 29 after R/S/O for an NA. */
  get reserved(): number {
    return this.reservedBits >>> 0;
  }

  /** Offset of the 16-byte Target Address. */
  get targetOffset(): number {
    return this.start + NDP_TARGET_OFFSET;
  }

  /** True when the target equals the 16 bytes at `address[offset]` (compared in place). */
  targetEquals(address: Uint8Array, offset = 0): boolean {
    return equal16(this.dv, this.at + NDP_TARGET_OFFSET, address, offset);
  }

  /** Copies the target into `out[offset]` (16 bytes; the caller has checked room). */
  copyTarget(out: Uint8Array, offset = 0): void {
    copyBytes(this.bytes, this.targetOffset, out, offset, IPV6_LENGTH);
  }

  /** True when the target is multicast (ff00::/8), which RFC 4861 §7.1.1/§7.1.2 forbid. */
  get isTargetMulticast(): boolean {
    return this.targetMulticast;
  }

  /** True when there is a Source Link-Layer Address option (of any length). */
  get hasSourceLinkLayer(): boolean {
    return this.sourceLinkLayerOffset >= 0;
  }

  /** True when there is a Target Link-Layer Address option (of any length). */
  get hasTargetLinkLayer(): boolean {
    return this.targetLinkLayerOffset >= 0;
  }

  /** True when there is a Nonce option. */
  get hasNonce(): boolean {
    return this.nonceOffset >= 0;
  }

  /**
   * The first Source Link-Layer Address as a 48-bit MAC, or -1 when absent or not 6 bytes (length ≠ 1).
   * Read by `reset` (not lazily, unlike the other getters), so reading it never allocates.
   */
  get sourceLinkLayerMac(): number {
    return this.sourceLinkLayerMacNumber;
  }

  /**
   * The first Target Link-Layer Address as a 48-bit MAC, or -1 when absent or not 6 bytes (length ≠ 1).
   * Read by `reset`, like {@link sourceLinkLayerMac}.
   */
  get targetLinkLayerMac(): number {
    return this.targetLinkLayerMacNumber;
  }

  /** Positions `cursor` before the first option of this message and returns it (allocation-free). */
  options(cursor: NdpOptionCursor): NdpOptionCursor {
    cursor.reset(this.bytes, this.optionsStart, this.optionsEnd);
    return cursor;
  }

  /**
   * Verifies the ICMPv6 checksum over the RFC 8200 §8.1 pseudo-header of the IPv6 header at `ipv6Offset`
   * (RFC 4443 §2.3). False when the view has no IPv6 header (`ipv6Offset` −1) or it does not fit before the message.
   */
  verifyChecksum(): boolean {
    return checksumValid(this);
  }
}

/**
 * The verdict of {@link NdpView.verifyChecksum}. Out of the class so that the method is small enough for V8
 * to always inline it, leaving one call (this function, which inlines the summing loop) per verdict.
 */
function checksumValid(view: NdpView): boolean {
  const ip = view.ipv6Offset;
  if (!(ip >= 0 && view.start - ip >= IPV6_HEADER_LENGTH)) return false;
  return verifyViewChecksum(view.bytes, ip, view.start, view.end, view.dv, view.at, view.errorOffset < 0);
}

// The address array `targetEquals` compares against through a DataView of its own (a responder asks about
// the same address, or the same array of addresses, frame after frame), and the last array seen that is
// not bound yet: an array is bound (one DataView, unless its buffer has one already) only when asked about
// twice in a row, so a caller cycling through many separate arrays never makes a DataView per call.
let addressArray: Uint8Array = EMPTY;
let addressView: DataView<ArrayBufferLike> = ZERO_VIEW;
let addressBase = 0;
let addressCandidate: Uint8Array = EMPTY;

/**
 * True when the 16 bytes at `i` of `v` equal those at `b[bo]`; false when `b` lacks them. Four 32-bit
 * compares, both sides through a DataView once `b` is bound; until then `b` is read by bytes.
 */
function equal16(v: DataView<ArrayBufferLike>, i: number, b: Uint8Array, bo: number): boolean {
  if (!(bo >= 0 && b.length - bo >= IPV6_LENGTH)) return false;
  if (b !== addressArray) return equal16Unbound(v, i, b, bo);
  const w = addressView;
  const j = addressBase + bo;
  return (
    ((v.getInt32(i) ^ w.getInt32(j)) |
      (v.getInt32(i + 4) ^ w.getInt32(j + 4)) |
      (v.getInt32(i + 8) ^ w.getInt32(j + 8)) |
      (v.getInt32(i + 12) ^ w.getInt32(j + 12))) === 0
  );
}

/** {@link equal16} for an array not bound yet: binds it when it was also the last one seen. */
function equal16Unbound(v: DataView<ArrayBufferLike>, i: number, b: Uint8Array, bo: number): boolean {
  if (b === addressCandidate) {
    addressView = b.buffer === addressView.buffer ? addressView : new DataView(b.buffer);
    addressBase = b.byteOffset;
    addressArray = b;
  } else {
    addressCandidate = b;
  }
  return (
    ((v.getInt32(i) ^ readI32(b, bo)) |
      (v.getInt32(i + 4) ^ readI32(b, bo + 4)) |
      (v.getInt32(i + 8) ^ readI32(b, bo + 8)) |
      (v.getInt32(i + 12) ^ readI32(b, bo + 12))) === 0
  );
}

/**
 * The options of a reset view as objects: the common single 6-byte link-layer address option straight from
 * what `reset` read; anything else walked with the cursor.
 */
function optionsFromView(view: NdpView): NdpOption[] {
  if (view.optionCount === 1 && view.optionsEnd - view.optionsStart === NDP_OPTION_UNIT) {
    const source = view.sourceLinkLayerMacNumber;
    if (view.sourceLinkLayerLength === MAC_LENGTH) return [linkLayerOption(NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS, source)];
    const target = view.targetLinkLayerMacNumber;
    if (view.targetLinkLayerLength === MAC_LENGTH) return [linkLayerOption(NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS, target)];
  }
  return ndpOptionsFromCursor(view.options(messageCursor));
}

/** A decoded 8-byte link-layer address option of `type` holding the 48-bit MAC `mac`. */
function linkLayerOption(type: 1 | 2, mac: number): NdpOption {
  return { type, length: 1, linkLayerAddress: formatMacWords(Math.floor(mac / 0x1_0000_0000), mac | 0) };
}

/** The cursor {@link ndpMessageFromView} walks with (it runs to the end before returning: never shared). */
const messageCursor = new NdpOptionCursor();

/**
 * The message a successfully reset {@link NdpView} is on, as a plain object (allocates; option byte
 * fields alias the view's bytes).
 */
export function ndpMessageFromView(view: NdpView): NdpMessage {
  const targetAddress = formatIpv6At(view.dv, view.at + NDP_TARGET_OFFSET);
  const options = optionsFromView(view);
  if (view.isSolicitation) return { kind: "neighbor-solicitation", reserved: view.reserved, targetAddress, options };
  return {
    kind: "neighbor-advertisement",
    router: view.router,
    solicited: view.solicited,
    override: view.override,
    reserved: view.reserved,
    targetAddress,
    options,
  };
}

/** @internal A view's error code as a FrameError (layer `ndp`). */
export function ndpViewError(code: number, offset: number): FrameError {
  const message =
    code === ViewErrorCode.BAD_OPTION
      ? "option of length 0 or overrunning the message (RFC 4861 §4.6)"
      : code === ViewErrorCode.UNSUPPORTED
        ? "not a Neighbor Solicitation or Advertisement"
        : "message shorter than the 24-byte NS/NA fixed part (RFC 4861 §4.3, §4.4)";
  return new FrameError(frameErrorCodeOf(code), "ndp", offset, message);
}

/**
 * @internal The message `bytes[icmpOffset, icmpEnd)` decoded as an NS (135) or an NA (136) only: the
 * body of `decodeNeighborSolicitation` and `decodeNeighborAdvertisement`.
 * @throws FrameError (layer `ndp`): `UNSUPPORTED` for the other type (or neither), `TRUNCATED` under 24
 *   bytes, `BAD_OPTION` at a malformed option.
 */
export function decodeNdpOfType(bytes: Uint8Array, icmpOffset: number, icmpEnd: number, type: 135 | 136): NdpMessage {
  checkRange("ndp", bytes, icmpOffset, icmpEnd, ["icmpOffset", "icmpEnd"]);
  const view = new NdpView();
  const code = view.reset(bytes, -1, icmpOffset, icmpEnd);
  if (code !== 0) throw ndpViewError(code, view.errorOffset);
  if (view.type !== type) {
    const name = type === NEIGHBOR_SOLICITATION_TYPE ? "Neighbor Solicitation" : "Neighbor Advertisement";
    throw new FrameError("UNSUPPORTED", "ndp", icmpOffset, `ICMPv6 type ${view.type} is not a ${name} (${type})`);
  }
  return ndpMessageFromView(view);
}

/**
 * Decodes the ICMPv6 message in `bytes[icmpOffset, icmpEnd)` as a Neighbor Solicitation or Advertisement
 * (RFC 4861 §4.3, §4.4). Lenient: a non-zero code, reserved bits, unknown options and any link-layer
 * option length are kept; the checksum is not checked (the view's `verifyChecksum` or `decodeFrame` do it).
 * @param ipv6Offset offset of the IPv6 header (kept for symmetry with {@link NdpView.reset}; unused here).
 * @returns the message, or undefined when the ICMPv6 type is neither 135 nor 136.
 * @throws FrameError (layer `ndp`) `TRUNCATED` under 24 bytes, `BAD_OPTION` at a malformed option.
 */
export function decodeNdp(bytes: Uint8Array, ipv6Offset = 0, icmpOffset = ipv6Offset + IPV6_HEADER_LENGTH, icmpEnd = bytes?.length): NdpMessage | undefined {
  checkNdpRange("ndp", bytes, ipv6Offset, icmpOffset, icmpEnd);
  const view = new NdpView();
  const code = view.reset(bytes, ipv6Offset, icmpOffset, icmpEnd);
  if (code === ViewErrorCode.UNSUPPORTED) return undefined;
  if (code !== 0) throw ndpViewError(code, view.errorOffset);
  return ndpMessageFromView(view);
}

/** {@link decodeNdp} that never throws: `{ ok: true, value }` (value undefined for other ICMPv6 types) or `{ ok: false, error }`. */
export function tryDecodeNdp(
  bytes: Uint8Array,
  ipv6Offset = 0,
  icmpOffset = ipv6Offset + IPV6_HEADER_LENGTH,
  icmpEnd = bytes?.length,
): DecodeResult<NdpMessage | undefined> {
  return attemptDecode(() => decodeNdp(bytes, ipv6Offset, icmpOffset, icmpEnd));
}

// ---------------------------------------------------------------------------------------------------
// Encoding (shared by the NS and NA encoders)
// ---------------------------------------------------------------------------------------------------

function checkByte(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw invalidField("ndp", `${what} must be 0-255, got ${value}`);
}

/** @internal The 16 bytes of an address input (text parsed once), checked before anything is written. */
export function ipv6InputBytes(input: Ipv6AddressInput, what: string): Uint8Array {
  if (typeof input === "string") return parseIpv6(input);
  if (!(input instanceof Uint8Array) || input.length !== IPV6_LENGTH) {
    throw invalidField("ndp", `${what} must be IPv6 text or 16 bytes`);
  }
  return input;
}

/** @internal Fields of an NS/NA fixed part, checked. */
interface FixedPart {
  type: number;
  code: number;
  checksum: number;
  word: number;
  target: Uint8Array;
  options: readonly NdpOptionInput[] | undefined;
  length: number;
}

function checkedFixedPart(input: NdpMessageInput): FixedPart {
  const code = input.code ?? 0;
  checkByte(code, "code");
  const checksum = input.checksum ?? 0;
  if (!Number.isInteger(checksum) || checksum < 0 || checksum > 0xffff) {
    throw invalidField("ndp", `checksum must be 0-65535, got ${checksum}`);
  }
  const reserved = input.reserved ?? 0;
  let word: number;
  let type: number;
  if (input.kind === "neighbor-solicitation") {
    type = NEIGHBOR_SOLICITATION_TYPE;
    if (!Number.isInteger(reserved) || reserved < 0 || reserved > 0xffff_ffff) {
      throw invalidField("ndp", `NS reserved must be a 32-bit value, got ${reserved}`);
    }
    word = reserved;
  } else {
    type = NEIGHBOR_ADVERTISEMENT_TYPE;
    if (!Number.isInteger(reserved) || reserved < 0 || reserved > NA_RESERVED_MASK) {
      throw invalidField("ndp", `NA reserved must be a 29-bit value, got ${reserved}`);
    }
    word =
      ((input.router === true ? NA_FLAG_ROUTER : 0) | (input.solicited === true ? NA_FLAG_SOLICITED : 0) | (input.override === true ? NA_FLAG_OVERRIDE : 0)) *
        0x100_0000 +
      reserved;
  }
  const target = ipv6InputBytes(input.targetAddress, "targetAddress");
  const length = NDP_FIXED_LENGTH + ndpOptionsEncodingLength(input.options);
  return { type, code, checksum, word, target, options: input.options, length };
}

/**
 * Exact number of bytes {@link encodeNdpInto} writes: 24 plus the padded options.
 * @throws FrameError `INVALID_FIELD` on a bad field (see {@link encodeNdpInto}).
 */
export function ndpEncodingLength(input: NdpMessageInput): number {
  return checkedFixedPart(input).length;
}

/**
 * Encodes an NS or NA ICMPv6 message (RFC 4861 §4.3, §4.4) at `offset` and returns the end offset.
 * The checksum field is `input.checksum` or 0: it needs the IPv6 pseudo-header, so the frame builders
 * (or `writeIcmpv6Checksum`) fill it in. Every byte is written (reserved bits, option padding).
 * @throws FrameError `INVALID_FIELD` (code, checksum, reserved out of range, bad target, bad option) or
 *   `BUFFER_TOO_SMALL`, before anything is written.
 */
export function encodeNdpInto(input: NdpMessageInput, out: Uint8Array, offset = 0): number {
  checkOutput("ndp", out, offset);
  const part = checkedFixedPart(input);
  if (!(offset >= 0 && out.length - offset >= part.length)) throw bufferTooSmall("ndp", offset, part.length, out.length - offset);
  out[offset] = part.type;
  out[offset + 1] = part.code;
  writeU16(out, offset + 2, part.checksum);
  writeU32(out, offset + 4, part.word);
  copyBytes(part.target, 0, out, offset + NDP_TARGET_OFFSET, IPV6_LENGTH);
  return writeCheckedOptions(out, offset + NDP_FIXED_LENGTH, part.options);
}

/** Encodes an NS or NA ICMPv6 message into a new array (see {@link encodeNdpInto}). */
export function encodeNdp(input: NdpMessageInput): Uint8Array {
  const out = new Uint8Array(ndpEncodingLength(input));
  encodeNdpInto(input, out, 0);
  return out;
}

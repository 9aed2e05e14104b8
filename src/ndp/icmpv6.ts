/**
 * The ICMPv6 message header (RFC 4443 §2.1): type, code and checksum, the first four bytes of every
 * ICMPv6 message, Neighbor Discovery's included. The checksum covers the IPv6 pseudo-header
 * (RFC 4443 §2.3, RFC 8200 §8.1) and is verified only when asked.
 *
 * ```
 *  0 type   1 code   2-3 checksum   4- message body
 * ```
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, frameErrorCodeOf, invalidField, type DecodeResult, attemptDecode } from "../errors.js";
import { ZERO_VIEW, byteView, byteViewBase } from "../internal/bytes.js";
import { verifyViewChecksum } from "../checksum/ipv6-pseudo-header.js";
import { checkNdpRange, isRange } from "../internal/args.js";

const EMPTY = new Uint8Array(0);

/** Length of the ICMPv6 header: type, code, checksum (RFC 4443 §2.1). */
export const ICMPV6_HEADER_LENGTH = 4;

/** Offset of the checksum in an ICMPv6 message (RFC 4443 §2.1). */
export const ICMPV6_CHECKSUM_OFFSET = 2;

/**
 * ICMPv6 message types this library names (IANA "ICMPv6 Parameters"). Types 0-127 are errors, 128-255
 * informational (RFC 4443 §2.1). Any byte decodes.
 */
export const ICMPV6_TYPE = {
  /** Destination Unreachable (RFC 4443 §3.1). */
  DESTINATION_UNREACHABLE: 1,
  /** Packet Too Big (RFC 4443 §3.2). */
  PACKET_TOO_BIG: 2,
  /** Time Exceeded (RFC 4443 §3.3). */
  TIME_EXCEEDED: 3,
  /** Parameter Problem (RFC 4443 §3.4). */
  PARAMETER_PROBLEM: 4,
  /** Echo Request (RFC 4443 §4.1). */
  ECHO_REQUEST: 128,
  /** Echo Reply (RFC 4443 §4.2). */
  ECHO_REPLY: 129,
  /** Multicast Listener Query (RFC 2710 §3). */
  MULTICAST_LISTENER_QUERY: 130,
  /** Multicast Listener Report (RFC 2710 §3). */
  MULTICAST_LISTENER_REPORT: 131,
  /** Multicast Listener Done (RFC 2710 §3). */
  MULTICAST_LISTENER_DONE: 132,
  /** Router Solicitation (RFC 4861 §4.1). */
  ROUTER_SOLICITATION: 133,
  /** Router Advertisement (RFC 4861 §4.2). */
  ROUTER_ADVERTISEMENT: 134,
  /** Neighbor Solicitation (RFC 4861 §4.3). */
  NEIGHBOR_SOLICITATION: 135,
  /** Neighbor Advertisement (RFC 4861 §4.4). */
  NEIGHBOR_ADVERTISEMENT: 136,
  /** Redirect (RFC 4861 §4.5). */
  REDIRECT: 137,
  /** Version 2 Multicast Listener Report (RFC 3810 §5.2), sent by every node joining a solicited-node group. */
  MULTICAST_LISTENER_REPORT_V2: 143,
} as const;
/** One of the {@link ICMPV6_TYPE} values (any byte can appear on the wire). */
export type Icmpv6Type = (typeof ICMPV6_TYPE)[keyof typeof ICMPV6_TYPE];

/** The decoded ICMPv6 header (RFC 4443 §2.1): the pinned `decodeFrame(...).icmpv6` shape. */
export interface Icmpv6Header {
  /** Message type (see {@link ICMPV6_TYPE}). */
  type: number;
  /** Code (0 for every Neighbor Discovery message, RFC 4861 §7.1). */
  code: number;
  /** Checksum as on the wire. */
  checksum: number;
  /** True when the checksum verifies over the RFC 8200 §8.1 pseudo-header of the packet's real addresses. */
  checksumValid: boolean;
}

/**
 * An allocation-free, reusable view of an ICMPv6 header (RFC 4443 §2.1).
 *
 * `reset(bytes, ipv6Offset, icmpOffset, icmpEnd)` takes the message `bytes[icmpOffset, icmpEnd)` and the
 * offset of the IPv6 fixed header whose addresses form the checksum's pseudo-header. It never throws and
 * does not verify the checksum: call {@link Icmpv6View.verifyChecksum} when the answer matters (it sums
 * the whole message, the one costly step).
 */
export class Icmpv6View {
  /** The bytes last given to `reset`. */
  bytes: Uint8Array = EMPTY;
  /** Offset of the IPv6 fixed header (source at +8, destination at +24). */
  ipv6Offset = 0;
  /** Offset of the type byte. */
  start = 0;
  /** Offset just past the message. */
  end = 0;
  /** Where the last failed `reset` found its fault. */
  errorOffset = -1;
  /**
   * @internal The DataView the getters read through, over `bytes`' buffer (ZERO_VIEW, 64 zero bytes, before
   * the first reset and after a failed one).
   */
  dv = ZERO_VIEW;
  /** @internal Where the message starts in `dv`. */
  at = 0;

  /**
   * Takes the ICMPv6 message in `bytes[icmpOffset, icmpEnd)` of the IPv6 packet at `ipv6Offset`.
   * @returns 0, or `ViewErrorCode.TRUNCATED` (at `icmpOffset`) when fewer than 4 bytes are there or the
   *   range does not lie in `bytes`.
   */
  reset(bytes: Uint8Array, ipv6Offset: number, icmpOffset: number, icmpEnd: number): number {
    if (this.bytes !== bytes) this.bytes = bytes; // see FrameView: no write barrier when unchanged
    this.ipv6Offset = ipv6Offset;
    this.start = icmpOffset;
    this.end = icmpEnd;
    this.errorOffset = -1;
    if (!(Number.isInteger(icmpOffset) && Number.isInteger(icmpEnd) && icmpOffset >= 0 && icmpEnd <= bytes.length && icmpEnd - icmpOffset >= ICMPV6_HEADER_LENGTH)) {
      return this.failTruncated();
    }
    const view = byteView(bytes);
    if (this.dv !== view) this.dv = view;
    this.at = byteViewBase() + icmpOffset;
    return 0;
  }


  // Out of line: V8 charges an inlined reset's whole body to its caller's budget.
  private failTruncated(): number {
    this.dv = ZERO_VIEW;
    this.at = 0;
    // A range inside the array that is too short is TRUNCATED at its start; other bounds INVALID_FIELD.
    const range = isRange(this.bytes, this.start, this.end);
    this.errorOffset = range ? this.start : -1;
    return range ? ViewErrorCode.TRUNCATED : ViewErrorCode.INVALID_FIELD;
  }

  /** Message type. */
  get type(): number {
    return this.dv.getUint8(this.at);
  }

  /** Code. */
  get code(): number {
    return this.dv.getUint8(this.at + 1);
  }

  /** Checksum as on the wire. */
  get checksum(): number {
    return this.dv.getUint16(this.at + 2);
  }

  /** Length of the message in bytes (header included). */
  get length(): number {
    return this.end - this.start;
  }

  /**
   * Verifies the checksum over the pseudo-header of the IPv6 header at `ipv6Offset` and the whole message
   * (RFC 4443 §2.3). False when that IPv6 header does not lie in `bytes`.
   */
  verifyChecksum(): boolean {
    return checksumValid(this);
  }

  /** The header as the plain {@link Icmpv6Header} (verifies the checksum; allocates). */
  toHeader(): Icmpv6Header {
    return { type: this.type, code: this.code, checksum: this.checksum, checksumValid: this.verifyChecksum() };
  }
}

/**
 * The verdict of {@link Icmpv6View.verifyChecksum}. Out of the class so that the method is small enough for
 * V8 to always inline it, leaving one call (this function, which inlines the summing loop) per verdict.
 */
function checksumValid(view: Icmpv6View): boolean {
  const ip = view.ipv6Offset;
  if (!(ip >= 0 && view.bytes.length - ip >= 40)) return false;
  return verifyViewChecksum(view.bytes, ip, view.start, view.end, view.dv, view.at, view.errorOffset < 0);
}

/**
 * Decodes the ICMPv6 header of the message `bytes[icmpOffset, icmpEnd)` (RFC 4443 §2.1) in the IPv6
 * packet whose fixed header is at `ipv6Offset`, with `checksumValid` computed over the pseudo-header of
 * that packet's real source and destination. A bad checksum is reported, not thrown.
 * @throws FrameError `TRUNCATED` (layer `icmpv6`) when the message is shorter than 4 bytes.
 */
export function decodeIcmpv6(bytes: Uint8Array, ipv6Offset = 0, icmpOffset = ipv6Offset + 40, icmpEnd = bytes?.length): Icmpv6Header {
  checkNdpRange("icmpv6", bytes, ipv6Offset, icmpOffset, icmpEnd);
  const view = new Icmpv6View();
  const code = view.reset(bytes, ipv6Offset, icmpOffset, icmpEnd);
  if (code !== 0) throw new FrameError(frameErrorCodeOf(code), "icmpv6", view.errorOffset, "ICMPv6 header cut short");
  return view.toHeader();
}

/** {@link decodeIcmpv6} that returns a {@link DecodeResult} instead of throwing. */
export function tryDecodeIcmpv6(
  bytes: Uint8Array,
  ipv6Offset = 0,
  icmpOffset = ipv6Offset + 40,
  icmpEnd = bytes?.length,
): DecodeResult<Icmpv6Header> {
  return attemptDecode(() => decodeIcmpv6(bytes, ipv6Offset, icmpOffset, icmpEnd));
}

/**
 * Writes the ICMPv6 header at `out[offset]`: type, code and a zero checksum (RFC 4443 §2.1), and returns
 * `offset + 4`. The checksum is filled in after the body by `writeIcmpv6Checksum`. The caller has checked
 * the room.
 * @throws FrameError `INVALID_FIELD` when type or code is not a byte (nothing written).
 */
export function writeIcmpv6Header(out: Uint8Array, offset: number, type: number, code: number): number {
  if (!Number.isInteger(type) || type < 0 || type > 0xff) throw invalidField("icmpv6", `ICMPv6 type must be 0..255, got ${type}`);
  if (!Number.isInteger(code) || code < 0 || code > 0xff) throw invalidField("icmpv6", `ICMPv6 code must be 0..255, got ${code}`);
  out[offset] = type;
  out[offset + 1] = code;
  out[offset + 2] = 0;
  out[offset + 3] = 0;
  return offset + ICMPV6_HEADER_LENGTH;
}

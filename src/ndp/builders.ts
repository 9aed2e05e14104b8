/**
 * Complete Ethernet + IPv6 + ICMPv6 Neighbor Discovery frames, checksum computed over the real
 * pseudo-header (RFC 4443 §2.3, RFC 8200 §8.1), hop limit 255 (RFC 4861 §7.1), what an L2 speaker sends:
 *
 * - {@link buildUnsolicitedNeighborAdvertisement}: announce an address after a failover (RFC 4861 §7.2.6).
 * - {@link buildNeighborSolicitation}: resolve an address (RFC 4861 §7.2.2), or probe it (DAD, RFC 4862 §5.4.2).
 * - {@link buildNeighborAdvertisement}: answer a received solicitation (RFC 4861 §7.2.4).
 *
 * Each has an `...Into(options, out, offset = 0)` twin that writes into a caller's buffer, returns the
 * end offset and allocates nothing when addresses are numbers (MACs) or bytes (IPv6) — and, for
 * `buildNeighborAdvertisementInto`, when the solicitation is bytes or a frame view. Every input is
 * checked, and the capacity too, before any byte is written. Frames are at least 78 bytes, so the
 * 46-byte Ethernet minimum payload never needs padding, but it is applied all the same.
 *
 * `hopLimit` and `checksum` override the computed values, for fuzzing and negative tests.
 *
 * @packageDocumentation
 */
import { FrameError, bufferTooSmall, frameErrorCodeOf, invalidField } from "../errors.js";
import { byteView, byteViewBase, copyBytes, readI32, writeU48 } from "../internal/bytes.js";
import { IPV6_LENGTH, isIpv6Multicast, isIpv6Unspecified, parseIpv6, type Ipv6AddressInput } from "../address/ipv6.js";
import { MAC_LENGTH, macToNumber, writeMac, type MacAddressInput } from "../address/mac.js";
import { writeIpv6MulticastMac, writeSolicitedNodeMulticast } from "../address/multicast.js";
import { computeIcmpv6Checksum } from "../checksum/ipv6-pseudo-header.js";
import { foldSum } from "../checksum/internet.js";
import { ETHER_TYPE, VLAN_TAG_LENGTH } from "../ethernet/constants.js";
import { EthernetView, ethernetFrameLength, finishEthernetFrame, writeEthernetHeader, type EthernetHeader } from "../ethernet/ethernet.js";
import { checkVlanTags, releaseVlanList, vlanList, vlanTagCount, type VlanOption, type VlanTagInput } from "../ethernet/vlan.js";
import { Ipv6View, type Ipv6Header } from "../ipv6/ipv6.js";
import {
  ALL_NODES_MULTICAST_BYTES,
  IPV6_DESTINATION_OFFSET,
  IPV6_HEADER_LENGTH,
  IPV6_SOURCE_OFFSET,
  NEXT_HEADER,
} from "../ipv6/constants.js";
import {
  ALL_NODES_MULTICAST_MAC,
  NA_FLAG_OVERRIDE,
  NA_FLAG_ROUTER,
  NA_FLAG_SOLICITED,
  NDP_FIXED_LENGTH,
  NDP_HOP_LIMIT,
  NDP_MAX_OPTION_LENGTH,
  NDP_OPTION_TYPE,
  NDP_TARGET_OFFSET,
} from "./constants.js";
import { NEIGHBOR_ADVERTISEMENT_TYPE, NEIGHBOR_SOLICITATION_TYPE, NdpView, ndpViewError, type NdpMessage } from "./ndp.js";
import { nonceOptionLength, writeNonceOption } from "./options.js";

/** Length of a link-layer address option carrying a MAC. */
const LINK_LAYER_OPTION_LENGTH = 8;

/** Fuzzing overrides shared by every builder. */
export interface NdpBuilderOverrides {
  /** IPv6 Hop Limit to write instead of 255 (receivers drop anything else, RFC 4861 §7.1). */
  hopLimit?: number;
  /** ICMPv6 checksum to write instead of the computed one. */
  checksum?: number;
}

/** Options of {@link buildUnsolicitedNeighborAdvertisement}. */
export interface UnsolicitedNeighborAdvertisementOptions extends NdpBuilderOverrides {
  /** The announcing interface's MAC: Ethernet source and Target Link-Layer Address. */
  mac: MacAddressInput;
  /** The address being announced (the Target Address). */
  ip: Ipv6AddressInput;
  /**
   * IPv6 source (default: `ip` itself, as the Linux kernel sends it; RFC 4861 §7.2.6 allows any of the
   * interface's addresses). MetalLB sends from the interface's link-local address: pass it here.
   */
  source?: Ipv6AddressInput;
  /** R flag (default false): set when the sender is a router. */
  router?: boolean;
  /** O flag (default true, RFC 4861 §7.2.6 — the point of the announcement is to replace stale entries). */
  override?: boolean;
  /** 802.1Q/802.1ad tags, outermost first. */
  vlan?: VlanOption;
}

/** Options of {@link buildNeighborSolicitation}. */
export interface NeighborSolicitationOptions extends NdpBuilderOverrides {
  /** The sender's MAC: Ethernet source and (unless a DAD probe) Source Link-Layer Address. */
  mac: MacAddressInput;
  /** IPv6 source; "::" (or 16 zero bytes) makes a DAD probe (RFC 4862 §5.4.2): no SLLA option. */
  source: Ipv6AddressInput;
  /** The address being resolved or probed (the Target Address). */
  target: Ipv6AddressInput;
  /** Nonce option data (RFC 3971 §5.3.2), normally 6 random bytes in a DAD probe (RFC 7527 §4.2). */
  nonce?: Uint8Array;
  /**
   * IPv6 destination (default: the target's solicited-node group, RFC 4861 §7.2.2). A unicast
   * destination (neighbor unreachability detection, RFC 4861 §7.3) needs `destinationMac` as well.
   */
  destination?: Ipv6AddressInput;
  /** Ethernet destination (default: 33:33 + the low 32 bits of a multicast destination, RFC 2464 §7). */
  destinationMac?: MacAddressInput;
  /** 802.1Q/802.1ad tags, outermost first. */
  vlan?: VlanOption;
}

/**
 * A received NS as `decodeFrame` returns it (only the fields the reply needs are read). `ipv6` and `ndp`
 * are optional so that `decodeFrame`'s result can be passed as it is; a frame without them is refused
 * with `INVALID_FIELD`.
 */
export interface DecodedSolicitationFrame {
  /** The NS frame's Ethernet header (source and tags are read). */
  ethernet: EthernetHeader;
  /** The NS's IPv6 header (source is read). */
  ipv6?: Ipv6Header | undefined;
  /** The NS itself (must be a `neighbor-solicitation`). */
  ndp?: NdpMessage | undefined;
}

/** A received NS as a frame view (the lead's `FrameView` has these properties), for the allocation-free path. */
export interface SolicitationFrameView {
  /** Ethernet view of the NS frame. */
  ethernet: EthernetView;
  /** IPv6 view of the NS packet. */
  ipv6: Ipv6View;
  /** NDP view of the NS message (must be a solicitation). */
  ndp: NdpView;
}

/** Options of {@link buildNeighborAdvertisement}. */
export interface NeighborAdvertisementOptions extends NdpBuilderOverrides {
  /**
   * The Neighbor Solicitation being answered: its Ethernet frame as bytes, the object `decodeFrame`
   * returned for it, or a frame view positioned on it. Must not share memory with the output buffer.
   */
  solicitation: Uint8Array | DecodedSolicitationFrame | SolicitationFrameView;
  /** The answering interface's MAC: Ethernet source and Target Link-Layer Address. */
  mac: MacAddressInput;
  /**
   * O flag (default true). RFC 4861 §7.2.4: it SHOULD be set except for anycast addresses and proxied
   * answers. MetalLB's speaker sends O = 0, so a neighbor that cached the old node's MAC keeps it (the NA
   * only updates a STALE entry without O) until reachability confirmation fails — traffic goes to the
   * old node for a while after a failover. Leave it true.
   */
  override?: boolean;
  /** R flag (default false). */
  router?: boolean;
  /** Tags for the reply (default: the same tags as the NS frame, outermost first). */
  vlan?: VlanOption;
}

// ---------------------------------------------------------------------------------------------------
// Shared machinery
// ---------------------------------------------------------------------------------------------------

function checkOverrides(options: NdpBuilderOverrides): number {
  const hopLimit = options.hopLimit ?? NDP_HOP_LIMIT;
  if (!Number.isInteger(hopLimit) || hopLimit < 0 || hopLimit > 0xff) {
    throw invalidField("builder", `hopLimit must be 0-255, got ${hopLimit}`);
  }
  const checksum = options.checksum;
  if (checksum !== undefined && (!Number.isInteger(checksum) || checksum < 0 || checksum > 0xffff)) {
    throw invalidField("builder", `checksum must be 0-65535, got ${checksum}`);
  }
  return hopLimit;
}

/** 16 bytes of an address input, checked before anything is written (text parsed, bytes not copied). */
function addressBytes(input: Ipv6AddressInput, what: string): Uint8Array {
  if (typeof input === "string") return parseIpv6(input);
  if (!(input instanceof Uint8Array) || input.length !== IPV6_LENGTH) throw invalidField("builder", `${what} must be IPv6 text or 16 bytes`);
  return input;
}

function checkCapacity(out: Uint8Array, offset: number, length: number): void {
  if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("builder", offset, length, out.length - offset);
}

// The per-frame writers below write bytes directly: no scratch header object, no second validation of
// fields checked once at the entry point, no 48-bit MAC number (a double V8 boxes when a call taking or
// returning it is not inlined), and the fixed 6- and 16-byte copies unrolled.

/**
 * Checks a MAC input once, before anything is written, without turning 6 bytes into a 48-bit number.
 * @throws FrameError `INVALID_FIELD` as `macToNumber`.
 */
function checkMac(mac: MacAddressInput, what: string): void {
  if (mac instanceof Uint8Array && mac.length === MAC_LENGTH) return;
  macToNumber(mac, what); // text, a number, or bytes of the wrong length: checked (and refused) there
}

// The copies return the unfolded sum of the big-endian 16-bit words they copied (RFC 1071 §4.1): the
// reply builders add those up into the ICMPv6 checksum (RFC 4443 §2.3) instead of reading the frame again.

/** Writes a MAC input checked by {@link checkMac} (6 bytes copied, a number or text through `writeMac`); returns its word sum. */
function putMac(out: Uint8Array, o: number, mac: MacAddressInput): number {
  if (mac instanceof Uint8Array) return copy6(mac, 0, out, o);
  writeMac(out, o, mac, "mac");
  return ((out[o]! + out[o + 2]! + out[o + 4]!) << 8) + out[o + 1]! + out[o + 3]! + out[o + 5]!;
}

/** Copies 6 bytes (a MAC) and returns their word sum. */
function copy6(src: Uint8Array, so: number, dst: Uint8Array, d: number): number {
  const b0 = src[so]!;
  const b1 = src[so + 1]!;
  const b2 = src[so + 2]!;
  const b3 = src[so + 3]!;
  const b4 = src[so + 4]!;
  const b5 = src[so + 5]!;
  dst[d] = b0;
  dst[d + 1] = b1;
  dst[d + 2] = b2;
  dst[d + 3] = b3;
  dst[d + 4] = b4;
  dst[d + 5] = b5;
  return ((b0 + b2 + b4) << 8) + b1 + b3 + b5;
}

/** Copies 16 bytes (an IPv6 address; the ranges must not overlap) and returns their word sum. */
function copy16(src: Uint8Array, so: number, dst: Uint8Array, d: number): number {
  const b0 = src[so]!;
  const b1 = src[so + 1]!;
  const b2 = src[so + 2]!;
  const b3 = src[so + 3]!;
  const b4 = src[so + 4]!;
  const b5 = src[so + 5]!;
  const b6 = src[so + 6]!;
  const b7 = src[so + 7]!;
  dst[d] = b0;
  dst[d + 1] = b1;
  dst[d + 2] = b2;
  dst[d + 3] = b3;
  dst[d + 4] = b4;
  dst[d + 5] = b5;
  dst[d + 6] = b6;
  dst[d + 7] = b7;
  const c0 = src[so + 8]!;
  const c1 = src[so + 9]!;
  const c2 = src[so + 10]!;
  const c3 = src[so + 11]!;
  const c4 = src[so + 12]!;
  const c5 = src[so + 13]!;
  const c6 = src[so + 14]!;
  const c7 = src[so + 15]!;
  dst[d + 8] = c0;
  dst[d + 9] = c1;
  dst[d + 10] = c2;
  dst[d + 11] = c3;
  dst[d + 12] = c4;
  dst[d + 13] = c5;
  dst[d + 14] = c6;
  dst[d + 15] = c7;
  return ((b0 + b2 + b4 + b6 + c0 + c2 + c4 + c6) << 8) + b1 + b3 + b5 + b7 + c1 + c3 + c5 + c7;
}

/** Copies 16 bytes to two places (an NA's IPv6 source and its target) and returns their word sum once. */
function copy16Twice(src: Uint8Array, so: number, dst: Uint8Array, d: number, e: number): number {
  const b0 = src[so]!;
  const b1 = src[so + 1]!;
  const b2 = src[so + 2]!;
  const b3 = src[so + 3]!;
  const b4 = src[so + 4]!;
  const b5 = src[so + 5]!;
  const b6 = src[so + 6]!;
  const b7 = src[so + 7]!;
  const b8 = src[so + 8]!;
  const b9 = src[so + 9]!;
  const b10 = src[so + 10]!;
  const b11 = src[so + 11]!;
  const b12 = src[so + 12]!;
  const b13 = src[so + 13]!;
  const b14 = src[so + 14]!;
  const b15 = src[so + 15]!;
  dst[d] = b0;
  dst[d + 1] = b1;
  dst[d + 2] = b2;
  dst[d + 3] = b3;
  dst[d + 4] = b4;
  dst[d + 5] = b5;
  dst[d + 6] = b6;
  dst[d + 7] = b7;
  dst[d + 8] = b8;
  dst[d + 9] = b9;
  dst[d + 10] = b10;
  dst[d + 11] = b11;
  dst[d + 12] = b12;
  dst[d + 13] = b13;
  dst[d + 14] = b14;
  dst[d + 15] = b15;
  dst[e] = b0;
  dst[e + 1] = b1;
  dst[e + 2] = b2;
  dst[e + 3] = b3;
  dst[e + 4] = b4;
  dst[e + 5] = b5;
  dst[e + 6] = b6;
  dst[e + 7] = b7;
  dst[e + 8] = b8;
  dst[e + 9] = b9;
  dst[e + 10] = b10;
  dst[e + 11] = b11;
  dst[e + 12] = b12;
  dst[e + 13] = b13;
  dst[e + 14] = b14;
  dst[e + 15] = b15;
  return ((b0 + b2 + b4 + b6 + b8 + b10 + b12 + b14) << 8) + b1 + b3 + b5 + b7 + b9 + b11 + b13 + b15;
}

/** ff02::1 (RFC 4291 §2.7.1) written as constants; returns its word sum. */
function putAllNodesAddress(out: Uint8Array, o: number): number {
  out[o] = 0xff;
  out[o + 1] = 0x02;
  out[o + 2] = 0;
  out[o + 3] = 0;
  out[o + 4] = 0;
  out[o + 5] = 0;
  out[o + 6] = 0;
  out[o + 7] = 0;
  out[o + 8] = 0;
  out[o + 9] = 0;
  out[o + 10] = 0;
  out[o + 11] = 0;
  out[o + 12] = 0;
  out[o + 13] = 0;
  out[o + 14] = 0;
  out[o + 15] = 1;
  return 0xff02 + 1;
}

/** 33:33:00:00:00:01, the Ethernet MAC of ff02::1 (RFC 2464 §7), written as bytes. */
function putAllNodesMac(out: Uint8Array, o: number): void {
  out[o] = 0x33;
  out[o + 1] = 0x33;
  out[o + 2] = 0;
  out[o + 3] = 0;
  out[o + 4] = 0;
  out[o + 5] = 1;
}

/**
 * Ethernet destination (`ALL_NODES` when `allNodes`, else left for the caller), source `mac`, `tags`,
 * EtherType IPv6; returns the IPv6 header's offset. The untagged header is written here directly.
 */
function putEthernetHeader(out: Uint8Array, offset: number, mac: MacAddressInput, tags: readonly VlanTagInput[]): number {
  if (tags.length !== 0) return writeEthernetHeader(out, offset, 0, mac, tags, ETHER_TYPE.IPV6);
  putMac(out, offset + 6, mac);
  out[offset + 12] = 0x86;
  out[offset + 13] = 0xdd;
  return offset + 14;
}

/**
 * The first 8 bytes of an NDP packet's IPv6 header (RFC 8200 §3: version 6, traffic class 0, flow label 0,
 * Payload Length, Next Header 58, `hopLimit`); the caller writes the addresses. Returns the ICMPv6 offset.
 */
function putIpv6Header(out: Uint8Array, ip: number, payloadLength: number, hopLimit: number): number {
  out[ip] = 0x60;
  out[ip + 1] = 0;
  out[ip + 2] = 0;
  out[ip + 3] = 0;
  out[ip + 4] = payloadLength >>> 8;
  out[ip + 5] = payloadLength & 0xff;
  out[ip + 6] = NEXT_HEADER.ICMPV6;
  out[ip + 7] = hopLimit;
  return ip + IPV6_HEADER_LENGTH;
}

/**
 * Type, code 0, zero checksum, the NA flags byte (0 for an NS) and 24 zero reserved bits, the target.
 * Returns the options' offset. (The flags travel as a byte: a 32-bit word with R or S set exceeds V8's
 * small-integer range and would be boxed on every call.)
 */
function writeFixedPart(out: Uint8Array, icmp: number, type: number, flags: number, target: Uint8Array, targetOffset: number): number {
  putFixedPart(out, icmp, type, flags, target, targetOffset);
  return icmp + NDP_FIXED_LENGTH;
}

/** The first 8 bytes of the fixed part: type, code 0, zero checksum, flags, 24 reserved zero bits. */
function putFlags(out: Uint8Array, icmp: number, type: number, flags: number): void {
  out[icmp] = type;
  out[icmp + 1] = 0;
  out[icmp + 2] = 0;
  out[icmp + 3] = 0;
  out[icmp + 4] = flags;
  out[icmp + 5] = 0;
  out[icmp + 6] = 0;
  out[icmp + 7] = 0;
}

/** {@link writeFixedPart} returning the word sum of what it wrote (the checksum field counts as zero). */
function putFixedPart(out: Uint8Array, icmp: number, type: number, flags: number, target: Uint8Array, targetOffset: number): number {
  putFlags(out, icmp, type, flags);
  return ((type + flags) << 8) + copy16(target, targetOffset, out, icmp + NDP_TARGET_OFFSET);
}

/** An 8-byte Source (1) or Target (2) Link-Layer Address option for a checked MAC (RFC 4861 §4.6.1); returns the end. */
function putLinkLayerOption(out: Uint8Array, p: number, type: number, mac: MacAddressInput): number {
  out[p] = type;
  out[p + 1] = 1;
  putMac(out, p + 2, mac);
  return p + LINK_LAYER_OPTION_LENGTH;
}

/** {@link putLinkLayerOption} returning the option's word sum instead. */
function putLinkLayerOptionSum(out: Uint8Array, p: number, type: number, mac: MacAddressInput): number {
  out[p] = type;
  out[p + 1] = 1;
  return (type << 8) + 1 + putMac(out, p + 2, mac);
}

/** Computes (or writes the overriding) checksum, pads the Ethernet payload, returns the frame's end. */
function finish(out: Uint8Array, frame: number, ip: number, icmp: number, end: number, checksum: number | undefined): number {
  const value = checksum === undefined ? computeIcmpv6Checksum(out, ip, icmp, end) : checksum;
  out[icmp + 2] = value >>> 8;
  out[icmp + 3] = value & 0xff;
  return end - ip >= MIN_ETHERNET_PAYLOAD ? end : finishEthernetFrame(out, frame, ip, end);
}

/**
 * Writes the checksum of an NA of the fixed 32-byte shape (fixed part + one link-layer option) from the
 * word sum of its addresses and message, gathered while they were written (RFC 4443 §2.3 over the
 * RFC 8200 §8.1 pseudo-header: Upper-Layer Packet Length 32, Next Header 58), or the override; returns
 * the frame's end.
 */
function finishSummed(out: Uint8Array, icmp: number, end: number, sum: number, checksum: number | undefined): number {
  const value = checksum === undefined ? ~foldSum(sum + (end - icmp) + NEXT_HEADER.ICMPV6) & 0xffff : checksum;
  out[icmp + 2] = value >>> 8;
  out[icmp + 3] = value & 0xff;
  return end; // 72 bytes of IPv6 payload or more: never short of the Ethernet minimum
}

// The common NA — untagged, 6-byte MAC, addresses as bytes or read from an NS view — is written in 32-bit
// words through a DataView (24 word stores instead of 86 byte stores), and its checksum is summed from the
// words as they go out (RFC 1071 §4.1), never by reading the frame back.

/** The two 16-bit halves of a 32-bit word, added (a word's share of an RFC 1071 sum). */
function halves(w: number): number {
  return (w >>> 16) + (w & 0xffff);
}

/**
 * Writes an 86-byte untagged NA frame at `x` of `v` (a DataView over the output), all but its three
 * addresses, which the caller writes (IPv6 source at x + 22, destination at x + 38, target at x + 62):
 * Ethernet destination `dstHi`/`dstLo` (the MAC's first 2 and last 4 bytes), source and Target Link-Layer
 * Address `macHi`/`macLo`, hop limit, the R/S/O `flags` byte, and the ICMPv6 checksum (or the `checksum`
 * override) from `addressSum`, the caller's sum of the addresses' 16-bit words (RFC 1071 §4.1; the
 * pseudo-header's, RFC 8200 §8.1, and the target's).
 */
function writeNaFrame(
  v: DataView<ArrayBufferLike>,
  x: number,
  dstHi: number,
  dstLo: number,
  macHi: number,
  macLo: number,
  hopLimit: number,
  flags: number,
  addressSum: number,
  checksum: number | undefined,
): void {
  v.setUint16(x, dstHi);
  v.setInt32(x + 2, dstLo);
  v.setUint16(x + 6, macHi);
  v.setInt32(x + 8, macLo);
  v.setInt32(x + 12, 0x86dd_6000); // EtherType IPv6; version 6, traffic class and flow label 0
  v.setInt32(x + 16, 0x0000_0020); // flow label 0; Payload Length 32
  v.setUint16(x + 20, 0x3a00 | hopLimit); // Next Header 58; hop limit
  v.setInt32(x + 58, flags << 24); // R/S/O and 29 reserved zero bits
  v.setUint16(x + 78, 0x0201); // option type 2 (TLLA), length 1 (8 bytes)
  v.setUint16(x + 80, macHi);
  v.setInt32(x + 82, macLo);
  let value = checksum;
  if (value === undefined) {
    // Upper-Layer Packet Length 32, Next Header 58; type 136 and the flags; the option.
    const sum = addressSum + 32 + 58 + ((NEIGHBOR_ADVERTISEMENT_TYPE + flags) << 8) + 0x0201 + macHi + halves(macLo);
    value = ~foldSum(sum) & 0xffff;
  }
  v.setInt32(x + 54, (NEIGHBOR_ADVERTISEMENT_TYPE << 24) | value); // type 136, code 0, checksum
}

/** The first 32-bit word of ff02::1 (the other three are 0, 0, 1). */
const ALL_NODES_0 = 0xff02_0000 | 0;

/** True for the inputs the word writer takes: an integer offset with 86 bytes of room, and a 6-byte MAC. */
function fitsWordPath(out: Uint8Array, offset: number, mac: MacAddressInput): mac is Uint8Array {
  return mac instanceof Uint8Array && mac.length === MAC_LENGTH && Number.isInteger(offset) && offset >= 0 && out.length - offset >= 86;
}

/** The Ethernet minimum payload (IEEE 802.3): every NDP frame here is longer (72 bytes or more). */
const MIN_ETHERNET_PAYLOAD = 46;

function naFlags(router: boolean, solicited: boolean, override: boolean): number {
  return (router ? NA_FLAG_ROUTER : 0) | (solicited ? NA_FLAG_SOLICITED : 0) | (override ? NA_FLAG_OVERRIDE : 0);
}

// ---------------------------------------------------------------------------------------------------
// Unsolicited NA
// ---------------------------------------------------------------------------------------------------

/**
 * Writes an unsolicited Neighbor Advertisement (RFC 4861 §7.2.6) into `out` at `offset`; returns the end.
 * To ff02::1 (Ethernet 33:33:00:00:00:01), hop limit 255, S = 0, O = 1 (unless `override: false`),
 * R as given, Target = `ip`, a Target Link-Layer Address option = `mac`, IPv6 source `source ?? ip`.
 * 86 bytes untagged. Allocates nothing when `mac` is a number or bytes and the addresses are bytes.
 * @throws FrameError `INVALID_FIELD` or `BUFFER_TOO_SMALL`, before anything is written.
 */
export function buildUnsolicitedNeighborAdvertisementInto(options: UnsolicitedNeighborAdvertisementOptions, out: Uint8Array, offset = 0): number {
  const hopLimit = checkOverrides(options);
  const mac = options.mac;
  checkMac(mac, "mac");
  const target = addressBytes(options.ip, "ip");
  const source = options.source === undefined ? target : addressBytes(options.source, "source");
  if (options.vlan === undefined && fitsWordPath(out, offset, mac)) {
    const v = byteView(out);
    const x = byteViewBase() + offset;
    const macHi = (mac[0]! << 8) | mac[1]!;
    const macLo = readI32(mac, 2);
    const t0 = readI32(target, 0);
    const t1 = readI32(target, 4);
    const t2 = readI32(target, 8);
    const t3 = readI32(target, 12);
    const flags = naFlags(options.router === true, false, options.override !== false);
    let sum = halves(t0) + halves(t1) + halves(t2) + halves(t3);
    v.setInt32(x + 62, t0);
    v.setInt32(x + 66, t1);
    v.setInt32(x + 70, t2);
    v.setInt32(x + 74, t3);
    if (source === target) {
      sum += sum;
      v.setInt32(x + 22, t0);
      v.setInt32(x + 26, t1);
      v.setInt32(x + 30, t2);
      v.setInt32(x + 34, t3);
    } else {
      const s0 = readI32(source, 0);
      const s1 = readI32(source, 4);
      const s2 = readI32(source, 8);
      const s3 = readI32(source, 12);
      sum += halves(s0) + halves(s1) + halves(s2) + halves(s3);
      v.setInt32(x + 22, s0);
      v.setInt32(x + 26, s1);
      v.setInt32(x + 30, s2);
      v.setInt32(x + 34, s3);
    }
    // To ff02::1 (RFC 4861 §7.2.6), at 33:33:00:00:00:01 (RFC 2464 §7).
    putAllNodesWords(v, x + 38);
    writeNaFrame(v, x, 0x3333, 1, macHi, macLo, hopLimit, flags, sum + 0xff02 + 1, options.checksum);
    return offset + 86;
  }
  const tags = vlanList(options.vlan);
  checkVlanTags(tags);
  const icmpLength = NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH;
  checkCapacity(out, offset, ethernetFrameLength(tags.length, IPV6_HEADER_LENGTH + icmpLength));

  const ip = putEthernetHeader(out, offset, mac, tags);
  releaseVlanList();
  putAllNodesMac(out, offset);
  const icmp = putIpv6Header(out, ip, icmpLength, hopLimit);
  // The IPv6 source defaults to the target: then one copy writes both (and its word sum counts twice).
  let sum =
    source === target
      ? 2 * copy16Twice(target, 0, out, ip + IPV6_SOURCE_OFFSET, icmp + NDP_TARGET_OFFSET)
      : copy16(source, 0, out, ip + IPV6_SOURCE_OFFSET) + copy16(target, 0, out, icmp + NDP_TARGET_OFFSET);
  sum += putAllNodesAddress(out, ip + IPV6_DESTINATION_OFFSET);
  const flags = naFlags(options.router === true, false, options.override !== false);
  putFlags(out, icmp, NEIGHBOR_ADVERTISEMENT_TYPE, flags);
  sum += (NEIGHBOR_ADVERTISEMENT_TYPE + flags) << 8;
  const p = icmp + NDP_FIXED_LENGTH;
  sum += putLinkLayerOptionSum(out, p, NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS, mac);
  return finishSummed(out, icmp, p + LINK_LAYER_OPTION_LENGTH, sum, options.checksum);
}

/**
 * An unsolicited Neighbor Advertisement frame (RFC 4861 §7.2.6): what a speaker sends when it takes over
 * an address. See {@link buildUnsolicitedNeighborAdvertisementInto}.
 */
export function buildUnsolicitedNeighborAdvertisement(options: UnsolicitedNeighborAdvertisementOptions): Uint8Array {
  const tagCount = vlanTagCount(options.vlan);
  const out = new Uint8Array(ethernetFrameLength(tagCount, IPV6_HEADER_LENGTH + NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH));
  buildUnsolicitedNeighborAdvertisementInto(options, out, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// NS
// ---------------------------------------------------------------------------------------------------

function solicitationIcmpLength(options: NeighborSolicitationOptions, dad: boolean): number {
  let length = NDP_FIXED_LENGTH + (dad ? 0 : LINK_LAYER_OPTION_LENGTH);
  const nonce = options.nonce;
  if (nonce !== undefined) {
    if (!(nonce instanceof Uint8Array) || nonceOptionLength(nonce.length) > NDP_MAX_OPTION_LENGTH) {
      throw invalidField("builder", "nonce must be bytes fitting one option (at most 2038)");
    }
    length += nonceOptionLength(nonce.length);
  }
  return length;
}

/**
 * Writes a Neighbor Solicitation (RFC 4861 §7.2.2) into `out` at `offset`; returns the end.
 *
 * - To the target's solicited-node group ff02::1:ffXX:XXXX (RFC 4291 §2.7.1) and its MAC
 *   33:33:ff:XX:XX:XX (RFC 2464 §7), unless `destination` (and for a unicast one `destinationMac`) is given.
 * - With a Source Link-Layer Address option = `mac`, except when `source` is :: — a DAD probe
 *   (RFC 4862 §5.4.2), which MUST NOT carry one (RFC 4861 §7.1.1).
 * - With a Nonce option after it when `nonce` is given (RFC 7527 §4.2 enhanced DAD).
 *
 * Hop limit 255, code 0, checksum computed. Allocates nothing when `mac`/`destinationMac` are numbers
 * or bytes and the addresses are bytes.
 * @throws FrameError `INVALID_FIELD` (a unicast `destination` without `destinationMac`, bad addresses,
 *   VLAN, overrides) or `BUFFER_TOO_SMALL`, before anything is written.
 */
export function buildNeighborSolicitationInto(options: NeighborSolicitationOptions, out: Uint8Array, offset = 0): number {
  const hopLimit = checkOverrides(options);
  const mac = options.mac;
  checkMac(mac, "mac");
  const source = addressBytes(options.source, "source");
  const target = addressBytes(options.target, "target");
  const destination = options.destination === undefined ? undefined : addressBytes(options.destination, "destination");
  const destinationMac = options.destinationMac === undefined ? -1 : macToNumber(options.destinationMac, "destinationMac");
  if (destination !== undefined && destinationMac < 0 && !isIpv6Multicast(destination, 0)) {
    throw invalidField("builder", "a unicast destination needs destinationMac (the neighbor's cached MAC)");
  }
  const tags = vlanList(options.vlan);
  checkVlanTags(tags);
  const dad = isIpv6Unspecified(source, 0);
  const icmpLength = solicitationIcmpLength(options, dad);
  checkCapacity(out, offset, ethernetFrameLength(tags.length, IPV6_HEADER_LENGTH + icmpLength));

  // The Ethernet destination is derived from the IPv6 one once that is written: start with a placeholder.
  const ip = putEthernetHeader(out, offset, mac, tags);
  releaseVlanList();
  const icmp = putIpv6Header(out, ip, icmpLength, hopLimit);
  copy16(source, 0, out, ip + IPV6_SOURCE_OFFSET);
  if (destination === undefined) writeSolicitedNodeMulticast(out, ip + IPV6_DESTINATION_OFFSET, target, 0);
  else copy16(destination, 0, out, ip + IPV6_DESTINATION_OFFSET);
  if (destinationMac >= 0) writeU48(out, offset, destinationMac);
  else writeIpv6MulticastMac(out, offset, out, ip + IPV6_DESTINATION_OFFSET);

  let p = writeFixedPart(out, icmp, NEIGHBOR_SOLICITATION_TYPE, 0, target, 0);
  if (!dad) p = putLinkLayerOption(out, p, NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS, mac);
  if (options.nonce !== undefined) p = writeNonceOption(out, p, options.nonce);
  return finish(out, offset, ip, icmp, p, options.checksum);
}

/**
 * A Neighbor Solicitation frame (RFC 4861 §7.2.2), or a DAD probe when `source` is :: (RFC 4862 §5.4.2).
 * See {@link buildNeighborSolicitationInto}.
 */
export function buildNeighborSolicitation(options: NeighborSolicitationOptions): Uint8Array {
  const tagCount = vlanTagCount(options.vlan);
  const source = addressBytes(options.source, "source");
  const out = new Uint8Array(ethernetFrameLength(tagCount, IPV6_HEADER_LENGTH + solicitationIcmpLength(options, isIpv6Unspecified(source, 0))));
  buildNeighborSolicitationInto(options, out, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Solicited NA
// ---------------------------------------------------------------------------------------------------

// Views used when the solicitation arrives as bytes (module-level: the path allocates nothing).
const bytesEthernet = new EthernetView();
const bytesIpv6 = new Ipv6View();
const bytesNdp = new NdpView();

function isView(solicitation: Uint8Array | DecodedSolicitationFrame | SolicitationFrameView): solicitation is SolicitationFrameView {
  const ndp = (solicitation as { ndp?: object | undefined }).ndp;
  return ndp !== undefined && !("kind" in ndp);
}

function notSolicitation(what: string): FrameError {
  return invalidField("builder", `solicitation ${what} is not an IPv6 Neighbor Solicitation`);
}

/** Positions the module-level views on an NS frame given as bytes. */
function viewOfBytes(frame: Uint8Array): SolicitationFrameView {
  let code = bytesEthernet.reset(frame, 0, frame.length);
  if (code !== 0) throw new FrameError(frameErrorCodeOf(code), "ethernet", bytesEthernet.errorOffset, "solicitation frame cut short");
  if (bytesEthernet.protocol !== ETHER_TYPE.IPV6) throw notSolicitation("frame");
  code = bytesIpv6.reset(frame, bytesEthernet.payloadOffset, bytesEthernet.payloadEnd);
  if (code !== 0) throw new FrameError(frameErrorCodeOf(code), "ipv6", bytesIpv6.errorOffset, "solicitation IPv6 header malformed");
  if (bytesIpv6.upperLayerProtocol !== NEXT_HEADER.ICMPV6) throw notSolicitation("packet");
  code = bytesNdp.reset(frame, bytesIpv6.start, bytesIpv6.upperLayerOffset, bytesIpv6.payloadEnd);
  if (code !== 0) throw ndpViewError(code, bytesNdp.errorOffset);
  return { ethernet: bytesEthernet, ipv6: bytesIpv6, ndp: bytesNdp };
}

// Scratch for the decoded-object path: addresses parsed from text.
const objectTarget = new Uint8Array(IPV6_LENGTH);
const objectSource = new Uint8Array(IPV6_LENGTH);

/** The allocation-free reply path: everything is copied from the NS's bytes through its views. */
function writeReplyFromView(
  view: SolicitationFrameView,
  options: NeighborAdvertisementOptions,
  tagsOption: readonly VlanTagInput[] | undefined,
  hopLimit: number,
  out: Uint8Array,
  offset: number,
): number {
  const eth = view.ethernet;
  const ip6 = view.ipv6;
  const ndp = view.ndp;
  if (!ndp.isSolicitation) throw notSolicitation("view");
  const mac = options.mac;
  const tagCount = tagsOption === undefined ? eth.vlanCount : tagsOption.length;
  const icmpLength = NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH;
  checkCapacity(out, offset, ethernetFrameLength(tagCount, IPV6_HEADER_LENGTH + icmpLength));
  const dad = ip6.isSourceUnspecified;
  let ip: number;
  if (tagsOption !== undefined) {
    ip = putEthernetHeader(out, offset, mac, tagsOption);
  } else {
    putMac(out, offset + 6, mac);
    // Same tags as the NS, byte for byte (TPID, PCP, DEI, VID).
    if (tagCount !== 0) copyBytes(eth.bytes, eth.start + 12, out, offset + 12, VLAN_TAG_LENGTH * tagCount);
    ip = offset + 12 + VLAN_TAG_LENGTH * tagCount;
    out[ip] = 0x86;
    out[ip + 1] = 0xdd;
    ip += 2;
  }
  // Ethernet destination copied in place (a 48-bit number would be boxed on each call).
  if (dad) putAllNodesMac(out, offset);
  else if (ndp.sourceLinkLayerLength === MAC_LENGTH) copy6(ndp.bytes, ndp.sourceLinkLayerOffset, out, offset);
  else copy6(eth.bytes, eth.start + 6, out, offset);
  const icmp = putIpv6Header(out, ip, icmpLength, hopLimit);
  // IPv6 source and NA target are both the NS's target (copied once to both): its word sum counts twice.
  let sum = 2 * copy16Twice(ndp.bytes, ndp.start + NDP_TARGET_OFFSET, out, ip + IPV6_SOURCE_OFFSET, icmp + NDP_TARGET_OFFSET);
  if (dad) sum += putAllNodesAddress(out, ip + IPV6_DESTINATION_OFFSET);
  else sum += copy16(ip6.bytes, ip6.start + IPV6_SOURCE_OFFSET, out, ip + IPV6_DESTINATION_OFFSET);
  const flags = naFlags(options.router === true, !dad, options.override !== false);
  putFlags(out, icmp, NEIGHBOR_ADVERTISEMENT_TYPE, flags);
  sum += (NEIGHBOR_ADVERTISEMENT_TYPE + flags) << 8;
  const p = icmp + NDP_FIXED_LENGTH;
  sum += putLinkLayerOptionSum(out, p, NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS, mac);
  return finishSummed(out, icmp, p + LINK_LAYER_OPTION_LENGTH, sum, options.checksum);
}

/**
 * {@link writeReplyFromView} for an untagged NS and a 6-byte MAC: the addresses are read from the NS in
 * 32-bit words through its views' DataViews, all before the first byte is written.
 */
function writeReplyWords(view: SolicitationFrameView, options: NeighborAdvertisementOptions, hopLimit: number, mac: Uint8Array, out: Uint8Array, offset: number): number {
  const ndp = view.ndp;
  const ip6 = view.ipv6;
  if (!ndp.isSolicitation) throw notSolicitation("view");
  // Every value is read before the first store.
  const nv = ndp.dv;
  const t = ndp.at + NDP_TARGET_OFFSET;
  const t0 = nv.getInt32(t);
  const t1 = nv.getInt32(t + 4);
  const t2 = nv.getInt32(t + 8);
  const t3 = nv.getInt32(t + 12);
  const iv = ip6.dv;
  const s = ip6.at + IPV6_SOURCE_OFFSET;
  const d0 = iv.getInt32(s);
  const d1 = iv.getInt32(s + 4);
  const d2 = iv.getInt32(s + 8);
  const d3 = iv.getInt32(s + 12);
  const macHi = (mac[0]! << 8) | mac[1]!;
  const macLo = readI32(mac, 2);
  const flags = naFlags(options.router === true, false, options.override !== false);
  const dad = (d0 | d1 | d2 | d3) === 0;
  let dstHi = 0x3333;
  let dstLo = 1;
  if (!dad) {
    // S = 1, to the NS's source, at its Source Link-Layer Address when it has a 6-byte one, else at the NS
    // frame's Ethernet source.
    if (ndp.sourceLinkLayerLength === MAC_LENGTH) {
      const p = ndp.at - ndp.start + ndp.sourceLinkLayerOffset;
      dstHi = nv.getUint16(p);
      dstLo = nv.getInt32(p + 2);
    } else {
      const eth = view.ethernet;
      dstHi = (eth.bytes[eth.start + 6]! << 8) | eth.bytes[eth.start + 7]!;
      dstLo = readI32(eth.bytes, eth.start + 8);
    }
  }
  const v = byteView(out);
  const x = byteViewBase() + offset;
  // IPv6 source and target: the NS's target (its words count twice in the sum).
  const targetSum = halves(t0) + halves(t1) + halves(t2) + halves(t3);
  v.setInt32(x + 22, t0);
  v.setInt32(x + 26, t1);
  v.setInt32(x + 30, t2);
  v.setInt32(x + 34, t3);
  v.setInt32(x + 62, t0);
  v.setInt32(x + 66, t1);
  v.setInt32(x + 70, t2);
  v.setInt32(x + 74, t3);
  if (dad) {
    // A DAD probe (source ::) is answered to ff02::1 at 33:33:00:00:00:01 with S = 0 (RFC 4861 §7.2.4).
    putAllNodesWords(v, x + 38);
    writeNaFrame(v, x, dstHi, dstLo, macHi, macLo, hopLimit, flags, 2 * targetSum + 0xff02 + 1, options.checksum);
  } else {
    v.setInt32(x + 38, d0);
    v.setInt32(x + 42, d1);
    v.setInt32(x + 46, d2);
    v.setInt32(x + 50, d3);
    const sum = 2 * targetSum + halves(d0) + halves(d1) + halves(d2) + halves(d3);
    writeNaFrame(v, x, dstHi, dstLo, macHi, macLo, hopLimit, flags | NA_FLAG_SOLICITED, sum, options.checksum);
  }
  return offset + 86;
}

/** ff02::1 (RFC 4291 §2.7.1) as four words at `x` of `v`; its word sum is 0xff02 + 1. */
function putAllNodesWords(v: DataView<ArrayBufferLike>, x: number): void {
  v.setInt32(x, ALL_NODES_0);
  v.setInt32(x + 4, 0);
  v.setInt32(x + 8, 0);
  v.setInt32(x + 12, 1);
}

/**
 * Writes the Neighbor Advertisement answering `options.solicitation` (RFC 4861 §7.2.4) into `out` at
 * `offset`; returns the end.
 *
 * - IPv6 source = the NS's Target Address; Target = the same; a Target Link-Layer Address option = `mac`
 *   (always included, as §7.2.4 requires when answering a multicast NS).
 * - NS from a unicast source: S = 1, to the NS's IPv6 source, Ethernet destination = the NS's Source
 *   Link-Layer Address when it carries a 6-byte one, else the NS frame's Ethernet source.
 * - NS from :: (a DAD probe): S = 0, to ff02::1 and 33:33:00:00:00:01 (RFC 4861 §7.2.4).
 * - O = 1 unless `override: false` (see {@link NeighborAdvertisementOptions.override}), R as given.
 * - The NS frame's VLAN tags (raw TPID and TCI copied), unless `vlan` is given; hop limit 255.
 *
 * Allocates nothing when the solicitation is bytes or a frame view and `mac` is 6 bytes: the speaker's hot
 * path (measured: no scavenge over 5 million replies). A 48-bit number `mac` works too, but V8 may box it
 * (16 bytes) each time it is read from your options object and passed on. The output must not overlap the
 * solicitation's bytes.
 * @throws FrameError `INVALID_FIELD` when the solicitation is not an NS (or a field is bad),
 *   the decoding error when solicitation bytes do not decode, `BUFFER_TOO_SMALL`; all before writing.
 */
export function buildNeighborAdvertisementInto(options: NeighborAdvertisementOptions, out: Uint8Array, offset = 0): number {
  const hopLimit = checkOverrides(options);
  const mac = options.mac;
  checkMac(mac, "mac");
  const solicitation = options.solicitation;
  const tagsOption = options.vlan === undefined ? undefined : vlanList(options.vlan);
  if (tagsOption !== undefined) checkVlanTags(tagsOption);
  const router = options.router === true;
  const override = options.override !== false;
  const icmpLength = NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH;

  // A view first (the speaker's hot path: one property read tells it apart), then bytes, then an object.
  const view = isView(solicitation) ? solicitation : solicitation instanceof Uint8Array ? viewOfBytes(solicitation) : undefined;
  if (view !== undefined) {
    if (tagsOption === undefined && view.ethernet.vlanCount === 0 && fitsWordPath(out, offset, mac)) return writeReplyWords(view, options, hopLimit, mac, out, offset);
    return writeReplyFromView(view, options, tagsOption, hopLimit, out, offset);
  }

  // A decoded frame object (neither a view nor bytes, as just seen): addresses are text, parsed once (this
  // path allocates).
  const decoded = solicitation as DecodedSolicitationFrame;
  const ns = decoded.ndp;
  const nsIpv6 = decoded.ipv6;
  if (ns === undefined || nsIpv6 === undefined || ns.kind !== "neighbor-solicitation") throw notSolicitation("object");
  const tags: readonly VlanTagInput[] = tagsOption ?? decoded.ethernet.vlans;
  checkVlanTags(tags);
  const target = parseIpv6(ns.targetAddress);
  const nsSource = parseIpv6(nsIpv6.source);
  const dad = isIpv6Unspecified(nsSource, 0);
  let destinationMac = ALL_NODES_MULTICAST_MAC;
  if (!dad) {
    destinationMac = macToNumber(decoded.ethernet.source, "solicitation.ethernet.source");
    for (const option of ns.options) {
      if (option.type === NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS && "linkLayerAddress" in option) {
        if (option.length === 1) destinationMac = macToNumber(option.linkLayerAddress, "source link-layer address");
        break; // the first SLLA counts, as in Linux's ndisc_parse_options
      }
    }
  }
  checkCapacity(out, offset, ethernetFrameLength(tags.length, IPV6_HEADER_LENGTH + icmpLength));
  copyBytes(target, 0, objectTarget, 0, IPV6_LENGTH);
  copyBytes(nsSource, 0, objectSource, 0, IPV6_LENGTH);
  const ip = writeEthernetHeader(out, offset, destinationMac, mac, tags, ETHER_TYPE.IPV6);
  const icmp = putIpv6Header(out, ip, icmpLength, hopLimit);
  copy16(objectTarget, 0, out, ip + IPV6_SOURCE_OFFSET);
  copy16(dad ? ALL_NODES_MULTICAST_BYTES : objectSource, 0, out, ip + IPV6_DESTINATION_OFFSET);
  let p = writeFixedPart(out, icmp, NEIGHBOR_ADVERTISEMENT_TYPE, naFlags(router, !dad, override), objectTarget, 0);
  p = putLinkLayerOption(out, p, NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS, mac);
  return finish(out, offset, ip, icmp, p, options.checksum);
}

/**
 * The Neighbor Advertisement frame answering a received Neighbor Solicitation (RFC 4861 §7.2.4).
 * See {@link buildNeighborAdvertisementInto}.
 */
export function buildNeighborAdvertisement(options: NeighborAdvertisementOptions): Uint8Array {
  const solicitation = options.solicitation;
  let tagCount: number;
  if (options.vlan !== undefined) tagCount = vlanTagCount(options.vlan);
  else if (solicitation instanceof Uint8Array) tagCount = viewOfBytes(solicitation).ethernet.vlanCount;
  else if (isView(solicitation)) tagCount = solicitation.ethernet.vlanCount;
  else tagCount = solicitation.ethernet.vlans.length;
  const out = new Uint8Array(ethernetFrameLength(tagCount, IPV6_HEADER_LENGTH + NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH));
  buildNeighborAdvertisementInto(options, out, 0);
  return out;
}

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
import { icmpv6ChecksumOf } from "../checksum/ipv6-pseudo-header.js";
import { foldSum } from "../checksum/internet.js";
import { ETHER_TYPE, VLAN_TAG_LENGTH } from "../ethernet/constants.js";
import { EthernetView, ethernetFrameLength, finishEthernetFrame, writeEthernetHeader, type EthernetHeader } from "../ethernet/ethernet.js";
import { checkVlanOption, checkVlanTags, releaseVlanList, vlanList, vlanTagCount, writeVlanOption, type VlanOption, type VlanTagInput } from "../ethernet/vlan.js";
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
import { FRAME_KIND } from "../frame-kind.js";
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
  /**
   * What a `FrameView` found: when present, only {@link FRAME_KIND}`.NEIGHBOR_SOLICITATION` is answered
   * (the layer views of a frame of another kind still hold an earlier frame's state).
   */
  readonly kind?: number;
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

/** Room for `length` bytes at `offset`, an integer (a fraction would be truncated by a DataView, and make byte stores no-ops). */
function checkCapacity(out: Uint8Array, offset: number, length: number): void {
  if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("builder", offset, length, out.length - offset);
  if (!Number.isInteger(offset)) throw invalidField("builder", `offset must be an integer, got ${offset}`);
}

// The byte writers below (the NS builder's, and the NA answering a decoded object's) write bytes directly:
// no scratch header object, no second validation of fields checked once at the entry point.

/**
 * Checks a MAC input once, before anything is written, without turning 6 bytes into a 48-bit number.
 * @throws FrameError `INVALID_FIELD` as `macToNumber`.
 */
function checkMac(mac: MacAddressInput, what: string): void {
  if (mac instanceof Uint8Array && mac.length === MAC_LENGTH) return;
  macToNumber(mac, what); // text, a number, or bytes of the wrong length: checked (and refused) there
}

/**
 * Ethernet destination (`ALL_NODES` when `allNodes`, else left for the caller), source `mac`, `tags`,
 * EtherType IPv6; returns the IPv6 header's offset. The untagged header is written here directly.
 */
function putEthernetHeader(out: Uint8Array, offset: number, mac: MacAddressInput, tags: readonly VlanTagInput[]): number {
  if (tags.length !== 0) return writeEthernetHeader(out, offset, 0, mac, tags, ETHER_TYPE.IPV6);
  writeMac(out, offset + 6, mac, "mac");
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
 * Returns the options' offset.
 */
function writeFixedPart(out: Uint8Array, icmp: number, type: number, flags: number, target: Uint8Array, targetOffset: number): number {
  out[icmp] = type;
  out[icmp + 1] = 0;
  out[icmp + 2] = 0;
  out[icmp + 3] = 0;
  out[icmp + 4] = flags;
  out[icmp + 5] = 0;
  out[icmp + 6] = 0;
  out[icmp + 7] = 0;
  copyBytes(target, targetOffset, out, icmp + NDP_TARGET_OFFSET, IPV6_LENGTH);
  return icmp + NDP_FIXED_LENGTH;
}

/** An 8-byte Source (1) or Target (2) Link-Layer Address option for a checked MAC (RFC 4861 §4.6.1); returns the end. */
function putLinkLayerOption(out: Uint8Array, p: number, type: number, mac: MacAddressInput): number {
  out[p] = type;
  out[p + 1] = 1;
  writeMac(out, p + 2, mac, "mac");
  return p + LINK_LAYER_OPTION_LENGTH;
}

/** Computes (or writes the overriding) checksum, pads the Ethernet payload, returns the frame's end. */
function finish(out: Uint8Array, frame: number, ip: number, icmp: number, end: number, checksum: number | undefined): number {
  const value = checksum === undefined ? icmpv6ChecksumOf(out, ip, icmp, end) : checksum;
  out[icmp + 2] = value >>> 8;
  out[icmp + 3] = value & 0xff;
  return end - ip >= MIN_ETHERNET_PAYLOAD ? end : finishEthernetFrame(out, frame, ip, end);
}

// An NA answering an NS given as a view or bytes, and every unsolicited NA, is written in 32-bit words
// through a DataView (24 word stores, where bytes would take 86), and its checksum is summed from the words
// as they go out (RFC 1071 §4.1), never by reading the frame back. The address stores are written out in
// each builder rather than in a helper: V8 would not inline three more calls within the builder's budget
// (measured: 45 -> 81 ns for the unsolicited NA with a helper).

/** The two 16-bit halves of a 32-bit word, added (a word's share of an RFC 1071 sum). */
function halves(w: number): number {
  return (w >>> 16) + (w & 0xffff);
}

/** An NA frame's length from the IPv6 header on: 40 + the 24-byte fixed part + one 8-byte TLLA option. */
const NA_PACKET_LENGTH = IPV6_HEADER_LENGTH + NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH;

/**
 * Writes an NA frame at `x` of `v` (a DataView over the output), all but its VLAN tags (at x + 12, up to
 * the EtherType) and its three addresses, which the caller writes (IPv6 source at `ip` + 8, destination at
 * `ip` + 24, target at `ip` + 48, where `ip` is the IPv6 header's position in `v`): Ethernet destination
 * `dstHi`/`dstLo` (the MAC's first 2 and last 4 bytes), source and Target Link-Layer Address
 * `macHi`/`macLo`, hop limit, the R/S/O `flags` byte, and the ICMPv6 checksum (or the `checksum` override)
 * from `addressSum`, the caller's sum of the addresses' 16-bit words (RFC 1071 §4.1; the pseudo-header's,
 * RFC 8200 §8.1, and the target's).
 */
function writeNaFrame(
  v: DataView<ArrayBufferLike>,
  x: number,
  ip: number,
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
  v.setUint16(ip - 2, 0x86dd); // EtherType IPv6
  v.setInt32(ip, 0x6000_0000); // version 6, traffic class and flow label 0
  v.setInt32(ip + 4, 0x0020_3a00 | hopLimit); // Payload Length 32; Next Header 58; hop limit
  v.setInt32(ip + 44, flags << 24); // R/S/O and 29 reserved zero bits
  v.setUint16(ip + 64, 0x0201); // option type 2 (TLLA), length 1 (8 bytes)
  v.setUint16(ip + 66, macHi);
  v.setInt32(ip + 68, macLo);
  let value = checksum;
  if (value === undefined) {
    // Upper-Layer Packet Length 32, Next Header 58; type 136 and the flags; the option.
    const sum = addressSum + 32 + 58 + ((NEIGHBOR_ADVERTISEMENT_TYPE + flags) << 8) + 0x0201 + macHi + halves(macLo);
    value = ~foldSum(sum) & 0xffff;
  }
  v.setInt32(ip + 40, (NEIGHBOR_ADVERTISEMENT_TYPE << 24) | value); // type 136, code 0, checksum
}

/** ff02::1 (RFC 4291 §2.7.1) as four words at `i` of `v`; its word sum is 0xff02 + 1. */
function putAllNodesWords(v: DataView<ArrayBufferLike>, i: number): void {
  v.setInt32(i, ALL_NODES_0);
  v.setInt32(i + 4, 0);
  v.setInt32(i + 8, 0);
  v.setInt32(i + 12, 1);
}

/** The first 32-bit word of ff02::1 (the other three are 0, 0, 1; its word sum is 0xff02 + 1). */
const ALL_NODES_0 = 0xff02_0000 | 0;

/** Scratch for {@link macOctets}. */
const MAC_SCRATCH = new Uint8Array(MAC_LENGTH);

/**
 * A MAC input as its 6 bytes: 6 bytes as they are; a number or text checked and written into a scratch
 * array (valid until the next call).
 * @throws FrameError `INVALID_FIELD` as `writeMac`.
 */
function macOctets(mac: MacAddressInput): Uint8Array {
  if (mac instanceof Uint8Array && mac.length === MAC_LENGTH) return mac;
  writeMac(MAC_SCRATCH, 0, mac, "mac");
  return MAC_SCRATCH;
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
  const mac = macOctets(options.mac);
  const target = addressBytes(options.ip, "ip");
  const source = options.source === undefined ? target : addressBytes(options.source, "source");
  // Tags (rare) are handled apart, so that the untagged frame makes no call for them.
  const vlan = options.vlan;
  let ipOffset = offset + 14;
  if (vlan !== undefined) {
    checkVlanOption(vlan);
    ipOffset += VLAN_TAG_LENGTH * vlanTagCount(vlan);
  }
  checkCapacity(out, offset, ipOffset - offset + NA_PACKET_LENGTH);
  if (vlan !== undefined) writeVlanOption(out, offset + 12, vlan);

  const v = byteView(out);
  const base = byteViewBase();
  const ip = base + ipOffset;
  const macHi = (mac[0]! << 8) | mac[1]!;
  const macLo = readI32(mac, 2);
  const t0 = readI32(target, 0);
  const t1 = readI32(target, 4);
  const t2 = readI32(target, 8);
  const t3 = readI32(target, 12);
  v.setInt32(ip + 48, t0);
  v.setInt32(ip + 52, t1);
  v.setInt32(ip + 56, t2);
  v.setInt32(ip + 60, t3);
  let sum = halves(t0) + halves(t1) + halves(t2) + halves(t3);
  if (source === target) {
    // The IPv6 source defaults to the target: then its word sum counts twice.
    sum += sum;
    v.setInt32(ip + 8, t0);
    v.setInt32(ip + 12, t1);
    v.setInt32(ip + 16, t2);
    v.setInt32(ip + 20, t3);
  } else {
    const s0 = readI32(source, 0);
    const s1 = readI32(source, 4);
    const s2 = readI32(source, 8);
    const s3 = readI32(source, 12);
    sum += halves(s0) + halves(s1) + halves(s2) + halves(s3);
    v.setInt32(ip + 8, s0);
    v.setInt32(ip + 12, s1);
    v.setInt32(ip + 16, s2);
    v.setInt32(ip + 20, s3);
  }
  // To ff02::1 (RFC 4861 §7.2.6), at 33:33:00:00:00:01 (RFC 2464 §7).
  putAllNodesWords(v, ip + 24);
  const flags = naFlags(options.router === true, false, options.override !== false);
  writeNaFrame(v, base + offset, ip, 0x3333, 1, macHi, macLo, hopLimit, flags, sum + 0xff02 + 1, options.checksum);
  return ipOffset + NA_PACKET_LENGTH;
}

/**
 * An unsolicited Neighbor Advertisement frame (RFC 4861 §7.2.6): what a speaker sends when it takes over
 * an address. See {@link buildUnsolicitedNeighborAdvertisementInto}.
 */
export function buildUnsolicitedNeighborAdvertisement(options: UnsolicitedNeighborAdvertisementOptions): Uint8Array {
  const tagCount = vlanTagCount(options.vlan);
  const out = new Uint8Array(ethernetFrameLength(tagCount, NA_PACKET_LENGTH));
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
  copyBytes(source, 0, out, ip + IPV6_SOURCE_OFFSET, IPV6_LENGTH);
  if (destination === undefined) writeSolicitedNodeMulticast(out, ip + IPV6_DESTINATION_OFFSET, target, 0);
  else copyBytes(destination, 0, out, ip + IPV6_DESTINATION_OFFSET, IPV6_LENGTH);
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

/**
 * The allocation-free reply path: the NA answering the NS the views are on, its addresses read in 32-bit
 * words through the views' DataViews; the NS frame's VLAN tags copied raw, unless `vlan` is given.
 */
function writeReplyFromView(
  view: SolicitationFrameView,
  options: NeighborAdvertisementOptions,
  vlan: VlanOption | undefined,
  hopLimit: number,
  mac: Uint8Array,
  out: Uint8Array,
  offset: number,
): number {
  const eth = view.ethernet;
  const ndp = view.ndp;
  const ip6 = view.ipv6;
  const kind = view.kind;
  if (kind !== undefined ? kind !== FRAME_KIND.NEIGHBOR_SOLICITATION : !ndp.isSolicitation) return 0;
  const tagCount = vlan === undefined ? eth.vlanCount : vlanTagCount(vlan);
  checkCapacity(out, offset, 14 + VLAN_TAG_LENGTH * tagCount + NA_PACKET_LENGTH);
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
  const dad = (d0 | d1 | d2 | d3) === 0;
  // A DAD probe (source ::) is answered to ff02::1 at 33:33:00:00:00:01 with S = 0 (RFC 4861 §7.2.4);
  // otherwise S = 1, to the NS's source, at its Source Link-Layer Address when it has a 6-byte one, else at
  // the NS frame's Ethernet source.
  let dstHi = 0x3333;
  let dstLo = 1;
  if (!dad) {
    if (ndp.sourceLinkLayerLength === MAC_LENGTH) {
      const p = ndp.at - ndp.start + ndp.sourceLinkLayerOffset;
      dstHi = nv.getUint16(p);
      dstLo = nv.getInt32(p + 2);
    } else {
      dstHi = (eth.bytes[eth.start + 6]! << 8) | eth.bytes[eth.start + 7]!;
      dstLo = readI32(eth.bytes, eth.start + 8);
    }
  }
  let ipOffset = offset + 14;
  if (tagCount !== 0) {
    ipOffset += VLAN_TAG_LENGTH * tagCount;
    // The option's tags, or the NS's byte for byte (TPID, PCP, DEI, VID).
    if (vlan !== undefined) writeVlanOption(out, offset + 12, vlan);
    else copyBytes(eth.bytes, eth.start + 12, out, offset + 12, VLAN_TAG_LENGTH * tagCount);
  }
  const v = byteView(out);
  const base = byteViewBase();
  const ip = base + ipOffset;
  // IPv6 source and target: the NS's target (its words count twice in the sum).
  v.setInt32(ip + 8, t0);
  v.setInt32(ip + 12, t1);
  v.setInt32(ip + 16, t2);
  v.setInt32(ip + 20, t3);
  v.setInt32(ip + 48, t0);
  v.setInt32(ip + 52, t1);
  v.setInt32(ip + 56, t2);
  v.setInt32(ip + 60, t3);
  let sum = 2 * (halves(t0) + halves(t1) + halves(t2) + halves(t3));
  if (dad) {
    putAllNodesWords(v, ip + 24);
    sum += 0xff02 + 1;
  } else {
    v.setInt32(ip + 24, d0);
    v.setInt32(ip + 28, d1);
    v.setInt32(ip + 32, d2);
    v.setInt32(ip + 36, d3);
    sum += halves(d0) + halves(d1) + halves(d2) + halves(d3);
  }
  const flags = naFlags(options.router === true, !dad, options.override !== false);
  writeNaFrame(v, base + offset, ip, dstHi, dstLo, macHi, macLo, hopLimit, flags, sum, options.checksum);
  return ipOffset + NA_PACKET_LENGTH;
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
 *
 * Given views, it never throws for the frame they hold: when that is not a Neighbor Solicitation (or is a
 * `FrameView` whose `kind` is not NEIGHBOR_SOLICITATION), it writes nothing and returns 0. Its own
 * arguments (`mac`, `vlan`, overrides, room in `out`) are still checked by throwing.
 * @throws FrameError `INVALID_FIELD` when solicitation bytes or an object are not an NS (or a field is
 *   bad), the decoding error when solicitation bytes do not decode, `BUFFER_TOO_SMALL`; all before writing.
 */
export function buildNeighborAdvertisementInto(options: NeighborAdvertisementOptions, out: Uint8Array, offset = 0): number {
  const hopLimit = checkOverrides(options);
  const mac = options.mac;
  const macBytes = macOctets(mac);
  const solicitation = options.solicitation;
  const vlan = options.vlan;
  checkVlanOption(vlan);
  const router = options.router === true;
  const override = options.override !== false;
  const icmpLength = NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH;

  // A view first (the speaker's hot path: one property read tells it apart), then bytes, then an object.
  const view = isView(solicitation) ? solicitation : solicitation instanceof Uint8Array ? viewOfBytes(solicitation) : undefined;
  if (view !== undefined) {
    const end = writeReplyFromView(view, options, vlan, hopLimit, macBytes, out, offset);
    if (end === 0 && view !== solicitation) throw notSolicitation("frame");
    return end;
  }

  // A decoded frame object (neither a view nor bytes, as just seen): addresses are text, parsed once (this
  // path allocates).
  const decoded = solicitation as DecodedSolicitationFrame;
  const ns = decoded.ndp;
  const nsIpv6 = decoded.ipv6;
  if (ns === undefined || nsIpv6 === undefined || ns.kind !== "neighbor-solicitation") throw notSolicitation("object");
  const tags: readonly VlanTagInput[] = vlan === undefined ? decoded.ethernet.vlans : vlanList(vlan);
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
  const ip = writeEthernetHeader(out, offset, destinationMac, mac, tags, ETHER_TYPE.IPV6);
  releaseVlanList();
  const icmp = putIpv6Header(out, ip, icmpLength, hopLimit);
  copyBytes(target, 0, out, ip + IPV6_SOURCE_OFFSET, IPV6_LENGTH);
  copyBytes(dad ? ALL_NODES_MULTICAST_BYTES : nsSource, 0, out, ip + IPV6_DESTINATION_OFFSET, IPV6_LENGTH);
  let p = writeFixedPart(out, icmp, NEIGHBOR_ADVERTISEMENT_TYPE, naFlags(router, !dad, override), target, 0);
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
  const out = new Uint8Array(ethernetFrameLength(tagCount, NA_PACKET_LENGTH));
  if (buildNeighborAdvertisementInto(options, out, 0) === 0) throw notSolicitation("view");
  return out;
}

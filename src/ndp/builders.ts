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
import { copyBytes, writeU16, writeU48 } from "../internal/bytes.js";
import { IPV6_LENGTH, isIpv6Multicast, isIpv6Unspecified, parseIpv6, type Ipv6AddressInput } from "../address/ipv6.js";
import { MAC_LENGTH, macToNumber, writeMac, type MacAddressInput } from "../address/mac.js";
import { writeIpv6MulticastMac, writeSolicitedNodeMulticast } from "../address/multicast.js";
import { writeIcmpv6Checksum } from "../checksum/ipv6-pseudo-header.js";
import { ETHER_TYPE, VLAN_TAG_LENGTH } from "../ethernet/constants.js";
import { EthernetView, ethernetFrameLength, finishEthernetFrame, writeEthernetHeader, type EthernetHeader } from "../ethernet/ethernet.js";
import { checkVlanTags, releaseVlanList, vlanList, vlanTagCount, type VlanOption, type VlanTagInput } from "../ethernet/vlan.js";
import { Ipv6View, writeIpv6Header, type Ipv6Header, type Ipv6HeaderInput } from "../ipv6/ipv6.js";
import {
  ALL_NODES_MULTICAST_BYTES,
  IPV6_DESTINATION_OFFSET,
  IPV6_HEADER_LENGTH,
  IPV6_SOURCE_OFFSET,
  NEXT_HEADER,
  UNSPECIFIED_ADDRESS_BYTES,
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
import { writeIcmpv6Header } from "./icmpv6.js";
import { nonceOptionLength, writeEthernetLinkLayerOption, writeNonceOption } from "./options.js";

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

/** Reused header input: addresses are copied in place afterwards, so nothing is allocated per frame. */
const scratchHeader: Ipv6HeaderInput = {
  nextHeader: NEXT_HEADER.ICMPV6,
  hopLimit: NDP_HOP_LIMIT,
  source: UNSPECIFIED_ADDRESS_BYTES,
  destination: UNSPECIFIED_ADDRESS_BYTES,
};

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

/**
 * Writes the IPv6 header (addresses left for the caller to copy in) and returns the ICMPv6 offset.
 * Fields are in range: checked by the caller.
 */
function writeNdpIpv6Header(out: Uint8Array, offset: number, hopLimit: number, icmpLength: number): number {
  scratchHeader.hopLimit = hopLimit;
  return writeIpv6Header(out, offset, scratchHeader, icmpLength);
}

/**
 * Type, code 0, zero checksum, the NA flags byte (0 for an NS) and 24 zero reserved bits, the target.
 * Returns the options' offset. (The flags travel as a byte: a 32-bit word with R or S set exceeds V8's
 * small-integer range and would be boxed on every call.)
 */
function writeFixedPart(out: Uint8Array, icmp: number, type: number, flags: number, target: Uint8Array, targetOffset: number): number {
  writeIcmpv6Header(out, icmp, type, 0);
  out[icmp + 4] = flags;
  out[icmp + 5] = 0;
  writeU16(out, icmp + 6, 0);
  copyBytes(target, targetOffset, out, icmp + NDP_TARGET_OFFSET, IPV6_LENGTH);
  return icmp + NDP_FIXED_LENGTH;
}

/** Computes (or writes the overriding) checksum, pads the Ethernet payload, returns the frame's end. */
function finish(out: Uint8Array, frame: number, ip: number, icmp: number, end: number, checksum: number | undefined): number {
  if (checksum === undefined) writeIcmpv6Checksum(out, ip, icmp, end);
  else writeU16(out, icmp + 2, checksum);
  return finishEthernetFrame(out, frame, ip, end);
}

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
  macToNumber(options.mac, "mac"); // checked here, written from options.mac (no 48-bit double re-boxed per call)
  const mac = options.mac;
  const target = addressBytes(options.ip, "ip");
  const source = options.source === undefined ? target : addressBytes(options.source, "source");
  const tags = vlanList(options.vlan);
  checkVlanTags(tags);
  const icmpLength = NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH;
  checkCapacity(out, offset, ethernetFrameLength(tags.length, IPV6_HEADER_LENGTH + icmpLength));

  const ip = writeEthernetHeader(out, offset, ALL_NODES_MULTICAST_MAC, mac, tags, ETHER_TYPE.IPV6);
  releaseVlanList();
  const icmp = writeNdpIpv6Header(out, ip, hopLimit, icmpLength);
  copyBytes(source, 0, out, ip + IPV6_SOURCE_OFFSET, IPV6_LENGTH);
  copyBytes(ALL_NODES_MULTICAST_BYTES, 0, out, ip + IPV6_DESTINATION_OFFSET, IPV6_LENGTH);
  const word = naFlags(options.router === true, false, options.override !== false);
  let p = writeFixedPart(out, icmp, NEIGHBOR_ADVERTISEMENT_TYPE, word, target, 0);
  p = writeEthernetLinkLayerOption(out, p, NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS, mac);
  return finish(out, offset, ip, icmp, p, options.checksum);
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
  macToNumber(options.mac, "mac");
  const mac = options.mac;
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
  const ip = writeEthernetHeader(out, offset, 0, mac, tags, ETHER_TYPE.IPV6);
  releaseVlanList();
  const icmp = writeNdpIpv6Header(out, ip, hopLimit, icmpLength);
  copyBytes(source, 0, out, ip + IPV6_SOURCE_OFFSET, IPV6_LENGTH);
  if (destination === undefined) writeSolicitedNodeMulticast(out, ip + IPV6_DESTINATION_OFFSET, target, 0);
  else copyBytes(destination, 0, out, ip + IPV6_DESTINATION_OFFSET, IPV6_LENGTH);
  if (destinationMac >= 0) writeU48(out, offset, destinationMac);
  else writeIpv6MulticastMac(out, offset, out, ip + IPV6_DESTINATION_OFFSET);

  let p = writeFixedPart(out, icmp, NEIGHBOR_SOLICITATION_TYPE, 0, target, 0);
  if (!dad) p = writeEthernetLinkLayerOption(out, p, NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS, mac);
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

function isView(solicitation: DecodedSolicitationFrame | SolicitationFrameView): solicitation is SolicitationFrameView {
  const ndp = solicitation.ndp;
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
  const { ethernet: eth, ipv6: ip6, ndp } = view;
  if (!ndp.isSolicitation) throw notSolicitation("view");
  const mac = options.mac;
  const tagCount = tagsOption === undefined ? eth.vlanCount : tagsOption.length;
  checkCapacity(out, offset, ethernetFrameLength(tagCount, IPV6_HEADER_LENGTH + NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH));
  const dad = ip6.isSourceUnspecified;
  let ip: number;
  if (tagsOption !== undefined) {
    ip = writeEthernetHeader(out, offset, ALL_NODES_MULTICAST_MAC, mac, tagsOption, ETHER_TYPE.IPV6);
  } else {
    writeMac(out, offset + 6, mac, "mac");
    // Same tags as the NS, byte for byte (TPID, PCP, DEI, VID).
    copyBytes(eth.bytes, eth.start + 12, out, offset + 12, VLAN_TAG_LENGTH * tagCount);
    ip = offset + 12 + VLAN_TAG_LENGTH * tagCount;
    writeU16(out, ip, ETHER_TYPE.IPV6);
    ip += 2;
  }
  // Ethernet destination copied in place (a 48-bit number would be boxed on each call).
  if (dad) writeU48(out, offset, ALL_NODES_MULTICAST_MAC);
  else if (ndp.sourceLinkLayerLength === MAC_LENGTH) copyBytes(ndp.bytes, ndp.sourceLinkLayerOffset, out, offset, MAC_LENGTH);
  else copyBytes(eth.bytes, eth.start + 6, out, offset, MAC_LENGTH);
  const icmp = writeNdpIpv6Header(out, ip, hopLimit, NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH);
  ndp.copyTarget(out, ip + IPV6_SOURCE_OFFSET);
  if (dad) copyBytes(ALL_NODES_MULTICAST_BYTES, 0, out, ip + IPV6_DESTINATION_OFFSET, IPV6_LENGTH);
  else ip6.copySource(out, ip + IPV6_DESTINATION_OFFSET);
  const flags = naFlags(options.router === true, !dad, options.override !== false);
  let p = writeFixedPart(out, icmp, NEIGHBOR_ADVERTISEMENT_TYPE, flags, out, ip + IPV6_SOURCE_OFFSET);
  p = writeEthernetLinkLayerOption(out, p, NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS, mac);
  return finish(out, offset, ip, icmp, p, options.checksum);
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
  macToNumber(options.mac, "mac");
  const mac = options.mac;
  const solicitation = options.solicitation;
  const tagsOption = options.vlan === undefined ? undefined : vlanList(options.vlan);
  if (tagsOption !== undefined) checkVlanTags(tagsOption);
  const router = options.router === true;
  const override = options.override !== false;
  const icmpLength = NDP_FIXED_LENGTH + LINK_LAYER_OPTION_LENGTH;

  if (solicitation instanceof Uint8Array || isView(solicitation)) {
    const view = solicitation instanceof Uint8Array ? viewOfBytes(solicitation) : solicitation;
    return writeReplyFromView(view, options, tagsOption, hopLimit, out, offset);
  }

  // A decoded frame object: addresses are text, parsed once (this path allocates).
  const ns = solicitation.ndp;
  const nsIpv6 = solicitation.ipv6;
  if (ns === undefined || nsIpv6 === undefined || ns.kind !== "neighbor-solicitation") throw notSolicitation("object");
  const tags: readonly VlanTagInput[] = tagsOption ?? solicitation.ethernet.vlans;
  checkVlanTags(tags);
  const target = parseIpv6(ns.targetAddress);
  const nsSource = parseIpv6(nsIpv6.source);
  const dad = isIpv6Unspecified(nsSource, 0);
  let destinationMac = ALL_NODES_MULTICAST_MAC;
  if (!dad) {
    destinationMac = macToNumber(solicitation.ethernet.source, "solicitation.ethernet.source");
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
  const icmp = writeNdpIpv6Header(out, ip, hopLimit, icmpLength);
  copyBytes(objectTarget, 0, out, ip + IPV6_SOURCE_OFFSET, IPV6_LENGTH);
  copyBytes(dad ? ALL_NODES_MULTICAST_BYTES : objectSource, 0, out, ip + IPV6_DESTINATION_OFFSET, IPV6_LENGTH);
  let p = writeFixedPart(out, icmp, NEIGHBOR_ADVERTISEMENT_TYPE, naFlags(router, !dad, override), objectTarget, 0);
  p = writeEthernetLinkLayerOption(out, p, NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS, mac);
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

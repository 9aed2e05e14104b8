/**
 * Complete Ethernet frames carrying ARP, in one call: what an L2 speaker (MetalLB-style), a DHCP client
 * doing conflict detection (RFC 5227) or a test harness sends.
 *
 * Every builder has an `...Into(options, out, offset = 0)` twin that writes into the caller's buffer,
 * returns the end offset, writes every byte of the frame (padding included: a reused buffer never leaks
 * old bytes) and allocates nothing when addresses are given as numbers (48-bit MAC, uint32 IPv4) or bytes.
 * Frames are Ethernet II with EtherType 0x0806, optional 802.1Q/802.1ad tags, the payload padded to 46
 * bytes (60-byte frame untagged, IEEE 802.3 §4.4.2), no FCS.
 *
 * Errors are `FrameError` with code `INVALID_FIELD`; the layer says which option was wrong: `address`
 * (MAC/IPv4 text that does not parse, IPv6 text where IPv4 is needed, a wrong byte count, a number out of
 * range), `vlan` (VID > 4095, PCP > 7, TPID > 0xffff), `builder` (anything else: an unknown `operation` or
 * `targetHardwareAddress` keyword, a `request` that is not an Ethernet/IPv4 ARP request).
 * `BUFFER_TOO_SMALL` (layer `builder`) is thrown before anything is written.
 *
 * @packageDocumentation
 */
import { bufferTooSmall, invalidField } from "../errors.js";
import { copyBytes, readU32, readU48, writeU16, writeU32, writeU48 } from "../internal/bytes.js";
import { BROADCAST_MAC, ZERO_MAC, macToNumber, type MacAddressInput } from "../address/mac.js";
import { ipv4ToNumber, parseIpv4, type Ipv4AddressInput } from "../address/ipv4.js";
import { ETHER_TYPE, ETHERNET_HEADER_LENGTH, VLAN_TAG_LENGTH } from "../ethernet/constants.js";
import { EthernetView, ethernetFrameLength, finishEthernetFrame, writeEthernetHeader, type EthernetHeader } from "../ethernet/ethernet.js";
import { checkVlanTags, type VlanOption, type VlanTagInput } from "../ethernet/vlan.js";
import { ArpView, type ArpPacket } from "./arp.js";
import { ARP_ETHERNET_IPV4_LENGTH, ARP_HARDWARE_TYPE, ARP_OPERATION, ARP_PROTOCOL_IPV4 } from "./constants.js";

/** Length of an untagged ARP frame: 14 + 46 (28 bytes of ARP, 18 of padding). */
export const ARP_FRAME_LENGTH = 60;

const NO_TAGS: readonly VlanTagInput[] = [];
// A one-element list reused for a single `vlan` tag, so that the `...Into` builders allocate nothing
// (they are synchronous and never re-entered). Cleared after use so it holds no caller object.
const NO_TAG: VlanTagInput = { id: 0 };
const ONE_TAG: VlanTagInput[] = [NO_TAG];

function tagsOf(option: VlanOption | undefined): readonly VlanTagInput[] {
  if (option === undefined) return NO_TAGS;
  if (Array.isArray(option)) return option as readonly VlanTagInput[];
  ONE_TAG[0] = option as VlanTagInput;
  return ONE_TAG;
}

function releaseTags(): void {
  ONE_TAG[0] = NO_TAG;
}

/** Writes the 28-byte Ethernet/IPv4 ARP message (RFC 826) at `p`. All values are checked numbers. */
function writeArpEthernetIpv4(out: Uint8Array, p: number, op: number, sha: number, spa: number, tha: number, tpa: number): number {
  writeU16(out, p, ARP_HARDWARE_TYPE.ETHERNET);
  writeU16(out, p + 2, ARP_PROTOCOL_IPV4);
  out[p + 4] = 6;
  out[p + 5] = 4;
  writeU16(out, p + 6, op);
  writeU48(out, p + 8, sha);
  writeU32(out, p + 14, spa);
  writeU48(out, p + 18, tha);
  writeU32(out, p + 24, tpa);
  return p + ARP_ETHERNET_IPV4_LENGTH;
}

/** Checks capacity, then writes header, ARP and padding. Addresses are already-checked numbers. */
function writeArpFrame(
  out: Uint8Array,
  offset: number,
  destination: number,
  source: number,
  vlan: VlanOption | undefined,
  op: number,
  sha: number,
  spa: number,
  tha: number,
  tpa: number,
): number {
  const tags = tagsOf(vlan);
  try {
    checkVlanTags(tags);
    const length = ethernetFrameLength(tags.length, ARP_ETHERNET_IPV4_LENGTH);
    if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("builder", offset, length, out.length - offset);
    const p = writeEthernetHeader(out, offset, destination, source, tags, ETHER_TYPE.ARP);
    const end = writeArpEthernetIpv4(out, p, op, sha, spa, tha, tpa);
    return finishEthernetFrame(out, offset, p, end);
  } finally {
    if (tags === ONE_TAG) releaseTags();
  }
}

function allocate(length: number, write: (out: Uint8Array) => number): Uint8Array {
  const out = new Uint8Array(length);
  const end = write(out);
  return end === length ? out : out.subarray(0, end);
}

function tagCount(vlan: VlanOption | undefined): number {
  if (vlan === undefined) return 0;
  return Array.isArray(vlan) ? vlan.length : 1;
}

// ---------------------------------------------------------------------------------------------------
// Gratuitous ARP

/**
 * What to put in the target hardware address of a gratuitous ARP: `"zero"` (00:00:00:00:00:00, RFC 5227
 * §2.3 announcements), `"broadcast"` (ff:ff:ff:ff:ff:ff, what MetalLB sends), `"sender"` (the sender's own
 * MAC: RFC 2002 §4.6 gratuitous replies, and the only form Linux recognises as a gratuitous reply), or an
 * explicit MAC.
 */
export type GratuitousTargetHardwareAddress = "zero" | "broadcast" | "sender" | MacAddressInput;

/** Options of {@link buildGratuitousArp}. */
export interface GratuitousArpOptions {
  /** The MAC the address now lives at: Ethernet source and `ar$sha`. */
  mac: MacAddressInput;
  /** The IPv4 address being announced: `ar$spa` and `ar$tpa`. */
  ip: Ipv4AddressInput;
  /** ARP operation, default "request" (RFC 5227 §3 prefers requests for announcements). */
  operation?: "request" | "reply";
  /** `ar$tha`: default `"zero"` for a request, `"sender"` for a reply. */
  targetHardwareAddress?: GratuitousTargetHardwareAddress;
  /** Ethernet destination, default broadcast ff:ff:ff:ff:ff:ff. */
  destination?: MacAddressInput;
  /** One VLAN tag or a stack (outermost first). */
  vlan?: VlanOption;
}

function gratuitousOperation(op: GratuitousArpOptions["operation"]): number {
  if (op === undefined || op === "request") return ARP_OPERATION.REQUEST;
  if (op === "reply") return ARP_OPERATION.REPLY;
  throw invalidField("builder", `operation must be "request" or "reply", got ${JSON.stringify(op)}`);
}

function gratuitousTarget(tha: GratuitousTargetHardwareAddress | undefined, op: number, mac: number): number {
  if (tha === undefined) return op === ARP_OPERATION.REPLY ? mac : ZERO_MAC;
  if (tha === "zero") return ZERO_MAC;
  if (tha === "broadcast") return BROADCAST_MAC;
  if (tha === "sender") return mac;
  return macToNumber(tha, "targetHardwareAddress");
}

/**
 * Builds a gratuitous ARP into `out` at `offset` and returns the end offset (see {@link buildGratuitousArp}).
 * Allocates nothing when `mac`, `ip` and `destination` are numbers or bytes.
 */
export function buildGratuitousArpInto(options: GratuitousArpOptions, out: Uint8Array, offset = 0): number {
  const mac = macToNumber(options.mac, "mac");
  const ip = ipv4ToNumber(options.ip, "ip");
  const op = gratuitousOperation(options.operation);
  const tha = gratuitousTarget(options.targetHardwareAddress, op, mac);
  const destination = options.destination === undefined ? BROADCAST_MAC : macToNumber(options.destination, "destination");
  return writeArpFrame(out, offset, destination, mac, options.vlan, op, mac, ip, tha, ip);
}

/**
 * Builds a gratuitous ARP frame: SPA = TPA = `ip`, SHA = Ethernet source = `mac`.
 *
 * The default is the RFC 5227 §2.3 ARP Announcement: a request, THA 00:00:00:00:00:00, to broadcast.
 * MetalLB's layer-2 speaker (internal/layer2/arp.go `Gratuitous`) sends a pair on failover, both with
 * THA ff:ff:ff:ff:ff:ff and to broadcast: `{ operation: "request", targetHardwareAddress: "broadcast" }`
 * and `{ operation: "reply", targetHardwareAddress: "broadcast" }`.
 *
 * How Linux receives them (net/ipv4/arp.c `arp_process` and `arp_is_garp`, net/core/neighbour.c
 * `neigh_update`): a frame is gratuitous when SPA == TPA, and, for a *reply*, also THA == SHA (compared over
 * hlen bytes); SPA must be a unicast address. A gratuitous frame updates an existing neighbour entry to the
 * new SHA at once (`NEIGH_UPDATE_F_OVERRIDE`), and with `arp_accept` enabled it also creates one.
 * A reply that is not gratuitous (MetalLB's THA = broadcast) still refreshes an existing entry, but
 * changes its MAC only when the entry was last updated more than `locktime` ago (default 1 s); within that
 * window the new MAC is ignored. `targetHardwareAddress: "sender"` makes a reply Linux treats as
 * gratuitous (the RFC 2002 §4.6 form). The request form (the default) is gratuitous to Linux whatever THA is.
 * A request whose `ip` is the receiver's own address is an address conflict to Linux, as to RFC 5227.
 *
 * @throws FrameError `INVALID_FIELD` (layer `address`, `vlan` or `builder`, see the module notes).
 */
export function buildGratuitousArp(options: GratuitousArpOptions): Uint8Array {
  return allocate(ethernetFrameLength(tagCount(options.vlan), ARP_ETHERNET_IPV4_LENGTH), (out) => buildGratuitousArpInto(options, out, 0));
}

// ---------------------------------------------------------------------------------------------------
// Probe and request

/** Options of {@link buildArpProbe}. */
export interface ArpProbeOptions {
  /** The prober's MAC: Ethernet source and `ar$sha`. */
  mac: MacAddressInput;
  /** The address being probed: `ar$tpa`. */
  ip: Ipv4AddressInput;
  /** One VLAN tag or a stack (outermost first). */
  vlan?: VlanOption;
}

/** Builds an ARP Probe into `out` at `offset` and returns the end offset (see {@link buildArpProbe}). */
export function buildArpProbeInto(options: ArpProbeOptions, out: Uint8Array, offset = 0): number {
  const mac = macToNumber(options.mac, "mac");
  const ip = ipv4ToNumber(options.ip, "ip");
  return writeArpFrame(out, offset, BROADCAST_MAC, mac, options.vlan, ARP_OPERATION.REQUEST, mac, 0, ZERO_MAC, ip);
}

/**
 * Builds an RFC 5227 §2.1.1 ARP Probe: a request with SHA = `mac`, SPA 0.0.0.0, THA 00:00:00:00:00:00,
 * TPA = `ip`, broadcast. A host that owns `ip` answers it (Linux: `arp_process`, "sip == 0" case).
 * @throws FrameError `INVALID_FIELD` (layer `address` or `vlan`).
 */
export function buildArpProbe(options: ArpProbeOptions): Uint8Array {
  return allocate(ethernetFrameLength(tagCount(options.vlan), ARP_ETHERNET_IPV4_LENGTH), (out) => buildArpProbeInto(options, out, 0));
}

/** Options of {@link buildArpRequest}. */
export interface ArpRequestOptions {
  /** The requester's MAC: Ethernet source and `ar$sha`. */
  mac: MacAddressInput;
  /** The requester's IPv4 address: `ar$spa`. */
  ip: Ipv4AddressInput;
  /** The address to resolve: `ar$tpa`. */
  targetIp: Ipv4AddressInput;
  /** Ethernet destination, default broadcast (a unicast MAC re-validates a known entry, as Linux does). */
  destination?: MacAddressInput;
  /** One VLAN tag or a stack (outermost first). */
  vlan?: VlanOption;
}

/** Builds an ARP request into `out` at `offset` and returns the end offset (see {@link buildArpRequest}). */
export function buildArpRequestInto(options: ArpRequestOptions, out: Uint8Array, offset = 0): number {
  const mac = macToNumber(options.mac, "mac");
  const ip = ipv4ToNumber(options.ip, "ip");
  const targetIp = ipv4ToNumber(options.targetIp, "targetIp");
  const destination = options.destination === undefined ? BROADCAST_MAC : macToNumber(options.destination, "destination");
  return writeArpFrame(out, offset, destination, mac, options.vlan, ARP_OPERATION.REQUEST, mac, ip, ZERO_MAC, targetIp);
}

/**
 * Builds an RFC 826 ARP request, "who has `targetIp`? tell `ip`": SHA = Ethernet source = `mac`,
 * THA 00:00:00:00:00:00, to broadcast unless `destination` is given.
 * @throws FrameError `INVALID_FIELD` (layer `address` or `vlan`).
 */
export function buildArpRequest(options: ArpRequestOptions): Uint8Array {
  return allocate(ethernetFrameLength(tagCount(options.vlan), ARP_ETHERNET_IPV4_LENGTH), (out) => buildArpRequestInto(options, out, 0));
}

// ---------------------------------------------------------------------------------------------------
// Reply

/** A received request as a decoded object, e.g. what `decodeFrame` returns. */
export interface ArpRequestFrame {
  /** The Ethernet header (its `vlans` are copied into the reply). */
  readonly ethernet?: EthernetHeader | undefined;
  /** The ARP request. */
  readonly arp?: ArpPacket | undefined;
}

/** A received request as views, e.g. a `FrameView` after a successful `reset`. */
export interface ArpRequestFrameView {
  /** The Ethernet view of the request frame. */
  readonly ethernet: EthernetView;
  /** The ARP view of the request, over the same bytes. */
  readonly arp: ArpView;
}

/** Options of {@link buildArpReply}. */
export interface ArpReplyOptions {
  /** The request to answer: the frame's bytes, its decoded object, or views over it. */
  request: Uint8Array | ArpRequestFrame | ArpRequestFrameView;
  /** The MAC that answers: Ethernet source and `ar$sha`. */
  mac: MacAddressInput;
}

// Views for requests given as bytes (synchronous, never re-entered).
const requestEthernet = new EthernetView();
const requestArp = new ArpView();

function isViewRequest(request: ArpRequestFrame | ArpRequestFrameView): request is ArpRequestFrameView {
  const arp = request.arp as { reset?: unknown } | undefined;
  return arp !== undefined && typeof arp.reset === "function";
}

function notARequest(why: string): never {
  throw invalidField("builder", `request is not an Ethernet/IPv4 ARP request: ${why}`);
}

function checkRequestFields(htype: number, ptype: number, hlen: number, plen: number, op: number): void {
  if (op !== ARP_OPERATION.REQUEST) notARequest(`operation is ${op}, not 1`);
  if (htype !== ARP_HARDWARE_TYPE.ETHERNET || ptype !== ARP_PROTOCOL_IPV4 || hlen !== 6 || plen !== 4) {
    notARequest(`hardware type ${htype}, protocol type 0x${ptype.toString(16)}, hlen ${hlen}, plen ${plen} (need 1, 0x800, 6, 4)`);
  }
}

function replyFromViews(eth: EthernetView, arp: ArpView, mac: number, out: Uint8Array, offset: number): number {
  const b = eth.bytes;
  if (eth.isLlc || eth.protocol !== ETHER_TYPE.ARP) notARequest(`EtherType 0x${eth.etherType.toString(16)} is not 0x806`);
  if (arp.bytes !== b || arp.start !== eth.payloadOffset || !(arp.end > arp.start && arp.end <= b.length)) {
    notARequest("the ARP view does not hold the Ethernet view's payload");
  }
  checkRequestFields(arp.hardwareType, arp.protocolType, arp.hardwareLength, arp.protocolLength, arp.operation);
  const tags = eth.vlanCount;
  const length = ethernetFrameLength(tags, ARP_ETHERNET_IPV4_LENGTH);
  if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("builder", offset, length, out.length - offset);
  // Read what the reply needs before writing: `out` may be the request's own buffer (an in-place answer).
  const sha = readU48(b, arp.start + 8);
  const spa = readU32(b, arp.start + 14);
  const tpa = readU32(b, arp.start + 24);
  const tagBytes = VLAN_TAG_LENGTH * tags;
  if (tagBytes > 0) {
    if (out === b) out.copyWithin(offset + 12, eth.start + 12, eth.start + 12 + tagBytes);
    else copyBytes(b, eth.start + 12, out, offset + 12, tagBytes);
  }
  writeU48(out, offset, sha);
  writeU48(out, offset + 6, mac);
  const p = offset + ETHERNET_HEADER_LENGTH + tagBytes;
  writeU16(out, p - 2, ETHER_TYPE.ARP);
  const end = writeArpEthernetIpv4(out, p, ARP_OPERATION.REPLY, mac, tpa, sha, spa);
  return finishEthernetFrame(out, offset, p, end);
}

function replyFromObject(request: ArpRequestFrame, mac: number, out: Uint8Array, offset: number): number {
  const eth = request.ethernet;
  const arp = request.arp;
  if (eth === undefined || arp === undefined) notARequest("it has no Ethernet header or no ARP message");
  if (eth.llc !== undefined || eth.etherType !== ETHER_TYPE.ARP) notARequest(`EtherType 0x${eth.etherType.toString(16)} is not 0x806`);
  checkRequestFields(arp.hardwareType, arp.protocolType, arp.hardwareLength, arp.protocolLength, arp.operation);
  const sha = macToNumber(arp.senderHardwareAddress, "request senderHardwareAddress");
  const spa = parseIpv4(arp.senderProtocolAddress);
  const tpa = parseIpv4(arp.targetProtocolAddress);
  const tags = eth.vlans;
  checkVlanTags(tags);
  const length = ethernetFrameLength(tags.length, ARP_ETHERNET_IPV4_LENGTH);
  if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("builder", offset, length, out.length - offset);
  const p = writeEthernetHeader(out, offset, sha, mac, tags, ETHER_TYPE.ARP);
  const end = writeArpEthernetIpv4(out, p, ARP_OPERATION.REPLY, mac, tpa, sha, spa);
  return finishEthernetFrame(out, offset, p, end);
}

/**
 * Builds the reply to an ARP request into `out` at `offset` and returns the end offset (see
 * {@link buildArpReply}). With the request given as views (`{ ethernet, arp }`, e.g. a `FrameView`) or
 * bytes, and `mac` as a number or bytes, it allocates nothing: the speaker's hot path. `out` may be the
 * request's own buffer: every field is read before anything is written.
 */
export function buildArpReplyInto(options: ArpReplyOptions, out: Uint8Array, offset = 0): number {
  const mac = macToNumber(options.mac, "mac");
  const request = options.request;
  if (request instanceof Uint8Array) {
    let code = requestEthernet.reset(request);
    if (code !== 0) notARequest(`Ethernet header cut short at byte ${requestEthernet.errorOffset}`);
    code = requestArp.reset(request, requestEthernet.payloadOffset, requestEthernet.payloadEnd);
    if (code !== 0) notARequest(`ARP message cut short at byte ${requestArp.errorOffset}`);
    return replyFromViews(requestEthernet, requestArp, mac, out, offset);
  }
  if (isViewRequest(request)) return replyFromViews(request.ethernet, request.arp, mac, out, offset);
  return replyFromObject(request, mac, out, offset);
}

/**
 * Builds the RFC 826 reply to an Ethernet/IPv4 ARP request (operation 1, htype 1, ptype 0x0800, hlen 6,
 * plen 4), as a host that owns the requested address (or proxies for it) answers:
 * - Ethernet destination = the request's SHA, source = `mac`, the request's VLAN tags unchanged (TPIDs,
 *   PCP, DEI, VID), EtherType 0x0806, padded to 60 bytes (+4 per tag);
 * - operation 2, SHA = `mac`, SPA = the request's TPA (the requested address), THA = the request's SHA,
 *   TPA = the request's SPA (0.0.0.0 when answering an RFC 5227 probe, as Linux does).
 *
 * It does not check that the requested address is yours: compare `view.targetIpv4` (or the decoded
 * `targetProtocolAddress`) first.
 * @throws FrameError `INVALID_FIELD`: layer `builder` when `request` is anything else (not decodable, not
 *   EtherType 0x0806 Ethernet II, another operation, hardware/protocol type or length), layer `address`
 *   for a bad `mac`.
 */
export function buildArpReply(options: ArpReplyOptions): Uint8Array {
  const out = new Uint8Array(ARP_FRAME_LENGTH + VLAN_TAG_LENGTH * replyTagCount(options.request));
  const end = buildArpReplyInto(options, out, 0);
  return end === out.length ? out : out.slice(0, end);
}

function replyTagCount(request: ArpReplyOptions["request"]): number {
  if (request instanceof Uint8Array) {
    const eth = new EthernetView();
    return eth.reset(request) === 0 ? eth.vlanCount : 0;
  }
  if (isViewRequest(request)) return request.ethernet.vlanCount;
  return request.ethernet?.vlans.length ?? 0;
}

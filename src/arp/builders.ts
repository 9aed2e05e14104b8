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
import { readU16, writeU16 } from "../internal/bytes.js";
import { BROADCAST_MAC, macToBytes, type MacAddressInput } from "../address/mac.js";
import { ipv4ToBytes, type Ipv4AddressInput } from "../address/ipv4.js";
import { ETHER_TYPE, ETHERNET_HEADER_LENGTH, VLAN_TAG_LENGTH } from "../ethernet/constants.js";
import { EthernetView, ethernetFrameLength, finishEthernetFrame, type EthernetHeader } from "../ethernet/ethernet.js";
import { checkVlanTags, releaseVlanList, vlanList, vlanTagCount, writeVlanTag, type VlanOption } from "../ethernet/vlan.js";
import { ArpView, type ArpPacket } from "./arp.js";
import { ARP_ETHERNET_IPV4_LENGTH, ARP_HARDWARE_TYPE, ARP_OPERATION, ARP_PROTOCOL_IPV4 } from "./constants.js";

/** Length of an untagged ARP frame: 14 + 46 (28 bytes of ARP, 18 of padding). */
export const ARP_FRAME_LENGTH = 60;

// Addresses travel through the builders as 16-bit words in one module-level scratch array: a MAC is three
// words, an IPv4 address two. A 48-bit MAC or a uint32 above 2^30 is not a small integer to V8, and every
// time such a number is passed to a function that is not inlined it is boxed in a fresh heap object; the
// words never are, so the `...Into` builders allocate nothing. (JavaScript is single-threaded and the
// builders do not re-enter, so one scratch array is safe.)
const W = new Uint16Array(15);
const DST = 0; // Ethernet destination
const SRC = 3; // Ethernet source = ar$sha
const THA = 6;
const SPA = 9;
const TPA = 11;

// A number read from an options object is handed to the helpers below through this one-slot array, not
// as an argument: a float64 argument to a function V8 does not inline is boxed; a Float64Array slot is not.
const F = new Float64Array(1);

/** Stores the MAC number in `F[0]` as three words at `W[i]`. */
function putMacNumber(i: number, what: string): void {
  const v = F[0]!;
  if (!(Number.isInteger(v) && v >= 0 && v <= BROADCAST_MAC)) throw invalidField("address", `${what} is not a 48-bit MAC address: ${v}`);
  W[i] = v / 0x1_0000_0000; // a Uint16Array store truncates
  W[i + 1] = (v / 0x1_0000) & 0xffff;
  W[i + 2] = v & 0xffff;
}

/** Stores a MAC given as 6 bytes or text as three words at `W[i]`. */
function putMacOther(i: number, v: Uint8Array | string, what: string): void {
  const b = typeof v !== "string" && v.length === 6 ? v : macToBytes(v, what);
  W[i] = readU16(b, 0);
  W[i + 1] = readU16(b, 2);
  W[i + 2] = readU16(b, 4);
}

/** Stores the IPv4 number in `F[0]` as two words at `W[i]`. */
function putIpv4Number(i: number, what: string): void {
  const v = F[0]!;
  if (!(Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff)) throw invalidField("address", `${what} is not a 32-bit IPv4 address: ${v}`);
  W[i] = v / 0x1_0000;
  W[i + 1] = v & 0xffff;
}

/** Stores an IPv4 address given as 4 bytes or dotted text as two words at `W[i]`. */
function putIpv4Other(i: number, v: Uint8Array | string, what: string): void {
  const b = typeof v !== "string" && v.length === 4 ? v : ipv4ToBytes(v, what);
  W[i] = readU16(b, 0);
  W[i + 1] = readU16(b, 2);
}

function copyWords(to: number, from: number, n: number): void {
  for (let k = 0; k < n; k++) W[to + k] = W[from + k]!;
}

function fillWords(to: number, n: number, value: number): void {
  for (let k = 0; k < n; k++) W[to + k] = value;
}

function writeWords(out: Uint8Array, p: number, from: number, n: number): void {
  for (let k = 0; k < n; k++) writeU16(out, p + 2 * k, W[from + k]!);
}

/**
 * Writes the 28-byte Ethernet/IPv4 ARP message (RFC 826) at `p` from the scratch words: SHA = SRC,
 * SPA, THA, TPA.
 */
function writeArpEthernetIpv4(out: Uint8Array, p: number, op: number): number {
  writeU16(out, p, ARP_HARDWARE_TYPE.ETHERNET);
  writeU16(out, p + 2, ARP_PROTOCOL_IPV4);
  out[p + 4] = 6;
  out[p + 5] = 4;
  writeU16(out, p + 6, op);
  writeWords(out, p + 8, SRC, 3);
  writeWords(out, p + 14, SPA, 2);
  writeWords(out, p + 18, THA, 3);
  writeWords(out, p + 24, TPA, 2);
  return p + ARP_ETHERNET_IPV4_LENGTH;
}

/** Checks the tags and capacity, then writes header, ARP and padding from the scratch words. */
function writeArpFrame(out: Uint8Array, offset: number, vlan: VlanOption | undefined, op: number): number {
  const tags = vlanList(vlan);
  try {
    checkVlanTags(tags);
    const length = ethernetFrameLength(tags.length, ARP_ETHERNET_IPV4_LENGTH);
    if (!(offset >= 0 && out.length - offset >= length)) throw bufferTooSmall("builder", offset, length, out.length - offset);
    writeWords(out, offset, DST, 3);
    writeWords(out, offset + 6, SRC, 3);
    let p = offset + 12;
    for (let i = 0; i < tags.length; i++) {
      writeVlanTag(out, p, tags[i]!, i, tags.length);
      p += VLAN_TAG_LENGTH;
    }
    writeU16(out, p, ETHER_TYPE.ARP);
    p += 2;
    return finishEthernetFrame(out, offset, p, writeArpEthernetIpv4(out, p, op));
  } finally {
    releaseVlanList();
  }
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

function putGratuitousTarget(options: GratuitousArpOptions, op: number): void {
  const tha = options.targetHardwareAddress;
  if (tha === "sender" || (tha === undefined && op === ARP_OPERATION.REPLY)) copyWords(THA, SRC, 3);
  else if (tha === undefined || tha === "zero") fillWords(THA, 3, 0);
  else if (tha === "broadcast") fillWords(THA, 3, 0xffff);
  else if (typeof tha === "number") {
    F[0] = tha;
    putMacNumber(THA, "targetHardwareAddress");
  } else putMacOther(THA, tha, "targetHardwareAddress");
}

function putDestination(options: { readonly destination?: MacAddressInput | undefined }): void {
  const destination = options.destination;
  if (destination === undefined) fillWords(DST, 3, 0xffff);
  else if (typeof destination === "number") {
    F[0] = destination;
    putMacNumber(DST, "destination");
  } else putMacOther(DST, destination, "destination");
}

/**
 * Builds a gratuitous ARP into `out` at `offset` and returns the end offset (see {@link buildGratuitousArp}).
 * Allocates nothing when `mac`, `ip` and `destination` are numbers or bytes.
 */
export function buildGratuitousArpInto(options: GratuitousArpOptions, out: Uint8Array, offset = 0): number {
  const mac = options.mac;
  if (typeof mac === "number") {
    F[0] = mac;
    putMacNumber(SRC, "mac");
  } else putMacOther(SRC, mac, "mac");
  const ip = options.ip;
  if (typeof ip === "number") {
    F[0] = ip;
    putIpv4Number(SPA, "ip");
  } else putIpv4Other(SPA, ip, "ip");
  copyWords(TPA, SPA, 2);
  const op = gratuitousOperation(options.operation);
  putGratuitousTarget(options, op);
  putDestination(options);
  return writeArpFrame(out, offset, options.vlan, op);
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
 * new SHA at once (`NEIGH_UPDATE_F_OVERRIDE`); with `arp_accept` enabled it also creates a missing one
 * (as it does for any reply from a unicast SPA). A reply that is not gratuitous (MetalLB's THA =
 * broadcast) still reaches an existing entry, but changes its MAC only when the entry was last updated more
 * than `locktime` ago (default 1 s); within that window the new MAC is ignored. `targetHardwareAddress:
 * "sender"` makes a reply Linux treats as gratuitous (the RFC 2002 §4.6 form). The request form (the
 * default) is gratuitous to Linux whatever THA is. With the `drop_gratuitous_arp` sysctl set, Linux drops
 * every frame with SPA == TPA.
 *
 * @throws FrameError `INVALID_FIELD` (layer `address`, `vlan` or `builder`, see the module notes).
 */
export function buildGratuitousArp(options: GratuitousArpOptions): Uint8Array {
  const out = new Uint8Array(ethernetFrameLength(vlanTagCount(options.vlan), ARP_ETHERNET_IPV4_LENGTH));
  buildGratuitousArpInto(options, out, 0);
  return out;
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
  const mac = options.mac;
  if (typeof mac === "number") {
    F[0] = mac;
    putMacNumber(SRC, "mac");
  } else putMacOther(SRC, mac, "mac");
  const ip = options.ip;
  if (typeof ip === "number") {
    F[0] = ip;
    putIpv4Number(TPA, "ip");
  } else putIpv4Other(TPA, ip, "ip");
  fillWords(SPA, 2, 0);
  fillWords(THA, 3, 0);
  fillWords(DST, 3, 0xffff);
  return writeArpFrame(out, offset, options.vlan, ARP_OPERATION.REQUEST);
}

/**
 * Builds an RFC 5227 §2.1.1 ARP Probe: a request with SHA = `mac`, SPA 0.0.0.0, THA 00:00:00:00:00:00,
 * TPA = `ip`, broadcast. A host that owns `ip` answers it (Linux: `arp_process`, "sip == 0" case).
 * @throws FrameError `INVALID_FIELD` (layer `address` or `vlan`).
 */
export function buildArpProbe(options: ArpProbeOptions): Uint8Array {
  const out = new Uint8Array(ethernetFrameLength(vlanTagCount(options.vlan), ARP_ETHERNET_IPV4_LENGTH));
  buildArpProbeInto(options, out, 0);
  return out;
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
  const mac = options.mac;
  if (typeof mac === "number") {
    F[0] = mac;
    putMacNumber(SRC, "mac");
  } else putMacOther(SRC, mac, "mac");
  const ip = options.ip;
  if (typeof ip === "number") {
    F[0] = ip;
    putIpv4Number(SPA, "ip");
  } else putIpv4Other(SPA, ip, "ip");
  const targetIp = options.targetIp;
  if (typeof targetIp === "number") {
    F[0] = targetIp;
    putIpv4Number(TPA, "targetIp");
  } else putIpv4Other(TPA, targetIp, "targetIp");
  fillWords(THA, 3, 0);
  putDestination(options);
  return writeArpFrame(out, offset, options.vlan, ARP_OPERATION.REQUEST);
}

/**
 * Builds an RFC 826 ARP request, "who has `targetIp`? tell `ip`": SHA = Ethernet source = `mac`,
 * THA 00:00:00:00:00:00, to broadcast unless `destination` is given.
 * @throws FrameError `INVALID_FIELD` (layer `address` or `vlan`).
 */
export function buildArpRequest(options: ArpRequestOptions): Uint8Array {
  const out = new Uint8Array(ethernetFrameLength(vlanTagCount(options.vlan), ARP_ETHERNET_IPV4_LENGTH));
  buildArpRequestInto(options, out, 0);
  return out;
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

function replyFromViews(eth: EthernetView, arp: ArpView, out: Uint8Array, offset: number): number {
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
  const a = arp.start;
  for (let k = 0; k < 3; k++) W[DST + k] = readU16(b, a + 8 + 2 * k); // request SHA: destination and THA
  copyWords(THA, DST, 3);
  W[TPA] = readU16(b, a + 14); // request SPA
  W[TPA + 1] = readU16(b, a + 16);
  W[SPA] = readU16(b, a + 24); // request TPA: the address asked for
  W[SPA + 1] = readU16(b, a + 26);
  const tagBytes = VLAN_TAG_LENGTH * tags;
  if (out === b) b.copyWithin(offset + 12, eth.start + 12, eth.start + 12 + tagBytes);
  else copyTags(b, eth.start + 12, out, offset + 12, tagBytes);
  writeWords(out, offset, DST, 3);
  writeWords(out, offset + 6, SRC, 3);
  const p = offset + ETHERNET_HEADER_LENGTH + tagBytes;
  writeU16(out, p - 2, ETHER_TYPE.ARP);
  return finishEthernetFrame(out, offset, p, writeArpEthernetIpv4(out, p, ARP_OPERATION.REPLY));
}

function copyTags(from: Uint8Array, at: number, out: Uint8Array, to: number, n: number): void {
  for (let k = 0; k < n; k++) out[to + k] = from[at + k]!;
}

function replyFromObject(request: ArpRequestFrame, out: Uint8Array, offset: number): number {
  const eth = request.ethernet;
  const arp = request.arp;
  if (eth === undefined || arp === undefined) notARequest("it has no Ethernet header or no ARP message");
  if (eth.llc !== undefined || eth.etherType !== ETHER_TYPE.ARP) notARequest(`EtherType 0x${eth.etherType.toString(16)} is not 0x806`);
  checkRequestFields(arp.hardwareType, arp.protocolType, arp.hardwareLength, arp.protocolLength, arp.operation);
  putMacOther(DST, arp.senderHardwareAddress, "request senderHardwareAddress");
  copyWords(THA, DST, 3);
  putIpv4Other(TPA, arp.senderProtocolAddress, "request senderProtocolAddress");
  putIpv4Other(SPA, arp.targetProtocolAddress, "request targetProtocolAddress");
  return writeArpFrame(out, offset, eth.vlans, ARP_OPERATION.REPLY);
}

/**
 * Builds the reply to an ARP request into `out` at `offset` and returns the end offset (see
 * {@link buildArpReply}). With the request given as views (`{ ethernet, arp }`, e.g. a `FrameView`) or
 * bytes, and `mac` as a number or bytes, it allocates nothing: the speaker's hot path. `out` may be the
 * request's own buffer: every field is read before anything is written.
 */
export function buildArpReplyInto(options: ArpReplyOptions, out: Uint8Array, offset = 0): number {
  const mac = options.mac;
  if (typeof mac === "number") {
    F[0] = mac;
    putMacNumber(SRC, "mac");
  } else putMacOther(SRC, mac, "mac");
  const request = options.request;
  if (request instanceof Uint8Array) {
    let code = requestEthernet.reset(request);
    if (code !== 0) notARequest(`Ethernet header cut short at byte ${requestEthernet.errorOffset}`);
    code = requestArp.reset(request, requestEthernet.payloadOffset, requestEthernet.payloadEnd);
    if (code !== 0) notARequest(`ARP message cut short at byte ${requestArp.errorOffset}`);
    return replyFromViews(requestEthernet, requestArp, out, offset);
  }
  if (isViewRequest(request)) return replyFromViews(request.ethernet, request.arp, out, offset);
  return replyFromObject(request, out, offset);
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

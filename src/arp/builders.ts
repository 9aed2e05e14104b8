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
import { byteView, byteViewBase, readI32 } from "../internal/bytes.js";
import { BROADCAST_MAC, macToBytes, type MacAddressInput } from "../address/mac.js";
import { ipv4ToBytes, type Ipv4AddressInput } from "../address/ipv4.js";
import { ETHER_TYPE, VLAN_TAG_LENGTH } from "../ethernet/constants.js";
import { EthernetView, ethernetFrameLength, type EthernetHeader } from "../ethernet/ethernet.js";
import { checkVlanOption, vlanTagCount, writeVlanOption, type VlanOption } from "../ethernet/vlan.js";
import { FRAME_KIND } from "../frame-kind.js";
import { ArpView, type ArpPacket } from "./arp.js";
import { ARP_ETHERNET_IPV4_LENGTH, ARP_HARDWARE_TYPE, ARP_OPERATION, ARP_PROTOCOL_IPV4 } from "./constants.js";
import { checkOutput } from "../internal/args.js";

/** Length of an untagged ARP frame: 14 + 46 (28 bytes of ARP, 18 of padding). */
export const ARP_FRAME_LENGTH = 60;

// How the builders stay allocation-free and fast: every address option is first "resolved" to the bytes
// to write (checking it), then one straight-line function writes the frame from those bytes.
// - Bytes given by the caller are used as they are; text is parsed (that allocates, as text must).
// - A number is stored at once into a slot of the Float64Array F and turned into bytes in the slot's own
//   scratch array. Never passed as an argument: a 48-bit MAC or a uint32 ≥ 2^31 passed to (or returned
//   from) a function V8 did not inline is boxed in a fresh heap number; a Float64Array store never is.
// JavaScript is single-threaded and the builders do not re-enter, so module-level scratch is safe.
const F = new Float64Array(4);
const SCRATCH = [new Uint8Array(6), new Uint8Array(6), new Uint8Array(6), new Uint8Array(6)] as const;
const SLOT_MAC = 0; // `mac`: Ethernet source and SHA
const SLOT_IP = 1; // SPA (`ip`, or the requested address of a reply)
const SLOT_TARGET = 2; // TPA, or a numeric THA
const SLOT_DESTINATION = 3; // a numeric Ethernet destination
const ZERO_MAC_BYTES = new Uint8Array(6);
const BROADCAST_MAC_BYTES = new Uint8Array(6).fill(0xff);
const ZERO_IPV4_BYTES = new Uint8Array(4);

/** The MAC number in `F[slot]` as 6 bytes in the slot's scratch array. @throws FrameError INVALID_FIELD. */
function macFromSlot(slot: 0 | 1 | 2 | 3, what: string): Uint8Array {
  const v = F[slot]!;
  if (!(Number.isInteger(v) && v >= 0 && v <= BROADCAST_MAC)) throw invalidField("address", `${what} is not a 48-bit MAC address: ${v}`);
  const b = SCRATCH[slot];
  const hi = v / 0x1_0000_0000; // a Uint8Array store keeps the low 8 bits of the integer part
  const lo = v >>> 0;
  b[0] = hi >>> 8;
  b[1] = hi;
  b[2] = lo >>> 24;
  b[3] = lo >>> 16;
  b[4] = lo >>> 8;
  b[5] = lo;
  return b;
}

/** The IPv4 number in `F[slot]` as 4 bytes in the slot's scratch array. @throws FrameError INVALID_FIELD. */
function ipv4FromSlot(slot: 0 | 1 | 2 | 3, what: string): Uint8Array {
  const v = F[slot]!;
  if (!(Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff)) throw invalidField("address", `${what} is not a 32-bit IPv4 address: ${v}`);
  const b = SCRATCH[slot];
  b[0] = v >>> 24;
  b[1] = v >>> 16;
  b[2] = v >>> 8;
  b[3] = v;
  return b;
}

/** A MAC given as 6 bytes (returned as they are) or text (parsed). @throws FrameError INVALID_FIELD. */
function macBytes(v: Uint8Array | string, what: string): Uint8Array {
  return typeof v !== "string" && v.length === 6 ? v : macToBytes(v, what);
}

/** An IPv4 address given as 4 bytes (returned as they are) or dotted text (parsed). @throws FrameError INVALID_FIELD. */
function ipv4Bytes(v: Uint8Array | string, what: string): Uint8Array {
  return typeof v !== "string" && v.length === 4 ? v : ipv4ToBytes(v, what);
}

/** Throws BUFFER_TOO_SMALL unless `length` bytes fit at `offset` (an integer) in `out`. */
function checkRoom(out: Uint8Array, offset: number, length: number): void {
  if (!(Number.isInteger(offset) && offset >= 0 && out.length - offset >= length)) {
    checkOutput("builder", out, offset);
    throw bufferTooSmall("builder", offset, length, out.length - offset);
  }
}

/**
 * Writes the frame: destination and source MAC at `offset`, then (after the tags, which the caller wrote)
 * EtherType 0x0806 at `p`, the 28-byte Ethernet/IPv4 ARP message (RFC 826) with SHA = source, and the 18
 * bytes of padding that make the payload 46 bytes (IEEE 802.3 §4.4.2). Returns the frame's end.
 * Straight-line big-endian word stores through the cached DataView of `out` (see `byteView`), each source
 * byte loaded once: a loop or a helper call costs more than the stores themselves.
 */
function writeArpFrameBytes(
  out: Uint8Array,
  offset: number,
  p: number,
  op: number,
  dst: Uint8Array,
  sha: Uint8Array,
  spa: Uint8Array,
  tha: Uint8Array,
  tpa: Uint8Array,
): number {
  // Big-endian word stores through a DataView: 17 bounds-checked stores instead of 60 byte stores.
  const v = byteView(out);
  const base = byteViewBase();
  const o = base + offset;
  const q = base + p;
  v.setUint32(o, (dst[0]! << 24) | (dst[1]! << 16) | (dst[2]! << 8) | dst[3]!);
  v.setUint16(o + 4, (dst[4]! << 8) | dst[5]!);
  const shaHi = (sha[0]! << 24) | (sha[1]! << 16) | (sha[2]! << 8) | sha[3]!;
  const shaLo = (sha[4]! << 8) | sha[5]!;
  v.setUint32(o + 6, shaHi);
  v.setUint16(o + 10, shaLo);
  v.setUint32(q, 0x0806_0001); // EtherType 0x0806; ar$hrd 1 (Ethernet)
  v.setUint32(q + 4, 0x0800_0604); // ar$pro 0x0800 (IPv4); ar$hln 6, ar$pln 4
  v.setUint16(q + 8, op);
  v.setUint32(q + 10, shaHi);
  v.setUint16(q + 14, shaLo);
  v.setUint32(q + 16, (spa[0]! << 24) | (spa[1]! << 16) | (spa[2]! << 8) | spa[3]!);
  v.setUint32(q + 20, (tha[0]! << 24) | (tha[1]! << 16) | (tha[2]! << 8) | tha[3]!);
  v.setUint16(q + 24, (tha[4]! << 8) | tha[5]!);
  v.setUint32(q + 26, (tpa[0]! << 24) | (tpa[1]! << 16) | (tpa[2]! << 8) | tpa[3]!);
  // padding, 18 bytes
  v.setUint16(q + 30, 0);
  v.setUint32(q + 32, 0);
  v.setUint32(q + 36, 0);
  v.setUint32(q + 40, 0);
  v.setUint32(q + 44, 0);
  return p + 48;
}

/** Checks the tags and the room, then writes the whole frame; every address was resolved (checked) before. */
function writeArpFrame(
  out: Uint8Array,
  offset: number,
  vlan: VlanOption | undefined,
  op: number,
  dst: Uint8Array,
  sha: Uint8Array,
  spa: Uint8Array,
  tha: Uint8Array,
  tpa: Uint8Array,
): number {
  let length = ARP_FRAME_LENGTH;
  if (vlan !== undefined) {
    checkVlanOption(vlan);
    length += VLAN_TAG_LENGTH * vlanTagCount(vlan);
  }
  checkRoom(out, offset, length);
  const p = vlan === undefined ? offset + 12 : writeVlanOption(out, offset + 12, vlan);
  return writeArpFrameBytes(out, offset, p, op, dst, sha, spa, tha, tpa);
}

/** A `destination` option that is not a number, resolved: broadcast by default. */
function destinationBytes(destination: Uint8Array | string | undefined): Uint8Array {
  return destination === undefined ? BROADCAST_MAC_BYTES : macBytes(destination, "destination");
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

/** The gratuitous ARP's `targetHardwareAddress` resolved (see {@link GratuitousTargetHardwareAddress}). */
function resolveGratuitousTarget(options: GratuitousArpOptions, op: number, sha: Uint8Array): Uint8Array {
  const tha = options.targetHardwareAddress;
  if (tha === undefined) return op === ARP_OPERATION.REPLY ? sha : ZERO_MAC_BYTES;
  if (tha === "sender") return sha;
  if (tha === "zero") return ZERO_MAC_BYTES;
  if (tha === "broadcast") return BROADCAST_MAC_BYTES;
  if (typeof tha !== "number") return macBytes(tha, "targetHardwareAddress");
  F[SLOT_TARGET] = tha;
  return macFromSlot(SLOT_TARGET, "targetHardwareAddress");
}

/**
 * Builds a gratuitous ARP into `out` at `offset` and returns the end offset (see {@link buildGratuitousArp}).
 * Allocates nothing when `mac`, `ip` and `destination` are numbers or bytes.
 */
export function buildGratuitousArpInto(options: GratuitousArpOptions, out: Uint8Array, offset = 0): number {
  // Every option is checked before the first byte is written. A number goes straight into its F slot.
  const mac = options.mac;
  const ip = options.ip;
  // The speaker's announcement: untagged, broadcast, `ar$tha` by default, a 6-byte MAC and the address as
  // a number or 4 bytes. Written in words, in one function; any other input takes the general path below.
  if (
    options.vlan === undefined &&
    options.destination === undefined &&
    options.targetHardwareAddress === undefined &&
    mac instanceof Uint8Array &&
    mac.length === 6 &&
    Number.isInteger(offset) &&
    offset >= 0 &&
    out.length - offset >= ARP_FRAME_LENGTH
  ) {
    let spa: number;
    if (typeof ip === "number") {
      if (!(Number.isInteger(ip) && ip >= 0 && ip <= 0xffff_ffff)) throw invalidField("address", `ip is not a 32-bit IPv4 address: ${ip}`);
      spa = ip | 0;
    } else if (ip instanceof Uint8Array && ip.length === 4) {
      spa = readI32(ip, 0);
    } else {
      spa = readI32(ipv4Bytes(ip, "ip"), 0);
    }
    const op = gratuitousOperation(options.operation);
    const v = byteView(out);
    const x = byteViewBase() + offset;
    const hi = (mac[0]! << 8) | mac[1]!;
    const lo = readI32(mac, 2);
    v.setInt32(x, -1); // destination ff:ff:ff:ff:ff:ff
    v.setUint16(x + 4, 0xffff);
    v.setUint16(x + 6, hi);
    v.setInt32(x + 8, lo);
    v.setInt32(x + 12, 0x0806_0001); // EtherType 0x0806; ar$hrd 1 (Ethernet)
    v.setInt32(x + 16, 0x0800_0604); // ar$pro 0x0800 (IPv4); ar$hln 6, ar$pln 4
    v.setUint16(x + 20, op);
    v.setUint16(x + 22, hi);
    v.setInt32(x + 24, lo);
    v.setInt32(x + 28, spa);
    // ar$tha: zero for a request (RFC 5227 §3), the sender's MAC for a reply (what Linux accepts).
    const reply = op === ARP_OPERATION.REPLY;
    v.setUint16(x + 32, reply ? hi : 0);
    v.setInt32(x + 34, reply ? lo : 0);
    v.setInt32(x + 38, spa);
    // Padding to the 60-byte minimum: 18 zero bytes.
    v.setUint16(x + 42, 0);
    v.setInt32(x + 44, 0);
    v.setInt32(x + 48, 0);
    v.setInt32(x + 52, 0);
    v.setInt32(x + 56, 0);
    return offset + ARP_FRAME_LENGTH;
  }
  let sha: Uint8Array;
  if (typeof mac === "number") {
    F[SLOT_MAC] = mac;
    sha = macFromSlot(SLOT_MAC, "mac");
  } else sha = macBytes(mac, "mac");
  let spa: Uint8Array;
  if (typeof ip === "number") {
    F[SLOT_IP] = ip;
    spa = ipv4FromSlot(SLOT_IP, "ip");
  } else spa = ipv4Bytes(ip, "ip");
  const op = gratuitousOperation(options.operation);
  const tha = resolveGratuitousTarget(options, op, sha);
  // Read here, not in a helper shared by the builders: a helper would see several option shapes, and a
  // load that is a double for one shape and undefined for another is merged into a boxed value.
  const destination = options.destination;
  let dst: Uint8Array;
  if (typeof destination === "number") {
    F[SLOT_DESTINATION] = destination;
    dst = macFromSlot(SLOT_DESTINATION, "destination");
  } else dst = destinationBytes(destination);
  return writeArpFrame(out, offset, options.vlan, op, dst, sha, spa, tha, spa);
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
  let sha: Uint8Array;
  if (typeof mac === "number") {
    F[SLOT_MAC] = mac;
    sha = macFromSlot(SLOT_MAC, "mac");
  } else sha = macBytes(mac, "mac");
  const ip = options.ip;
  let tpa: Uint8Array;
  if (typeof ip === "number") {
    F[SLOT_TARGET] = ip;
    tpa = ipv4FromSlot(SLOT_TARGET, "ip");
  } else tpa = ipv4Bytes(ip, "ip");
  return writeArpFrame(out, offset, options.vlan, ARP_OPERATION.REQUEST, BROADCAST_MAC_BYTES, sha, ZERO_IPV4_BYTES, ZERO_MAC_BYTES, tpa);
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
  let sha: Uint8Array;
  if (typeof mac === "number") {
    F[SLOT_MAC] = mac;
    sha = macFromSlot(SLOT_MAC, "mac");
  } else sha = macBytes(mac, "mac");
  const ip = options.ip;
  let spa: Uint8Array;
  if (typeof ip === "number") {
    F[SLOT_IP] = ip;
    spa = ipv4FromSlot(SLOT_IP, "ip");
  } else spa = ipv4Bytes(ip, "ip");
  const targetIp = options.targetIp;
  let tpa: Uint8Array;
  if (typeof targetIp === "number") {
    F[SLOT_TARGET] = targetIp;
    tpa = ipv4FromSlot(SLOT_TARGET, "targetIp");
  } else tpa = ipv4Bytes(targetIp, "targetIp");
  // Read here, not in a helper shared by the builders: a helper would see several option shapes, and a
  // load that is a double for one shape and undefined for another is merged into a boxed value.
  const destination = options.destination;
  let dst: Uint8Array;
  if (typeof destination === "number") {
    F[SLOT_DESTINATION] = destination;
    dst = macFromSlot(SLOT_DESTINATION, "destination");
  } else dst = destinationBytes(destination);
  return writeArpFrame(out, offset, options.vlan, ARP_OPERATION.REQUEST, dst, sha, spa, ZERO_MAC_BYTES, tpa);
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
  /**
   * What a `FrameView` found: when present, only {@link FRAME_KIND}`.ARP` is answered (the layer views of
   * a frame of another kind still hold an earlier frame's state).
   */
  readonly kind?: number;
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

/** The reply's end offset, or 0 when the views do not hold an Ethernet II, Ethernet/IPv4 ARP request. */
function replyFromViews(eth: EthernetView, arp: ArpView, sha: Uint8Array, out: Uint8Array, offset: number): number {
  const b = eth.bytes;
  const a = arp.start;
  if (eth.isLlc || eth.protocol !== ETHER_TYPE.ARP || arp.bytes !== b || a !== eth.payloadOffset || !(arp.end === a + 28 && arp.end <= b.length)) {
    return 0;
  }
  if (!(arp.isEthernetIpv4 && arp.operation === ARP_OPERATION.REQUEST)) return 0;
  const tagBytes = VLAN_TAG_LENGTH * eth.vlanCount;
  checkRoom(out, offset, ARP_FRAME_LENGTH + tagBytes);
  // Read what the reply needs before writing: `out` may be the request's own buffer (an in-place answer).
  // The 28 bytes at `a` lie inside the buffer (checked above); words through the view's own DataView.
  const rv = arp.dv;
  const r = arp.at;
  const requesterHi = rv.getInt32(r + 8); // request SHA: the reply's destination and THA
  const requesterLo = rv.getUint16(r + 12);
  const requestSpa = rv.getInt32(r + 14); // the reply's TPA
  const requestTpa = rv.getInt32(r + 24); // the address asked for: the reply's SPA
  if (tagBytes !== 0) copyTags(b, eth.start + 12, out, offset + 12, tagBytes);
  const v = byteView(out);
  const o = byteViewBase() + offset;
  const q = o + 12 + tagBytes;
  const shaHi = (sha[0]! << 24) | (sha[1]! << 16) | (sha[2]! << 8) | sha[3]!;
  const shaLo = (sha[4]! << 8) | sha[5]!;
  v.setInt32(o, requesterHi);
  v.setUint16(o + 4, requesterLo);
  v.setInt32(o + 6, shaHi);
  v.setUint16(o + 10, shaLo);
  v.setInt32(q, 0x0806_0001); // EtherType 0x0806; ar$hrd 1 (Ethernet)
  v.setInt32(q + 4, 0x0800_0604); // ar$pro 0x0800 (IPv4); ar$hln 6, ar$pln 4
  v.setUint16(q + 8, ARP_OPERATION.REPLY);
  v.setInt32(q + 10, shaHi);
  v.setUint16(q + 14, shaLo);
  v.setInt32(q + 16, requestTpa);
  v.setInt32(q + 20, requesterHi);
  v.setUint16(q + 24, requesterLo);
  v.setInt32(q + 26, requestSpa);
  // padding, 18 bytes
  v.setUint16(q + 30, 0);
  v.setInt32(q + 32, 0);
  v.setInt32(q + 36, 0);
  v.setInt32(q + 40, 0);
  v.setInt32(q + 44, 0);
  return offset + ARP_FRAME_LENGTH + tagBytes;
}

function notARequestFrame(eth: EthernetView, arp: ArpView): never {
  if (eth.isLlc || eth.protocol !== ETHER_TYPE.ARP) notARequest(`EtherType 0x${eth.etherType.toString(16)} is not 0x806`);
  if (arp.bytes === eth.bytes && arp.start === eth.payloadOffset && arp.end > arp.start && arp.end <= eth.bytes.length) {
    checkRequestFields(arp.hardwareType, arp.protocolType, arp.hardwareLength, arp.protocolLength, arp.operation);
  }
  notARequest("the ARP view does not hold the Ethernet view's payload");
}

/** Copies the request's tags (`out` may be the request's buffer: copyWithin handles the overlap). */
function copyTags(b: Uint8Array, from: number, out: Uint8Array, to: number, n: number): void {
  if (out === b) b.copyWithin(to, from, from + n);
  else for (let k = 0; k < n; k++) out[to + k] = b[from + k]!;
}

function replyFromObject(request: ArpRequestFrame, sha: Uint8Array, out: Uint8Array, offset: number): number {
  const eth = request.ethernet;
  const arp = request.arp;
  if (eth === undefined || arp === undefined) notARequest("it has no Ethernet header or no ARP message");
  if (eth.llc !== undefined || eth.etherType !== ETHER_TYPE.ARP) notARequest(`EtherType 0x${eth.etherType.toString(16)} is not 0x806`);
  checkRequestFields(arp.hardwareType, arp.protocolType, arp.hardwareLength, arp.protocolLength, arp.operation);
  const requester = macBytes(arp.senderHardwareAddress, "request senderHardwareAddress");
  const tpa = ipv4Bytes(arp.senderProtocolAddress, "request senderProtocolAddress");
  const spa = ipv4Bytes(arp.targetProtocolAddress, "request targetProtocolAddress");
  return writeArpFrame(out, offset, eth.vlans, ARP_OPERATION.REPLY, requester, sha, spa, requester, tpa);
}

/**
 * Builds the reply to an ARP request into `out` at `offset` and returns the end offset (see
 * {@link buildArpReply}). With the request given as views (`{ ethernet, arp }`, e.g. a `FrameView`) or
 * bytes, and `mac` as a number or bytes, it allocates nothing: the speaker's hot path. `out` may be the
 * request's own buffer: every field is read before anything is written.
 *
 * Given views, it never throws for the frame they hold: when that is not an Ethernet II (EtherType 0x0806),
 * Ethernet/IPv4 (htype 1, ptype 0x0800, hlen 6, plen 4) ARP request (a RARP or 802.3/SNAP frame, a reply,
 * another hardware type, a `FrameView` whose `kind` is not ARP), it writes nothing and returns 0. Its own
 * arguments (`mac`, room in `out`) are still checked by throwing, as are request bytes and objects.
 * @throws FrameError `INVALID_FIELD` for a bad `mac` or a request given as bytes or an object that is not
 *   such a request; `BUFFER_TOO_SMALL`; all before anything is written.
 */
export function buildArpReplyInto(options: ArpReplyOptions, out: Uint8Array, offset = 0): number {
  const mac = options.mac;
  let sha: Uint8Array;
  if (typeof mac === "number") {
    F[SLOT_MAC] = mac;
    sha = macFromSlot(SLOT_MAC, "mac");
  } else sha = macBytes(mac, "mac");
  const request = options.request;
  if (request instanceof Uint8Array) {
    let code = requestEthernet.reset(request);
    if (code !== 0) notARequest(`Ethernet header cut short at byte ${requestEthernet.errorOffset}`);
    code = requestArp.reset(request, requestEthernet.payloadOffset, requestEthernet.payloadEnd);
    if (code !== 0) notARequest(`ARP message cut short at byte ${requestArp.errorOffset}`);
    const end = replyFromViews(requestEthernet, requestArp, sha, out, offset);
    if (end === 0) notARequestFrame(requestEthernet, requestArp);
    return end;
  }
  if (isViewRequest(request)) {
    const kind = request.kind;
    if (kind !== undefined && kind !== FRAME_KIND.ARP) return 0;
    return replyFromViews(request.ethernet, request.arp, sha, out, offset);
  }
  return replyFromObject(request, sha, out, offset);
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
  if (end === 0) notARequest("the views do not hold an Ethernet II, Ethernet/IPv4 ARP request");
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

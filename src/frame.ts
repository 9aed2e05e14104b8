/**
 * Whole frames: Ethernet → VLAN tags → ARP | IPv6 → ICMPv6 → NDP, in one call.
 *
 * - {@link decodeFrame} returns one plain object (`ethernet`, and `arp` or `ipv6`/`icmpv6`/`ndp`) and
 *   throws only `FrameError`; {@link tryDecodeFrame} never throws.
 * - {@link FrameView} is the speaker's hot path: one reusable object, `reset()` returns 0 or an error code,
 *   nothing is allocated, the ICMPv6 checksum is verified on demand.
 * - {@link validateFrame} is where strictness lives (RFC 826/5227 and RFC 4861 §7.1 as Linux enforces them).
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, type DecodeResult, type FrameLayer, attemptDecode } from "./errors.js";
import { byteView, byteViewBase, readU8 } from "./internal/bytes.js";
import { formatMacWords } from "./address/mac.js";
import { formatIpv4Word } from "./address/ipv4.js";
import { EthernetView, viewError, type EthernetHeader } from "./ethernet/ethernet.js";
import { ETHER_TYPE } from "./ethernet/constants.js";
import { ArpView, decodeArpFromView, type ArpPacket } from "./arp/arp.js";
import { validateArp } from "./arp/validate.js";
import { Ipv6View, ipv6HeaderFromView, type Ipv6Header } from "./ipv6/ipv6.js";
import { NEXT_HEADER } from "./ipv6/constants.js";
import { Icmpv6View, type Icmpv6Header } from "./ndp/icmpv6.js";
import { NdpView, ndpMessageFromView, type NdpMessage } from "./ndp/ndp.js";
import { validateNdp } from "./ndp/validate.js";
import type { Violation } from "./validate-types.js";
import { SllView, type SllHeader } from "./link/sll.js";
import { CAPTURE_LINK_TYPE as LINK_TYPE } from "./capture/link-types.js";
import { verify64 } from "./checksum/ipv6-pseudo-header.js";
import { FRAME_KIND, type FrameKind } from "./frame-kind.js";
import { checkRange, describeValue } from "./internal/args.js";

/**
 * A decoded frame: the pinned shape users, tools and later layers rely on.
 *
 * `ethernet` is always there; `arp` for ARP and RARP; `ipv6` for IPv6, with `icmpv6` when the upper layer is
 * ICMPv6 and `ndp` when that is a Neighbor Solicitation or Advertisement. Byte fields alias the input.
 */
export interface DecodedFrame {
  /** Ethernet header and VLAN tags. */
  ethernet: EthernetHeader;
  /** ARP (RFC 826) message, for EtherType 0x0806 and 0x8035 (RARP). */
  arp?: ArpPacket;
  /** IPv6 fixed header (RFC 8200 §3). */
  ipv6?: Ipv6Header;
  /** ICMPv6 header with the checksum verified over the RFC 8200 §8.1 pseudo-header. */
  icmpv6?: Icmpv6Header;
  /** Neighbor Solicitation or Advertisement (RFC 4861 §4.3, §4.4). */
  ndp?: NdpMessage;
  /**
   * Bytes after the last decoded message, up to the end of the frame: Ethernet padding, an FCS, or
   * anything an IPv6 Payload Length leaves out. Empty when there are none. Aliases the input.
   */
  trailer: Uint8Array;
}

/**
 * A decoded capture record of any supported link type: Ethernet (1) gives `ethernet`, Linux cooked
 * captures (SLL 113, SLL2 276, from `tcpdump -i any`) give `sll`, raw IP records (101, 229) start at
 * `ipv6`; the layers above are the same.
 */
export interface DecodedCapturedFrame extends Omit<DecodedFrame, "ethernet"> {
  /** The record's link type (tcpdump.org LINKTYPE_ value). */
  linkType: number;
  /** Ethernet header, for link type 1. */
  ethernet?: EthernetHeader;
  /** Linux cooked-capture header, for link types 113 and 276. */
  sll?: SllHeader;
}

/** Where a frame lies in its buffer and what link layer it starts with. */
export interface DecodeFrameOptions {
  /** Offset of the frame's first byte (default 0). */
  offset?: number;
  /** Offset just past the frame (default: the end of the buffer). */
  end?: number;
  /** Capture link type: 1 Ethernet (default), 113 Linux SLL, 276 Linux SLL2, 101 raw IP, 229 raw IPv6. */
  linkType?: number;
}

const EMPTY_BYTES = new Uint8Array(0);



/**
 * A reusable, allocation-free view of a whole frame (gopacket's DecodingLayerParser idea, without its
 * allocations or its blind spot for checksums).
 *
 * ```ts
 * const frame = new FrameView();
 * if (frame.reset(bytes) === 0 && frame.kind === FRAME_KIND.NEIGHBOR_SOLICITATION && frame.verifyChecksum()) {
 *   if (frame.ndp.targetEquals(myAddress, 0)) { ... }
 * }
 * ```
 * The layer views (`ethernet`, `arp`, `ipv6`, `icmpv6`, `ndp`) are valid up to the layer `kind` says was
 * reached. Nothing is copied: the views read `bytes` lazily, so do not change the buffer while using them
 * (the fixed-offset address numbers — MACs, ARP's IPv4 addresses, NDP's link-layer MACs — are read once
 * in `reset()`, so V8 never has to box them on the way out of a getter).
 */
export class FrameView {
  /** Ethernet header and tags (valid when `linkType` is Ethernet). */
  readonly ethernet = new EthernetView();
  /** Linux cooked-capture header (valid when `linkType` is 113 or 276). */
  readonly sll = new SllView();
  /** ARP message (valid when `kind` is ARP). */
  readonly arp = new ArpView();
  /** IPv6 header (valid when `kind` ≥ IPV6). */
  readonly ipv6 = new Ipv6View();
  /** ICMPv6 header (valid when `kind` ≥ ICMPV6). */
  readonly icmpv6 = new Icmpv6View();
  /** NS/NA body and options (valid when `kind` is NEIGHBOR_SOLICITATION or NEIGHBOR_ADVERTISEMENT). */
  readonly ndp = new NdpView();
  /** What the frame is, as far as it was decoded. */
  kind: FrameKind = FRAME_KIND.OTHER;
  /** The link type of the last `reset` (1 unless `resetLink` was used). */
  linkType: number = LINK_TYPE.ETHERNET;
  /** Offset just past the frame. */
  end = 0;
  /** Byte offset of the fault found by the last failed `reset`. */
  errorOffset = -1;
  // The DataView the fast paths read through: over the buffer of `boundBytes`, where it starts at `boundBase`.
  private boundBytes: Uint8Array = EMPTY_BYTES;
  private boundView: DataView<ArrayBufferLike> = new DataView(EMPTY_BYTES.buffer);
  private boundBase = 0;
  // Where, in `boundView`, the 64 bytes from the IPv6 source address to the end of a 32-byte NS/NA start
  // when the fast path decoded one (the common message: fixed part and one 8-byte option), else -1.
  private checksum64At = -1;
  /** Layer of the fault found by the last failed `reset`. */
  errorLayer: FrameLayer = "ethernet";

  /**
   * Decodes the Ethernet frame in `bytes[offset, end)` as far as this library understands it.
   * @returns 0, or a {@link ViewErrorCode} (then `errorOffset` and `errorLayer` say where).
   */
  reset(bytes: Uint8Array, offset = 0, end = bytes.length): number {
    // Literal numbers (FRAME_KIND.OTHER, LINK_TYPE.ETHERNET, ETHER_TYPE.ARP): a constant object's property
    // costs bytecode, and V8 inlines by bytecode size.
    this.kind = 0;
    this.linkType = 1;
    this.end = end;
    this.checksum64At = -1;
    // The fast paths: an Ethernet II frame, untagged or with one 802.1Q tag, carrying an Ethernet/IPv4 ARP
    // message or an NS/NA, read through one DataView (a call V8 does not inline costs more than the reads).
    if (Number.isInteger(offset) && Number.isInteger(end) && offset >= 0 && end <= bytes.length && end - offset >= 42) {
      if (bytes !== this.boundBytes) this.bind(bytes);
      const v = this.boundView;
      const x = this.boundBase + offset;
      let type = v.getUint16(x + 12);
      let header = 14;
      if (type === 0x8100) {
        type = v.getUint16(x + 16);
        header = 18;
      }
      if (type === 0x0806) {
        if (end - offset >= header + 28 && v.getUint16(x + header + 4) === 0x0604) return this.resetArpFrame(bytes, offset, end, header, v, x);
      } else if (type === 0x86dd) {
        // An IPv6 packet with no extension header whose Payload Length (at least 24) fits in the frame,
        // carrying an NS (135) or NA (136); the options are walked (one 8-byte option without the loop). Any
        // other IPv6 frame leaves the block with nothing set, for the general path. Written here rather than
        // as a method: it is more bytecode than V8 ever inlines (460 bytes), so a method of its own was a
        // second call on every NS/NA, measured at 5-6 ns of a 61 ns decode.
        ndpFastPath: {
          const ipOffset = offset + header;
          const icmpOffset = ipOffset + 40;
          const i = x + header; // the IPv6 header in v
          const m = i + 40; // the message in v
          if (!(end - icmpOffset >= 24 && v.getUint8(i + 6) === 58)) break ndpFastPath;
          const payloadLength = v.getUint16(i + 4);
          const icmpType = v.getUint8(m);
          if (!(payloadLength >= 24 && payloadLength <= end - icmpOffset && (icmpType === 135 || icmpType === 136))) break ndpFastPath;
          this.setEthernet(bytes, offset, end, 0x86dd, header, v, x);
          const icmpEnd = icmpOffset + payloadLength;
          const ip = this.ipv6;
          if (ip.bytes !== bytes) ip.bytes = bytes;
          ip.start = ipOffset;
          ip.end = end;
          ip.extensionHeaderCount = 0;
          ip.fragmentHeaderOffset = -1;
          ip.errorOffset = -1;
          if (ip.dv !== v) ip.dv = v;
          ip.at = i;
          ip.firstWord = v.getInt32(i);
          ip.sourceUnspecified = (v.getInt32(i + 8) | v.getInt32(i + 12) | v.getInt32(i + 16) | v.getInt32(i + 20)) === 0;
          ip.destinationMulticast = v.getUint8(i + 24) === 0xff;
          ip.payloadEnd = icmpEnd;
          ip.upperLayerProtocol = 58;
          ip.upperLayerOffset = icmpOffset;
          const icmp = this.icmpv6;
          if (icmp.bytes !== bytes) icmp.bytes = bytes;
          icmp.ipv6Offset = ipOffset;
          icmp.start = icmpOffset;
          icmp.end = icmpEnd;
          icmp.errorOffset = -1;
          if (icmp.dv !== v) icmp.dv = v;
          icmp.at = m;
          const ndp = this.ndp;
          if (ndp.bytes !== bytes) ndp.bytes = bytes;
          ndp.ipv6Offset = ipOffset;
          ndp.start = icmpOffset;
          ndp.end = icmpEnd;
          ndp.optionsStart = icmpOffset + 24;
          ndp.optionsEnd = icmpEnd;
          ndp.errorOffset = -1;
          if (ndp.dv !== v) ndp.dv = v;
          ndp.at = m;
          const word = v.getInt32(m + 4);
          ndp.flagsWord = word;
          ndp.reservedBits = icmpType === 135 ? word : word & 0x1fff_ffff;
          ndp.targetMulticast = v.getUint8(m + 8) === 0xff;
          this.kind = icmpType === 135 ? 4 : 5;
          if (payloadLength === 32) this.checksum64At = i + 8;
          if (payloadLength === 32 && v.getUint8(m + 25) === 1) {
            // One 8-byte option: an Ethernet SLLA (1) or TLLA (2) in the common message, or anything else.
            const optionType = v.getUint8(m + 24);
            const data = icmpOffset + 26;
            const mac = v.getUint16(m + 26) * 0x1_0000_0000 + v.getUint32(m + 28);
            ndp.optionCount = 1;
            ndp.sourceLinkLayerOffset = optionType === 1 ? data : -1;
            ndp.sourceLinkLayerLength = optionType === 1 ? 6 : 0;
            ndp.sourceLinkLayerMacNumber = optionType === 1 ? mac : -1;
            ndp.targetLinkLayerOffset = optionType === 2 ? data : -1;
            ndp.targetLinkLayerLength = optionType === 2 ? 6 : 0;
            ndp.targetLinkLayerMacNumber = optionType === 2 ? mac : -1;
            ndp.nonceOffset = optionType === 14 ? data : -1;
            ndp.nonceLength = optionType === 14 ? 6 : 0;
            return 0;
          }
          const code = ndp.walkOptions(bytes, icmpOffset + 24, icmpEnd, v, x - offset);
          if (code === 0) return 0;
          this.kind = 3;
          return this.fail(code, ndp.errorOffset, "ndp");
        }
      }
    }
    return this.resetGeneral(bytes, offset, end);
  }

  // The two fast paths (the ARP method below, the NS/NA block in `reset`) write each layer view's fields
  // themselves rather than call a setter per layer: on this engine a call V8 does not inline costs about as
  // much as twenty field stores, and which calls it inlines depends on a budget the caller shares. The
  // property test "FrameView's fast paths ..." holds them to the state the layers' own resets leave.
  //
  // The object fields (`bytes`, `dv`) are stored only when they change: a long-lived view is in V8's old
  // generation, and storing a young object into it (a frame buffer, its DataView) takes the write
  // barrier's slow path, a call, on every store: measured at 10-15 ns per reset when the frame was young.

  /**
   * The Ethernet II frame (a `header` of 14 bytes, or 18 with one 802.1Q tag) of an Ethernet/IPv4 ARP
   * message (hlen 6, plen 4), whose bytes `reset` checked: `bytes[offset]` is at `x` in `v`.
   */
  private resetArpFrame(bytes: Uint8Array, offset: number, end: number, header: number, v: DataView<ArrayBufferLike>, x: number): number {
    this.setEthernet(bytes, offset, end, 0x0806, header, v, x);
    const arp = this.arp;
    const y = x + header;
    if (arp.bytes !== bytes) arp.bytes = bytes;
    arp.start = offset + header;
    arp.end = offset + header + 28;
    arp.errorOffset = -1;
    arp.hardwareLength = 6;
    arp.protocolLength = 4;
    if (arp.dv !== v) arp.dv = v;
    arp.at = y;
    arp.senderMacNumber = v.getUint16(y + 8) * 0x1_0000_0000 + v.getUint32(y + 10);
    arp.senderIpv4Number = v.getUint32(y + 14);
    arp.targetMacNumber = v.getUint16(y + 18) * 0x1_0000_0000 + v.getUint32(y + 20);
    arp.targetIpv4Number = v.getUint32(y + 24);
    arp.ethernetIpv4 = v.getInt32(y) === 0x0001_0800;
    this.kind = 1;
    return 0;
  }

  /**
   * The Ethernet II header at `bytes[offset]` (at `x` in `v`): `header` 14, or 18 with one 802.1Q tag,
   * then EtherType `type`.
   */
  private setEthernet(bytes: Uint8Array, offset: number, end: number, type: number, header: number, v: DataView<ArrayBufferLike>, x: number): void {
    const eth = this.ethernet;
    if (eth.bytes !== bytes) eth.bytes = bytes;
    eth.start = offset;
    eth.end = end;
    eth.errorOffset = -1;
    eth.destinationMacNumber = v.getUint16(x) * 0x1_0000_0000 + v.getUint32(x + 2);
    eth.sourceMacNumber = v.getUint16(x + 6) * 0x1_0000_0000 + v.getUint32(x + 8);
    eth.vlanCount = header === 18 ? 1 : 0;
    eth.isLlc = false;
    eth.etherType = type;
    eth.protocol = type;
    eth.payloadOffset = offset + header;
    eth.payloadEnd = end;
  }

  /** Binds the DataView the fast paths read through to `bytes`' buffer (a new one only for a new buffer). */
  private bind(bytes: Uint8Array): void {
    const buffer = bytes.buffer;
    if (buffer !== this.boundView.buffer) this.boundView = new DataView(buffer);
    this.boundBytes = bytes;
    this.boundBase = bytes.byteOffset;
  }

  /** Every frame the fast path does not take: tags, LLC, other ARP shapes, IPv6, errors. */
  private resetGeneral(bytes: Uint8Array, offset: number, end: number): number {
    const eth = this.ethernet;
    const code = eth.reset(bytes, offset, end);
    if (code !== 0) return this.fail(code, eth.errorOffset, eth.errorLayer);
    if (eth.protocol === 0x0806) return this.decodeArp(bytes, eth.payloadOffset, eth.payloadEnd);
    return this.decodeNetwork(bytes, eth.protocol, eth.payloadOffset, eth.payloadEnd);
  }

  /**
   * Decodes a capture record of link type Ethernet (1), Linux SLL (113) or SLL2 (276), raw IPv6 (229), or
   * raw IP (101: IPv6 when the version nibble says 6; IPv4 records decode to nothing further).
   * @returns 0, or a {@link ViewErrorCode}; `UNSUPPORTED` for other link types.
   */
  resetLink(bytes: Uint8Array, linkType: number, offset = 0, end = bytes.length): number {
    if (linkType === LINK_TYPE.ETHERNET) return this.reset(bytes, offset, end);
    this.kind = FRAME_KIND.OTHER;
    this.linkType = linkType;
    this.end = end;
    this.checksum64At = -1;
    if (linkType === LINK_TYPE.IPV6 || linkType === LINK_TYPE.RAW) {
      if (!(offset >= 0 && end <= bytes.length && end > offset)) return this.fail(ViewErrorCode.TRUNCATED, Math.max(0, Math.min(offset, bytes.length)), "ipv6");
      const isIpv6 = linkType === LINK_TYPE.IPV6 || readU8(bytes, offset) >>> 4 === 6;
      return isIpv6 ? this.decodeNetwork(bytes, ETHER_TYPE.IPV6, offset, end) : 0;
    }
    if (linkType !== LINK_TYPE.LINUX_SLL && linkType !== LINK_TYPE.LINUX_SLL2) {
      return this.fail(ViewErrorCode.UNSUPPORTED, offset, "sll");
    }
    const sll = this.sll;
    const code = sll.reset(bytes, linkType, offset, end);
    if (code !== 0) return this.fail(code, sll.errorOffset, "sll");
    return this.decodeNetwork(bytes, sll.protocol, sll.payloadOffset, sll.payloadEnd);
  }

  // The layers above the link are split by protocol on purpose: V8 inlines only the path a program runs,
  // which leaves inlining budget for the caller's getters (a 48-bit MAC getter that is not inlined returns
  // a boxed double: an allocation per frame).
  private decodeNetwork(bytes: Uint8Array, protocol: number, start: number, end: number): number {
    if (protocol === ETHER_TYPE.ARP || protocol === ETHER_TYPE.RARP) return this.decodeArp(bytes, start, end);
    if (protocol === ETHER_TYPE.IPV6) return this.decodeIpv6Layers(bytes, start, end);
    return 0;
  }

  private decodeArp(bytes: Uint8Array, start: number, end: number): number {
    const code = this.arp.reset(bytes, start, end);
    if (code !== 0) return this.fail(code, this.arp.errorOffset, "arp");
    this.kind = FRAME_KIND.ARP;
    return 0;
  }

  private decodeIpv6Layers(bytes: Uint8Array, start: number, end: number): number {
    const ip = this.ipv6;
    let code = ip.reset(bytes, start, end);
    if (code !== 0) return this.fail(code, ip.errorOffset, "ipv6");
    this.kind = FRAME_KIND.IPV6;
    if (ip.upperLayerProtocol !== NEXT_HEADER.ICMPV6) return 0;
    code = this.icmpv6.reset(bytes, start, ip.upperLayerOffset, ip.payloadEnd);
    if (code !== 0) return this.fail(code, this.icmpv6.errorOffset, "icmpv6");
    this.kind = FRAME_KIND.ICMPV6;
    const type = this.icmpv6.type;
    if (type !== 135 && type !== 136) return 0;
    code = this.ndp.reset(bytes, start, ip.upperLayerOffset, ip.payloadEnd);
    if (code !== 0) return this.fail(code, this.ndp.errorOffset, "ndp");
    this.kind = type === 135 ? FRAME_KIND.NEIGHBOR_SOLICITATION : FRAME_KIND.NEIGHBOR_ADVERTISEMENT;
    return 0;
  }

  /**
   * Verifies the ICMPv6 checksum over the RFC 8200 §8.1 pseudo-header (true when valid). False when the
   * frame carries no ICMPv6 message.
   */
  verifyChecksum(): boolean {
    // The fast path's common NS/NA: one straight-line sum over the bytes reset bound, without the general
    // path's range checks (reset made them).
    const at = this.checksum64At;
    if (at >= 0) return verify64(this.boundView, at);
    return this.kind >= FRAME_KIND.ICMPV6 && this.icmpv6.verifyChecksum();
  }

  /** The frame as the plain object {@link decodeFrame} returns (allocates). Valid after a successful reset. */
  toObject(): DecodedFrame {
    return frameObjectFromView(this);
  }

  private fail(code: number, at: number, layer: FrameLayer): number {
    this.errorOffset = at;
    this.errorLayer = layer;
    return code;
  }
}

const EMPTY = new Uint8Array(0);

/** The layers above the link, shared by cooked-capture and raw-IP frames. */
function upperLayersFromView(view: FrameView, frame: Omit<DecodedFrame, "ethernet">, linkPayloadEnd: number, bytes: Uint8Array): void {
  let decodedEnd = linkPayloadEnd;
  if (view.kind === FRAME_KIND.ARP) {
    frame.arp = decodeArpFromView(view.arp);
    decodedEnd = view.arp.end;
  } else if (view.kind >= FRAME_KIND.IPV6) {
    frame.ipv6 = ipv6HeaderFromView(view.ipv6);
    decodedEnd = view.ipv6.payloadEnd;
    if (view.kind >= FRAME_KIND.ICMPV6) {
      frame.icmpv6 = icmpv6HeaderFromView(view);
      if (view.kind >= FRAME_KIND.NEIGHBOR_SOLICITATION) frame.ndp = ndpMessageFromView(view.ndp);
    }
  }
  if (decodedEnd < view.end) frame.trailer = bytes.subarray(decodedEnd, view.end);
}

function icmpv6HeaderFromView(view: FrameView): Icmpv6Header {
  const icmp = view.icmpv6;
  // The frame's verdict: the straight-line sum when the fast path found the common 32-byte NS/NA.
  return { type: icmp.type, code: icmp.code, checksum: icmp.checksum, checksumValid: view.verifyChecksum() };
}

/** Bytes after the decoded message up to the frame's end; the shared empty array when there are none. */
function trailerOf(bytes: Uint8Array, decodedEnd: number, end: number): Uint8Array {
  return decodedEnd < end ? bytes.subarray(decodedEnd, end) : EMPTY;
}

// Ethernet frames: one complete object literal per kind, so each kind's frame object is created with its
// final hidden class (adding `arp` or `ipv6` after creation would transition it). The key order is the
// one the frame objects always had: ethernet, trailer, then the layers.
function frameObjectFromView(view: FrameView): DecodedFrame {
  const eth = view.ethernet;
  const kind = view.kind;
  if (kind === FRAME_KIND.ARP) {
    const arp = view.arp;
    return { ethernet: eth.toHeader(), trailer: trailerOf(eth.bytes, arp.end, view.end), arp: decodeArpFromView(arp) };
  }
  if (kind < FRAME_KIND.IPV6) return { ethernet: eth.toHeader(), trailer: trailerOf(eth.bytes, eth.payloadEnd, view.end) };
  const ip = view.ipv6;
  const ethernet = eth.toHeader();
  const trailer = trailerOf(eth.bytes, ip.payloadEnd, view.end);
  const ipv6 = ipv6HeaderFromView(ip);
  if (kind === FRAME_KIND.IPV6) return { ethernet, trailer, ipv6 };
  const icmpv6 = icmpv6HeaderFromView(view);
  if (kind === FRAME_KIND.ICMPV6) return { ethernet, trailer, ipv6, icmpv6 };
  return { ethernet, trailer, ipv6, icmpv6, ndp: ndpMessageFromView(view.ndp) };
}

function capturedFrameFromView(view: FrameView, bytes: Uint8Array): DecodedCapturedFrame {
  if (view.linkType === LINK_TYPE.ETHERNET) return { linkType: view.linkType, ...frameObjectFromView(view) };
  if (view.linkType === LINK_TYPE.LINUX_SLL || view.linkType === LINK_TYPE.LINUX_SLL2) {
    const frame: DecodedCapturedFrame = { linkType: view.linkType, sll: view.sll.toHeader(), trailer: EMPTY };
    upperLayersFromView(view, frame, view.sll.payloadEnd, bytes);
    return frame;
  }
  const frame: DecodedCapturedFrame = { linkType: view.linkType, trailer: EMPTY };
  upperLayersFromView(view, frame, view.end, bytes);
  return frame;
}

/**
 * decodeFrame's fast path for the most common frame: an untagged Ethernet II ARP message for Ethernet/IPv4
 * (EtherType 0x0806, protocol type 0x0800, hlen 6, plen 4) in `bytes[o, end)`. It builds the same object
 * as the view path, straight from the fixed offsets (the views' resets would compute numeric addresses
 * the object does not use). `undefined` for any other frame, bad bounds included: the view path decides.
 */
function ethernetArpFrameObject(b: Uint8Array, o: number, end: number): DecodedFrame | undefined {
  if (!(Number.isInteger(o) && Number.isInteger(end) && o >= 0 && end <= b.length && end - o >= 42)) return undefined;
  const v = byteView(b);
  const x = byteViewBase() + o;
  // EtherType 0x0806, ar$pro 0x0800, ar$hln 6, ar$pln 4 (ar$hrd and ar$op are any value).
  if (v.getUint16(x + 12) !== 0x0806 || v.getInt32(x + 16) !== 0x0800_0604) return undefined;
  // The addresses as words, formatted through the formatters' caches (no byte is read twice).
  return {
    ethernet: { destination: formatMacWords(v.getUint16(x), v.getInt32(x + 2)), source: formatMacWords(v.getUint16(x + 6), v.getInt32(x + 8)), etherType: 0x0806, vlans: [] },
    trailer: end > o + 42 ? b.subarray(o + 42, end) : EMPTY,
    arp: {
      hardwareType: v.getUint16(x + 14),
      protocolType: 0x0800,
      hardwareLength: 6,
      protocolLength: 4,
      operation: v.getUint16(x + 20),
      senderHardwareAddress: formatMacWords(v.getUint16(x + 22), v.getInt32(x + 24)),
      senderProtocolAddress: formatIpv4Word(v.getInt32(x + 28)),
      targetHardwareAddress: formatMacWords(v.getUint16(x + 32), v.getInt32(x + 34)),
      targetProtocolAddress: formatIpv4Word(v.getInt32(x + 38)),
    },
  };
}

const sharedView = new FrameView();

/**
 * Decodes a whole Ethernet frame in `bytes[offset, end)`: Ethernet II or 802.3 LLC/SNAP, any VLAN tags,
 * then ARP (RFC 826) or IPv6 (RFC 8200) → ICMPv6 (RFC 4443, checksum verified) → NS/NA (RFC 4861 §4.3/§4.4).
 * Frames of other protocols decode their Ethernet part only. Lenient: every raw field is kept; a bad
 * checksum is reported in `icmpv6.checksumValid`, not thrown (see {@link validateFrame} for strictness).
 *
 * Given `{ linkType }` it decodes a capture record of link type Ethernet (1), Linux SLL (113) or SLL2
 * (276) and returns a {@link DecodedCapturedFrame}.
 * @throws FrameError (and nothing else) when the bytes are malformed: `code`, `offset` (absolute) and `layer`.
 */
export function decodeFrame(bytes: Uint8Array, offset?: number, end?: number): DecodedFrame;
export function decodeFrame(bytes: Uint8Array, options: DecodeFrameOptions): DecodedCapturedFrame;
export function decodeFrame(
  bytes: Uint8Array,
  offsetOrOptions: number | DecodeFrameOptions = 0,
  end = bytes?.length,
): DecodedFrame | DecodedCapturedFrame {
  if (typeof offsetOrOptions === "number") {
    if (bytes instanceof Uint8Array) {
      const arp = ethernetArpFrameObject(bytes, offsetOrOptions, end);
      if (arp !== undefined) return arp;
    }
    checkRange("ethernet", bytes, offsetOrOptions, end);
    check(sharedView.reset(bytes, offsetOrOptions, end));
    return frameObjectFromView(sharedView);
  }
  if (typeof offsetOrOptions !== "object" || offsetOrOptions === null) {
    throw new FrameError("INVALID_FIELD", "ethernet", -1, `the second argument must be an offset or an options object, got ${describeValue(offsetOrOptions)}`);
  }
  const options = offsetOrOptions;
  const linkType = options.linkType ?? LINK_TYPE.ETHERNET;
  if (!(Number.isInteger(linkType) && linkType >= 0 && linkType <= 0xffff)) {
    throw new FrameError("INVALID_FIELD", "ethernet", -1, `linkType must be an integer from 0 to 65535, got ${describeValue(linkType)}`);
  }
  const start = options.offset ?? 0;
  const stop = options.end ?? bytes?.length;
  checkRange("ethernet", bytes, start, stop);
  check(sharedView.resetLink(bytes, linkType, start, stop));
  return capturedFrameFromView(sharedView, bytes);
}

function check(code: number): void {
  if (code !== 0) throw viewError(code, sharedView.errorLayer, sharedView.errorOffset, describeFault(code, sharedView.errorLayer));
}

/** {@link decodeFrame} that never throws: `{ ok: true, value }` or `{ ok: false, error }`. */
export function tryDecodeFrame(bytes: Uint8Array, offset?: number, end?: number): DecodeResult<DecodedFrame>;
export function tryDecodeFrame(bytes: Uint8Array, options: DecodeFrameOptions): DecodeResult<DecodedCapturedFrame>;
export function tryDecodeFrame(
  bytes: Uint8Array,
  offsetOrOptions: number | DecodeFrameOptions = 0,
  end = bytes?.length,
): DecodeResult<DecodedFrame | DecodedCapturedFrame> {
  return attemptDecode(() => (typeof offsetOrOptions === "number" ? decodeFrame(bytes, offsetOrOptions, end) : decodeFrame(bytes, offsetOrOptions)));
}

function describeFault(code: number, layer: FrameLayer): string {
  switch (code) {
    case ViewErrorCode.TRUNCATED:
      return `${layer} data cut short`;
    case ViewErrorCode.BAD_LENGTH:
      return `${layer} length field overruns the frame`;
    case ViewErrorCode.BAD_OPTION:
      return "option of length 0 or overrunning the message (RFC 4861 §4.6)";
    case ViewErrorCode.UNSUPPORTED:
      return "unsupported link type";
    default:
      return `malformed ${layer} data`;
  }
}

/**
 * Checks a decoded frame against the receive rules of RFC 826/5227 (ARP, as Linux `arp_rcv` applies
 * them) and RFC 4861 §7.1.1/§7.1.2 (NS/NA, as Linux `ndisc_rcv` applies them), plus the IPv6 version
 * (RFC 8200 §3). Returns every violation found, empty when the frame is one a conforming host accepts.
 * Given bytes (an Ethernet frame), it decodes them first; a frame that does not decode yields one
 * `decode` violation carrying the FrameError's message.
 */
export function validateFrame(frame: DecodedFrame | DecodedCapturedFrame | Uint8Array): Violation[] {
  let decoded: DecodedFrame | DecodedCapturedFrame;
  if (frame instanceof Uint8Array) {
    const result = tryDecodeFrame(frame);
    if (!result.ok) return [decodeViolation(result.error)];
    decoded = result.value;
  } else {
    decoded = frame;
  }
  const violations: Violation[] = [];
  if (decoded.arp !== undefined) violations.push(...validateArp(decoded.arp, decoded.ethernet));
  const ipv6 = decoded.ipv6;
  // validateNdp checks the version of the packets it sees; every other IPv6 packet is checked here.
  const isNdp = ipv6 !== undefined && decoded.icmpv6 !== undefined && decoded.ndp !== undefined;
  if (ipv6 !== undefined && !isNdp && ipv6.version !== 6) {
    violations.push({ rule: "ipv6-version", rfc: "RFC 8200 §3", message: `IPv6 version field is ${ipv6.version}, not 6` });
  }
  if (ipv6 !== undefined && decoded.icmpv6 !== undefined && decoded.ndp !== undefined) {
    violations.push(
      ...validateNdp({
        ...(decoded.ethernet !== undefined ? { ethernet: decoded.ethernet } : {}),
        ipv6,
        icmpv6: decoded.icmpv6,
        ndp: decoded.ndp,
      }),
    );
  }
  return violations;
}

function decodeViolation(error: FrameError): Violation {
  const rfc = error.layer === "arp" ? "RFC 826" : error.layer === "ndp" ? "RFC 4861 §4.6" : error.layer === "ipv6" ? "RFC 8200 §3" : "IEEE 802.3";
  return { rule: `malformed-${error.layer}`, rfc, message: error.message };
}

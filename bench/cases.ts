/**
 * The benchmark cases, shared by the timing run (bench/run.ts) and the garbage-collection check
 * (bench/gc-check.ts). They import the package by its name, so what is timed is the built bundle
 * (dist/index.js) a user gets, not the sources. Each case does one unit of work on the anchor frames and
 * returns a number derived from everything it read, so nothing can be optimised away.
 */
import { Buffer } from "node:buffer";
import {
  FrameView,
  FRAME_KIND,
  decodeFrame,
  buildGratuitousArpInto,
  buildArpReplyInto,
  buildUnsolicitedNeighborAdvertisementInto,
  buildNeighborAdvertisementInto,
  internetChecksum,
  parseIpv6,
} from "arp-ndp";
import { ARP_ETHERNET_IPV4_LAYOUT, ETHERNET_HEADER_LAYOUT } from "arp-ndp/layouts";
import { ARP_REQUEST, NA_FRAME, NS_FRAME } from "./frames.js";
import type { BenchCase } from "./harness.js";

// The answering node's MAC as 6 bytes: a 48-bit number is a double, which V8 boxes (16 bytes) whenever a
// call that takes it is not inlined; bytes never are. IPv4 as a uint32, IPv6 as 16 bytes parsed once.
const MAC = new Uint8Array([0x02, 0, 0, 0, 0, 0x0b]);
const VIP4 = 0xc0_00_02_f0; // 192.0.2.240
const VIP6 = parseIpv6("2001:db8::f0"); // parsed once, at the edge

const view = new FrameView();
const out = new Uint8Array(128);

const garpOptions = { mac: MAC, ip: VIP4 };
const unaOptions = { mac: MAC, ip: VIP6 };
const arpReplyOptions = { request: view, mac: MAC };
const naOptions = { solicitation: view, mac: MAC };

/**
 * Keeps a result a small integer: a number beyond 31 bits returned through a call that is not inlined
 * (the harness's megamorphic one) is boxed on the heap, and the GC check would blame the case.
 */
const smi = (x: number): number => x & 0x3fffffff;

// V8 charges an inlined helper's bytecode against the caller's inlining budget, which the decoders' own
// reset() calls already use: each case's reads are compiled into the case itself.

/**
 * An NS or NA case: every field the view offers, ICMPv6 checksum verified. A factory rather than a shared
 * reader function, so the reads are compiled into the case itself (as in the ARP case) instead of into an
 * out-of-line helper.
 */
function ndpCase(frame: Uint8Array, kind: number): () => number {
  return () => {
    if (view.reset(frame) !== 0 || view.kind !== kind) return -1;
    const e = view.ethernet;
    const ip = view.ipv6;
    const n = view.ndp;
    let x = (e.destinationMac | 0) + (e.sourceMac | 0) + e.etherType + e.vlanCount;
    x += ip.version + ip.trafficClass + ip.flowLabel + ip.payloadLength + ip.nextHeader + ip.hopLimit;
    x += (ip.isSourceUnspecified ? 1 : 0) + (ip.isDestinationMulticast ? 2 : 0);
    x += n.type + n.code + n.checksum + n.reserved + (n.router ? 4 : 0) + (n.solicited ? 8 : 0) + (n.override ? 16 : 0);
    x += (n.targetEquals(VIP6, 0) ? 32 : 0) + (n.isTargetMulticast ? 64 : 0);
    x += (n.sourceLinkLayerMac | 0) + (n.targetLinkLayerMac | 0);
    x += view.verifyChecksum() ? 128 : 0;
    return smi(x);
  };
}

function stringWeight(s: string): number {
  return s.length;
}

const checksumBuffer = new Uint8Array(1500).map((_, i) => (i * 7 + 3) & 0xff);
const arpBuffer = Buffer.from(ARP_REQUEST);

/** The cases, by the names issue #3 gives them. */
export const CASES = {
  "decode/arp/view": () => {
    if (view.reset(ARP_REQUEST) !== 0 || view.kind !== FRAME_KIND.ARP) return -1;
    const a = view.arp;
    const e = view.ethernet;
    return smi(
      (e.destinationMac | 0) + (e.sourceMac | 0) + e.etherType + e.vlanCount +
        a.hardwareType + a.protocolType + a.hardwareLength + a.protocolLength + a.operation +
        (a.senderMac | 0) + a.senderIpv4 + (a.targetMac | 0) + a.targetIpv4,
    );
  },
  "decode/ns/view": ndpCase(NS_FRAME, FRAME_KIND.NEIGHBOR_SOLICITATION),
  "decode/na/view": ndpCase(NA_FRAME, FRAME_KIND.NEIGHBOR_ADVERTISEMENT),
  "decode/arp/object": () => {
    const f = decodeFrame(ARP_REQUEST);
    const a = f.arp!;
    return (
      stringWeight(f.ethernet.destination) +
      stringWeight(f.ethernet.source) +
      a.operation +
      stringWeight(a.senderHardwareAddress) +
      stringWeight(a.senderProtocolAddress) +
      stringWeight(a.targetHardwareAddress) +
      stringWeight(a.targetProtocolAddress)
    );
  },
  "decode/ns/object": () => {
    const f = decodeFrame(NS_FRAME);
    const n = f.ndp!;
    return (
      stringWeight(f.ethernet.source) +
      stringWeight(f.ipv6!.source) +
      stringWeight(f.ipv6!.destination) +
      (f.icmpv6!.checksumValid ? 1 : 0) +
      stringWeight(n.targetAddress) +
      n.options.length
    );
  },
  "encode/garp/into": () => buildGratuitousArpInto(garpOptions, out, 0) + out[41]!,
  "encode/una/into": () => buildUnsolicitedNeighborAdvertisementInto(unaOptions, out, 0) + out[57]!,
  "respond/arp/into": () => {
    if (view.reset(ARP_REQUEST) !== 0 || view.kind !== FRAME_KIND.ARP) return -1;
    const a = view.arp;
    if (a.operation !== 1 || !a.isEthernetIpv4 || a.targetIpv4 !== VIP4) return -2;
    return buildArpReplyInto(arpReplyOptions, out, 0) + out[21]!;
  },
  "respond/ns/into": () => {
    if (view.reset(NS_FRAME) !== 0 || view.kind !== FRAME_KIND.NEIGHBOR_SOLICITATION) return -1;
    if (!view.verifyChecksum() || view.ipv6.hopLimit !== 255 || !view.ndp.targetEquals(VIP6, 0)) return -2;
    return buildNeighborAdvertisementInto(naOptions, out, 0) + out[57]!;
  },
  "checksum/1500B": () => internetChecksum(checksumBuffer, 0, 1500),
  "decode/arp/buffer-layout": () => {
    const eth = ETHERNET_HEADER_LAYOUT.decode(arpBuffer, 0);
    const arp = ARP_ETHERNET_IPV4_LAYOUT.decode(arpBuffer, 14);
    return smi(
      eth.etherType +
        arp.operation +
        arp.senderProtocolAddress +
        arp.targetProtocolAddress +
        arp.senderHardwareAddress.length +
        arp.targetHardwareAddress.length,
    );
  },
} satisfies Record<string, BenchCase>;

/** The name of a benchmark case. */
export type BenchCaseName = keyof typeof CASES;

/** The view and encode-into cases, which must allocate nothing per frame. */
export const ZERO_ALLOCATION_CASES: readonly BenchCaseName[] = [
  "decode/arp/view",
  "decode/ns/view",
  "decode/na/view",
  "encode/garp/into",
  "encode/una/into",
  "respond/arp/into",
  "respond/ns/into",
  "checksum/1500B",
]

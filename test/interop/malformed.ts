/**
 * Deliberately malformed (and deliberately non-conforming but well-formed) frames, and the allow-list of
 * the places where tshark's "malformed" verdict and arp-ndp's FrameError verdict are known to differ,
 * each with its reason (mirrored in docs/interop.md).
 */
import { buildArpRequest } from "../../src/arp/builders.js";
import { encodeArp } from "../../src/arp/arp.js";
import { writeIcmpv6Checksum } from "../../src/checksum/ipv6-pseudo-header.js";
import { encodeEthernet } from "../../src/ethernet/ethernet.js";
import { tryDecodeFrame, validateFrame, type DecodedFrame } from "../../src/frame.js";
import { encodeIpv6 } from "../../src/ipv6/ipv6.js";
import { buildNeighborSolicitation, buildUnsolicitedNeighborAdvertisement } from "../../src/ndp/builders.js";
import { encodeNdp, type NdpMessageInput } from "../../src/ndp/ndp.js";
import { asList, expertKeys, isMalformed, type TsharkPacket } from "./tshark.js";
import { UNKNOWN_OPTION_TYPES } from "./frames.js";

/** One frame of the malformed set. */
export interface MalformedCase {
  /** Short id, printed on failure. */
  name: string;
  bytes: Uint8Array;
  /** The allow-list entry explaining a known difference, when there is one. */
  allow?: string;
  /** Prefix of our verdict (`ok`, or `CODE layer`) that this frame must produce. */
  expectOurs?: string;
  /** For well-formed but non-conforming frames: a validateFrame rule that must be reported. */
  expectRule?: string;
}

/** Both tools' verdicts on one frame. */
export interface Verdict {
  tsharkMalformed: boolean;
  /** tshark's expert-info keys. */
  experts: string[];
  oursMalformed: boolean;
  /** "ok", or the FrameError as "CODE layer". */
  ours: string;
  /** validateFrame's rule ids for the frame. */
  rules: string[];
  /**
   * Types of the ICMPv6 options tshark marked malformed: those whose own subtree holds `_ws.malformed`
   * (a dissector that flags extra data and goes on, e.g. an Advertisement Interval option longer than 8
   * bytes), plus the last option dissected when the mark is outside every option (a dissector that threw,
   * which stops the dissection at that option). Empty when no option was marked.
   */
  malformedOptionTypes: number[];
  /** True when tshark marked something malformed other than an ICMPv6 option. */
  malformedOutsideOptions: boolean;
  /** The layers arp-ndp decoded, e.g. "ethernet+vlan+arp", "ethernet+ipv6+icmpv6+ndp" ("" when it refused). */
  oursLayers: string;
  /** tshark's frame.protocols. */
  tsharkProtocols: string[];
  /** True when arp-ndp's `trailer` (bytes after the decoded message) holds a non-zero byte. */
  trailerNonZero: boolean;
}

/** A documented, checked difference between tshark and arp-ndp. */
export interface AllowListEntry {
  id: string;
  reason: string;
  /** True when the verdicts are exactly the documented difference (so a change on either side is noticed). */
  holds(verdict: Verdict): boolean;
}

/** Both verdicts on `bytes`. */
export function verdictOf(bytes: Uint8Array, packet: TsharkPacket): Verdict {
  const result = tryDecodeFrame(bytes);
  const options = asList((packet.layers.icmpv6 as Record<string, unknown> | undefined)?.["icmpv6.opt"]);
  const inOptions = options.map((o) => countMalformed(o));
  const malformedOptionTypes = options.filter((_, i) => (inOptions[i] ?? 0) > 0).map((o) => Number(o["icmpv6.opt.type"]));
  // A dissector that throws leaves a top-level `_ws.malformed` layer after the last one it reached; thrown
  // inside ICMPv6 options, that is the last option dissected.
  const layerNames = Object.keys(packet.layers);
  const thrown = layerNames.includes("_ws.malformed");
  const last = options[options.length - 1]?.["icmpv6.opt.type"];
  const thrownInOption = thrown && last !== undefined && layerNames[layerNames.indexOf("_ws.malformed") - 1] === "icmpv6";
  if (thrownInOption) malformedOptionTypes.push(Number(last));
  const dissected = { ...packet.layers };
  delete dissected["_ws.malformed"];
  const markedElsewhere = countMalformed(dissected) - inOptions.reduce((a, b) => a + b, 0) > 0;
  return {
    tsharkMalformed: isMalformed(packet),
    experts: expertKeys(packet),
    oursMalformed: !result.ok,
    ours: result.ok ? "ok" : `${result.error.code} ${result.error.layer}`,
    rules: validateFrame(bytes).map((v) => v.rule),
    malformedOptionTypes,
    malformedOutsideOptions: markedElsewhere || (thrown && !thrownInOption),
    oursLayers: result.ok ? layersOf(result.value) : "",
    tsharkProtocols: packet.protocols,
    trailerNonZero: result.ok && result.value.trailer.some((b) => b !== 0),
  };
}

/** How many `_ws.malformed` marks tshark put under `node`. */
function countMalformed(node: unknown): number {
  return JSON.stringify(node ?? null).split('"_ws.malformed"').length - 1;
}

function layersOf(f: DecodedFrame): string {
  return [
    "ethernet",
    ...(f.ethernet.vlans.length > 0 ? ["vlan"] : []),
    ...(f.arp !== undefined ? ["arp"] : []),
    ...(f.ipv6 !== undefined ? ["ipv6"] : []),
    ...(f.icmpv6 !== undefined ? ["icmpv6"] : []),
    ...(f.ndp !== undefined ? ["ndp"] : []),
  ].join("+");
}

/** The known differences (docs/interop.md, "Allow-list"). */
export const TSHARK_ALLOW_LIST: readonly AllowListEntry[] = [
  {
    id: "ipv6-plen-exceeds-framing",
    reason:
      "An IPv6 Payload Length larger than the bytes present: Wireshark warns (expert ipv6.plen_exceeds_framing, " +
      "severity Warning, not Malformed) and dissects what is there; arp-ndp refuses the frame (BAD_LENGTH, layer ipv6), " +
      "as Linux does (ipv6_rcv drops a packet whose payload length exceeds skb->len).",
    holds: (v) => !v.tsharkMalformed && v.experts.includes("ipv6.plen_exceeds_framing") && v.ours === "BAD_LENGTH ipv6",
  },
  {
    id: "ipv6-bogus-version",
    reason:
      "An IPv6 header whose Version field is not 6 (EtherType 0x86dd): Wireshark stops there and marks the frame " +
      "malformed (expert ipv6.bogus_ipv6_version); arp-ndp decodes leniently, keeping the version as it is, and " +
      "validateFrame reports it (rule ipv6-version, RFC 8200 §3) — decode lenient, validate strict.",
    holds: (v) => v.tsharkMalformed && v.experts.includes("ipv6.bogus_ipv6_version") && v.ours === "ok" && v.rules.includes("ipv6-version"),
  },
  {
    id: "tshark-option-layout",
    reason:
      "An NDP option of a type Wireshark has a dissector for (prefix information 3, MTU 5, advertisement interval 7, " +
      "DNSSL 31, ...) whose data does not fit that type's layout: Wireshark marks it Malformed Packet (throwing, or " +
      "flagging the bytes it did not expect as Unknown Data and going on); arp-ndp keeps every option other than " +
      "1, 2 and 14 as raw bytes (RFC 4861 §4.6: receivers skip options they do not process; Linux's ndisc_parse_options " +
      "ignores them in NS/NA), so the frame decodes.",
    holds: (v) =>
      v.tsharkMalformed &&
      v.ours === "ok" &&
      !v.malformedOutsideOptions &&
      v.malformedOptionTypes.length > 0 &&
      v.malformedOptionTypes.every((t) => ![1, 2, 14].includes(t) && !UNKNOWN_OPTION_TYPES.includes(t)),
  },
  {
    id: "tshark-f5-trailer-heuristic",
    reason:
      "Ethernet padding that is zero but for one byte 7 bytes before the frame's end: Wireshark's F5 Ethernet trailer " +
      "heuristic (f5ethtrailer, on by default) claims the padding and throws (Malformed Packet: F5 Ethernet trailer). " +
      "Padding content is unspecified (IEEE 802.3 §4.2.3.3) and receivers ignore it; arp-ndp keeps it in `trailer`.",
    holds: (v) => v.tsharkMalformed && v.ours === "ok" && v.tsharkProtocols.includes("f5ethtrailer") && v.trailerNonZero,
  },
  {
    id: "tshark-other-protocol",
    reason:
      "A frame whose EtherType, IPv6 Next Header or ICMPv6 type leads to a protocol arp-ndp does not decode (IPv4, " +
      "TCP, MLD, MPL, ...): Wireshark dissects that protocol and may find it malformed; arp-ndp stops at the last layer " +
      "it knows (no `arp`, no `ndp` in the result), so for it the frame is well formed.",
    holds: (v) => v.tsharkMalformed && v.ours === "ok" && !v.oursLayers.includes("arp") && !v.oursLayers.includes("ndp"),
  },
];

const MAC_A = "02:00:00:00:00:01";

function cut(bytes: Uint8Array, length: number): Uint8Array {
  return bytes.slice(0, length);
}

/** An untagged NS/NA frame from a message input, checksum computed, IPv6 fields overridable. */
function ndpFrame(message: NdpMessageInput, ip: { payloadLength?: number; hopLimit?: number; version?: number; extra?: Uint8Array } = {}): Uint8Array {
  let icmp = encodeNdp(message);
  if (ip.extra !== undefined) {
    const longer = new Uint8Array(icmp.length + ip.extra.length);
    longer.set(icmp);
    longer.set(ip.extra, icmp.length);
    icmp = longer;
  }
  const packet = encodeIpv6({
    nextHeader: 58,
    hopLimit: ip.hopLimit ?? 255,
    source: "2001:db8::1",
    destination: "ff02::1",
    payload: icmp,
    ...(ip.version !== undefined ? { version: ip.version } : {}),
  });
  writeIcmpv6Checksum(packet, 0, 40, packet.length);
  if (ip.payloadLength !== undefined) {
    packet[4] = ip.payloadLength >>> 8;
    packet[5] = ip.payloadLength & 0xff;
  }
  return encodeEthernet({ destination: "33:33:00:00:00:01", source: MAC_A, etherType: 0x86dd, payload: packet });
}

const NA_WITH_TLLA: NdpMessageInput = {
  kind: "neighbor-advertisement",
  override: true,
  targetAddress: "2001:db8::1",
  options: [{ type: 2, linkLayerAddress: MAC_A }],
};

/** The malformed set (built fresh each call). */
export function MALFORMED_FRAMES(): MalformedCase[] {
  const arpRequest = buildArpRequest({ mac: MAC_A, ip: "192.0.2.1", targetIp: "192.0.2.2" });
  const arpTagged = buildArpRequest({ mac: MAC_A, ip: "192.0.2.1", targetIp: "192.0.2.2", vlan: [{ id: 10 }, { id: 20 }] });
  const na = buildUnsolicitedNeighborAdvertisement({ mac: MAC_A, ip: "2001:db8::1" });
  const ns = buildNeighborSolicitation({ mac: MAC_A, source: "2001:db8::1", target: "2001:db8::2" });
  const arpLengths = (hardwareLength: number, protocolLength: number): Uint8Array =>
    encodeEthernet({
      destination: "ff:ff:ff:ff:ff:ff",
      source: MAC_A,
      etherType: 0x0806,
      payload: encodeArp({
        operation: "request",
        hardwareLength,
        protocolLength,
        senderHardwareAddress: MAC_A,
        senderProtocolAddress: "192.0.2.1",
        targetHardwareAddress: "00:00:00:00:00:00",
        targetProtocolAddress: "192.0.2.2",
      }),
    });
  return [
    // --- ARP
    { name: "truncated ARP (34 bytes: 20 of 28)", bytes: cut(arpRequest, 34), expectOurs: "TRUNCATED arp" },
    { name: "truncated ARP after two VLAN tags", bytes: cut(arpTagged, 14 + 8 + 27), expectOurs: "TRUNCATED arp" },
    { name: "ARP header only (8 bytes)", bytes: cut(arpRequest, 22), expectOurs: "TRUNCATED arp" },
    { name: "ARP hlen 255 in a 60-byte frame", bytes: arpLengths(255, 4), expectOurs: "TRUNCATED arp" },
    { name: "ARP plen 255 in a 60-byte frame", bytes: arpLengths(6, 255), expectOurs: "TRUNCATED arp" },
    { name: "ARP hlen 8 (fits in the padding, wrong for Ethernet)", bytes: arpLengths(8, 4), expectOurs: "ok", expectRule: "arp-hardware-length" },
    // --- Ethernet / VLAN / IPv6 headers
    { name: "runt Ethernet (10 bytes)", bytes: cut(arpRequest, 10), expectOurs: "TRUNCATED ethernet" },
    { name: "VLAN tag cut after its TPID and TCI", bytes: cut(arpTagged, 16), expectOurs: "TRUNCATED" },
    { name: "IPv6 header cut (30 of 40 bytes)", bytes: cut(ns, 14 + 30), expectOurs: "TRUNCATED ipv6" },
    // --- IPv6 Payload Length
    { name: "IPv6 payload length overrun (+16)", bytes: ndpFrame(NA_WITH_TLLA, { payloadLength: 48 }), allow: "ipv6-plen-exceeds-framing", expectOurs: "BAD_LENGTH ipv6" },
    { name: "IPv6 payload length overrun (65535)", bytes: ndpFrame(NA_WITH_TLLA, { payloadLength: 65535 }), allow: "ipv6-plen-exceeds-framing", expectOurs: "BAD_LENGTH ipv6" },
    { name: "frame cut inside the NA fixed part (payload length says 32)", bytes: cut(na, 14 + 40 + 12), expectOurs: "BAD_LENGTH ipv6" },
    { name: "payload length 16 (NA needs 24)", bytes: ndpFrame(NA_WITH_TLLA, { payloadLength: 16 }), expectOurs: "TRUNCATED" },
    { name: "payload length cuts the option (28)", bytes: ndpFrame(NA_WITH_TLLA, { payloadLength: 28 }), expectOurs: "BAD_OPTION ndp" },
    { name: "payload length 24 leaves the option as trailer", bytes: ndpFrame(NA_WITH_TLLA, { payloadLength: 24 }), expectOurs: "ok", expectRule: "ndp-checksum" },
    // --- NDP options (RFC 4861 §4.6)
    {
      name: "zero-length option",
      bytes: ndpFrame({ ...NA_WITH_TLLA, options: [{ type: 2, linkLayerAddress: MAC_A, length: 0 }] }),
      expectOurs: "BAD_OPTION ndp",
    },
    {
      name: "zero-length unknown option after a good one",
      bytes: ndpFrame({ ...NA_WITH_TLLA, options: [{ type: 2, linkLayerAddress: MAC_A }, { type: 99, data: new Uint8Array(6), length: 0 }] }),
      expectOurs: "BAD_OPTION ndp",
    },
    {
      name: "option overrun (length 2, 8 bytes present)",
      bytes: ndpFrame({ ...NA_WITH_TLLA, options: [{ type: 2, linkLayerAddress: MAC_A, length: 2 }] }),
      expectOurs: "BAD_OPTION ndp",
    },
    {
      name: "option overrun (length 255)",
      bytes: ndpFrame({ kind: "neighbor-solicitation", targetAddress: "2001:db8::2", options: [{ type: 14, nonce: new Uint8Array(6), length: 255 }] }),
      expectOurs: "BAD_OPTION ndp",
    },
    { name: "lone trailing byte after the options", bytes: ndpFrame(NA_WITH_TLLA, { extra: Uint8Array.of(1) }), expectOurs: "BAD_OPTION ndp" },
    { name: "five trailing bytes (a partial option)", bytes: ndpFrame(NA_WITH_TLLA, { extra: Uint8Array.of(1, 1, 0, 0, 0) }), expectOurs: "BAD_OPTION ndp" },
    // --- where Wireshark is stricter than a lenient decoder (allow-listed)
    { name: "IPv6 version 4 under EtherType 0x86dd", bytes: ndpFrame(NA_WITH_TLLA, { version: 4 }), allow: "ipv6-bogus-version", expectOurs: "ok", expectRule: "ipv6-version" },
    {
      name: "prefix information option (type 3) of length 1",
      bytes: ndpFrame({ ...NA_WITH_TLLA, options: [{ type: 2, linkLayerAddress: MAC_A }, { type: 3, data: new Uint8Array(6) }] }),
      allow: "tshark-option-layout",
      expectOurs: "ok",
    },
    {
      // Found by CI's random mutation (a byte set to 7 turned a link-layer option into this): Wireshark does
      // not throw here; it reads the 4-byte interval, marks the 8 bytes after it Unknown Data (Malformed) and
      // dissects the options that follow.
      name: "advertisement interval option (type 7) of length 2, before a TLLA option",
      bytes: ndpFrame({ ...NA_WITH_TLLA, options: [{ type: 7, data: new Uint8Array(14) }, { type: 2, linkLayerAddress: MAC_A }] }),
      allow: "tshark-option-layout",
      expectOurs: "ok",
    },
    {
      name: "ARP whose padding is zero but for the byte 7 before the end",
      bytes: (() => {
        const b = buildArpRequest({ mac: MAC_A, ip: "192.0.2.1", targetIp: "192.0.2.2" });
        b[b.length - 7] = 0x01;
        return b;
      })(),
      allow: "tshark-f5-trailer-heuristic",
      expectOurs: "ok",
    },
    {
      name: "ICMPv6 type 143 (MLDv2 report) body too short for Wireshark",
      bytes: (() => {
        const b = ndpFrame(NA_WITH_TLLA);
        b[14 + 40] = 143;
        return b;
      })(),
      allow: "tshark-other-protocol",
      expectOurs: "ok",
    },
    // --- well formed, but a conforming receiver drops them: never malformed; validateFrame says why
    { name: "NA hop limit 254", bytes: ndpFrame(NA_WITH_TLLA, { hopLimit: 254 }), expectOurs: "ok", expectRule: "ndp-hop-limit" },
    { name: "NS code 1", bytes: ndpFrame({ kind: "neighbor-solicitation", targetAddress: "2001:db8::2", code: 1 }), expectOurs: "ok", expectRule: "ndp-code" },
    {
      name: "NA with a multicast target",
      bytes: ndpFrame({ ...NA_WITH_TLLA, targetAddress: "ff02::1" }),
      expectOurs: "ok",
      expectRule: "ndp-target-multicast",
    },
    { name: "builder NA with hopLimit override 254", bytes: buildUnsolicitedNeighborAdvertisement({ mac: MAC_A, ip: "2001:db8::1", hopLimit: 254 }), expectOurs: "ok", expectRule: "ndp-hop-limit" },
  ];
}


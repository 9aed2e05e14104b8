/**
 * One frame → one line of text (in the spirit of tshark's summary) or one JSON object, and the facts
 * `--filter` selects on. Shared by `arp-ndp decode` and `arp-ndp demo`.
 *
 * @packageDocumentation
 */
import { isFrameError, type FrameError } from "../errors.js";
import { decodeEthernet } from "../ethernet/ethernet.js";
import { decodeFrame, validateFrame, type DecodedCapturedFrame } from "../frame.js";
import { classifyArp } from "../arp/validate.js";
import { tryDecodeIpv6 } from "../ipv6/ipv6.js";
import { CAPTURE_LINK_TYPE as LINK_TYPE } from "../capture/index.js";
import type { Violation } from "../validate-types.js";

/** A capture record with its position in the capture. */
export interface FrameRecord {
  /** 1-based frame number. */
  number: number;
  /** Capture time in nanoseconds since the epoch (0 when the input had none, e.g. a hex dump). */
  timestamp: bigint;
  /** Time since the first frame of the capture, in nanoseconds. */
  relative: bigint;
  /** Length of the frame on the wire. */
  originalLength: number;
  /** The captured bytes (may be fewer than `originalLength`). */
  data: Uint8Array;
  /** tcpdump.org LINKTYPE_ value. */
  linkType: number;
}

/** What the CLI knows about one frame after decoding and validating it. */
export interface FrameAnalysis {
  /** The record. */
  record: FrameRecord;
  /** The decoded frame, when it decoded. */
  decoded?: DecodedCapturedFrame;
  /** Why it did not decode. */
  error?: FrameError;
  /** True when the link type is not one `decodeFrame` reads. */
  unsupported: boolean;
  /** RFC violations (empty when none, or when it did not decode). */
  violations: Violation[];
  /** ARP or RARP (decoded or malformed). */
  isArp: boolean;
  /** Neighbor Discovery: ICMPv6 types 133-137 (decoded), or a malformed NDP message. */
  isNdp: boolean;
  /** Malformed, failing validation, or with a bad ICMPv6 checksum. */
  isInvalid: boolean;
}

const ARP_TYPES: ReadonlySet<number> = new Set([0x0806, 0x8035]);

/** Decodes and validates one record; never throws for bad bytes. */
export function analyseFrame(record: FrameRecord): FrameAnalysis {
  let decoded: DecodedCapturedFrame;
  try {
    decoded = decodeFrame(record.data, { linkType: record.linkType });
  } catch (error) {
    if (!isFrameError(error)) throw error;
    // decodeFrame knows which link types it reads (Ethernet, SLL, SLL2, raw IP): UNSUPPORTED is the rest.
    if (error.code === "UNSUPPORTED") return { record, unsupported: true, violations: [], isArp: false, isNdp: false, isInvalid: false };
    const protocol = linkProtocol(record);
    return {
      record,
      error,
      unsupported: false,
      violations: [],
      isArp: protocol !== undefined && ARP_TYPES.has(protocol),
      isNdp: error.layer === "ndp",
      isInvalid: true,
    };
  }
  const violations = validateFrame(decoded);
  const icmpType = decoded.icmpv6?.type;
  const badChecksum = decoded.icmpv6 !== undefined && !decoded.icmpv6.checksumValid;
  return {
    record,
    decoded,
    unsupported: false,
    violations,
    isArp: decoded.arp !== undefined,
    isNdp: icmpType !== undefined && icmpType >= 133 && icmpType <= 137,
    isInvalid: violations.length > 0 || badChecksum,
  };
}

/** The EtherType of a record that failed to decode, when its link header can still be read. */
function linkProtocol(record: FrameRecord): number | undefined {
  const header = linkHeader(record);
  return header?.protocol;
}

interface LinkSummary {
  source: string;
  destination: string;
  protocol: number;
  vlans: string;
  /** What the frame claims to be, e.g. "ARP", or "NA" for an IPv6 packet whose NDP body is malformed. */
  label: string;
}

/** For a frame that failed to decode: IPv6 addresses and the ICMPv6 message name, when the IPv6 header is sound. */
function withIpv6(link: LinkSummary, b: Uint8Array, start: number, end: number): LinkSummary {
  const result = tryDecodeIpv6(b, start, end);
  if (!result.ok) return link;
  const { ipv6, upperLayerProtocol, payloadOffset, payloadEnd } = result.value;
  let label = `IPv6 ${NEXT_HEADER_NAMES[upperLayerProtocol] ?? `next header ${upperLayerProtocol}`}`;
  if (upperLayerProtocol === 58 && payloadOffset < Math.min(payloadEnd, end)) {
    const type = b[payloadOffset]!;
    label = type === 135 ? "NS" : type === 136 ? "NA" : (ICMPV6_NAMES[type] ?? `ICMPv6 type ${type}`);
  }
  return { ...link, source: ipv6.source, destination: ipv6.destination, label };
}

function linkHeader(record: FrameRecord): LinkSummary | undefined {
  const b = record.data;
  if (record.linkType === LINK_TYPE.ETHERNET) {
    try {
      const e = decodeEthernet(b);
      const link: LinkSummary = {
        source: e.ethernet.source,
        destination: e.ethernet.destination,
        protocol: e.protocol,
        vlans: formatVlans(e.ethernet.vlans),
        label: protocolLabel(e.protocol),
      };
      return e.protocol === 0x86dd ? withIpv6(link, b, e.payloadOffset, e.payloadEnd) : link;
    } catch {
      if (b.length < 12) return undefined;
      const protocol = b.length >= 14 ? (b[12]! << 8) | b[13]! : -1;
      return { source: macAt(b, 6), destination: macAt(b, 0), protocol, vlans: "", label: protocolLabel(protocol) };
    }
  }
  if (isRawIp(record.linkType)) {
    const protocol = rawProtocol(record);
    const link: LinkSummary = { source: "?", destination: "?", protocol, vlans: "", label: protocolLabel(protocol) };
    return protocol === 0x86dd ? withIpv6(link, b, 0, b.length) : link;
  }
  const sll1 = record.linkType === LINK_TYPE.LINUX_SLL;
  const protocolAt = sll1 ? 14 : 0;
  const headerLength = sll1 ? 16 : 20;
  if (b.length < protocolAt + 2) return undefined;
  const protocol = (b[protocolAt]! << 8) | b[protocolAt + 1]!;
  const link: LinkSummary = { source: "?", destination: "?", protocol, vlans: "", label: protocolLabel(protocol) };
  return protocol === 0x86dd && b.length >= headerLength ? withIpv6(link, b, headerLength, b.length) : link;
}

function isRawIp(linkType: number): boolean {
  return linkType === LINK_TYPE.RAW || linkType === LINK_TYPE.IPV4 || linkType === LINK_TYPE.IPV6;
}

/** The EtherType a raw-IP record stands for: by link type, or (LINKTYPE_RAW) by its version nibble. */
function rawProtocol(record: FrameRecord): number {
  if (record.linkType === LINK_TYPE.IPV6) return 0x86dd;
  if (record.linkType === LINK_TYPE.IPV4) return 0x0800;
  const version = (record.data[0] ?? 0) >>> 4;
  return version === 6 ? 0x86dd : 0x0800;
}

function protocolLabel(protocol: number): string {
  return protocol >= 0x0600 ? etherTypeName(protocol) : protocol < 0 ? "?" : "LLC";
}

function macAt(b: Uint8Array, offset: number): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += (i > 0 ? ":" : "") + b[offset + i]!.toString(16).padStart(2, "0");
  return s;
}

/** Seconds with 6 decimals (truncated to the microsecond), e.g. "0.000120"; negative when out of order. */
export function formatSeconds(ns: bigint): string {
  const sign = ns < 0n ? "-" : "";
  const abs = ns < 0n ? -ns : ns;
  return `${sign}${abs / 1_000_000_000n}.${((abs % 1_000_000_000n) / 1000n).toString().padStart(6, "0")}`;
}

/** Seconds with 9 decimals, exact ("1700000000.000120000"): a JSON-safe absolute timestamp. */
export function formatTimestamp(ns: bigint): string {
  const sign = ns < 0n ? "-" : "";
  const abs = ns < 0n ? -ns : ns;
  return `${sign}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, "0")}`;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, "0");
const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, "0")}`;

/** `[vlan 200/0x88a8, 2001]`: id, `:PCP` when not 0, `/TPID` when not 0x8100, `+dei` when set. Empty when untagged. */
export function formatVlans(vlans: readonly { tpid: number; priority: number; dropEligible: boolean; id: number }[]): string {
  if (vlans.length === 0) return "";
  const tags = vlans.map(
    (t) => `${t.id}${t.priority !== 0 ? `:${t.priority}` : ""}${t.tpid !== 0x8100 ? `/${hex4(t.tpid)}` : ""}${t.dropEligible ? "+dei" : ""}`,
  );
  return ` [vlan ${tags.join(", ")}]`;
}

const ETHER_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x0800: "IPv4",
  0x0806: "ARP",
  0x8035: "RARP",
  0x86dd: "IPv6",
  0x8100: "802.1Q",
  0x88a8: "802.1ad",
  0x88cc: "LLDP",
  0x8809: "Slow-Protocols",
  0x888e: "EAPOL",
  0x88f7: "PTP",
  0x8847: "MPLS",
  0x8848: "MPLS-multicast",
  0x88e5: "MACsec",
  0x9000: "Loopback",
  0x8863: "PPPoE-discovery",
  0x8864: "PPPoE-session",
};

function etherTypeName(type: number): string {
  const name = ETHER_TYPE_NAMES[type];
  return name ?? `EtherType ${hex4(type)}`;
}

const NEXT_HEADER_NAMES: Readonly<Record<number, string>> = {
  0: "Hop-by-Hop",
  6: "TCP",
  17: "UDP",
  43: "Routing",
  44: "Fragment",
  50: "ESP",
  51: "AH",
  58: "ICMPv6",
  59: "No-Next-Header",
  60: "Destination-Options",
};

const ICMPV6_NAMES: Readonly<Record<number, string>> = {
  1: "ICMPv6 Destination Unreachable",
  2: "ICMPv6 Packet Too Big",
  3: "ICMPv6 Time Exceeded",
  4: "ICMPv6 Parameter Problem",
  128: "ICMPv6 Echo Request",
  129: "ICMPv6 Echo Reply",
  130: "ICMPv6 MLD Query",
  131: "ICMPv6 MLD Report",
  132: "ICMPv6 MLD Done",
  133: "RS",
  134: "RA",
  137: "Redirect",
  143: "ICMPv6 MLDv2 Report",
};

const SLL_PACKET_TYPES: readonly string[] = ["us", "broadcast", "multicast", "otherhost", "outgoing"];

type Arp = NonNullable<DecodedCapturedFrame["arp"]>;
type Ndp = NonNullable<DecodedCapturedFrame["ndp"]>;

/**
 * An address for a summary line: "-" when empty (hlen or plen 0), and the first 8 bytes plus the length
 * when long (hlen 255 in a fuzzed frame would otherwise fill a screen; --json keeps every byte).
 */
function shortAddress(text: string): string {
  if (text.length === 0) return "-";
  if (text.length <= 47) return text;
  return `${text.slice(0, 23)}…(${Math.ceil(text.length / 3)} bytes)`;
}

function arpSummary(arp: Arp, etherType: number): string {
  const label = etherType === 0x8035 ? "RARP" : "ARP";
  const odd =
    (arp.hardwareType !== 1 && arp.hardwareType !== 6) || arp.protocolType !== 0x0800 || arp.hardwareLength !== 6 || arp.protocolLength !== 4
      ? ` (htype ${arp.hardwareType} ptype ${hex4(arp.protocolType)} hlen ${arp.hardwareLength} plen ${arp.protocolLength})`
      : "";
  const spa = shortAddress(arp.senderProtocolAddress);
  const tpa = shortAddress(arp.targetProtocolAddress);
  const sha = shortAddress(arp.senderHardwareAddress);
  const tha = shortAddress(arp.targetHardwareAddress);
  let text: string;
  switch (arp.operation) {
    case 1:
    case 2: {
      const kind = classifyArp(arp);
      if (kind === "probe") text = `Probe for ${tpa}`;
      else if (kind === "announcement") text = `Announcement for ${spa}`;
      else if (kind === "gratuitous-reply") text = `Announcement for ${spa} (reply)`;
      else if (arp.operation === 1) text = `Who has ${tpa}? Tell ${spa}`;
      else text = `${spa} is at ${sha}`;
      break;
    }
    case 3:
      text = `Who is ${tha}? Tell ${sha}`;
      break;
    case 4:
      text = `${tha} is at ${tpa}`;
      break;
    default:
      text = `opcode ${arp.operation} ${sha} ${spa} → ${tha} ${tpa}`;
  }
  return `${label} ${text}${odd}`;
}

function optionsSummary(options: Ndp["options"]): string {
  let s = "";
  for (const option of options) {
    if ("linkLayerAddress" in option) s += ` ${option.type === 1 ? "src-lla" : "tgt-lla"} ${option.linkLayerAddress}`;
    else if ("nonce" in option) s += ` nonce ${toHexString(option.nonce)}`;
    else s += ` opt ${option.type}/${option.length}`;
  }
  return s;
}

function ndpSummary(ndp: Ndp, ipv6Source: string): string {
  if (ndp.kind === "neighbor-solicitation") {
    const dad = ipv6Source === "::" ? " (DAD)" : "";
    return `NS who has ${ndp.targetAddress}${dad}${optionsSummary(ndp.options)}`;
  }
  const flags = `(R=${ndp.router ? 1 : 0} S=${ndp.solicited ? 1 : 0} O=${ndp.override ? 1 : 0})`;
  return `NA ${ndp.targetAddress} ${flags}${optionsSummary(ndp.options)}`;
}

function upperSummary(frame: DecodedCapturedFrame, protocol: number): string {
  if (frame.arp !== undefined) return arpSummary(frame.arp, protocol);
  if (frame.ipv6 !== undefined) {
    if (frame.ndp !== undefined) return ndpSummary(frame.ndp, frame.ipv6.source);
    const icmp = frame.icmpv6;
    if (icmp !== undefined) {
      const name = ICMPV6_NAMES[icmp.type];
      return name !== undefined ? (icmp.code !== 0 ? `${name} code ${icmp.code}` : name) : `ICMPv6 type ${icmp.type} code ${icmp.code}`;
    }
    const nh = NEXT_HEADER_NAMES[frame.ipv6.nextHeader];
    return `IPv6 ${nh ?? `next header ${frame.ipv6.nextHeader}`}`;
  }
  const llc = frame.ethernet?.llc;
  if (llc !== undefined && llc.protocolId === undefined) return `LLC dsap ${hex2(llc.dsap)} ssap ${hex2(llc.ssap)}`;
  return etherTypeName(protocol);
}

function flags(analysis: FrameAnalysis): string {
  let s = "";
  const { record, decoded } = analysis;
  if (record.data.length < record.originalLength) s += ` [captured ${record.data.length} of ${record.originalLength} bytes]`;
  const icmp = decoded?.icmpv6;
  const badChecksum = icmp !== undefined && !icmp.checksumValid;
  if (badChecksum) s += ` [bad checksum ${hex4(icmp.checksum)}]`;
  const seen = new Set<string>();
  const shown = analysis.violations.filter((v) => {
    const key = `${v.rule} (${v.rfc})`;
    if (seen.has(key) || (badChecksum && /checksum/.test(v.rule))) return false;
    seen.add(key);
    return true;
  });
  if (shown.length > 0) s += ` [invalid: ${[...seen].join(", ")}]`;
  if (analysis.error !== undefined) s += ` [malformed: ${analysis.error.message}]`;
  return s;
}

/** The summary line of one frame: `N TIME SRC → DST [vlan …] PROTOCOL details [flags]`. */
export function formatFrameLine(analysis: FrameAnalysis): string {
  const { record, decoded } = analysis;
  const head = `${record.number} ${formatSeconds(record.relative)}`;
  if (analysis.unsupported) return `${head} unsupported link type ${record.linkType}`;
  if (decoded === undefined) {
    const link = linkHeader(record);
    if (link === undefined) return `${head} ?${flags(analysis)}`;
    return `${head} ${link.source} → ${link.destination}${link.vlans} ${link.label}${flags(analysis)}`;
  }
  let source: string;
  let destination: string;
  let vlans = "";
  let protocol: number;
  if (decoded.ethernet !== undefined) {
    source = decoded.ethernet.source;
    destination = decoded.ethernet.destination;
    vlans = formatVlans(decoded.ethernet.vlans);
    protocol = decoded.ethernet.llc?.protocolId ?? decoded.ethernet.etherType;
  } else if (decoded.sll !== undefined) {
    const sll = decoded.sll;
    source = sll.source;
    destination = SLL_PACKET_TYPES[sll.packetType] ?? `packet-type-${sll.packetType}`;
    protocol = sll.protocol;
  } else {
    source = "?";
    destination = "?";
    protocol = rawProtocol(record);
  }
  if (decoded.ipv6 !== undefined) {
    source = decoded.ipv6.source;
    destination = decoded.ipv6.destination;
  }
  return `${head} ${source} → ${destination}${vlans} ${upperSummary(decoded, protocol)}${flags(analysis)}`;
}

/** Lowercase hex, no separators. */
export function toHexString(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, "0");
  return s;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return toHexString(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * One frame as a JSON line: `frame` (number), `timestamp` (absolute, seconds as an exact decimal string),
 * `time` (seconds since the first frame), `length` (on the wire), `capturedLength` when the capture cut
 * the frame short, then the `decodeFrame` object (`linkType`, `ethernet` or `sll`, `arp` / `ipv6`,
 * `icmpv6`, `ndp`, `trailer`; byte arrays as hex strings), `violations`, and `error` when it did not decode.
 */
export function formatFrameJson(analysis: FrameAnalysis): string {
  const { record } = analysis;
  const out: Record<string, unknown> = {
    frame: record.number,
    timestamp: formatTimestamp(record.timestamp),
    time: Number(record.relative) / 1e9,
    length: record.originalLength,
  };
  if (record.data.length < record.originalLength) out.capturedLength = record.data.length;
  if (analysis.decoded !== undefined) Object.assign(out, analysis.decoded);
  else out.linkType = record.linkType;
  out.violations = analysis.violations;
  if (analysis.unsupported) {
    out.error = { code: "UNSUPPORTED", layer: "link", offset: -1, message: `unsupported link type ${record.linkType}` };
  } else if (analysis.error !== undefined) {
    const e = analysis.error;
    out.error = { code: e.code, layer: e.layer, offset: e.offset, message: e.message };
  }
  return JSON.stringify(out, jsonReplacer);
}

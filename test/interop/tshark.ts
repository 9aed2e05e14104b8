/**
 * Runs tshark once over many frames and compares its dissection, field by field, with arp-ndp's
 * `decodeFrame`. Used by tshark.test.ts.
 *
 * tshark is run as `tshark -n -r F -T json --no-duplicate-keys` so repeated keys (several `icmpv6.opt`,
 * two `vlan` layers) come out as arrays instead of being lost by JSON.parse. Duplicate-IP detection is
 * turned off (`arp.detect_duplicate_ips:FALSE`): it compares frames with each other, which random frames
 * would trip. The ICMPv6 checksum needs no preference: Wireshark 4.0 always verifies it and reports
 * `icmpv6.checksum.status` (1 good, 0 bad).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeTestPcap } from "../helpers/pcap.js";
import { parseIpv4 } from "../../src/address/ipv4.js";
import { parseIpv6 } from "../../src/address/ipv6.js";
import type { DecodedFrame } from "../../src/frame.js";
import type { VlanTag } from "../../src/ethernet/vlan.js";

/** One packet of tshark's JSON output. */
export interface TsharkPacket {
  /** `_source.layers`: protocol name → fields (or an array of them when the protocol repeats). */
  layers: Record<string, unknown>;
  /** `frame.protocols` split on ":" (e.g. eth, ethertype, vlan, ethertype, arp). */
  protocols: string[];
}

/** tshark's preferences for these tests (see the file comment). */
export const TSHARK_PREFERENCES = ["-o", "arp.detect_duplicate_ips:FALSE"];

/** Writes `frames` to one pcap, runs tshark once, and returns one packet per frame, in order. */
export function runTshark(frames: readonly Uint8Array[]): TsharkPacket[] {
  const dir = mkdtempSync(path.join(tmpdir(), "arpndp-tshark-"));
  try {
    const file = path.join(dir, "frames.pcap");
    writeFileSync(file, writeTestPcap(frames));
    const r = spawnSync("tshark", ["-n", "-r", file, "-T", "json", "--no-duplicate-keys", ...TSHARK_PREFERENCES], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
      timeout: 120_000,
    });
    if (r.error !== undefined) throw r.error;
    if (r.status !== 0) throw new Error(`tshark exited ${r.status}: ${r.stderr}`);
    const parsed = JSON.parse(r.stdout) as { _source: { layers: Record<string, unknown> } }[];
    if (parsed.length !== frames.length) throw new Error(`tshark returned ${parsed.length} packets for ${frames.length} frames`);
    return parsed.map((p) => {
      const frame = p._source.layers.frame as Record<string, string> | undefined;
      return { layers: p._source.layers, protocols: (frame?.["frame.protocols"] ?? "").split(":") };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first value of `key` anywhere under `node` (depth first), as tshark nests fields in `_tree`s. */
export function deepGet(node: unknown, key: string): unknown {
  if (node === null || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const v = deepGet(item, key);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  if (key in record) return record[key];
  for (const value of Object.values(record)) {
    const v = deepGet(value, key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A layer (or repeated field) as a list: tshark gives one object, or an array with --no-duplicate-keys. */
export function asList(value: unknown): Record<string, unknown>[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
}

/** True when tshark marked the packet malformed (`_ws.malformed` anywhere in it). */
export function isMalformed(packet: TsharkPacket): boolean {
  return JSON.stringify(packet.layers).includes('"_ws.malformed"');
}

/** The expert-info keys tshark attached (e.g. `ipv6.plen_exceeds_framing`, `icmpv6.checksum_bad.expert`). */
export function expertKeys(packet: TsharkPacket): string[] {
  const keys: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === "_ws.expert") {
        for (const e of asList(v)) keys.push(...Object.keys(e).filter((x) => !x.startsWith("_ws.expert")));
      } else walk(v);
    }
  };
  walk(packet.layers);
  return keys;
}

function hex4(n: number): string {
  return `0x${n.toString(16).padStart(4, "0")}`;
}

/** Bytes of colon-hex text ("01:02"), "" → empty. */
function colonHexBytes(text: string): number[] {
  return text === "" ? [] : text.split(":").map((x) => parseInt(x, 16));
}

function bytesText(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(":");
}

/**
 * Bytes of an ARP protocol address as arp-ndp renders it (dotted IPv4 for 0x0800/4, RFC 5952 for
 * 0x86dd/16, colon hex otherwise).
 */
function ourProtocolBytes(text: string, protocolType: number, protocolLength: number): string {
  if (protocolType === 0x0800 && protocolLength === 4) {
    const n = parseIpv4(text);
    return bytesText([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
  }
  if (protocolType === 0x86dd && protocolLength === 16) return bytesText(parseIpv6(text));
  return bytesText(colonHexBytes(text));
}

/** Bytes of an ARP protocol address as tshark renders it (`proto_ipv4` dotted, `proto` colon hex). */
function tsharkProtocolBytes(text: string, ipv4: boolean): string {
  if (ipv4) return bytesText(text.split(".").map(Number));
  return bytesText(colonHexBytes(text));
}

/**
 * Wireshark 4.0's ARP rendering rules (packet-arp.c): a hardware address is a MAC (`arp.src.hw_mac`)
 * when the hardware type is Ethernet (1) or IEEE 802 (6) and hlen is 6, an AX.25 address (`arp.src.hw_ax25`,
 * same colon-hex text) for type 3 with hlen 7, otherwise bytes (`arp.src.hw`);
 * a protocol address is IPv4 (`arp.src.proto_ipv4`) when the protocol type is 0x0800 or 0x00cc (AX.25
 * IP) and plen is 4, otherwise bytes (`arp.src.proto`). Zero-length addresses are absent.
 */
export function tsharkArpKeys(hardwareType: number, protocolType: number, hardwareLength: number, protocolLength: number): { hw: string; proto: string } {
  const mac = (hardwareType === 1 || hardwareType === 6) && hardwareLength === 6;
  const ax25 = hardwareType === 3 && hardwareLength === 7;
  const ipv4 = (protocolType === 0x0800 || protocolType === 0x00cc) && protocolLength === 4;
  return { hw: mac ? "hw_mac" : ax25 ? "hw_ax25" : "hw", proto: ipv4 ? "proto_ipv4" : "proto" };
}

/**
 * Every field tshark shows for the frame compared with arp-ndp's decoding. Returns the disagreements
 * as "field: tshark=… ours=…" lines (empty when they agree on everything).
 */
export function compareWithTshark(packet: TsharkPacket, frame: DecodedFrame): string[] {
  const out: string[] = [];
  const L = packet.layers;
  const eq = (field: string, theirs: unknown, ours: unknown): void => {
    if (String(theirs) !== String(ours)) out.push(`${field}: tshark=${JSON.stringify(theirs)} ours=${JSON.stringify(ours)}`);
  };
  // Wireshark writes the deprecated IPv4-compatible form (::/96, RFC 4291 §2.5.5.1) in mixed notation,
  // "::192.0.2.1"; arp-ndp keeps it in hex, "::c000:201" (RFC 5952 §4; §5 recommends mixed notation only
  // where a well-known prefix marks an embedded IPv4 address). Compare those as bytes.
  const ipv6Eq = (field: string, theirs: unknown, ours: string): void => {
    const compat = /^::(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(String(theirs));
    if (compat === null) return eq(field, theirs, ours);
    const bytes = bytesText([...new Array<number>(12).fill(0), ...compat.slice(1).map(Number)]);
    eq(`${field} (IPv4-compatible, as bytes)`, bytes, bytesText(parseIpv6(ours)));
  };
  const eth = frame.ethernet;
  const ethLayer = L.eth as Record<string, unknown> | undefined;
  eq("eth.dst", ethLayer?.["eth.dst"], eth.destination);
  eq("eth.src", ethLayer?.["eth.src"], eth.source);
  eq("eth.type", ethLayer?.["eth.type"], hex4(eth.vlans[0]?.tpid ?? eth.etherType));

  // VLAN tags, in wire order: 0x8100 and 0x9100 are the vlan dissector, 0x88a8 the ieee8021ad one. Two
  // 0x88a8 tags in a row are ONE ieee8021ad layer in Wireshark 4.0 (svid + cvid, priority/dei as arrays).
  const groups: { name: string; tags: VlanTag[]; next: number }[] = [];
  for (let i = 0; i < eth.vlans.length; i++) {
    const tag = eth.vlans[i] as VlanTag;
    const following = eth.vlans[i + 1];
    if (tag.tpid === 0x88a8 && following?.tpid === 0x88a8) {
      groups.push({ name: "ieee8021ad", tags: [tag, following], next: eth.vlans[i + 2]?.tpid ?? eth.etherType });
      i++;
    } else {
      groups.push({ name: tag.tpid === 0x88a8 ? "ieee8021ad" : "vlan", tags: [tag], next: following?.tpid ?? eth.etherType });
    }
  }
  const tagLayers = packet.protocols.filter((p) => p === "vlan" || p === "ieee8021ad");
  eq("vlan tag layers", tagLayers.join(","), groups.map((g) => g.name).join(","));
  const pools: Record<string, Record<string, unknown>[]> = { vlan: asList(L.vlan), ieee8021ad: asList(L.ieee8021ad) };
  groups.forEach((g, i) => {
    const layer = pools[g.name]?.shift();
    const n = g.name;
    const field = (f: string): unknown => layer?.[`${n}.${f}`];
    if (g.tags.length === 2) {
      const [s, c] = g.tags as [VlanTag, VlanTag];
      eq(`${n}[${i}].priority`, JSON.stringify(field("priority")), JSON.stringify([String(s.priority), String(c.priority)]));
      eq(`${n}[${i}].dei`, JSON.stringify(field("dei")), JSON.stringify([s.dropEligible ? "1" : "0", c.dropEligible ? "1" : "0"]));
      eq(`${n}[${i}].svid`, field("svid"), s.id);
      eq(`${n}[${i}].cvid`, field("cvid"), c.id);
    } else {
      const tag = g.tags[0] as VlanTag;
      eq(`${n}[${i}].priority`, field("priority"), tag.priority);
      eq(`${n}[${i}].dei`, field("dei"), tag.dropEligible ? 1 : 0);
      eq(`${n}[${i}].id`, field("id"), tag.id);
    }
    eq(`${n}[${i}].etype`, layer?.[n === "vlan" ? "vlan.etype" : "ieee8021ah.etype"], hex4(g.next));
  });

  if (frame.arp !== undefined) {
    const a = frame.arp;
    const arp = L.arp as Record<string, unknown> | undefined;
    if (arp === undefined) {
      out.push("arp: tshark has no arp layer");
      return out;
    }
    eq("arp.hw.type", arp["arp.hw.type"], a.hardwareType);
    eq("arp.proto.type", arp["arp.proto.type"], hex4(a.protocolType));
    eq("arp.hw.size", arp["arp.hw.size"], a.hardwareLength);
    eq("arp.proto.size", arp["arp.proto.size"], a.protocolLength);
    eq("arp.opcode", arp["arp.opcode"], a.operation);
    const keys = tsharkArpKeys(a.hardwareType, a.protocolType, a.hardwareLength, a.protocolLength);
    const ipv4Text = keys.proto === "proto_ipv4";
    const ourIpv4Text = a.protocolType === 0x0800 && a.protocolLength === 4;
    for (const [side, hw, proto] of [
      ["src", a.senderHardwareAddress, a.senderProtocolAddress],
      ["dst", a.targetHardwareAddress, a.targetProtocolAddress],
    ] as const) {
      const hwKey = `arp.${side}.${keys.hw}`;
      const protoKey = `arp.${side}.${keys.proto}`;
      // Both render hardware addresses as lowercase colon hex (a MAC is the 6-byte case of it).
      eq(hwKey, arp[hwKey] ?? "", hw);
      const theirs = arp[protoKey];
      if (side === "dst" && a.operation === 7 && a.protocolLength > 0 && a.hardwareType !== 3) {
        // Operation 7 is a DRARP error (RFC 1931): Wireshark shows the target protocol address as a one-byte
        // error status (`arp.dst.drarp_error_status`), the address's first byte — except for hardware type 3
        // (AX.25), whose messages it dissects apart and shows the address as usual (seen with tshark 4.0.17
        // for every length; found by a 55,000-frame run, seed 1035839442).
        eq("arp.dst.drarp_error_status", arp["arp.dst.drarp_error_status"], colonHexBytes(ourProtocolBytes(proto, a.protocolType, a.protocolLength))[0]);
      } else if (ipv4Text && ourIpv4Text) eq(protoKey, theirs ?? "", proto);
      else eq(`${protoKey} (bytes)`, tsharkProtocolBytes(String(theirs ?? ""), ipv4Text), ourProtocolBytes(proto, a.protocolType, a.protocolLength));
    }
    return out;
  }

  if (frame.ipv6 !== undefined) {
    const ip = frame.ipv6;
    const t = L.ipv6 as Record<string, unknown> | undefined;
    if (t === undefined) {
      out.push("ipv6: tshark has no ipv6 layer");
      return out;
    }
    eq("ipv6.version", t["ipv6.version"], ip.version);
    eq("ipv6.tclass", parseInt(String(t["ipv6.tclass"]), 16), ip.trafficClass);
    eq("ipv6.flow", parseInt(String(t["ipv6.flow"]), 16), ip.flowLabel);
    eq("ipv6.plen", t["ipv6.plen"], ip.payloadLength);
    eq("ipv6.nxt", t["ipv6.nxt"], ip.nextHeader);
    eq("ipv6.hlim", t["ipv6.hlim"], ip.hopLimit);
    ipv6Eq("ipv6.src", t["ipv6.src"], ip.source);
    ipv6Eq("ipv6.dst", t["ipv6.dst"], ip.destination);
  }
  if (frame.icmpv6 !== undefined) {
    const c = frame.icmpv6;
    const t = L.icmpv6 as Record<string, unknown> | undefined;
    if (t === undefined) {
      out.push("icmpv6: tshark has no icmpv6 layer");
      return out;
    }
    eq("icmpv6.type", t["icmpv6.type"], c.type);
    eq("icmpv6.code", t["icmpv6.code"], c.code);
    eq("icmpv6.checksum", t["icmpv6.checksum"], hex4(c.checksum));
    eq("icmpv6.checksum.status", t["icmpv6.checksum.status"], c.checksumValid ? 1 : 0);
    const nd = frame.ndp;
    if (nd !== undefined) {
      if (nd.kind === "neighbor-solicitation") {
        eq("icmpv6.reserved", parseInt(String(t["icmpv6.reserved"] ?? "").replaceAll(":", ""), 16), nd.reserved);
        ipv6Eq("icmpv6.nd.ns.target_address", t["icmpv6.nd.ns.target_address"], nd.targetAddress);
      } else {
        const word = ((nd.router ? 4 : 0) + (nd.solicited ? 2 : 0) + (nd.override ? 1 : 0)) * 0x2000_0000 + nd.reserved;
        eq("icmpv6.nd.na.flag", parseInt(String(t["icmpv6.nd.na.flag"]), 16), word);
        eq("icmpv6.nd.na.flag.r", deepGet(t, "icmpv6.nd.na.flag.r"), nd.router ? 1 : 0);
        eq("icmpv6.nd.na.flag.s", deepGet(t, "icmpv6.nd.na.flag.s"), nd.solicited ? 1 : 0);
        eq("icmpv6.nd.na.flag.o", deepGet(t, "icmpv6.nd.na.flag.o"), nd.override ? 1 : 0);
        ipv6Eq("icmpv6.nd.na.target_address", t["icmpv6.nd.na.target_address"], nd.targetAddress);
      }
      const opts = asList(t["icmpv6.opt"]);
      eq("icmpv6.opt count", opts.length, nd.options.length);
      nd.options.forEach((o, i) => {
        const to = opts[i];
        eq(`icmpv6.opt[${i}].type`, to?.["icmpv6.opt.type"], o.type);
        eq(`icmpv6.opt[${i}].length`, to?.["icmpv6.opt.length"], o.length);
        if ("linkLayerAddress" in o) {
          // Wireshark reads a 16-byte option whose last 6 bytes are zero as an 8-byte EUI-64 plus padding
          // (the IEEE 802.15.4 form, RFC 4944 §8); arp-ndp keeps all 14 data bytes so the option re-encodes.
          const eui64 = to?.["icmpv6.opt.linkaddr_eui64"];
          const theirs = eui64 !== undefined ? `${String(eui64)}:00:00:00:00:00:00` : to?.["icmpv6.opt.linkaddr"];
          eq(`icmpv6.opt[${i}].linkaddr`, theirs, o.linkLayerAddress);
        }
        else if ("nonce" in o) eq(`icmpv6.opt[${i}].nonce`, to?.["icmpv6.opt.nonce"], bytesText(o.nonce));
        else eq(`icmpv6.opt[${i}].data`, to?.["icmpv6.data"], bytesText(o.data));
      });
    }
  }
  return out;
}

/**
 * Seed corpus: every frame of every capture in test/fixtures/public (read with the tests' independent
 * pcap reader), the hex vectors of vectors.md (frame, ARP payload, IPv6 packet, ICMPv6 message and ND
 * option levels), the bench anchor frames, and a few synthesized stress shapes (stacked tags, many options,
 * extension-header chains). Each frame also yields its ARP payload / IPv6 packet / ICMPv6 message as seeds
 * of those layers; ICMPv6 messages and ND options are wrapped back up into frames.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { readPcapFrames } from "../helpers/pcap.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { ARP_REQUEST, NA_FRAME, NS_FRAME } from "../../bench/frames.js";
import { fixLengthsAndChecksum, ipv6Start } from "./mutators.js";
import type { Layer } from "./fields.js";

/** Seeds per layer, plus whole capture files and Linux cooked-capture records. */
export interface Corpus {
  frame: Uint8Array[];
  /**
   * The frames by what they carry ("arp", "ndp" for NS/NA, "icmpv6", "ipv6", "other"), so the engine can
   * pick NS/NA as often as ARP although the captures hold a thousand IPv4 frames for each NS.
   */
  frameClasses: Map<string, Uint8Array[]>;
  arp: Uint8Array[];
  ipv6: Uint8Array[];
  icmpv6: Uint8Array[];
  /** Records of link type 113/276, with their link type. */
  cooked: { data: Uint8Array; linkType: number }[];
  /** Whole capture files (pcap and pcapng), cropped to their first blocks to keep each input small. */
  captures: { name: string; data: Uint8Array }[];
}

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, "");
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const ETH_V6 = hexToBytes("3333ff0000f0020000000001" + "86dd");
const IPV6_HDR = hexToBytes("6000000000003aff" + "fe800000000000000000000000000001" + "ff0200000000000000000001ff0000f0");
const NS_BODY = hexToBytes("870000000000000020010db80000000000000000000000f0");

/** An Ethernet + IPv6 frame around an ICMPv6 message, with payload length and checksum made right. */
export function wrapIcmpv6(message: Uint8Array): Uint8Array {
  const frame = concat(ETH_V6, IPV6_HDR, message);
  fixLengthsAndChecksum(frame, "frame");
  return frame;
}

/** Splits a frame into the seeds of the layers it carries (an independent walk, no library code); returns its class. */
function layersOf(frame: Uint8Array, corpus: Corpus): string {
  let p = 12;
  for (let guard = 0; guard < 64 && frame.length - p >= 2; guard++) {
    const type = ((frame[p] ?? 0) << 8) | (frame[p + 1] ?? 0);
    if (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
      p += 4;
      continue;
    }
    if (type === 0x0806 || type === 0x8035) {
      corpus.arp.push(frame.slice(p + 2));
      return "arp";
    }
    if (type <= 1500 && frame[p + 2] === 0xaa) return "arp"; // LLC/SNAP (the captures' SNAP frames are ARP)
    break;
  }
  const ip = ipv6Start(frame, "frame");
  if (ip < 0) return "other";
  const ipEnd = Math.min(frame.length, ip + 40 + (((frame[ip + 4] ?? 0) << 8) | (frame[ip + 5] ?? 0)));
  corpus.ipv6.push(frame.slice(ip, ipEnd));
  if (frame[ip + 6] !== 58) return "ipv6";
  corpus.icmpv6.push(frame.slice(ip + 40, ipEnd));
  const type = frame[ip + 40] ?? 0;
  return type === 135 || type === 136 ? "ndp" : "icmpv6";
}

/** Parses vectors.md: `(level, N bytes)` bullets followed by a fenced hex block. */
function vectors(file: string): { level: string; bytes: Uint8Array }[] {
  const out: { level: string; bytes: Uint8Array }[] = [];
  const text = readFileSync(file, "utf8");
  const re = /\*\* \(([^,)]+)[^\n]*\n\s*```\n([\s\S]*?)```/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const level = m[1] ?? "";
    const hex = (m[2] ?? "").trim();
    if (/^[0-9a-f\s]+$/i.test(hex)) out.push({ level, bytes: hexToBytes(hex) });
  }
  return out;
}

/** Synthesized shapes the captures lack: stacked tags, many options, extension-header chains. */
function synthesized(): { layer: Exclude<Layer, "raw">; bytes: Uint8Array }[] {
  const out: { layer: Exclude<Layer, "raw">; bytes: Uint8Array }[] = [];
  const tags = (n: number): number[] => Array.from({ length: n }, (_, i) => [i % 2 === 0 ? 0x88 : 0x81, i % 2 === 0 ? 0xa8 : 0x00, 0x00, 0x64]).flat();
  out.push({ layer: "frame", bytes: concat(ARP_REQUEST.subarray(0, 12), tags(3), ARP_REQUEST.subarray(12)) });
  out.push({ layer: "frame", bytes: concat(ARP_REQUEST.subarray(0, 12), tags(32), ARP_REQUEST.subarray(12)) });
  const options = (n: number): number[] => Array.from({ length: n }, (_, i) => [i % 3 === 0 ? 1 : 200, 1, 2, 0, 0, 0, 0, i & 0xff]).flat();
  out.push({ layer: "frame", bytes: wrapIcmpv6(concat(NS_BODY, options(3))) });
  out.push({ layer: "frame", bytes: wrapIcmpv6(concat(NS_BODY, options(64))) });
  // hop-by-hop + destination options before ICMPv6
  const ext = concat(ETH_V6, IPV6_HDR, [60, 0, 1, 4, 0, 0, 0, 0], [58, 1, ...new Array<number>(14).fill(0)], NS_BODY, options(1));
  ext[ETH_V6.length + 6] = 0;
  fixLengthsAndChecksum(ext, "frame");
  out.push({ layer: "frame", bytes: ext });
  // 802.3 LLC/SNAP ARP
  const snap = concat(ARP_REQUEST.subarray(0, 12), [0x00, 0x24, 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06], ARP_REQUEST.subarray(14));
  out.push({ layer: "frame", bytes: snap });
  return out;
}

/** pcap: the global header and the first `records` records. pcapng: the first `blocks` blocks. */
export function cropCapture(file: Uint8Array, blocks: number): Uint8Array {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < 24) return file;
  if (dv.getUint32(0, false) === 0x0a0d0d0a) {
    const le = dv.getUint32(8, true) === 0x1a2b3c4d;
    let p = 0;
    for (let i = 0; i < blocks && file.length - p >= 12; i++) {
      const len = dv.getUint32(p + 4, le);
      if (len < 12 || len > file.length - p) break;
      p += len;
    }
    return file.slice(0, p);
  }
  const magic = dv.getUint32(0, false);
  const le = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  let p = 24;
  for (let i = 0; i < blocks && file.length - p >= 16; i++) {
    const caplen = dv.getUint32(p + 8, le);
    if (caplen > file.length - p - 16) break;
    p += 16 + caplen;
  }
  return file.slice(0, p);
}

/** Loads the whole seed corpus (a few ms). */
export function loadCorpus(capturesDir = CAPTURES_DIR): Corpus {
  const corpus: Corpus = { frame: [], frameClasses: new Map(), arp: [], ipv6: [], icmpv6: [], cooked: [], captures: [] };
  const seen = new Set<string>();
  const add = (layer: Exclude<Layer, "raw">, bytes: Uint8Array): void => {
    const key = `${layer}:${Buffer.from(bytes).toString("hex")}`;
    if (seen.has(key)) return;
    seen.add(key);
    corpus[layer].push(bytes);
    if (layer === "frame") {
      const kind = layersOf(bytes, corpus);
      const list = corpus.frameClasses.get(kind) ?? [];
      list.push(bytes);
      corpus.frameClasses.set(kind, list);
    }
  };
  for (const name of readdirSync(capturesDir).sort()) {
    if (!/\.(pcap|pcapng)$/.test(name)) continue;
    const file = path.join(capturesDir, name);
    const raw = new Uint8Array(readFileSync(file));
    for (const n of [1, 2, 3, 5, 9]) corpus.captures.push({ name: `${name}[${n}]`, data: cropCapture(raw, n) });
    for (const f of readPcapFrames(file)) {
      if (f.linkType === 1) add("frame", f.data);
      else if (f.linkType === 113 || f.linkType === 276) corpus.cooked.push(f);
    }
  }
  for (const v of vectors(path.join(capturesDir, "vectors.md"))) {
    if (v.level === "frame") add("frame", v.bytes);
    else if (v.level === "ARP payload") {
      add("arp", v.bytes);
      add("frame", concat(ARP_REQUEST.subarray(0, 14), v.bytes));
    } else if (v.level === "IPv6 packet") {
      add("ipv6", v.bytes);
      add("frame", concat(ETH_V6, v.bytes));
    } else if (v.level === "ICMPv6 message") {
      add("icmpv6", v.bytes);
      add("frame", wrapIcmpv6(v.bytes));
    } else if (v.level === "ND option") {
      add("frame", wrapIcmpv6(concat(NS_BODY, v.bytes)));
    }
  }
  for (const f of [ARP_REQUEST, NS_FRAME, NA_FRAME]) add("frame", f);
  for (const s of synthesized()) add(s.layer, s.bytes);
  return corpus;
}

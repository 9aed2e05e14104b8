/**
 * Builders of fuzz inputs the corpus does not hold as such: capture files around (mutated) frames in every
 * variant a reader must handle (pcap µs/ns, either byte order; pcapng either byte order, with options,
 * several interfaces, Simple Packet Blocks), Linux cooked records, and hex dumps in the common text forms.
 * Written independently of src/capture so that the fuzzer and the reader do not share mistakes.
 */
import type { Rng } from "./prng.js";

function u16(out: number[], v: number, le: boolean): void {
  if (le) out.push(v & 0xff, (v >>> 8) & 0xff);
  else out.push((v >>> 8) & 0xff, v & 0xff);
}

function u32(out: number[], v: number, le: boolean): void {
  const x = v >>> 0;
  if (le) out.push(x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24);
  else out.push(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
}

function bytesInto(out: number[], b: Uint8Array): void {
  for (let i = 0; i < b.length; i++) out.push(b[i] ?? 0);
}

function pad4(out: number[]): void {
  while (out.length % 4 !== 0) out.push(0);
}

/** A classic pcap file (draft-ietf-opsawg-pcap §4/§5). */
export function pcapFile(frames: readonly Uint8Array[], le: boolean, ns: boolean, linkType = 1, snapLength = 262144): Uint8Array {
  const out: number[] = [];
  u32(out, ns ? 0xa1b23c4d : 0xa1b2c3d4, le);
  u16(out, 2, le);
  u16(out, 4, le);
  u32(out, 0, le);
  u32(out, 0, le);
  u32(out, snapLength, le);
  u32(out, linkType, le);
  frames.forEach((f, i) => {
    u32(out, 1_700_000_000 + i, le);
    u32(out, i * 1000, le);
    u32(out, f.length, le);
    u32(out, f.length + (i % 3 === 2 ? 4 : 0), le);
    bytesInto(out, f);
  });
  return Uint8Array.from(out);
}

function block(out: number[], type: number, body: number[], le: boolean): void {
  const len = 12 + body.length;
  u32(out, type, le);
  u32(out, len, le);
  for (const b of body) out.push(b);
  u32(out, len, le);
}

function option(body: number[], code: number, value: readonly number[], le: boolean): void {
  u16(body, code, le);
  u16(body, value.length, le);
  for (const v of value) body.push(v);
  pad4(body);
}

/** A pcapng file (draft-ietf-opsawg-pcapng): SHB, one or two IDBs, EPBs (sometimes SPBs), with options. */
export function pcapngFile(rng: Rng, frames: readonly Uint8Array[], le: boolean, linkType = 1): Uint8Array {
  const out: number[] = [];
  const shb: number[] = [];
  u32(shb, 0x1a2b3c4d, le);
  u16(shb, 1, le);
  u16(shb, 0, le);
  for (let i = 0; i < 8; i++) shb.push(0xff);
  if (rng.chance(0.5)) {
    option(shb, 4, [...new TextEncoder().encode("arp-ndp fuzz")], le);
    option(shb, 0, [], le);
  }
  block(out, 0x0a0d0d0a, shb, le);
  const interfaces = rng.chance(0.3) ? 2 : 1;
  for (let i = 0; i < interfaces; i++) {
    const idb: number[] = [];
    u16(idb, i === 1 ? 113 : linkType, le);
    u16(idb, 0, le);
    u32(idb, rng.chance(0.8) ? 262144 : 0, le);
    if (rng.chance(0.5)) {
      option(idb, 9, [rng.pick([6, 9, 0x80 | 10, 3])], le); // if_tsresol
      option(idb, 2, [...new TextEncoder().encode("eth0")], le);
      option(idb, 0, [], le);
    }
    block(out, 1, idb, le);
  }
  frames.forEach((f, i) => {
    if (rng.chance(0.1)) {
      const spb: number[] = [];
      u32(spb, f.length, le);
      bytesInto(spb, f);
      pad4(spb);
      block(out, 3, spb, le);
      return;
    }
    const epb: number[] = [];
    u32(epb, interfaces === 2 ? i % 2 : 0, le);
    u32(epb, 0x0005f000, le);
    u32(epb, 1000 * i, le);
    u32(epb, f.length, le);
    u32(epb, f.length, le);
    bytesInto(epb, f);
    pad4(epb);
    if (rng.chance(0.3)) {
      option(epb, 2, [0, 0, 0, 1], le); // epb_flags
      option(epb, 0, [], le);
    }
    block(out, 6, epb, le);
  });
  return Uint8Array.from(out);
}

/** A capture file of either format around `frames`. */
export function captureFile(rng: Rng, frames: readonly Uint8Array[]): Uint8Array {
  const le = rng.chance(0.7);
  if (rng.chance(0.5)) return pcapFile(frames, le, rng.chance(0.3));
  return pcapngFile(rng, frames, le);
}

const HEX = "0123456789abcdef";

function h2(b: number): string {
  return (HEX[b >>> 4] ?? "0") + (HEX[b & 15] ?? "0");
}

/** Hex dumps of several frames, separated as a reader expects (blank lines, `Frame (n bytes):` headers). */
export function hexDumps(rng: Rng, frames: readonly Uint8Array[]): string {
  return frames.map((f) => (rng.chance(0.2) ? `Frame (${f.length} bytes):\n` : "") + hexDump(rng, f)).join(rng.pick(["\n\n", "\n\n\n", "\n"]));
}

/** A hex dump of `bytes` in one of the forms people paste: plain stream, tcpdump -xx, Wireshark, xxd, hexdump -C. */
export function hexDump(rng: Rng, bytes: Uint8Array): string {
  const form = rng.below(8);
  if (form === 6 || form === 7) {
    // xxd: "00000000: ffff ffff ffff 0200 0000 0001 0806 0001  ................"
    // hexdump -C: "00000000  ff ff ff ff ff ff 02 00  00 00 00 01 08 06 00 01  |................|"
    const out: string[] = [];
    for (let o = 0; o < bytes.length; o += 16) {
      const row = bytes.subarray(o, o + 16);
      const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
      const off = o.toString(16).padStart(8, "0");
      if (form === 6) {
        let h = "";
        for (let i = 0; i < row.length; i += 2) h += h2(row[i] ?? 0) + (i + 1 < row.length ? h2(row[i + 1] ?? 0) : "") + " ";
        out.push(`${off}: ${h.padEnd(40)} ${ascii}`);
      } else {
        const h = Array.from(row, h2);
        out.push(`${off}  ${h.slice(0, 8).join(" ")}  ${h.slice(8).join(" ")}`.padEnd(60) + `|${ascii}|`);
      }
    }
    return out.join("\n");
  }
  const lines: string[] = [];
  if (form === 0) {
    let s = "";
    for (const b of bytes) s += h2(b);
    return rng.chance(0.3) ? s.toUpperCase() : s;
  }
  if (form === 1) {
    // tcpdump -xx: "\t0x0000:  ffff ffff ffff 0200 0000 0001 0806 0001"
    for (let o = 0; o < bytes.length; o += 16) {
      let s = `\t0x${o.toString(16).padStart(4, "0")}:  `;
      const row = bytes.subarray(o, o + 16);
      for (let i = 0; i < row.length; i += 2) s += h2(row[i] ?? 0) + (i + 1 < row.length ? h2(row[i + 1] ?? 0) : "") + " ";
      lines.push(s.trimEnd());
    }
    return lines.join("\n");
  }
  if (form === 2) {
    // Wireshark "Copy as Hex + ASCII dump": "0000   ff ff ff ff ff ff 02 00 00 00 00 01 08 06 00 01   ................"
    for (let o = 0; o < bytes.length; o += 16) {
      const row = bytes.subarray(o, o + 16);
      const hexPart = Array.from(row, h2).join(" ");
      const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
      lines.push(`${o.toString(16).padStart(4, "0")}   ${hexPart.padEnd(49)}  ${ascii}`);
    }
    return lines.join("\n");
  }
  if (form === 3) return Array.from(bytes, h2).join(rng.pick([":", " ", "-"]));
  if (form === 4) return Array.from(bytes, (b) => `0x${h2(b)}`).join(", ");
  // hex stream with line breaks every 32 characters
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += h2(bytes[i] ?? 0) + (i % 16 === 15 ? "\n" : "");
  return s;
}

const TEXT_PIECES = ["0", "f", "F", "x", "0x", ":", " ", "\t", "\n", "\r\n", "|", ".", "-", "ffff", "0000", "g", "  ", "0x0000:", "ffffffff  ", "é", "\u0000", "9999999999999999:"];

/** Character-level mutations of a hex dump: spliced pieces, deleted spans, duplicated lines. */
export function mutateText(rng: Rng, text: string): string {
  let s = text;
  const steps = 1 + rng.small(4);
  for (let k = 0; k < steps; k++) {
    const at = rng.below(s.length + 1);
    const op = rng.below(5);
    if (op === 0) s = s.slice(0, at) + rng.pick(TEXT_PIECES) + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(Math.min(s.length, at + 1 + rng.small(16)));
    else if (op === 2) {
      const lines = s.split("\n");
      const i = rng.below(lines.length);
      lines.splice(i, 0, ...Array<string>(1 + rng.small(8)).fill(lines[i] ?? ""));
      s = lines.join("\n");
    } else if (op === 3) s = s.slice(0, at) + String.fromCharCode(rng.below(128)) + s.slice(at + 1);
    else s = s.slice(0, at);
  }
  return s.length > 65536 ? s.slice(0, 65536) : s;
}

/** A Linux cooked record (selector byte + SLL or SLL2 header) carrying the payload of an Ethernet frame. */
export function cookedRecord(frame: Uint8Array, v2: boolean): Uint8Array {
  const payload = frame.length > 14 ? frame.subarray(14) : new Uint8Array(0);
  const type0 = frame[12] ?? 0;
  const type1 = frame[13] ?? 0;
  const header = v2
    ? [type0, type1, 0, 0, 0, 0, 0, 2, 0, 1, 4, 6, ...frame.subarray(6, 12), 0, 0]
    : [0, 4, 0, 1, 0, 6, ...frame.subarray(6, 12), 0, 0, type0, type1];
  const out = new Uint8Array(1 + header.length + payload.length);
  out[0] = v2 ? 1 : 0;
  out.set(header, 1);
  out.set(payload, 1 + header.length);
  return out;
}

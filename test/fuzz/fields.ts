/**
 * An independent, deliberately naive walk over a frame that finds where its length, count and type
 * fields are, so the mutators can lie in exactly those places ("length fields set to 0/max", "option
 * lengths that lie"). It never trusts a length further than the bytes go and never throws; it is not the
 * library's decoder, so the fuzzer does not share that decoder's blind spots.
 */

/** What a field is, which decides the values a mutator writes into it. */
export type FieldKind =
  | "etherType"
  | "tci"
  | "arpLength"
  | "arpType"
  | "payloadLength"
  | "nextHeader"
  | "extLength"
  | "icmpType"
  | "checksum"
  | "optionType"
  | "optionLength"
  | "captureLength"
  | "blockLength"
  | "blockType"
  | "magic"
  | "linkType"
  | "captureOptionLength";

/** A field found in an input: its offset, width in bytes, and kind. */
export interface Field {
  offset: number;
  size: 1 | 2 | 4 | 8;
  kind: FieldKind;
  /** Byte order of the field (captures may be little-endian). */
  littleEndian?: boolean;
}

/** Where a sample starts: at the Ethernet header, the ARP header, the IPv6 header or the ICMPv6 header ("raw": unknown). */
export type Layer = "frame" | "arp" | "ipv6" | "icmpv6" | "raw";

const VLAN_TPIDS = new Set([0x8100, 0x88a8, 0x9100]);

function u16(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}

/** The length/type fields of a sample that starts at `layer`. */
export function findFields(b: Uint8Array, layer: Layer): Field[] {
  const fields: Field[] = [];
  const n = b.length;
  if (layer === "frame") {
    let p = 12;
    let guard = 0;
    while (n - p >= 2 && guard++ < 4096) {
      const type = u16(b, p);
      fields.push({ offset: p, size: 2, kind: "etherType" });
      if (VLAN_TPIDS.has(type)) {
        if (n - p >= 4) fields.push({ offset: p + 2, size: 2, kind: "tci" });
        p += 4;
        continue;
      }
      p += 2;
      if (type === 0x0806 || type === 0x8035) arpFields(b, p, fields);
      else if (type === 0x86dd) ipv6Fields(b, p, fields);
      else if (type <= 1500 && n - p >= 8 && b[p] === 0xaa) {
        const proto = u16(b, p + 6);
        fields.push({ offset: p + 6, size: 2, kind: "etherType" });
        if (proto === 0x0806 || proto === 0x8035) arpFields(b, p + 8, fields);
        else if (proto === 0x86dd) ipv6Fields(b, p + 8, fields);
      }
      break;
    }
  } else if (layer === "arp") arpFields(b, 0, fields);
  else if (layer === "ipv6") ipv6Fields(b, 0, fields);
  else if (layer === "icmpv6") icmpv6Fields(b, 0, fields);
  return fields;
}

function arpFields(b: Uint8Array, p: number, fields: Field[]): void {
  if (b.length - p < 8) return;
  fields.push({ offset: p, size: 2, kind: "arpType" });
  fields.push({ offset: p + 2, size: 2, kind: "etherType" });
  fields.push({ offset: p + 4, size: 1, kind: "arpLength" });
  fields.push({ offset: p + 5, size: 1, kind: "arpLength" });
  fields.push({ offset: p + 6, size: 2, kind: "arpType" });
}

function ipv6Fields(b: Uint8Array, p: number, fields: Field[]): void {
  if (b.length - p < 40) return;
  fields.push({ offset: p, size: 1, kind: "nextHeader" }); // version nibble + traffic class
  fields.push({ offset: p + 4, size: 2, kind: "payloadLength" });
  fields.push({ offset: p + 6, size: 1, kind: "nextHeader" });
  let next = b[p + 6] ?? 0;
  let q = p + 40;
  for (let guard = 0; guard < 256; guard++) {
    if (next === 58) {
      icmpv6Fields(b, q, fields);
      return;
    }
    if (b.length - q < 8) return;
    if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140) {
      fields.push({ offset: q, size: 1, kind: "nextHeader" });
      fields.push({ offset: q + 1, size: 1, kind: "extLength" });
      next = b[q] ?? 0;
      q += ((b[q + 1] ?? 0) + 1) * 8;
    } else if (next === 44) {
      fields.push({ offset: q, size: 1, kind: "nextHeader" });
      next = b[q] ?? 0;
      q += 8;
    } else if (next === 51) {
      fields.push({ offset: q, size: 1, kind: "nextHeader" });
      fields.push({ offset: q + 1, size: 1, kind: "extLength" });
      next = b[q] ?? 0;
      q += ((b[q + 1] ?? 0) + 2) * 4;
    } else return;
  }
}

/** Offset of the first NDP option after the fixed part of each ND message type (RFC 4861 §4). */
function optionsStart(type: number): number {
  switch (type) {
    case 133:
      return 8;
    case 134:
      return 16;
    case 135:
    case 136:
      return 24;
    case 137:
      return 40;
    default:
      return -1;
  }
}

function icmpv6Fields(b: Uint8Array, p: number, fields: Field[]): void {
  if (b.length - p < 4) return;
  fields.push({ offset: p, size: 1, kind: "icmpType" });
  fields.push({ offset: p + 2, size: 2, kind: "checksum" });
  const start = optionsStart(b[p] ?? 0);
  if (start < 0) return;
  let q = p + start;
  while (b.length - q >= 2) {
    fields.push({ offset: q, size: 1, kind: "optionType" });
    fields.push({ offset: q + 1, size: 1, kind: "optionLength" });
    const len = b[q + 1] ?? 0;
    if (len === 0) return;
    q += len * 8;
  }
}

/** Length/type fields of a pcap or pcapng file (blocks, records, options), as far as they go. */
export function findCaptureFields(b: Uint8Array): Field[] {
  const fields: Field[] = [];
  if (b.length < 4) return fields;
  fields.push({ offset: 0, size: 4, kind: "magic" });
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magicBe = dv.getUint32(0, false);
  if (magicBe === 0x0a0d0d0a) {
    let le = true;
    let p = 0;
    for (let guard = 0; guard < 10_000 && b.length - p >= 12; guard++) {
      let type = dv.getUint32(p, le);
      if (dv.getUint32(p, false) === 0x0a0d0d0a) {
        le = dv.getUint32(p + 8, true) === 0x1a2b3c4d;
        type = 0x0a0d0d0a;
        fields.push({ offset: p + 8, size: 4, kind: "magic", littleEndian: le });
        if (b.length - p >= 24) fields.push({ offset: p + 16, size: 8, kind: "blockLength", littleEndian: le });
      }
      fields.push({ offset: p, size: 4, kind: "blockType", littleEndian: le });
      fields.push({ offset: p + 4, size: 4, kind: "blockLength", littleEndian: le });
      const len = dv.getUint32(p + 4, le);
      let optionsAt = -1;
      if (type === 1 && b.length - p >= 16) {
        fields.push({ offset: p + 8, size: 2, kind: "linkType", littleEndian: le });
        fields.push({ offset: p + 12, size: 4, kind: "captureLength", littleEndian: le });
        optionsAt = p + 16;
      } else if (type === 6 && b.length - p >= 28) {
        fields.push({ offset: p + 8, size: 4, kind: "linkType", littleEndian: le }); // interface id
        fields.push({ offset: p + 20, size: 4, kind: "captureLength", littleEndian: le });
        fields.push({ offset: p + 24, size: 4, kind: "captureLength", littleEndian: le });
        optionsAt = p + 28 + ((dv.getUint32(p + 20, le) + 3) & ~3);
      } else if (type === 3 && b.length - p >= 12) {
        fields.push({ offset: p + 8, size: 4, kind: "captureLength", littleEndian: le });
      } else if (type === 0x0a0d0d0a) {
        optionsAt = p + 24;
      }
      if (len < 12 || len > b.length - p) return fields;
      const blockEnd = p + len;
      fields.push({ offset: blockEnd - 4, size: 4, kind: "blockLength", littleEndian: le });
      if (optionsAt > 0) {
        let q = optionsAt;
        for (let g = 0; g < 256 && blockEnd - 4 - q >= 4; g++) {
          fields.push({ offset: q + 2, size: 2, kind: "captureOptionLength", littleEndian: le });
          const code = dv.getUint16(q, le);
          const olen = dv.getUint16(q + 2, le);
          if (code === 0) break;
          q += 4 + ((olen + 3) & ~3);
        }
      }
      p = blockEnd;
    }
    return fields;
  }
  const le = magicBe === 0xd4c3b2a1 || magicBe === 0x4d3cb2a1;
  if (b.length < 24) return fields;
  fields.push({ offset: 16, size: 4, kind: "captureLength", littleEndian: le });
  fields.push({ offset: 20, size: 4, kind: "linkType", littleEndian: le });
  let p = 24;
  for (let guard = 0; guard < 10_000 && b.length - p >= 16; guard++) {
    fields.push({ offset: p + 8, size: 4, kind: "captureLength", littleEndian: le });
    fields.push({ offset: p + 12, size: 4, kind: "captureLength", littleEndian: le });
    const caplen = dv.getUint32(p + 8, le);
    if (caplen > b.length - p - 16) break;
    p += 16 + caplen;
  }
  return fields;
}

/**
 * Mutators: each takes a sample and returns a new one (inputs are never changed in place, so a corpus
 * entry stays valid). Byte-level (truncation, bit flips, interesting bytes, inserts, deletes, duplicated
 * chunks, splices with another sample) and structure-aware (length, count and type fields found by
 * {@link findFields} set to 0, max, off-by-one or a lie; stacked VLAN tags; NDP options whose length
 * overruns; IPv6 payload length and ICMPv6 checksum fixed up afterwards so a mutation reaches the deep
 * layers instead of being refused at the first length check).
 */
import { Rng } from "./prng.js";
import { findCaptureFields, findFields, type Field, type Layer } from "./fields.js";

const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x03, 0x04, 0x06, 0x08, 0x10, 0x3a, 0x7f, 0x80, 0x87, 0x88, 0xfe, 0xff];

const VALUES: Record<Field["kind"], readonly number[]> = {
  etherType: [0x0806, 0x8035, 0x86dd, 0x8100, 0x88a8, 0x9100, 0x0800, 0x05dc, 0x05dd, 0x05ff, 0x0600, 0, 0xffff, 1, 0x2e],
  tci: [0, 0xffff, 0x0fff, 0x1000, 0xe000, 1],
  arpLength: [0, 1, 4, 6, 8, 16, 20, 127, 128, 254, 255],
  arpType: [0, 1, 2, 3, 4, 6, 8, 9, 32, 0x0800, 0xffff],
  payloadLength: [0, 1, 4, 7, 8, 16, 23, 24, 31, 32, 40, 0x7fff, 0x8000, 0xffff],
  nextHeader: [0, 43, 44, 51, 58, 59, 60, 135, 139, 140, 6, 17, 255, 0x60, 0x00, 0x40, 0xf0],
  extLength: [0, 1, 2, 127, 254, 255],
  icmpType: [133, 134, 135, 136, 137, 1, 2, 3, 4, 128, 129, 0, 255],
  checksum: [0, 0xffff, 1, 0x8000],
  optionType: [0, 1, 2, 3, 4, 5, 14, 24, 25, 31, 38, 255],
  optionLength: [0, 1, 2, 3, 4, 127, 128, 255],
  captureLength: [0, 1, 4, 14, 28, 60, 65535, 65536, 262144, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff],
  blockLength: [0, 1, 4, 8, 12, 13, 16, 20, 28, 32, 0x7ffffffc, 0x80000000, 0xfffffffc, 0xffffffff],
  blockType: [0, 1, 2, 3, 4, 5, 6, 0x0a0d0d0a, 0x80000000, 0xbad, 0xffffffff],
  magic: [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a, 0x1a2b3c4d, 0x4d3c2b1a, 0, 0xffffffff],
  linkType: [0, 1, 113, 276, 242, 105, 0xffff, 0x10000, 0xffffffff],
  captureOptionLength: [0, 1, 2, 3, 4, 8, 0xfff, 0xfffc, 0xffff],
};

function readField(b: Uint8Array, f: Field): number {
  let v = 0;
  const size = Math.min(f.size, 4);
  for (let i = 0; i < size; i++) {
    const at = f.littleEndian === true ? f.offset + size - 1 - i : f.offset + i;
    v = v * 256 + (b[at] ?? 0);
  }
  return v;
}

function writeField(b: Uint8Array, f: Field, value: number): void {
  if (f.size === 8) {
    // pcapng section length: -1 (unknown), 0, or a random 64-bit pattern
    for (let i = 0; i < 8; i++) if (f.offset + i < b.length) b[f.offset + i] = value === 0 ? 0 : value === 1 ? 0xff : (value * (i + 7)) & 0xff;
    return;
  }
  let v = value >>> 0;
  for (let i = f.size - 1; i >= 0; i--) {
    const at = f.littleEndian === true ? f.offset + (f.size - 1 - i) : f.offset + i;
    if (at < b.length) b[at] = v & 0xff;
    v = Math.floor(v / 256);
  }
}

/** A value for a field: an interesting constant, the old value ±1 or ±8, a random one, or a lie about what follows. */
function fieldValue(rng: Rng, b: Uint8Array, f: Field): number {
  const old = readField(b, f);
  const max = f.size >= 4 ? 0xffffffff : 2 ** (8 * f.size) - 1;
  const roll = rng.below(10);
  if (roll < 4) return rng.pick(VALUES[f.kind]);
  if (roll < 6) return (old + rng.pick([1, -1, 2, -2, 4, -4, 8, -8]) + max + 1) % (max + 1);
  if (roll < 7) return rng.chance(0.5) ? 0 : max;
  if (roll < 9) {
    // a length that lies about what follows: exactly the rest, one unit past it, or far past it
    const rest = b.length - f.offset;
    const unit = f.kind === "optionLength" || f.kind === "extLength" ? 8 : 1;
    const target = Math.floor(rest / unit) + rng.pick([0, 1, -1, 2, 64]);
    return Math.max(0, Math.min(max, target));
  }
  return rng.below(max + 1);
}

function truncate(rng: Rng, b: Uint8Array): Uint8Array {
  if (b.length === 0) return b;
  const cut = rng.chance(0.5) ? b.length - 1 - rng.small(Math.min(b.length - 1, 64)) : rng.below(b.length);
  return b.slice(0, Math.max(0, cut));
}

function bitFlips(rng: Rng, b: Uint8Array): Uint8Array {
  const out = b.slice();
  if (out.length === 0) return out;
  const n = 1 + rng.small(7);
  for (let i = 0; i < n; i++) {
    const at = rng.below(out.length);
    out[at] = (out[at] ?? 0) ^ (1 << rng.below(8));
  }
  return out;
}

function byteSets(rng: Rng, b: Uint8Array): Uint8Array {
  const out = b.slice();
  if (out.length === 0) return out;
  const n = 1 + rng.small(3);
  for (let i = 0; i < n; i++) out[rng.below(out.length)] = rng.chance(0.7) ? rng.pick(INTERESTING_BYTES) : rng.byte();
  return out;
}

function insertBytes(rng: Rng, b: Uint8Array): Uint8Array {
  const at = rng.below(b.length + 1);
  const n = 1 + rng.small(63);
  const out = new Uint8Array(b.length + n);
  out.set(b.subarray(0, at), 0);
  if (rng.chance(0.5)) rng.fill(out, at, at + n);
  else out.fill(rng.pick(INTERESTING_BYTES), at, at + n);
  out.set(b.subarray(at), at + n);
  return out;
}

function deleteChunk(rng: Rng, b: Uint8Array): Uint8Array {
  if (b.length < 2) return b.slice();
  const at = rng.below(b.length);
  const n = 1 + rng.small(Math.min(64, b.length - at - 1));
  const out = new Uint8Array(b.length - n);
  out.set(b.subarray(0, at), 0);
  out.set(b.subarray(at + n), at);
  return out;
}

function duplicateChunk(rng: Rng, b: Uint8Array, maxLength: number): Uint8Array {
  if (b.length === 0) return b;
  const from = rng.below(b.length);
  const n = 1 + rng.small(Math.min(b.length - from, 256) - 1);
  const times = 1 + rng.small(15);
  if (b.length + n * times > maxLength) return b.slice();
  const at = rng.below(b.length + 1);
  const out = new Uint8Array(b.length + n * times);
  out.set(b.subarray(0, at), 0);
  for (let t = 0; t < times; t++) out.set(b.subarray(from, from + n), at + t * n);
  out.set(b.subarray(at), at + n * times);
  return out;
}

function splice(rng: Rng, a: Uint8Array, other: Uint8Array): Uint8Array {
  const i = rng.below(a.length + 1);
  const j = rng.chance(0.5) ? Math.min(i, other.length) : rng.below(other.length + 1);
  const out = new Uint8Array(i + other.length - j);
  out.set(a.subarray(0, i), 0);
  out.set(other.subarray(j), i);
  return out;
}

function overwriteChunk(rng: Rng, a: Uint8Array, other: Uint8Array): Uint8Array {
  const out = a.slice();
  if (out.length === 0 || other.length === 0) return out;
  const from = rng.below(other.length);
  const at = rng.below(out.length);
  const n = Math.min(1 + rng.small(63), other.length - from, out.length - at);
  out.set(other.subarray(from, from + n), at);
  return out;
}

function setFields(rng: Rng, b: Uint8Array, fields: Field[]): Uint8Array {
  const out = b.slice();
  if (fields.length === 0) return byteSets(rng, b);
  const n = 1 + rng.small(2);
  for (let i = 0; i < n; i++) {
    const f = rng.pick(fields);
    writeField(out, f, fieldValue(rng, out, f));
  }
  return out;
}

const TPIDS = [0x8100, 0x88a8, 0x9100];

/** Inserts 1..k 802.1Q/802.1ad tags right after the source MAC (or after the existing tags). */
function insertVlanTags(rng: Rng, b: Uint8Array, maxLength: number): Uint8Array {
  if (b.length < 14) return b.slice();
  const count = rng.chance(0.8) ? 1 + rng.small(3) : 1 + rng.small(200);
  if (b.length + 4 * count > maxLength) return b.slice();
  const at = 12 + 4 * rng.small(2);
  const where = Math.min(at, b.length - 2);
  const out = new Uint8Array(b.length + 4 * count);
  out.set(b.subarray(0, where), 0);
  for (let i = 0; i < count; i++) {
    const tpid = rng.pick(TPIDS);
    const tci = rng.chance(0.5) ? rng.pick([0, 1, 0x0fff, 0xffff, 100]) : rng.u32() & 0xffff;
    const p = where + 4 * i;
    out[p] = tpid >>> 8;
    out[p + 1] = tpid & 0xff;
    out[p + 2] = tci >>> 8;
    out[p + 3] = tci & 0xff;
  }
  out.set(b.subarray(where), where + 4 * count);
  return out;
}

/** Appends NDP options (any type, any length, often one that lies about how many bytes follow). */
function appendOptions(rng: Rng, b: Uint8Array, maxLength: number): Uint8Array {
  const count = 1 + rng.small(rng.chance(0.9) ? 4 : 100);
  const parts: number[] = [];
  for (let i = 0; i < count; i++) {
    const type = rng.pick(VALUES.optionType);
    const realUnits = 1 + rng.small(3);
    const lie = rng.chance(0.2);
    const units = lie ? rng.pick([0, realUnits + 1, 255, realUnits - 1]) : realUnits;
    parts.push(type, Math.max(0, Math.min(255, units)));
    const body = realUnits * 8 - 2 - (rng.chance(0.1) ? rng.below(6) : 0);
    for (let k = 0; k < body; k++) parts.push(rng.chance(0.5) ? 0 : rng.byte());
  }
  if (b.length + parts.length > maxLength) return b.slice();
  const out = new Uint8Array(b.length + parts.length);
  out.set(b, 0);
  out.set(parts, b.length);
  return out;
}

/** Where the IPv6 header of a sample starts, or -1 (an independent walk, like {@link findFields}). */
export function ipv6Start(b: Uint8Array, layer: Layer): number {
  if (layer === "ipv6") return 0;
  if (layer !== "frame") return -1;
  let p = 12;
  for (let guard = 0; guard < 4096 && b.length - p >= 2; guard++) {
    const type = ((b[p] ?? 0) << 8) | (b[p + 1] ?? 0);
    if (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
      p += 4;
      continue;
    }
    return type === 0x86dd && b.length - p - 2 >= 40 ? p + 2 : -1;
  }
  return -1;
}

/** Offset of the ICMPv6 header after an IPv6 header at `ip` (fixed header only, or one extension walk). */
function icmpv6Start(b: Uint8Array, ip: number): number {
  let next = b[ip + 6] ?? 0;
  let q = ip + 40;
  for (let guard = 0; guard < 64; guard++) {
    if (next === 58) return b.length - q >= 4 ? q : -1;
    if (b.length - q < 8) return -1;
    if (next === 0 || next === 43 || next === 60) {
      next = b[q] ?? 0;
      q += ((b[q + 1] ?? 0) + 1) * 8;
    } else if (next === 44) {
      next = b[q] ?? 0;
      q += 8;
    } else return -1;
  }
  return -1;
}

/**
 * Makes the IPv6 Payload Length match the bytes and recomputes the ICMPv6 checksum over the RFC 8200 §8.1
 * pseudo-header (an independent implementation of RFC 1071), in place. Lets mutated frames reach NDP
 * option parsing and the "checksum valid" branch.
 */
export function fixLengthsAndChecksum(b: Uint8Array, layer: Layer): void {
  const ip = ipv6Start(b, layer);
  if (ip < 0) return;
  const payload = Math.min(0xffff, b.length - ip - 40);
  b[ip + 4] = payload >>> 8;
  b[ip + 5] = payload & 0xff;
  const c = icmpv6Start(b, ip);
  if (c < 0) return;
  const end = ip + 40 + payload;
  const len = end - c;
  b[c + 2] = 0;
  b[c + 3] = 0;
  let sum = 0;
  for (let i = ip + 8; i < ip + 40; i += 2) sum += ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  sum += Math.floor(len / 65536) + (len & 0xffff) + 58;
  for (let i = c; i < end; i += 2) sum += ((b[i] ?? 0) << 8) | (i + 1 < end ? (b[i + 1] ?? 0) : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  const checksum = ~sum & 0xffff;
  b[c + 2] = checksum >>> 8;
  b[c + 3] = checksum & 0xff;
}

/** Mutation operators, by name (the names appear in crasher reports). */
export type MutationName =
  | "truncate"
  | "bitFlips"
  | "byteSets"
  | "setFields"
  | "insertBytes"
  | "deleteChunk"
  | "duplicateChunk"
  | "splice"
  | "overwriteChunk"
  | "insertVlanTags"
  | "appendOptions";

const FRAME_OPS: readonly MutationName[] = [
  "truncate",
  "bitFlips",
  "bitFlips",
  "byteSets",
  "setFields",
  "setFields",
  "setFields",
  "insertBytes",
  "deleteChunk",
  "duplicateChunk",
  "splice",
  "overwriteChunk",
  "insertVlanTags",
  "appendOptions",
];

const CAPTURE_OPS: readonly MutationName[] = [
  "truncate",
  "bitFlips",
  "byteSets",
  "setFields",
  "setFields",
  "setFields",
  "insertBytes",
  "deleteChunk",
  "duplicateChunk",
  "splice",
  "overwriteChunk",
];

/** Mutates a sample of `layer` with 1..8 stacked operators; `others` supplies splice partners. */
export function mutateSample(
  rng: Rng,
  sample: Uint8Array,
  layer: Layer,
  others: readonly Uint8Array[],
  maxLength = 16384,
  log?: MutationName[],
): Uint8Array {
  let b = sample;
  const steps = 1 + rng.small(7);
  for (let s = 0; s < steps; s++) {
    const op = rng.pick(FRAME_OPS);
    log?.push(op);
    b = applyOp(rng, op, b, layer, others, maxLength, false);
  }
  if ((layer === "frame" || layer === "ipv6") && rng.chance(0.35)) {
    if (b === sample) b = b.slice();
    fixLengthsAndChecksum(b, layer);
  }
  return b.length > maxLength ? b.subarray(0, maxLength) : b;
}

/** Mutates a whole pcap/pcapng file with 1..6 stacked operators. */
export function mutateCapture(rng: Rng, file: Uint8Array, others: readonly Uint8Array[], maxLength = 1 << 20, log?: MutationName[]): Uint8Array {
  let b = file;
  const steps = 1 + rng.small(5);
  for (let s = 0; s < steps; s++) {
    const op = rng.pick(CAPTURE_OPS);
    log?.push(op);
    b = applyOp(rng, op, b, "frame", others, maxLength, true);
  }
  return b;
}

function applyOp(
  rng: Rng,
  op: MutationName,
  b: Uint8Array,
  layer: Layer,
  others: readonly Uint8Array[],
  maxLength: number,
  capture: boolean,
): Uint8Array {
  switch (op) {
    case "truncate":
      return truncate(rng, b);
    case "bitFlips":
      return bitFlips(rng, b);
    case "byteSets":
      return byteSets(rng, b);
    case "setFields":
      return setFields(rng, b, capture ? findCaptureFields(b) : findFields(b, layer));
    case "insertBytes":
      return insertBytes(rng, b);
    case "deleteChunk":
      return deleteChunk(rng, b);
    case "duplicateChunk":
      return duplicateChunk(rng, b, maxLength);
    case "splice":
      return others.length > 0 ? splice(rng, b, rng.pick(others)) : b;
    case "overwriteChunk":
      return others.length > 0 ? overwriteChunk(rng, b, rng.pick(others)) : b;
    case "insertVlanTags":
      return layer === "frame" ? insertVlanTags(rng, b, maxLength) : bitFlips(rng, b);
    case "appendOptions":
      return layer === "frame" || layer === "ipv6" || layer === "icmpv6" ? appendOptions(rng, b, maxLength) : truncate(rng, b);
  }
}

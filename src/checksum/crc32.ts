/**
 * CRC-32 as used by the Ethernet frame check sequence (IEEE 802.3 §3.2.9: polynomial 0x04c11db7,
 * reflected, initial value and final XOR 0xffffffff), table-driven, slicing by four bytes.
 *
 * @packageDocumentation
 */
import { readU32Le } from "../internal/bytes.js";

const TABLES: Uint32Array = (() => {
  const t = new Uint32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let s = 1; s < 4; s++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[s * 256 + n] = c >>> 0;
    }
  }
  return t;
})();

/**
 * The IEEE 802.3 CRC-32 of `bytes[start, end)`, as an unsigned number (the value a frame carries
 * little-endian in its FCS field).
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  let i = start;
  const t = TABLES;
  for (; i + 4 <= end; i += 4) {
    c ^= readU32Le(bytes, i);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

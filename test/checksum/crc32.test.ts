import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { crc32 } from "../../src/checksum/crc32.js";

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Bit-at-a-time reference (reflected 0x04c11db7 = 0xedb88320), independent of the table code. */
function crc32Reference(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe("crc32 (IEEE 802.3)", () => {
  it.each([
    ["123456789", 0xcbf43926], // the catalogued check value of CRC-32/ISO-HDLC
    ["", 0],
    ["a", 0xe8b7be43],
    ["abc", 0x352441c2],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("crc32(%j) = %s", (text, value) => {
    expect(crc32(ascii(text))).toBe(value);
    expect(crc32Reference(ascii(text))).toBe(value);
  });

  it("is an unsigned 32-bit number", () => {
    expect(crc32(new Uint8Array(1))).toBe(0xd202ef8d);
    expect(crc32(Uint8Array.from([0xff, 0xff, 0xff, 0xff]))).toBe(0xffffffff);
  });

  it("handles every length around the 4-byte slicing (0..67)", () => {
    const data = Uint8Array.from({ length: 67 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n <= data.length; n++) expect(crc32(data.subarray(0, n))).toBe(crc32Reference(data.subarray(0, n)));
  });

  it("agrees with the bitwise reference on random data and any [start, end)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (data, a, b) => {
        const start = data.length === 0 ? 0 : a % (data.length + 1);
        const end = start + (data.length - start === 0 ? 0 : b % (data.length - start + 1));
        expect(crc32(data, start, end)).toBe(crc32Reference(data.subarray(start, end)));
        expect(crc32(data)).toBe(crc32Reference(data));
      }),
      fcOptions(),
    );
  });

  it("detects any single-bit flip", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), (data, bit) => {
        const i = bit % (data.length * 8);
        const flipped = data.slice();
        flipped[i >>> 3] = flipped[i >>> 3]! ^ (1 << (i & 7));
        expect(crc32(flipped)).not.toBe(crc32(data));
      }),
      fcOptions(),
    );
  });

  it("appending the CRC little-endian gives the CRC-32 residue 0x2144df1c", () => {
    // The FCS of an Ethernet frame, transmitted least significant byte first (IEEE 802.3 §3.2.9):
    // the CRC of frame + FCS is then the constant residue (its complement is the 0xdebb20e3 magic).
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        const c = crc32(data);
        const withFcs = new Uint8Array(data.length + 4);
        withFcs.set(data);
        withFcs.set([c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24], data.length);
        expect(crc32(withFcs)).toBe(0x2144df1c);
      }),
      fcOptions(),
    );
  });
});

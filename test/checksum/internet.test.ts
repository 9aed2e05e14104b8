import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { foldCongruent, foldSum, internetChecksum, sumWords } from "../../src/checksum/internet.js";
import { fcOptions } from "../helpers/fc.js";

/** The textbook definition, one word at a time with an immediate end-around carry (RFC 1071 §2). */
function naiveOnesSum(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i += 2) {
    const word = ((bytes[i] ?? 0) << 8) | (i + 1 < end ? (bytes[i + 1] ?? 0) : 0);
    sum += word;
    if (sum > 0xffff) sum -= 0xffff;
  }
  return sum;
}

/** A buffer and a range inside it (any start, any end, odd or even). */
const bytesWithRange = fc
  .uint8Array({ maxLength: 3000 })
  .chain((bytes) =>
    fc
      .tuple(fc.nat({ max: bytes.length }), fc.nat({ max: bytes.length }))
      .map(([a, b]) => ({ bytes, start: Math.min(a, b), end: Math.max(a, b) })),
  );

describe("internet checksum (RFC 1071)", () => {
  it("RFC 1071 §3 numerical example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2", () => {
    const bytes = new Uint8Array([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(foldSum(sumWords(bytes, 0, bytes.length))).toBe(0xddf2);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it("pads an odd final byte with zero on the right (RFC 1071 §4.1)", () => {
    expect(sumWords(new Uint8Array([0xab]), 0, 1)).toBe(0xab00);
    expect(foldSum(sumWords(new Uint8Array([0x00, 0x01, 0xf2]), 0, 3))).toBe(0xf201);
    // The odd range may sit anywhere: only [start, end) is read.
    expect(sumWords(new Uint8Array([0xff, 0x12, 0x34, 0xff]), 1, 3)).toBe(0x1234);
    expect(sumWords(new Uint8Array([0xff, 0x12, 0x34, 0xff]), 1, 2)).toBe(0x1200);
  });

  it("empty ranges sum to the initial value; foldSum keeps 0 and folds multiples of 0xffff to 0xffff", () => {
    expect(sumWords(new Uint8Array(4), 2, 2, 7)).toBe(7);
    expect(foldSum(0)).toBe(0);
    expect(foldSum(0xffff)).toBe(0xffff);
    expect(foldSum(0x1fffe)).toBe(0xffff);
    expect(foldSum(0xffff * 0xffff * 1000)).toBe(0xffff);
    expect(internetChecksum(new Uint8Array(0))).toBe(0xffff);
  });

  it("foldSum and the branch-free foldCongruent match a modular reference for any sum up to 2^53", () => {
    const edges = [0, 1, 0xffff, 0x10000, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 52, 2 ** 53 - 1, 0xffff * 2 ** 32];
    for (const n of edges) expect(foldCongruent(n)).toBe(foldSum(n));
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(foldCongruent(n)).toBe(foldSum(n));
        const folded = foldSum(n);
        // One's complement sum ≡ n (mod 0xffff), with 0 only for n = 0.
        const expected = n === 0 ? 0 : n % 0xffff === 0 ? 0xffff : n % 0xffff;
        expect(folded).toBe(expected);
      }),
      fcOptions(),
    );
  });

  it("agrees with a naive reference on random data, any start and end", () => {
    fc.assert(
      fc.property(bytesWithRange, ({ bytes, start, end }) => {
        expect(foldSum(sumWords(bytes, start, end))).toBe(naiveOnesSum(bytes, start, end));
        expect(internetChecksum(bytes, start, end)).toBe(~naiveOnesSum(bytes, start, end) & 0xffff);
      }),
      fcOptions(),
    );
  });

  it("continues a sum across even-aligned pieces (initial)", () => {
    fc.assert(
      fc.property(bytesWithRange, fc.nat(), ({ bytes, start, end }, cut) => {
        const mid = start + 2 * (cut % (Math.floor((end - start) / 2) + 1));
        const whole = foldSum(sumWords(bytes, start, end));
        expect(foldSum(sumWords(bytes, mid, end, sumWords(bytes, start, mid)))).toBe(whole);
      }),
      fcOptions(),
    );
  });

  it("a message with its checksum inserted sums to 0xffff", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 2000 }), fc.nat(), (data, at) => {
        const bytes = data.slice();
        const field = 2 * (at % Math.floor(bytes.length / 2));
        bytes[field] = 0;
        bytes[field + 1] = 0;
        const checksum = internetChecksum(bytes);
        bytes[field] = checksum >>> 8;
        bytes[field + 1] = checksum & 0xff;
        expect(foldSum(sumWords(bytes, 0, bytes.length))).toBe(0xffff);
      }),
      fcOptions(),
    );
  });

  it("sums ranges longer than the 4 MiB pieces of the long path exactly", () => {
    // 17 MiB of high words: one double accumulator over it would pass 2^53 and round.
    const size = 17 * 1024 * 1024;
    const bytes = new Uint8Array(size).map((_, i) => Math.imul(i, 2654435761) >>> 24);
    expect(foldSum(sumWords(bytes, 0, size))).toBe(naiveOnesSum(bytes, 0, size));
    expect(foldSum(sumWords(bytes, 3, size - 2))).toBe(naiveOnesSum(bytes, 3, size - 2));
  });

  it("arrays at any byte offset of a shared buffer, alternating between several (the DataView cache)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (data, cuts) => {
        const shared = new Uint8Array(data.length + 8);
        const views = cuts.map((c) => {
          const start = c % 8;
          shared.set(data, start);
          return { start, array: shared.subarray(start, start + data.length) };
        });
        const own = data.slice();
        for (let round = 0; round < 2; round++) {
          for (const { start, array } of views) {
            shared.set(data, start);
            const expected = naiveOnesSum(own, 0, own.length);
            expect(foldSum(sumWords(array, 0, array.length))).toBe(expected);
            expect(foldSum(sumWords(own, 0, own.length))).toBe(expected);
          }
        }
      }),
      fcOptions(),
    );
  });

  it("reads nothing outside [start, end)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ minLength: 1, maxLength: 9 }), fc.uint8Array({ minLength: 1, maxLength: 9 }), (data, g1, g2) => {
        const a = new Uint8Array(g1.length + data.length + g2.length);
        a.set(g1, 0);
        a.set(data, g1.length);
        a.set(g2, g1.length + data.length);
        const b = new Uint8Array(a.length);
        b.fill(0xff);
        b.set(data, g1.length);
        expect(sumWords(a, g1.length, g1.length + data.length)).toBe(sumWords(b, g1.length, g1.length + data.length));
      }),
      fcOptions(),
    );
  });
});

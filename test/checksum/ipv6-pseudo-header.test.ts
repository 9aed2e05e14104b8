import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { foldSum, sumWords } from "../../src/checksum/internet.js";
import {
  computeIcmpv6Checksum,
  computeIcmpv6ChecksumWith,
  ipv6PseudoHeaderSum,
  verify64,
  verifyIcmpv6Checksum,
  verifyViewChecksum,
  writeIcmpv6Checksum,
} from "../../src/checksum/ipv6-pseudo-header.js";
import { decodeEthernet } from "../../src/ethernet/ethernet.js";
import { readU16 } from "../../src/internal/bytes.js";
import { fcOptions } from "../helpers/fc.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";

/** The capture's frames with where their IPv6 header and ICMPv6 message lie (no extension headers). */
function icmpFrames(file: string) {
  return readPcapFrames(path.join(CAPTURES_DIR, file)).map(({ data }) => {
    const eth = decodeEthernet(data);
    const ipv6Offset = eth.payloadOffset;
    const icmpOffset = ipv6Offset + 40;
    const icmpEnd = icmpOffset + readU16(data, ipv6Offset + 4);
    return { data, ipv6Offset, icmpOffset, icmpEnd };
  });
}

/**
 * The one's complement sum (RFC 1071, end-around carry) of an explicit pseudo-header (RFC 8200 §8.1)
 * followed by the message, the checksum field as it is or zeroed: the from-the-text reference.
 */
function referenceSum(src: Uint8Array, dst: Uint8Array, message: Uint8Array, zeroField: boolean): number {
  const pseudo = new Uint8Array(40 + message.length);
  pseudo.set(src, 0);
  pseudo.set(dst, 16);
  new DataView(pseudo.buffer).setUint32(32, message.length);
  pseudo[39] = 58;
  pseudo.set(message, 40);
  if (zeroField) {
    pseudo[42] = 0;
    pseudo[43] = 0;
  }
  let sum = 0;
  for (let i = 0; i < pseudo.length; i += 2) sum += ((pseudo[i] ?? 0) << 8) | (pseudo[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The checksum the message should carry, from the text. */
function referenceChecksum(src: Uint8Array, dst: Uint8Array, message: Uint8Array): number {
  return ~referenceSum(src, dst, message, true) & 0xffff;
}

describe("ICMPv6 checksum over the IPv6 pseudo-header (RFC 8200 §8.1, RFC 4443 §2.3)", () => {
  const frames = icmpFrames("ndp_ns_na_solicited_lla.pcapng");

  it("known answers: the Linux NS (0x44b7) and NA (0x8beb) verify, and recomputing gives the same value", () => {
    const expected = [0x44b7, 0x8beb, 0x7ccf, 0x9ed1, 0x9dd1, 0xe7d3, 0xe6d3]; // tshark icmpv6.checksum, status Good
    expect(frames).toHaveLength(expected.length);
    frames.forEach(({ data, ipv6Offset, icmpOffset, icmpEnd }, i) => {
      expect(readU16(data, icmpOffset + 2)).toBe(expected[i]);
      expect(verifyIcmpv6Checksum(data, ipv6Offset, icmpOffset, icmpEnd)).toBe(true);
      expect(computeIcmpv6Checksum(data, ipv6Offset, icmpOffset, icmpEnd)).toBe(expected[i]);
      expect(computeIcmpv6ChecksumWith(data, ipv6Offset + 8, ipv6Offset + 24, icmpOffset, icmpEnd)).toBe(expected[i]);
    });
  });

  it("a bit-flipped copy of the NA fails to verify", () => {
    const na = frames[1]!;
    const data = na.data.slice();
    data[na.icmpOffset + 8] = (data[na.icmpOffset + 8] ?? 0) ^ 0x40; // the Override flag's neighbour bit in the reserved field
    expect(verifyIcmpv6Checksum(data, na.ipv6Offset, na.icmpOffset, na.icmpEnd)).toBe(false);
  });

  it("the DAD NS and the version-0 NAs of ipv6_bad_version_with_dad_ns.pcap verify (tshark: Good)", () => {
    for (const { data, ipv6Offset, icmpOffset, icmpEnd } of icmpFrames("ipv6_bad_version_with_dad_ns.pcap")) {
      expect(verifyIcmpv6Checksum(data, ipv6Offset, icmpOffset, icmpEnd)).toBe(true);
    }
  });

  it("any single-bit flip in the message or the pseudo-header's addresses breaks verification", () => {
    const candidates = frames.slice(0, 2);
    fc.assert(
      fc.property(fc.nat({ max: 1 }), fc.nat(), fc.nat({ max: 7 }), (which, at, bit) => {
        const f = candidates[which]!;
        const data = f.data.slice();
        // Bytes covered: the source and destination (ipv6Offset+8 .. +40) and the ICMPv6 message.
        const covered = 32 + (f.icmpEnd - f.icmpOffset);
        const k = at % covered;
        const byte = k < 32 ? f.ipv6Offset + 8 + k : f.icmpOffset + (k - 32);
        data[byte] = (data[byte] ?? 0) ^ (1 << bit);
        expect(verifyIcmpv6Checksum(data, f.ipv6Offset, f.icmpOffset, f.icmpEnd)).toBe(false);
      }),
      fcOptions(),
    );
  });

  it("computes as if the checksum field were zero, whatever it holds; write then verify", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 4, maxLength: 1300 }),
        fc.nat({ max: 7 }),
        (src, dst, message, pad) => {
          const packet = new Uint8Array(pad + 40 + message.length);
          packet.set(src, pad + 8);
          packet.set(dst, pad + 24);
          packet.set(message, pad + 40);
          const icmpOffset = pad + 40;
          const icmpEnd = packet.length;
          const reference = referenceChecksum(src, dst, message);
          expect(computeIcmpv6Checksum(packet, pad, icmpOffset, icmpEnd)).toBe(reference);
          expect(writeIcmpv6Checksum(packet, pad, icmpOffset, icmpEnd)).toBe(reference);
          expect(readU16(packet, icmpOffset + 2)).toBe(reference);
          expect(verifyIcmpv6Checksum(packet, pad, icmpOffset, icmpEnd)).toBe(true);
        },
      ),
      fcOptions(),
    );
  });

  it("both representations of a zero checksum (0x0000 and 0xffff) verify", () => {
    // Find a message whose checksum is 0 or 0xffff by adjusting one word, then try both spellings.
    const packet = new Uint8Array(40 + 8);
    packet.set([0x20, 0x01, 0x0d, 0xb8], 8);
    packet.set([0xff, 0x02], 24);
    packet[40] = 135;
    const c = computeIcmpv6Checksum(packet, 0, 40, 48);
    // Adding c to a word of the body makes the sum all ones, so the checksum becomes 0x0000.
    packet[46] = c >>> 8;
    packet[47] = c & 0xff;
    expect(computeIcmpv6Checksum(packet, 0, 40, 48)).toBe(0);
    packet[42] = 0;
    packet[43] = 0;
    expect(verifyIcmpv6Checksum(packet, 0, 40, 48)).toBe(true);
    packet[42] = 0xff;
    packet[43] = 0xff;
    expect(verifyIcmpv6Checksum(packet, 0, 40, 48)).toBe(true);
  });

  it("ipv6PseudoHeaderSum: addresses, 32-bit length and next header", () => {
    const b = new Uint8Array(32);
    b[0] = 0x12;
    b[1] = 0x34;
    b[31] = 0x01;
    expect(ipv6PseudoHeaderSum(b, 0, 16, 0x0001_0002, 58)).toBe(0x1234 + 0x0001 + 0x0001 + 0x0002 + 58);
    expect(foldSum(sumWords(b, 0, 32) + 0x10002 + 58)).toBe(foldSum(ipv6PseudoHeaderSum(b, 0, 16, 0x10002, 58)));
  });
});

describe("the straight-line sums of 24- and 32-byte messages (an NS/NA without or with one link-layer option)", () => {
  it("give the same checksum as the word-by-word path, and verify after writing", () => {
    fc.assert(
      fc.property(fc.constantFrom(24, 32, 28, 36), fc.integer({ min: 0, max: 9 }), fc.uint8Array({ minLength: 85, maxLength: 85 }), (length, at, random) => {
        const bytes = random.slice(0, at + 40 + length);
        const expected = computeIcmpv6ChecksumWith(bytes, at + 8, at + 24, at + 40, at + 40 + length);
        expect(computeIcmpv6Checksum(bytes, at, at + 40, at + 40 + length)).toBe(expected);
        writeIcmpv6Checksum(bytes, at, at + 40, at + 40 + length);
        expect(verifyIcmpv6Checksum(bytes, at, at + 40, at + 40 + length)).toBe(true);
        bytes[at + 40 + length - 1] = bytes[at + 40 + length - 1]! ^ 0x10;
        expect(verifyIcmpv6Checksum(bytes, at, at + 40, at + 40 + length)).toBe(false);
      }),
      fcOptions(),
    );
  });
});

describe("a view's checksum verdict (verifyViewChecksum: the unrolled 32-byte sum and the loop)", () => {
  /** RFC 4443 §2.3 from the text: every big-endian word of pseudo-header and message, checksum included, sums to 0xffff. */
  function onesSumIsFfff(src: Uint8Array, dst: Uint8Array, message: Uint8Array): boolean {
    return referenceSum(src, dst, message, false) === 0xffff;
  }

  it("equals the reference for any message length (odd ones too), position and buffer offset, whatever the checksum field holds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 140 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        fc.uint8Array({ minLength: 200, maxLength: 200 }),
        fc.constantFrom("correct", "other-zero", "as-is", "off-by-one"),
        (length, at, byteOffset, random, field) => {
          const buffer = new Uint8Array(byteOffset + at + 40 + length + 3);
          buffer.set(random.subarray(0, buffer.length));
          const bytes = buffer.subarray(byteOffset, byteOffset + at + 40 + length);
          const icmp = at + 40;
          const correct = computeIcmpv6Checksum(bytes, at, icmp, icmp + length);
          const value = field === "correct" ? correct : field === "other-zero" ? (correct === 0 ? 0xffff : correct === 0xffff ? 0 : correct) : field === "off-by-one" ? (correct + 1) & 0xffff : -1;
          if (value >= 0) {
            bytes[icmp + 2] = value >>> 8;
            bytes[icmp + 3] = value & 0xff;
          }
          const expected = onesSumIsFfff(bytes.subarray(at + 8, at + 24), bytes.subarray(at + 24, at + 40), bytes.subarray(icmp));
          if (field === "correct") expect(expected).toBe(true);
          if (field === "off-by-one") expect(expected).toBe(false);
          const view = new DataView(buffer.buffer);
          const icmpAt = byteOffset + icmp;
          expect(verifyViewChecksum(bytes, at, icmp, icmp + length, view, icmpAt, true)).toBe(expected);
          expect(verifyIcmpv6Checksum(bytes, at, icmp, icmp + length)).toBe(expected);
          if (length === 32) expect(verify64(view, icmpAt - 32)).toBe(expected);
        },
      ),
      fcOptions({ numRuns: 2000 }),
    );
  });

  it("holds at the extremes: all-ones words (the largest sums) and all-zero data", () => {
    for (const length of [4, 5, 24, 31, 32, 33, 64, 1000]) {
      for (const fill of [0x00, 0xff]) {
        const bytes = new Uint8Array(40 + length).fill(fill);
        const view = new DataView(bytes.buffer);
        const expected = onesSumIsFfff(bytes.subarray(8, 24), bytes.subarray(24, 40), bytes.subarray(40));
        expect(verifyViewChecksum(bytes, 0, 40, 40 + length, view, 40, true)).toBe(expected);
        writeIcmpv6Checksum(bytes, 0, 40, 40 + length);
        expect(verifyViewChecksum(bytes, 0, 40, 40 + length, view, 40, true)).toBe(true);
        if (length === 32) expect(verify64(view, 8)).toBe(true);
      }
    }
  });
});

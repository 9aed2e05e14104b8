import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Address6 } from "ip-address";
import { fcOptions } from "../helpers/fc.js";
import { isFrameError } from "../../src/errors.js";
import {
  IPV6_LENGTH,
  formatIpv6,
  ipv6ToBytes,
  isIpv6LinkLocal,
  isIpv6Multicast,
  isIpv6Unspecified,
  parseIpv6,
  writeIpv6,
} from "../../src/address/ipv6.js";
import { expectInvalidField } from "../helpers/errors.js";

function expectInvalid(f: () => unknown, needle: string): void {
  expectInvalidField(f, needle, "address");
}

/** 8 words → 16 bytes. */
function bytesOfWords(words: readonly number[]): Uint8Array {
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >>> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** The oracle: ip-address's RFC 5952 form, with RFC 5952 §5 mixed notation for ::ffff:0:0/96 (our choice). */
function oracleText(bytes: Uint8Array): string {
  const isMapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMapped) return `::ffff:${bytes.subarray(12).join(".")}`;
  return Address6.fromUnsignedByteArray(Array.from(bytes)).correctForm();
}

/** A second, independent oracle: the WHATWG URL host parser and serializer built into Node. */
function whatwgParse(text: string): string | undefined {
  try {
    const host = new URL(`http://[${text}]/`).hostname;
    return host.slice(1, -1);
  } catch {
    return undefined;
  }
}

/** Words drawn from {0, 0, 0, random}: long and tied zero runs are common. */
const zeroBiasedWord = fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const zeroBiasedAddress = fc.array(zeroBiasedWord, { minLength: 8, maxLength: 8 }).map(bytesOfWords);
const mappedAddress = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((v4) => {
  const b = new Uint8Array(16);
  b[10] = 0xff;
  b[11] = 0xff;
  b.set(v4, 12);
  return b;
});

describe("parseIpv6: RFC 4291 §2.2 text forms", () => {
  it.each([
    ["ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", [0xabcd, 0xef01, 0x2345, 0x6789, 0xabcd, 0xef01, 0x2345, 0x6789]],
    ["2001:DB8:0:0:8:800:200C:417A", [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]],
    ["2001:DB8::8:800:200C:417A", [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]],
    ["FF01:0:0:0:0:0:0:101", [0xff01, 0, 0, 0, 0, 0, 0, 0x101]],
    ["FF01::101", [0xff01, 0, 0, 0, 0, 0, 0, 0x101]],
    ["0:0:0:0:0:0:0:1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["0:0:0:0:0:0:0:0", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["0:0:0:0:0:0:13.1.68.3", [0, 0, 0, 0, 0, 0, 0x0d01, 0x4403]],
    ["::13.1.68.3", [0, 0, 0, 0, 0, 0, 0x0d01, 0x4403]],
    ["0:0:0:0:0:FFFF:129.144.52.38", [0, 0, 0, 0, 0, 0xffff, 0x8190, 0x3426]],
    ["::FFFF:129.144.52.38", [0, 0, 0, 0, 0, 0xffff, 0x8190, 0x3426]],
    ["::ffff:192.0.2.1", [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]],
    ["1::", [1, 0, 0, 0, 0, 0, 0, 0]],
    // "::" standing for a single group is legal input (RFC 5952 §4.2.2 only forbids producing it).
    ["1:2:3:4:5:6:7::", [1, 2, 3, 4, 5, 6, 7, 0]],
    ["::2:3:4:5:6:7:8", [0, 2, 3, 4, 5, 6, 7, 8]],
    ["1:2:3:4:5:6:1.2.3.4", [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
    ["fe80::bae8:58ff:fed4:e5f6", [0xfe80, 0, 0, 0, 0xbae8, 0x58ff, 0xfed4, 0xe5f6]],
  ])("parses %s", (text, words) => {
    expect(Array.from(parseIpv6(text))).toEqual(Array.from(bytesOfWords(words)));
    expect(ipv6ToBytes(text)).toEqual(bytesOfWords(words));
  });

  it.each([
    "",
    "1.2.3.4",
    "192.0.2.1",
    "fe80::1%eth0",
    "fe80::1%1",
    "2001:db8::/32",
    "2001:db8::1/128",
    ":",
    ":::",
    "1::2::3",
    "2001:db8:::1",
    "12345::",
    "02001:db8::1",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7:8::",
    "1:2:3:4:5:6::7:8",
    "1:2:3:4:5:6:7",
    ":1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:",
    "g::1",
    "::ffff:01.2.3.4",
    "::ffff:256.1.1.1",
    "::ffff:1.2.3",
    "::ffff:1.2.3.4:5",
    "1.2.3.4::",
    "1:2:3:4:5:6:7:1.2.3.4",
    "02:00:00:00:00:01",
    "[::1]",
    " ::1",
    "::1 ",
  ])("refuses %j with INVALID_FIELD naming it", (text) => {
    expectInvalid(() => parseIpv6(text), JSON.stringify(text));
    expectInvalid(() => ipv6ToBytes(text), JSON.stringify(text));
    expectInvalid(() => writeIpv6(new Uint8Array(16), 0, text), JSON.stringify(text));
  });

  it.each([0, 4, 6, 15, 17])("refuses %i bytes", (length) => {
    expectInvalid(() => ipv6ToBytes(new Uint8Array(length)), `got ${length}`);
    expectInvalid(() => writeIpv6(new Uint8Array(32), 0, new Uint8Array(length)), `got ${length}`);
  });
});

describe("formatIpv6: RFC 5952", () => {
  it.each([
    // §4.1 leading zeros suppressed; §4.2.1 "::" used to its maximum
    ["2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"],
    ["2001:db8:0:0:0:0:2:1", "2001:db8::2:1"],
    ["2001:0db8::0001", "2001:db8::1"],
    ["2001:db8::0:1", "2001:db8::1"],
    ["2001:db8:aaaa:bbbb:cccc:dddd:0:1", "2001:db8:aaaa:bbbb:cccc:dddd:0:1"],
    // §4.2.2 a single 16-bit 0 field is not shortened
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"],
    // §4.2.3 the longest run is shortened, the first one on a tie
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    // §4.3 lowercase
    ["2001:DB8::AbCd", "2001:db8::abcd"],
    // the edges
    ["::", "::"],
    ["::1", "::1"],
    ["1::", "1::"],
    ["0:0:1:0:0:0:0:0", "0:0:1::"],
    ["ff02::1:ff00:f0", "ff02::1:ff00:f0"],
    // §5: IPv4-mapped in mixed notation
    ["::ffff:c000:201", "::ffff:192.0.2.1"],
    ["::ffff:0:0", "::ffff:0.0.0.0"],
    ["0:0:0:0:0:ffff:0:1", "::ffff:0.0.0.1"],
  ])("formats %s as %s", (input, expected) => {
    expect(formatIpv6(parseIpv6(input))).toBe(expected);
  });

  // Facts checked once with tshark 4.0.17 (`-T fields -e ipv6.src` on a pcap written with writeTestPcap):
  // it agrees with every line but the deprecated IPv4-compatible form (RFC 4291 §2.5.5.1), which tshark
  // prints "::1.2.3.4" and we, like ip-address and the WHATWG URL serializer, print in hex.
  it.each([
    ["::ffff:192.0.2.1", "::ffff:192.0.2.1"],
    ["::ffff:0.0.0.0", "::ffff:0.0.0.0"],
    ["::ffff:0:1.2.3.4", "::ffff:0:102:304"],
    ["64:ff9b::1.2.3.4", "64:ff9b::102:304"],
    ["0:0:0:0:1:ffff:102:304", "::1:ffff:102:304"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["::1.2.3.4", "::102:304"], // tshark: ::1.2.3.4
  ])("renders %s as %s (tshark-checked)", (input, expected) => {
    expect(formatIpv6(parseIpv6(input))).toBe(expected);
  });

  it("formats at an offset without reading outside its 16 bytes", () => {
    const b = new Uint8Array(20).fill(0xee);
    b.set(parseIpv6("2001:db8::1"), 2);
    expect(formatIpv6(b, 2)).toBe("2001:db8::1");
  });

  it("its text cache is keyed by the bytes, not the buffer or offset: rewritten bytes give new text", () => {
    const b = parseIpv6("2001:db8::1");
    expect(formatIpv6(b)).toBe("2001:db8::1");
    b[15] = 2;
    expect(formatIpv6(b)).toBe("2001:db8::2");
    b.fill(0);
    expect(formatIpv6(b)).toBe("::");
    // Many addresses that share all but their last bits (they collide in a small cache), formatted twice.
    const texts = Array.from({ length: 300 }, (_, i) => `fe80::${(((i + 1) * 7919) & 0xffff).toString(16)}`);
    for (let round = 0; round < 2; round++) {
      for (const text of [...texts].reverse()) expect(formatIpv6(parseIpv6(text))).toBe(text);
    }
  });

  it("agrees with ip-address's correctForm on zero-biased random addresses", () => {
    fc.assert(
      fc.property(zeroBiasedAddress, (bytes) => {
        expect(formatIpv6(bytes)).toBe(oracleText(bytes));
      }),
      fcOptions({ numRuns: 2000 }),
    );
  });

  it("agrees with the WHATWG URL serializer (except ::ffff:0:0/96, mixed notation on purpose)", () => {
    fc.assert(
      fc.property(fc.oneof(zeroBiasedAddress, mappedAddress, fc.uint8Array({ minLength: 16, maxLength: 16 })), (bytes) => {
        const ours = formatIpv6(bytes);
        const theirs = whatwgParse(ours);
        expect(theirs).toBeDefined();
        if (ours.startsWith("::ffff:") && ours.includes(".")) {
          expect(whatwgParse(theirs!)).toBe(theirs);
          expect(parseIpv6(theirs!)).toEqual(bytes);
        } else {
          expect(theirs).toBe(ours);
        }
      }),
      fcOptions({ numRuns: 1000 }),
    );
  });

  it("mixed notation for every IPv4-mapped address", () => {
    fc.assert(
      fc.property(mappedAddress, (bytes) => {
        expect(formatIpv6(bytes)).toBe(`::ffff:${bytes.subarray(12).join(".")}`);
        expect(formatIpv6(bytes)).toBe(Address6.fromUnsignedByteArray(Array.from(bytes)).to4in6());
      }),
      fcOptions(),
    );
  });
});

describe("IPv6 laws", () => {
  it("bytes → format → parse is the identity, and the text is canonical", () => {
    fc.assert(
      fc.property(fc.oneof(zeroBiasedAddress, mappedAddress, fc.uint8Array({ minLength: 16, maxLength: 16 })), (bytes) => {
        const text = formatIpv6(bytes);
        expect(text).toBe(text.toLowerCase());
        expect(parseIpv6(text)).toEqual(bytes);
        expect(formatIpv6(parseIpv6(text))).toBe(text);
      }),
      fcOptions({ numRuns: 1000 }),
    );
  });

  it("every text form of an address (uncompressed, padded, uppercase, compressed elsewhere) parses to it", () => {
    fc.assert(
      fc.property(zeroBiasedAddress, fc.boolean(), fc.boolean(), (bytes, pad, upper) => {
        const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
        let text = words.map((w) => (pad ? w.padStart(4, "0") : w)).join(":");
        if (upper) text = text.toUpperCase();
        expect(parseIpv6(text)).toEqual(bytes);
        // Compress any run of zero words (not only the longest): still the same address.
        for (let s = 0; s < 8; s++) {
          for (let e = s + 1; e <= 8; e++) {
            if (!words.slice(s, e).every((w) => w === "0")) continue;
            const compressed = `${words.slice(0, s).join(":")}::${words.slice(e).join(":")}`;
            expect(parseIpv6(compressed)).toEqual(bytes);
          }
        }
      }),
      fcOptions({ numRuns: 300 }),
    );
  });

  it("accepts and refuses the same text as the WHATWG URL host parser, with the same value", () => {
    const token = fc.constantFrom("0", "1", "a", "F", "ffff", "db8", "12345", "00000", ":", ":", "::", ".", "1.2.3.4", "255", "256", "01", "g", "%", "/");
    // Near misses: a valid text form with one edit (a character deleted, or a token inserted).
    const validText = fc.oneof(
      zeroBiasedAddress.map((b) => formatIpv6(b)),
      mappedAddress.map((b) => formatIpv6(b)),
      fc.array(zeroBiasedWord, { minLength: 8, maxLength: 8 }).map((w) => w.map((x) => x.toString(16)).join(":")),
    );
    const nearMiss = fc
      .tuple(validText, fc.nat(), fc.boolean(), token)
      .map(([text, at, del, t]) => {
        const i = at % (text.length + 1);
        return del ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + t + text.slice(i);
      });
    const randomTokens = fc.array(token, { maxLength: 14 }).map((t) => t.join(""));
    fc.assert(
      fc.property(fc.oneof(randomTokens, nearMiss, validText), (text) => {
        const theirs = whatwgParse(text);
        let ours: string | undefined;
        try {
          ours = formatIpv6(parseIpv6(text));
        } catch (e) {
          expect(isFrameError(e)).toBe(true);
          ours = undefined;
        }
        if (ours === undefined) expect(theirs, `WHATWG accepts ${JSON.stringify(text)}`).toBeUndefined();
        else {
          expect(theirs, `WHATWG refuses ${JSON.stringify(text)}`).toBeDefined();
          expect(parseIpv6(theirs!)).toEqual(parseIpv6(text));
        }
      }),
      fcOptions({ numRuns: 3000 }),
    );
  });
});

describe("IPv6 bytes and predicates", () => {
  it("writes text and bytes at an offset, touching only its 16 bytes", () => {
    for (const input of ["2001:db8::1", parseIpv6("2001:db8::1")]) {
      const out = new Uint8Array(20).fill(0xaa);
      writeIpv6(out, 2, input);
      expect(Array.from(out.subarray(0, 2))).toEqual([0xaa, 0xaa]);
      expect(Array.from(out.subarray(18))).toEqual([0xaa, 0xaa]);
      expect(formatIpv6(out, 2)).toBe("2001:db8::1");
    }
    expect(IPV6_LENGTH).toBe(16);
  });

  it("ipv6ToBytes copies", () => {
    const input = parseIpv6("::1");
    const out = ipv6ToBytes(input);
    expect(out).not.toBe(input);
    expect(out).toEqual(input);
  });

  it("classifies multicast, unspecified and link-local (fe80::/10)", () => {
    expect(isIpv6Multicast(parseIpv6("ff02::1"))).toBe(true);
    expect(isIpv6Multicast(parseIpv6("fe80::1"))).toBe(false);
    expect(isIpv6Unspecified(parseIpv6("::"))).toBe(true);
    expect(isIpv6Unspecified(parseIpv6("::1"))).toBe(false);
    expect(isIpv6LinkLocal(parseIpv6("fe80::1"))).toBe(true);
    expect(isIpv6LinkLocal(parseIpv6("febf:ffff::1"))).toBe(true);
    expect(isIpv6LinkLocal(parseIpv6("fec0::1"))).toBe(false);
    expect(isIpv6LinkLocal(parseIpv6("fe00::1"))).toBe(false);
    const shifted = new Uint8Array(19);
    shifted.set(parseIpv6("ff02::1"), 3);
    expect(isIpv6Multicast(shifted, 3)).toBe(true);
    expect(isIpv6Unspecified(shifted, 3)).toBe(false);
  });
});

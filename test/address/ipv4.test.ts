import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import {
  IPV4_LENGTH,
  formatIpv4,
  formatIpv4Number,
  ipv4ToBytes,
  ipv4ToNumber,
  isIpv4Multicast,
  parseIpv4,
  readIpv4,
  writeIpv4,
  type Ipv4AddressInput,
} from "../../src/address/ipv4.js";
import { expectInvalidField } from "../helpers/errors.js";

function expectInvalid(f: () => unknown, needle: string): void {
  expectInvalidField(f, needle, "address");
}

describe("parseIpv4", () => {
  it.each([
    ["192.0.2.1", 0xc0000201],
    ["0.0.0.0", 0],
    ["255.255.255.255", 0xffffffff],
    ["224.0.0.251", 0xe00000fb],
    ["10.0.0.10", 0x0a00000a],
  ])("parses %s", (text, n) => {
    expect(parseIpv4(text)).toBe(n);
    expect(ipv4ToNumber(text)).toBe(n);
    expect(formatIpv4Number(n)).toBe(text);
  });

  it.each([
    "",
    "1.2.3.4/24",
    "01.2.3.4", // leading zero: octal to inet_aton, decimal to others, so refused
    "1.2.3.04",
    "001.2.3.4",
    "256.0.0.1",
    "1.2.3.256",
    "1.2.3",
    "1.2.3.4.5",
    "1..3.4",
    "1.2.3.-4",
    "0x1.2.3.4",
    "1.2.3.4 ",
    " 1.2.3.4",
    "1.2.3.4\n",
    "16909060", // inet_aton's single-number form
    "::1",
    "fe80::1",
    "::ffff:192.0.2.1",
    "02:00:00:00:00:01",
  ])("refuses %j with INVALID_FIELD naming it", (text) => {
    expectInvalid(() => parseIpv4(text), JSON.stringify(text));
    expectInvalid(() => ipv4ToNumber(text), JSON.stringify(text));
    expectInvalid(() => ipv4ToBytes(text), JSON.stringify(text));
    expectInvalid(() => writeIpv4(new Uint8Array(4), 0, text), JSON.stringify(text));
  });

  it.each([
    [Number.NaN, "NaN"],
    [-1, "-1"],
    [2 ** 32, String(2 ** 32)],
    [1.5, "1.5"],
    [2 ** 48, String(2 ** 48)],
  ])("refuses the number %s", (n, text) => {
    expectInvalid(() => ipv4ToNumber(n), text);
    expectInvalid(() => ipv4ToBytes(n), text);
    expectInvalid(() => writeIpv4(new Uint8Array(4), 0, n), text);
  });

  it.each([0, 3, 5, 6, 16])("refuses %i bytes", (length) => {
    expectInvalid(() => ipv4ToNumber(new Uint8Array(length)), `got ${length}`);
    expectInvalid(() => ipv4ToBytes(new Uint8Array(length)), `got ${length}`);
    expectInvalid(() => writeIpv4(new Uint8Array(16), 0, new Uint8Array(length)), `got ${length}`);
  });
});

describe("IPv4 bytes and numbers", () => {
  it("formats and reads at an offset", () => {
    const b = Uint8Array.from([1, 192, 0, 2, 1, 9]);
    expect(formatIpv4(b, 1)).toBe("192.0.2.1");
    expect(readIpv4(b, 1)).toBe(0xc0000201);
  });

  it("writes every input form at an offset, touching only its 4 bytes", () => {
    const inputs: Ipv4AddressInput[] = ["192.0.2.1", 0xc0000201, Uint8Array.from([192, 0, 2, 1])];
    for (const input of inputs) {
      const out = new Uint8Array(7).fill(0xaa);
      writeIpv4(out, 2, input);
      expect(Array.from(out)).toEqual([0xaa, 0xaa, 192, 0, 2, 1, 0xaa]);
      expect(ipv4ToBytes(input)).toEqual(Uint8Array.from([192, 0, 2, 1]));
    }
    expect(IPV4_LENGTH).toBe(4);
  });

  it("isIpv4Multicast is 224.0.0.0/4", () => {
    expect(isIpv4Multicast(parseIpv4("224.0.0.0"))).toBe(true);
    expect(isIpv4Multicast(parseIpv4("239.255.255.255"))).toBe(true);
    expect(isIpv4Multicast(parseIpv4("223.255.255.255"))).toBe(false);
    expect(isIpv4Multicast(parseIpv4("240.0.0.0"))).toBe(false);
  });

  it("text ↔ number ↔ bytes round trip", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const text = formatIpv4Number(n);
        expect(parseIpv4(text)).toBe(n);
        const bytes = ipv4ToBytes(n);
        expect(formatIpv4(bytes)).toBe(text);
        expect(ipv4ToNumber(bytes)).toBe(n);
        expect(text).toBe([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."));
      }),
      fcOptions(),
    );
  });
});

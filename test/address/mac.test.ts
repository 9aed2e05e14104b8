import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import {
  BROADCAST_MAC,
  MAC_LENGTH,
  ZERO_MAC,
  formatMac,
  formatMacNumber,
  isMulticastMac,
  macToBytes,
  macToNumber,
  parseMac,
  readMac,
  writeMac,
  type MacAddressInput,
} from "../../src/address/mac.js";
import { expectInvalidField } from "../helpers/errors.js";

function expectInvalid(f: () => unknown, needle: string): void {
  expectInvalidField(f, needle, "address");
}

const macBytes = fc.uint8Array({ minLength: 6, maxLength: 6 });
const macNumber = fc.integer({ min: 0, max: 2 ** 48 - 1 });

describe("parseMac", () => {
  it.each([
    ["02:00:00:00:00:01", [2, 0, 0, 0, 0, 1]],
    ["02-00-00-00-00-01", [2, 0, 0, 0, 0, 1]],
    ["0200.0000.0001", [2, 0, 0, 0, 0, 1]],
    ["B8:E8:58:D4:E5:F6", [0xb8, 0xe8, 0x58, 0xd4, 0xe5, 0xf6]],
    ["b8-E8-58-d4-E5-f6", [0xb8, 0xe8, 0x58, 0xd4, 0xe5, 0xf6]],
    ["B8E8.58D4.E5F6", [0xb8, 0xe8, 0x58, 0xd4, 0xe5, 0xf6]],
    ["ff:ff:ff:ff:ff:ff", [255, 255, 255, 255, 255, 255]],
    // One-digit groups, as `ip link` and ifconfig on some systems print them.
    ["2:0:0:a:b:c", [2, 0, 0, 10, 11, 12]],
  ])("parses %s", (text, bytes) => {
    expect(Array.from(parseMac(text))).toEqual(bytes);
    expect(macToNumber(text)).toBe(readMac(Uint8Array.from(bytes), 0));
  });

  it.each([
    "",
    "02:00:00:00:00",
    "02:00:00:00:00:001",
    "02:00:00:00:00:01:02",
    "02:00-00:00:00:01",
    "02-00-00-00-00:01",
    "02:00:00:00:00:0g",
    "020000000001",
    "0200.0000.001",
    "0200.0000.00001",
    "0200:0000:0001",
    "02:00:00:00:00:01 ",
    " 02:00:00:00:00:01",
    "02::00:00:00:01",
    "192.0.2.1",
    "fe80::1",
    "::",
  ])("refuses %j with INVALID_FIELD naming it", (text) => {
    expectInvalid(() => parseMac(text), JSON.stringify(text));
    expectInvalid(() => macToNumber(text), JSON.stringify(text));
    expectInvalid(() => macToBytes(text), JSON.stringify(text));
    expectInvalid(() => writeMac(new Uint8Array(6), 0, text), JSON.stringify(text));
  });

  it("names text with a newline in it (JSON-escaped in the message)", () => {
    expectInvalid(() => parseMac("02:00:00:00:00:01\n"), '"02:00:00:00:00:01\\n"');
  });
});

describe("MAC numbers and bytes", () => {
  it.each([
    [Number.NaN, "NaN"],
    [-1, "-1"],
    [2 ** 48, String(2 ** 48)],
    [1.5, "1.5"],
    [Number.POSITIVE_INFINITY, "Infinity"],
  ])("refuses the number %s", (n, text) => {
    expectInvalid(() => macToNumber(n), text);
    expectInvalid(() => macToBytes(n), text);
    expectInvalid(() => writeMac(new Uint8Array(6), 0, n), text);
  });

  it.each([0, 5, 7, 16])("refuses %i bytes", (length) => {
    expectInvalid(() => macToNumber(new Uint8Array(length)), `got ${length}`);
    expectInvalid(() => macToBytes(new Uint8Array(length)), `got ${length}`);
    expectInvalid(() => writeMac(new Uint8Array(16), 0, new Uint8Array(length)), `got ${length}`);
  });

  it("names the option in the message", () => {
    expectInvalid(() => macToNumber(-1, "targetHardwareAddress"), "targetHardwareAddress");
  });

  it("has the broadcast and zero constants", () => {
    expect(formatMacNumber(BROADCAST_MAC)).toBe("ff:ff:ff:ff:ff:ff");
    expect(formatMacNumber(ZERO_MAC)).toBe("00:00:00:00:00:00");
    expect(macToNumber("ff:ff:ff:ff:ff:ff")).toBe(BROADCAST_MAC);
    expect(MAC_LENGTH).toBe(6);
  });

  it("formats at an offset", () => {
    const b = Uint8Array.from([9, 9, 0x02, 0x00, 0x5e, 0x10, 0xab, 0xcd, 9]);
    expect(formatMac(b, 2)).toBe("02:00:5e:10:ab:cd");
    expect(readMac(b, 2)).toBe(0x02005e10abcd);
  });

  it("writes every input form at an offset, touching only its 6 bytes", () => {
    const inputs: MacAddressInput[] = ["02:00:5e:10:ab:cd", 0x02005e10abcd, Uint8Array.from([2, 0, 0x5e, 0x10, 0xab, 0xcd])];
    for (const input of inputs) {
      const out = new Uint8Array(10).fill(0xaa);
      writeMac(out, 3, input);
      expect(Array.from(out)).toEqual([0xaa, 0xaa, 0xaa, 2, 0, 0x5e, 0x10, 0xab, 0xcd, 0xaa]);
    }
  });

  it("macToBytes returns a copy, never the caller's array", () => {
    const input = Uint8Array.from([2, 0, 0, 0, 0, 1]);
    const out = macToBytes(input);
    expect(out).not.toBe(input);
    expect(out).toEqual(input);
  });

  it("isMulticastMac reads the I/G bit", () => {
    expect(isMulticastMac(parseMac("01:00:5e:00:00:fb"))).toBe(true);
    expect(isMulticastMac(parseMac("33:33:00:00:00:01"))).toBe(true);
    expect(isMulticastMac(parseMac("ff:ff:ff:ff:ff:ff"))).toBe(true);
    expect(isMulticastMac(parseMac("02:00:00:00:00:01"))).toBe(false);
    expect(isMulticastMac(Uint8Array.from([0, 0, 1]), 2)).toBe(true);
  });
});

describe("MAC laws", () => {
  it("format → parse is the identity on bytes, in every accepted notation", () => {
    fc.assert(
      fc.property(macBytes, (bytes) => {
        const text = formatMac(bytes);
        expect(text).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
        expect(parseMac(text)).toEqual(bytes);
        expect(parseMac(text.toUpperCase())).toEqual(bytes);
        expect(parseMac(text.replaceAll(":", "-"))).toEqual(bytes);
        const hex = text.replaceAll(":", "");
        expect(parseMac(`${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`)).toEqual(bytes);
      }),
      fcOptions(),
    );
  });

  it("number ↔ text ↔ bytes agree", () => {
    fc.assert(
      fc.property(macNumber, (n) => {
        const text = formatMacNumber(n);
        expect(macToNumber(text)).toBe(n);
        const bytes = macToBytes(n);
        expect(formatMac(bytes)).toBe(text);
        expect(readMac(bytes, 0)).toBe(n);
        expect(macToNumber(bytes)).toBe(n);
        // The string form of the number, byte by byte, independently of writeU48.
        expect(text).toBe(n.toString(16).padStart(12, "0").replace(/(..)(?!$)/g, "$1:"));
      }),
      fcOptions(),
    );
  });
});

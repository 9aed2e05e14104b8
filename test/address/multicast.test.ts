import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { formatMac, formatMacNumber, parseMac } from "../../src/address/mac.js";
import { formatIpv4Number, parseIpv4 } from "../../src/address/ipv4.js";
import { formatIpv6, parseIpv6 } from "../../src/address/ipv6.js";
import {
  isSolicitedNodeMulticast,
  linkLocalFromMac,
  multicastMac,
  solicitedNodeMulticast,
  writeIpv4MulticastMac,
  writeIpv6MulticastMac,
  writeLinkLocalFromMac,
  writeSolicitedNodeMulticast,
} from "../../src/address/multicast.js";
import { expectInvalidField } from "../helpers/errors.js";

function expectInvalid(f: () => unknown, needle: string): void {
  expectInvalidField(f, needle);
}

const ipv6Bytes = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe("solicited-node multicast (RFC 4291 §2.7.1)", () => {
  it.each([
    ["2001:db8::f0", "ff02::1:ff00:f0"],
    ["fe80::bae8:58ff:fed4:e5f6", "ff02::1:ffd4:e5f6"],
    ["4037::01:800:200e:8c6c", "ff02::1:ff0e:8c6c"], // the RFC's own example
    ["::", "ff02::1:ff00:0"],
    ["::ffff:192.0.2.1", "ff02::1:ff00:201"],
  ])("%s → %s", (address, group) => {
    expect(solicitedNodeMulticast(address)).toBe(group);
    expect(solicitedNodeMulticast(parseIpv6(address))).toBe(group);
    expect(isSolicitedNodeMulticast(parseIpv6(group))).toBe(true);
  });

  it("is ff02::1:ff00:0/104 plus the low 24 bits, for any address, and writes at offsets", () => {
    fc.assert(
      fc.property(ipv6Bytes, fc.nat(8), fc.nat(8), (address, so, oo) => {
        const group = parseIpv6(solicitedNodeMulticast(address));
        expect(Array.from(group.subarray(0, 13))).toEqual([0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff]);
        expect(Array.from(group.subarray(13))).toEqual(Array.from(address.subarray(13)));
        expect(isSolicitedNodeMulticast(group)).toBe(true);
        const source = new Uint8Array(so + 16);
        source.set(address, so);
        const out = new Uint8Array(oo + 16 + 3).fill(0xaa);
        writeSolicitedNodeMulticast(out, oo, source, so);
        expect(out.subarray(oo, oo + 16)).toEqual(group);
        expect(out.subarray(0, oo).every((b) => b === 0xaa)).toBe(true);
        expect(Array.from(out.subarray(oo + 16))).toEqual([0xaa, 0xaa, 0xaa]);
      }),
      fcOptions(),
    );
  });

  it("isSolicitedNodeMulticast refuses other groups", () => {
    expect(isSolicitedNodeMulticast(parseIpv6("ff02::1"))).toBe(false);
    expect(isSolicitedNodeMulticast(parseIpv6("ff02::1:fe00:1"))).toBe(false);
    expect(isSolicitedNodeMulticast(parseIpv6("ff05::1:ff00:1"))).toBe(false);
  });

  it.each(["192.0.2.1", "fe80::1%eth0", "2001:db8::/64", "nonsense"])("refuses %j", (text) => {
    expectInvalid(() => solicitedNodeMulticast(text), JSON.stringify(text));
  });

  it("refuses a byte array that is not 16 long", () => {
    expectInvalid(() => solicitedNodeMulticast(new Uint8Array(4)), "got 4");
  });
});

describe("multicast MACs", () => {
  it.each([
    ["ff02::1:ff00:f0", "33:33:ff:00:00:f0"], // RFC 2464 §7
    ["ff02::1", "33:33:00:00:00:01"],
    ["ff02::2", "33:33:00:00:00:02"],
    ["ff02::1:ffd4:e5f6", "33:33:ff:d4:e5:f6"],
    ["224.0.0.251", "01:00:5e:00:00:fb"], // RFC 1112 §6.4 (mDNS)
    ["224.0.0.1", "01:00:5e:00:00:01"],
    ["239.128.0.1", "01:00:5e:00:00:01"], // the high bit of the 2nd byte is dropped: 23 bits only
    ["239.255.255.250", "01:00:5e:7f:ff:fa"],
    ["224.255.0.1", "01:00:5e:7f:00:01"],
  ])("%s → %s", (group, mac) => {
    expect(multicastMac(group)).toBe(mac);
    const bytes = group.includes(":") ? parseIpv6(group) : Uint8Array.from(group.split(".").map(Number));
    expect(multicastMac(bytes)).toBe(mac);
  });

  it("IPv4: 01:00:5e, a zero bit, the low 23 bits, for every group", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0xe0000000, max: 0xefffffff }), fc.nat(4), (group, off) => {
        const mac = multicastMac(formatIpv4Number(group));
        expect(mac).toBe(formatMacNumber(0x01005e000000 + (group & 0x7fffff)));
        const out = new Uint8Array(off + 7).fill(0xaa);
        writeIpv4MulticastMac(out, off, group);
        expect(formatMac(out, off)).toBe(mac);
        expect(out[off + 6]).toBe(0xaa);
      }),
      fcOptions(),
    );
  });

  it("IPv6: 33:33 and the low 32 bits, for every group", () => {
    fc.assert(
      fc.property(ipv6Bytes, fc.nat(4), (bytes, off) => {
        bytes[0] = 0xff;
        const mac = multicastMac(formatIpv6(bytes));
        expect(mac).toBe(formatMac(Uint8Array.from([0x33, 0x33, ...bytes.subarray(12)])));
        const out = new Uint8Array(off + 7).fill(0xaa);
        writeIpv6MulticastMac(out, off, bytes, 0);
        expect(formatMac(out, off)).toBe(mac);
        expect(out[off + 6]).toBe(0xaa);
      }),
      fcOptions(),
    );
  });

  it.each([
    ["192.0.2.1", "not an IPv4 multicast address"],
    ["240.0.0.1", "not an IPv4 multicast address"],
    ["2001:db8::1", "not an IPv6 multicast address"],
    ["::ffff:224.0.0.1", "not an IPv6 multicast address"],
    ["1.2.3.4/24", '"1.2.3.4/24"'],
    ["ff02::1%eth0", '"ff02::1%eth0"'],
    ["ff02::1/16", '"ff02::1/16"'],
    ["01.2.3.4", '"01.2.3.4"'],
    ["", '""'],
    ["02:00:00:00:00:01", '"02:00:00:00:00:01"'],
  ])("refuses %j", (text, needle) => {
    expectInvalid(() => multicastMac(text), needle);
    expectInvalid(() => multicastMac(text), JSON.stringify(text));
  });

  it("refuses byte arrays that are neither 4 nor 16 long, or not multicast", () => {
    expectInvalid(() => multicastMac(new Uint8Array(6)), "got 6");
    expectInvalid(() => multicastMac(Uint8Array.from([192, 0, 2, 1])), "4 bytes");
    expectInvalid(() => multicastMac(new Uint8Array(16)), "16 bytes");
  });
});

describe("link-local from MAC (RFC 4291 Appendix A, modified EUI-64)", () => {
  it.each([
    ["02:00:00:00:00:01", "fe80::ff:fe00:1"],
    ["b8:e8:58:d4:e5:f6", "fe80::bae8:58ff:fed4:e5f6"],
    ["00:1b:21:3a:4c:5e", "fe80::21b:21ff:fe3a:4c5e"],
    ["00:00:00:00:00:00", "fe80::200:ff:fe00:0"],
    ["ff:ff:ff:ff:ff:ff", "fe80::fdff:ffff:feff:ffff"],
  ])("%s → %s", (mac, address) => {
    expect(linkLocalFromMac(mac)).toBe(address);
    expect(linkLocalFromMac(parseMac(mac))).toBe(address);
    expect(linkLocalFromMac(Number.parseInt(mac.replaceAll(":", ""), 16))).toBe(address);
  });

  it("inverts the U/L bit and inserts ff:fe, for any MAC, at any offset", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.nat(4), (mac, off) => {
        const address = parseIpv6(linkLocalFromMac(mac));
        expect(Array.from(address.subarray(0, 8))).toEqual([0xfe, 0x80, 0, 0, 0, 0, 0, 0]);
        expect(Array.from(address.subarray(8))).toEqual([mac[0]! ^ 2, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]]);
        const out = new Uint8Array(off + 17).fill(0xaa);
        writeLinkLocalFromMac(out, off, mac, 0);
        expect(out.subarray(off, off + 16)).toEqual(address);
        expect(out[off + 16]).toBe(0xaa);
      }),
      fcOptions(),
    );
  });

  it.each(["02:00:00:00:00", "fe80::1", ""])("refuses %j", (text) => {
    expectInvalid(() => linkLocalFromMac(text), JSON.stringify(text));
  });

  it("refuses bad numbers and lengths", () => {
    expectInvalid(() => linkLocalFromMac(-1), "-1");
    expectInvalid(() => linkLocalFromMac(2 ** 48), String(2 ** 48));
    expectInvalid(() => linkLocalFromMac(Number.NaN), "NaN");
    expectInvalid(() => linkLocalFromMac(new Uint8Array(8)), "got 8");
  });

  it("checks against parseIpv4 being a different family", () => {
    expect(() => parseIpv4("fe80::ff:fe00:1")).toThrow();
  });
});

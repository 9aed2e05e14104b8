/**
 * One argument check at every public entry (issues "1.0-ready API" and "bounded resources"): offsets and
 * ends are integers inside the array, byte arguments are `Uint8Array`s; a violation is `FrameError`
 * `INVALID_FIELD` naming the argument and what it got, before anything is written, and a `tryDecode…`
 * returns it instead of throwing. Each call below misbehaved before (undefined fields, writes at 7, 71,
 * 72…, a `RangeError`, a zeroed header, a checksum verified over bytes past the array's end).
 */
import { describe, expect, it } from "vitest";
import {
  buildArpRequest,
  buildNeighborSolicitation,
  decodeArp,
  decodeEthernet,
  decodeFrame,
  decodeIcmpv6,
  decodeIpv6,
  decodeNdp,
  decodeNeighborSolicitation,
  encodeArpInto,
  encodeIpv6Into,
  encodeNdpInto,
  tryDecodeArp,
  tryDecodeEthernet,
  tryDecodeFrame,
  tryDecodeIcmpv6,
  tryDecodeIpv6,
  tryDecodeNdp,
  tryDecodeNeighborSolicitation,
  verifyIcmpv6Checksum,
  writeIcmpv6Checksum,
  writeNdpOptions,
  computeIcmpv6Checksum,
} from "../src/index.js";
import { catchFrameError } from "./capture/helpers.js";

const arp = buildArpRequest({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetIp: "192.0.2.2" });
const ns = buildNeighborSolicitation({ mac: "02:00:00:00:00:01", source: "2001:db8::1", target: "2001:db8::2" });
const BAD_OFFSETS: unknown[] = [0.5, 14.5, "7", "0", -1, 1e9, Number.NaN, Number.POSITIVE_INFINITY, 1n];
/** Also wrong where a positional offset is expected (decodeFrame takes `{}` as options and `offset: null` as absent). */
const NOT_OFFSETS: unknown[] = [...BAD_OFFSETS, null, {}];

function invalid(f: () => unknown, name: string): void {
  const e = catchFrameError(f);
  expect(e.code, name).toBe("INVALID_FIELD");
  expect(e.message, name).toMatch(/must be/);
}

describe("decoders refuse bounds that are not integers inside the array", () => {
  const decoders: [string, (offset: unknown) => unknown, (offset: unknown) => { ok: boolean }][] = [
    ["decodeArp", (o) => decodeArp(arp, o as number), (o) => tryDecodeArp(arp, o as number)],
    ["decodeEthernet", (o) => decodeEthernet(arp, o as number), (o) => tryDecodeEthernet(arp, o as number)],
    ["decodeFrame", (o) => decodeFrame(arp, o as number), (o) => tryDecodeFrame(arp, o as number)],
    ["decodeFrame options", (o) => decodeFrame(ns, { offset: o as number }), (o) => tryDecodeFrame(ns, { offset: o as number })],
    ["decodeFrame raw IPv6", (o) => decodeFrame(ns.subarray(14), { linkType: 229, offset: o as number }), (o) => tryDecodeFrame(ns.subarray(14), { linkType: 229, offset: o as number })],
    ["decodeFrame SLL", (o) => decodeFrame(arp, { linkType: 113, offset: o as number }), (o) => tryDecodeFrame(arp, { linkType: 113, offset: o as number })],
    ["decodeIpv6", (o) => decodeIpv6(ns, o as number), (o) => tryDecodeIpv6(ns, o as number)],
    ["decodeIcmpv6", (o) => decodeIcmpv6(ns, 14, o as number), (o) => tryDecodeIcmpv6(ns, 14, o as number)],
    ["decodeNdp", (o) => decodeNdp(ns, 14, o as number), (o) => tryDecodeNdp(ns, 14, o as number)],
    ["decodeNeighborSolicitation", (o) => decodeNeighborSolicitation(ns, o as number), (o) => tryDecodeNeighborSolicitation(ns, o as number)],
  ];
  for (const [name, decode, tryDecode] of decoders) {
    it(`${name}: INVALID_FIELD, and the try form returns it`, () => {
      for (const offset of name.startsWith("decodeFrame") ? BAD_OFFSETS : NOT_OFFSETS) {
        invalid(() => decode(offset), `${name}(${String(offset)})`);
        let result: { ok: boolean } | undefined;
        expect(() => (result = tryDecode(offset)), `${name}(${String(offset)})`).not.toThrow();
        expect(result?.ok).toBe(false);
      }
    });
  }

  it("a byte argument that is not a Uint8Array, and options of the wrong type", () => {
    for (const bytes of [undefined, null, "ffff", [1, 2, 3], new Uint16Array(60)] as unknown[]) {
      invalid(() => decodeFrame(bytes as Uint8Array), String(bytes));
      expect(tryDecodeFrame(bytes as Uint8Array).ok).toBe(false);
      invalid(() => decodeArp(bytes as Uint8Array), String(bytes));
    }
    invalid(() => decodeFrame(arp, { linkType: 1.5 }), "linkType 1.5");
    invalid(() => decodeFrame(arp, { linkType: "1" as unknown as number }), "linkType '1'");
    invalid(() => decodeFrame(arp, "0" as unknown as number), "offset '0'");
  });

  it("the message names what it got without JSON.stringify (a bigint used to throw inside the message)", () => {
    expect(catchFrameError(() => decodeArp(arp, 1n as unknown as number)).message).toContain("1n (a bigint)");
    expect(catchFrameError(() => decodeIpv6(ns, "14" as unknown as number)).message).toContain('the string "14"');
  });
});

describe("encoders refuse an offset that is not an integer inside the output, before writing", () => {
  const input = { operation: 1, senderHardwareAddress: "02:00:00:00:00:01", senderProtocolAddress: "192.0.2.1", targetHardwareAddress: "00:00:00:00:00:00", targetProtocolAddress: "192.0.2.2" };
  const encoders: [string, (out: Uint8Array, offset: unknown) => unknown][] = [
    ["encodeArpInto", (out, o) => encodeArpInto(input, out, o as number)],
    ["encodeIpv6Into", (out, o) => encodeIpv6Into({ source: "2001:db8::1", destination: "2001:db8::2", nextHeader: 59, hopLimit: 64 }, out, o as number)],
    ["encodeNdpInto", (out, o) => encodeNdpInto({ kind: "neighbor-solicitation", targetAddress: "2001:db8::2" }, out, o as number)],
    ["writeNdpOptions", (out, o) => writeNdpOptions(out, o as number, [{ type: 1, linkLayerAddress: "02:00:00:00:00:01" }])],
  ];
  for (const [name, encode] of encoders) {
    it(name, () => {
      for (const offset of NOT_OFFSETS) {
        const out = new Uint8Array(800).fill(0xaa);
        invalid(() => encode(out, offset), `${name}(${String(offset)})`);
        expect(out.every((b) => b === 0xaa), `${name}(${String(offset)}) wrote nothing`).toBe(true);
      }
      invalid(() => encode("out" as unknown as Uint8Array, 0), `${name} to a string`);
    });
  }
});

describe("checksum helpers refuse ranges outside the array", () => {
  it("a message range past the end is refused, not summed as zeros and verified", () => {
    const end = ns.length;
    expect(verifyIcmpv6Checksum(ns, 14, 54, end)).toBe(true);
    invalid(() => verifyIcmpv6Checksum(ns, 14, 54, end + 8), "past the end");
    invalid(() => verifyIcmpv6Checksum(ns, 14.5, 54, end), "fractional ipv6Offset");
    invalid(() => verifyIcmpv6Checksum(ns, 20, 54, end), "IPv6 header overlapping the message");
    invalid(() => computeIcmpv6Checksum(ns, 14, 54, end + 1), "compute past the end");
    invalid(() => writeIcmpv6Checksum(ns.slice(), 14, 54, 56), "no room for the checksum");
  });
});

import { sumWords } from "../../src/checksum/internet.js";
import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../../src/internal/bytes.js";
import { isFrameError, ViewErrorCode } from "../../src/errors.js";
import { parseIpv6 } from "../../src/address/ipv6.js";
import { NdpView, decodeNdp, encodeNdp, encodeNdpInto, ndpEncodingLength, ndpMessageFromView, tryDecodeNdp } from "../../src/ndp/ndp.js";
import {
  decodeNeighborSolicitation,
  encodeNeighborSolicitation,
  neighborSolicitationEncodingLength,
  tryDecodeNeighborSolicitation,
} from "../../src/ndp/neighbor-solicitation.js";
import {
  decodeNeighborAdvertisement,
  encodeNeighborAdvertisement,
  encodeNeighborAdvertisementInto,
  tryDecodeNeighborAdvertisement,
} from "../../src/ndp/neighbor-advertisement.js";
import { NdpOptionCursor } from "../../src/ndp/options.js";

function hex(text: string): Uint8Array {
  const bytes = fromHex(text);
  if (bytes === undefined) throw new Error(`bad hex ${text}`);
  return bytes;
}

function errorOf(fn: () => unknown): { code: string; offset: number; layer: string } {
  try {
    fn();
  } catch (error) {
    if (!isFrameError(error)) throw error;
    return { code: error.code, offset: error.offset, layer: error.layer };
  }
  throw new Error("expected a FrameError");
}

describe("mdlayher/ndp message_test.go vectors (ICMPv6 message level)", () => {
  const na = (flags: string) => `88000000${flags}00000020010db8000000000000000000000001`;
  const cases: [string, string, { router: boolean; solicited: boolean; override: boolean }][] = [
    ["no flags", na("00"), { router: false, solicited: false, override: false }],
    ["router", na("80"), { router: true, solicited: false, override: false }],
    ["solicited", na("40"), { router: false, solicited: true, override: false }],
    ["override", na("20"), { router: false, solicited: false, override: true }],
    ["all flags", na("e0"), { router: true, solicited: true, override: true }],
  ];
  for (const [name, vector, flags] of cases) {
    it(`NA '${name}' decodes and re-encodes byte for byte`, () => {
      const message = decodeNeighborAdvertisement(hex(vector));
      expect(message).toEqual({ kind: "neighbor-advertisement", ...flags, reserved: 0, targetAddress: "2001:db8::1", options: [] });
      expect(toHex(encodeNeighborAdvertisement(message))).toBe(vector);
      expect(toHex(encodeNeighborAdvertisement({ targetAddress: "2001:db8::1", ...flags }))).toBe(vector);
    });
  }

  it("NA with target LLA and NS with source LLA", () => {
    const naBytes = hex("88000000e000000020010db80000000000000000000000010201deadbeefdead");
    expect(decodeNeighborAdvertisement(naBytes).options).toEqual([{ type: 2, length: 1, linkLayerAddress: "de:ad:be:ef:de:ad" }]);
    const nsBytes = hex("870000000000000020010db80000000000000000000000010101deadbeefdead");
    const ns = decodeNeighborSolicitation(nsBytes);
    expect(ns).toEqual({
      kind: "neighbor-solicitation",
      reserved: 0,
      targetAddress: "2001:db8::1",
      options: [{ type: 1, length: 1, linkLayerAddress: "de:ad:be:ef:de:ad" }],
    });
    expect(toHex(encodeNeighborSolicitation(ns))).toBe(toHex(nsBytes));
    expect(toHex(encodeNeighborSolicitation({ targetAddress: "2001:db8::1", options: [{ type: 1, linkLayerAddress: "de:ad:be:ef:de:ad" }] }))).toBe(
      toHex(nsBytes),
    );
    expect(decodeNeighborSolicitation(hex("870000000000000020010db8000000000000000000000001")).options).toEqual([]);
  });

  it("checksum field: 0 unless given; mdlayher's TestMarshalMessageChecksum value is written as given", () => {
    const withChecksum = "8800100c6000000020010db80000000000000000000000100201deadbeefdead";
    const input = {
      solicited: true,
      override: true,
      targetAddress: "2001:db8::10",
      options: [{ type: 2 as const, linkLayerAddress: "de:ad:be:ef:de:ad" }],
    };
    expect(toHex(encodeNeighborAdvertisement(input))).toBe(withChecksum.replace("100c", "0000"));
    expect(toHex(encodeNeighborAdvertisement({ ...input, checksum: 0x100c }))).toBe(withChecksum);
  });

  it("TestParseMessageError: short messages and 4-byte targets are TRUNCATED at the first field that does not fit", () => {
    expect(errorOf(() => decodeNdp(hex("8800000000000000000000000000000000000000"), -1, 0))).toEqual({ code: "TRUNCATED", offset: 8, layer: "ndp" });
    expect(errorOf(() => decodeNdp(hex("88000000e000000000000000"), -1, 0))).toEqual({ code: "TRUNCATED", offset: 8, layer: "ndp" });
    expect(errorOf(() => decodeNdp(hex("8700000000000000000000000000000000000000"), -1, 0))).toEqual({ code: "TRUNCATED", offset: 8, layer: "ndp" });
    expect(errorOf(() => decodeNdp(hex("870000000000"), -1, 0))).toEqual({ code: "TRUNCATED", offset: 4, layer: "ndp" });
    expect(errorOf(() => decodeNdp(hex("8700"), -1, 0))).toEqual({ code: "TRUNCATED", offset: 0, layer: "ndp" });
    expect(errorOf(() => decodeNdp(new Uint8Array(0), -1, 0))).toEqual({ code: "TRUNCATED", offset: 0, layer: "ndp" });
  });

  it("other ICMPv6 types are not NS/NA: undefined from decodeNdp, UNSUPPORTED from the specific decoders", () => {
    expect(decodeNdp(hex("ff000000"), -1, 0)).toBeUndefined();
    expect(decodeNdp(hex("8500000000000000"), -1, 0)).toBeUndefined();
    expect(tryDecodeNdp(hex("8600000000000000"), -1, 0)).toEqual({ ok: true, value: undefined });
    expect(errorOf(() => decodeNeighborSolicitation(hex("88000000e000000020010db8000000000000000000000001")))).toMatchObject({
      code: "UNSUPPORTED",
    });
    expect(tryDecodeNeighborAdvertisement(hex("870000000000000020010db8000000000000000000000001")).ok).toBe(false);
    expect(tryDecodeNeighborSolicitation(hex("87")).ok).toBe(false);
  });
});

describe("scapy inet6.uts and libtins vectors", () => {
  it("NS with a non-zero code and reserved bits keeps them (scapy line 755)", () => {
    const bytes = hex("87110000e0000001ffff0000000000000000000000001111");
    const view = new NdpView();
    expect(view.reset(bytes, -1, 0, bytes.length)).toBe(0);
    expect([view.type, view.code, view.reserved]).toEqual([135, 0x11, 0xe0000001]);
    const message = decodeNeighborSolicitation(bytes);
    expect(message).toMatchObject({ reserved: 0xe0000001, targetAddress: "ffff::1111" });
    expect(toHex(encodeNeighborSolicitation({ ...message, code: 0x11 }))).toBe(toHex(bytes));
  });

  it("NA R|O default (scapy line 775) and S with reserved 1 and code 0x11 (line 778)", () => {
    expect(decodeNeighborAdvertisement(hex("88000000a000000000000000000000000000000000000000"))).toMatchObject({
      router: true,
      solicited: false,
      override: true,
      reserved: 0,
      targetAddress: "::",
    });
    const bytes = hex("8811000040000001ffff0000000000000000000000001111");
    const message = decodeNeighborAdvertisement(bytes);
    expect(message).toMatchObject({ router: false, solicited: true, override: false, reserved: 1, targetAddress: "ffff::1111" });
    expect(toHex(encodeNeighborAdvertisement({ ...message, code: 0x11 }))).toBe(toHex(bytes));
  });

  it("libtins NA R|S with checksum 0xdc15 keeps the checksum field", () => {
    const bytes = hex("8800dc15c00000003ffe050700000001026097fffe0769ea");
    const view = new NdpView();
    expect(view.reset(bytes, -1, 0, bytes.length)).toBe(0);
    expect([view.checksum, view.router, view.solicited, view.override]).toEqual([0xdc15, true, true, false]);
    expect(view.verifyChecksum()).toBe(false); // no IPv6 header to verify against
    expect(toHex(encodeNdp({ ...decodeNeighborAdvertisement(bytes), checksum: 0xdc15 }))).toBe(toHex(bytes));
  });
});

describe("NdpView", () => {
  // NS with SLLA (length 1), an unknown option, a nonce, a second SLLA (ignored: the first counts).
  const message = hex(
    "87000000" + "00000000" + "20010db8000000000000000000000001" + "0101020000000001" + "fe01000000000000" + "0e01a1a2a3a4a5a6" + "0101020000000002",
  );

  it("remembers the first SLLA, TLLA and nonce options, O(1) afterwards", () => {
    const view = new NdpView();
    expect(view.reset(message, -1, 0, message.length)).toBe(0);
    expect(view.optionCount).toBe(4);
    expect(view.hasSourceLinkLayer).toBe(true);
    expect(view.sourceLinkLayerMac).toBe(0x020000000001);
    expect(view.hasTargetLinkLayer).toBe(false);
    expect(view.targetLinkLayerMac).toBe(-1);
    expect(view.hasNonce).toBe(true);
    expect([view.nonceOffset, view.nonceLength]).toEqual([42, 6]);
    expect(view.isTargetMulticast).toBe(false);
    expect(view.targetEquals(parseIpv6("2001:db8::1"))).toBe(true);
    expect(view.targetEquals(parseIpv6("2001:db8::2"))).toBe(false);
    expect(view.targetEquals(new Uint8Array(8))).toBe(false);
  });

  it("targetEquals agrees on its DataView path (bound address array, frame in the checksum cache)", () => {
    const view = new NdpView();
    // Embedded at an odd offset of a larger buffer, with another array on the same buffer for the address.
    const buffer = new Uint8Array(200).fill(0xaa);
    buffer.set(message, 37);
    const frame = buffer.subarray(37, 37 + message.length);
    expect(view.reset(frame, -1, 0, frame.length)).toBe(0);
    sumWords(frame, 0, 24); // puts `frame` in the checksum's DataView cache
    const address = buffer.subarray(101, 117);
    address.set(parseIpv6("2001:db8::1"));
    // The first calls bind the address array; later ones take four 32-bit loads a side.
    for (let i = 0; i < 4; i++) expect(view.targetEquals(address, 0)).toBe(true);
    for (let byte = 0; byte < 16; byte++) {
      address[byte] = address[byte]! ^ 0x01;
      expect(view.targetEquals(address, 0)).toBe(false);
      address[byte] = address[byte]! ^ 0x01;
      expect(view.targetEquals(address, 0)).toBe(true);
    }
    const longer = new Uint8Array(40);
    longer.set(parseIpv6("2001:db8::1"), 20);
    for (let i = 0; i < 3; i++) expect([view.targetEquals(longer, 20), view.targetEquals(longer, 19), view.targetEquals(longer, 25)]).toEqual([true, false, false]);
    expect(view.targetEquals(address, 1)).toBe(false);
    expect(view.targetEquals(address, -1)).toBe(false);
    const copy = new Uint8Array(20);
    view.copyTarget(copy, 4);
    expect(toHex(copy.subarray(4))).toBe("20010db8000000000000000000000001");
    const cursor = view.options(new NdpOptionCursor());
    const types: number[] = [];
    while (cursor.next()) types.push(cursor.type);
    expect(types).toEqual([1, 254, 14, 1]);
  });

  it("a link-layer option of 2 units is kept but has no 48-bit MAC", () => {
    const bytes = hex("88000000600000000000000000000000000000000000000102020a0b0c0d0e0f1011121314151617");
    const view = new NdpView();
    expect(view.reset(bytes, -1, 0, bytes.length)).toBe(0);
    expect(view.hasTargetLinkLayer).toBe(true);
    expect(view.targetLinkLayerLength).toBe(14);
    expect(view.targetLinkLayerMac).toBe(-1);
    expect(ndpMessageFromView(view)).toMatchObject({
      options: [{ type: 2, length: 2, linkLayerAddress: "0a:0b:0c:0d:0e:0f:10:11:12:13:14:15:16:17" }],
    });
  });

  it("reports codes without throwing, with absolute offsets, and does not read past end", () => {
    const view = new NdpView();
    const padded = new Uint8Array(message.length + 10);
    padded.set(message, 5);
    expect(view.reset(padded, -1, 5, 5 + message.length)).toBe(0);
    expect(view.targetOffset).toBe(13);
    // Cut in the middle of the last option: BAD_OPTION at that option (5 + 48).
    expect(view.reset(padded, -1, 5, 5 + message.length - 3)).toBe(ViewErrorCode.BAD_OPTION);
    expect(view.errorOffset).toBe(53);
    expect(view.reset(padded, -1, 5, 5 + 20)).toBe(ViewErrorCode.TRUNCATED);
    expect(view.errorOffset).toBe(13);
    expect(view.reset(hex("80000000"), -1, 0, 4)).toBe(ViewErrorCode.UNSUPPORTED);
    expect(view.reset(padded, -1, 5, padded.length + 1)).toBe(ViewErrorCode.INVALID_FIELD);
    expect(view.reset(padded, -1, -3, 10)).toBe(ViewErrorCode.INVALID_FIELD);
    expect(view.reset(padded, -1, 5.5, 30)).toBe(ViewErrorCode.INVALID_FIELD);
  });
});

describe("message encoders", () => {
  it("encodingLength is exact and Into writes every byte (dirty buffer) at an offset", () => {
    const input = {
      router: true,
      override: true,
      reserved: 0x1234567,
      targetAddress: parseIpv6("fe80::1"),
      options: [{ type: 2 as const, linkLayerAddress: "02:00:00:00:00:01" }, { type: 14 as const, nonce: hex("010203") }],
    };
    const length = ndpEncodingLength({ ...input, kind: "neighbor-advertisement" });
    expect(length).toBe(24 + 8 + 8);
    const clean = new Uint8Array(length + 3);
    const dirty = new Uint8Array(length + 3).fill(0xaa);
    expect(encodeNeighborAdvertisementInto(input, clean, 3)).toBe(length + 3);
    expect(encodeNdpInto({ ...input, kind: "neighbor-advertisement" }, dirty, 3)).toBe(length + 3);
    expect(toHex(dirty.subarray(3))).toBe(toHex(clean.subarray(3)));
    expect(decodeNeighborAdvertisement(clean, 3)).toMatchObject({ router: true, solicited: false, override: true, reserved: 0x1234567 });
  });

  it("refuses out-of-range fields and short buffers before writing", () => {
    const out = new Uint8Array(64).fill(0xaa);
    expect(() => encodeNeighborAdvertisementInto({ targetAddress: "::", reserved: 0x2000_0000 }, out)).toThrow(/29-bit/);
    expect(() => encodeNeighborSolicitation({ targetAddress: "::", reserved: 2 ** 32 })).toThrow(/32-bit/);
    expect(() => encodeNeighborSolicitation({ targetAddress: "::", code: 256 })).toThrow(/code/);
    expect(() => encodeNeighborSolicitation({ targetAddress: "::", checksum: -1 })).toThrow(/checksum/);
    expect(() => encodeNeighborSolicitation({ targetAddress: new Uint8Array(4) })).toThrow(/16 bytes/);
    expect(() => encodeNeighborSolicitation({ targetAddress: "192.0.2.1" })).toThrow(/IPv6/);
    expect(() => encodeNeighborAdvertisementInto({ targetAddress: "::" }, out, 50)).toThrow(expect.objectContaining({ code: "BUFFER_TOO_SMALL" }));
    expect(out.every((b) => b === 0xaa)).toBe(true);
    expect(neighborSolicitationEncodingLength({ targetAddress: "::" })).toBe(24);
  });
});

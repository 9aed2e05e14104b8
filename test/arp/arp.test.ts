import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import {
  ArpView,
  arpEncodingLength,
  decodeArp,
  encodeArp,
  encodeArpInto,
  tryDecodeArp,
  type ArpPacket,
  type ArpPacketInput,
} from "../../src/arp/arp.js";
import { ARP_ETHERNET_IPV4_LENGTH, ARP_HEADER_LENGTH } from "../../src/arp/constants.js";
import { FrameError, ViewErrorCode, isFrameError } from "../../src/errors.js";
import { fromHex, toHex } from "../../src/internal/bytes.js";

function hex(text: string): Uint8Array {
  const b = fromHex(text);
  if (b === undefined) throw new Error(`bad hex in test: ${text}`);
  return b;
}

function repeatHex(pair: string, n: number): string {
  return Array.from({ length: n }, () => pair).join(":");
}

function decodeError(bytes: Uint8Array, offset?: number, end?: number): FrameError {
  try {
    decodeArp(bytes, offset, end);
  } catch (e) {
    if (e instanceof FrameError) return e;
    throw e;
  }
  throw new Error("decodeArp did not throw");
}

// Known answers from mdlayher/arp packet_test.go and fuzz_test.go (snapshot 93566ba, see
// test/fixtures/public/vectors.md §1), libtins arp_test.cpp and PcapPlusPlus (vectors.md §5, §6).
describe("decodeArp / encodeArp known answers", () => {
  it("mdlayher: request to Ethernet broadcast, 6-byte hardware addresses", () => {
    const bytes = hex("0001080006040001000000000000c0a8010affffffffffffc0a80101");
    const expected: ArpPacket = {
      hardwareType: 1,
      protocolType: 0x0800,
      hardwareLength: 6,
      protocolLength: 4,
      operation: 1,
      senderHardwareAddress: "00:00:00:00:00:00",
      senderProtocolAddress: "192.168.1.10",
      targetHardwareAddress: "ff:ff:ff:ff:ff:ff",
      targetProtocolAddress: "192.168.1.1",
    };
    expect(decodeArp(bytes)).toEqual(expected);
    expect(toHex(encodeArp(expected))).toBe(toHex(bytes));
    expect(
      toHex(
        encodeArp({
          operation: "request",
          senderHardwareAddress: 0,
          senderProtocolAddress: 0xc0a8010a,
          targetHardwareAddress: 0xffff_ffff_ffff,
          targetProtocolAddress: 0xc0a80101,
        }),
      ),
    ).toBe(toHex(bytes));
  });

  it("mdlayher: reply over InfiniBand, 20-byte hardware addresses", () => {
    const bytes = hex(
      "00200800140400020000000000000000000000000000000000000000c0a8010a0101010101010101010101010101010101010101c0a80101",
    );
    const arp = decodeArp(bytes);
    expect(arp).toEqual({
      hardwareType: 32,
      protocolType: 0x0800,
      hardwareLength: 20,
      protocolLength: 4,
      operation: 2,
      senderHardwareAddress: repeatHex("00", 20),
      senderProtocolAddress: "192.168.1.10",
      targetHardwareAddress: repeatHex("01", 20),
      targetProtocolAddress: "192.168.1.1",
    });
    expect(toHex(encodeArp(arp))).toBe(toHex(bytes));
    const view = new ArpView();
    expect(view.reset(bytes)).toBe(0);
    expect(view.length).toBe(56);
    expect(view.targetHardwareOffset).toBe(32);
    expect(view.targetProtocolOffset).toBe(52);
    expect(view.senderIpv4).toBe(0xc0a8010a);
    expect(view.isEthernetIpv4).toBe(false);
    expect(view.targetHardwareEquals(new Uint8Array(20).fill(1))).toBe(true);
  });

  it("mdlayher: hlen 128 (the uint8-overflow regression) decodes to 272 bytes and round-trips", () => {
    const bytes = new Uint8Array(272);
    bytes.set(hex("0001080080040001"));
    bytes.set(hex("c0a80101"), 8 + 128);
    bytes.set(hex("c0a80102"), 8 + 128 + 4 + 128);
    const arp = decodeArp(bytes);
    expect(arp.hardwareLength).toBe(128);
    expect(arp.senderHardwareAddress).toBe(repeatHex("00", 128));
    expect(arp.senderProtocolAddress).toBe("192.168.1.1");
    expect(arp.targetProtocolAddress).toBe("192.168.1.2");
    expect(encodeArp(arp)).toEqual(bytes);
    const fromBytes = encodeArp({
      operation: 1,
      senderHardwareAddress: new Uint8Array(128),
      senderProtocolAddress: "192.168.1.1",
      targetHardwareAddress: new Uint8Array(128),
      targetProtocolAddress: "192.168.1.2",
    });
    expect(fromBytes).toEqual(bytes);
    expect(fromBytes[4]).toBe(128);
  });

  it("mdlayher: IPv6 addresses with protocol type 0x0800 and plen 16 come out as hex bytes", () => {
    const bytes = hex("00010800061000010000000000000000000000000000000000000000000100000000000000000000000000000000000000000002");
    const arp = decodeArp(bytes);
    expect(arp.protocolLength).toBe(16);
    expect(arp.senderProtocolAddress).toBe(`${repeatHex("00", 15)}:01`);
    expect(arp.targetProtocolAddress).toBe(`${repeatHex("00", 15)}:02`);
    expect(encodeArp(arp)).toEqual(bytes);
    // IPv6 text is accepted for protocol addresses whatever the protocol type.
    const fromText = encodeArp({
      operation: 1,
      senderHardwareAddress: "00:00:00:00:00:00",
      senderProtocolAddress: "::1",
      targetHardwareAddress: "00:00:00:00:00:00",
      targetProtocolAddress: "::2",
    });
    expect(fromText).toEqual(bytes);
  });

  it("protocol type 0x86dd with plen 16 is RFC 5952 text, and encodes back", () => {
    const input: ArpPacketInput = {
      protocolType: 0x86dd,
      operation: 1,
      senderHardwareAddress: "02:00:00:00:00:01",
      senderProtocolAddress: "2001:db8::1",
      targetHardwareAddress: "00:00:00:00:00:00",
      targetProtocolAddress: "10:10:10:10:10:10:10:10",
    };
    const bytes = encodeArp(input);
    expect(bytes.length).toBe(8 + 2 * (6 + 16));
    const arp = decodeArp(bytes);
    expect(arp.senderProtocolAddress).toBe("2001:db8::1");
    expect(arp.targetProtocolAddress).toBe("10:10:10:10:10:10:10:10");
    expect(encodeArp(arp)).toEqual(bytes);
    // The same eight 2-digit groups are 8 raw bytes when the protocol type is not IPv6.
    expect(encodeArp({ ...input, protocolType: 0x0800, senderProtocolAddress: "01:02:03:04:05:06:07:08" }).length).toBe(8 + 2 * (6 + 8));
  });

  it("mdlayher: plen 3 (rejected there as an invalid IP) is decoded leniently as hex", () => {
    const arp = decodeArp(hex("0001080006030001000000000000010203000000000000030201"));
    expect(arp.protocolLength).toBe(3);
    expect(arp.senderProtocolAddress).toBe("01:02:03");
    expect(arp.targetProtocolAddress).toBe("03:02:01");
  });

  it("mdlayher 'OK' frame: protocol type 0x0806 keeps its raw value and hex addresses; trailing zeros ignored", () => {
    const frame = hex(
      "deadbeefdeadaabbccddeeff08060001080606040002aabbccddeeffc0a8010adeadbeefdeadc0a80101" + "00".repeat(40),
    );
    const arp = decodeArp(frame, 14);
    expect(arp).toEqual({
      hardwareType: 1,
      protocolType: 0x0806,
      hardwareLength: 6,
      protocolLength: 4,
      operation: 2,
      senderHardwareAddress: "aa:bb:cc:dd:ee:ff",
      senderProtocolAddress: "c0:a8:01:0a",
      targetHardwareAddress: "de:ad:be:ef:de:ad",
      targetProtocolAddress: "c0:a8:01:01",
    });
    const view = new ArpView();
    expect(view.reset(frame, 14)).toBe(0);
    expect(view.end).toBe(14 + 28);
  });

  it("libtins: reply vector", () => {
    const bytes = hex("000108000604000203def51209fac0a82de7f512da67bd0d209b51fe");
    const arp = decodeArp(bytes);
    expect(arp.senderHardwareAddress).toBe("03:de:f5:12:09:fa");
    expect(arp.senderProtocolAddress).toBe("192.168.45.231");
    expect(arp.targetHardwareAddress).toBe("f5:12:da:67:bd:0d");
    expect(arp.targetProtocolAddress).toBe("32.155.81.254");
    expect(encodeArp(arp)).toEqual(bytes);
  });

  it("hlen 0 and plen 0: an 8-byte message with empty address strings", () => {
    const arp = decodeArp(hex("ff00000000000004"));
    expect(arp).toMatchObject({ hardwareType: 0xff00, hardwareLength: 0, protocolLength: 0, operation: 4 });
    expect(arp.senderHardwareAddress).toBe("");
    expect(arp.targetProtocolAddress).toBe("");
    expect(encodeArp(arp)).toEqual(hex("ff00000000000004"));
  });
});

describe("address text cache", () => {
  it("addresses that share a cache slot still get their own text", () => {
    // MACs differing only in their first two bytes by multiples of 1024, and IPv4 addresses differing in
    // bits the slot hash folds together, land in the same slots: decode them alternately.
    const message = hex("0001080006040001000000000000c0a8010affffffffffffc0a80101");
    for (let round = 0; round < 3; round++) {
      for (const hi of [0x0000, 0x0400, 0x0800, 0xfc00]) {
        message[8] = hi >> 8;
        message[9] = hi & 0xff;
        message[14] = hi >> 8; // SPA's first byte varies with it
        const arp = decodeArp(message);
        expect(arp.senderHardwareAddress).toBe(`${toHex(message.subarray(8, 9))}:${toHex(message.subarray(9, 10))}:00:00:00:00`);
        expect(arp.senderProtocolAddress).toBe(`${message[14]}.168.1.10`);
      }
    }
    for (let i = 0; i < 5000; i++) {
      const m = message.slice();
      m[12] = i >> 8;
      m[13] = i & 0xff;
      m[16] = i >> 8;
      m[17] = i & 0xff;
      const arp = decodeArp(m);
      expect(arp.senderHardwareAddress.endsWith(`:${toHex(m.subarray(12, 13))}:${toHex(m.subarray(13, 14))}`)).toBe(true);
      expect(arp.senderProtocolAddress).toBe(`${m[14]}.${m[15]}.${m[16]}.${m[17]}`);
    }
  });
});

describe("decode errors", () => {
  it("mdlayher 'short buffer': 7 bytes → TRUNCATED at the message start", () => {
    const e = decodeError(hex("00000000000000"));
    expect(e).toMatchObject({ code: "TRUNCATED", layer: "arp", offset: 0 });
    const framed = new Uint8Array(20);
    expect(decodeError(framed, 13, 20)).toMatchObject({ code: "TRUNCATED", offset: 13 });
  });

  it("mdlayher: hlen 255 / plen 255 with nothing after the header → TRUNCATED at the first missing byte", () => {
    expect(decodeError(hex("00010800ff040001"))).toMatchObject({ code: "TRUNCATED", layer: "arp", offset: 8 });
    expect(decodeError(hex("0001080006ff0001"))).toMatchObject({ code: "TRUNCATED", layer: "arp", offset: 8 });
  });

  it("mdlayher 'invalid ARP packet' frame: hlen 255 plen 255 in 60 bytes → TRUNCATED at byte 60 (absolute)", () => {
    const frame = hex("000000000000000000000000080600000000ffff" + "00".repeat(40));
    expect(decodeError(frame, 14)).toMatchObject({ code: "TRUNCATED", layer: "arp", offset: 60 });
    const view = new ArpView();
    expect(view.reset(frame, 14)).toBe(ViewErrorCode.TRUNCATED);
    expect(view.errorOffset).toBe(60);
    expect(view.hardwareLength).toBe(255);
  });

  it("hlen 255 and plen 255 need 1028 bytes and decode when they are all there", () => {
    const bytes = new Uint8Array(1028 + 5).fill(0x5a);
    bytes.set(hex("00010800ffff0002"));
    const view = new ArpView();
    expect(view.reset(bytes)).toBe(0);
    expect(view.length).toBe(1028);
    expect(view.end).toBe(1028);
    expect(view.targetProtocolOffset).toBe(8 + 255 + 255 + 255);
    expect(decodeError(bytes, 0, 1027)).toMatchObject({ code: "TRUNCATED", offset: 1027 });
  });

  it("offsets and ends outside the buffer, or not integers, are INVALID_FIELD codes, not exceptions", () => {
    const bytes = hex("0001080006040001000000000000c0a8010affffffffffffc0a80101");
    const view = new ArpView();
    for (const [offset, end] of [[0, 100], [-1, 28], [40, 28], [10, 5], [14.5, 28], [0, 27.5], [Number.NaN, 28]] as const) {
      expect(view.reset(bytes, offset, end)).toBe(ViewErrorCode.INVALID_FIELD);
      expect(view.errorOffset).toBe(-1);
      expect(tryDecodeArp(bytes, offset, end)).toMatchObject({ ok: false, error: { code: "INVALID_FIELD", layer: "arp", offset: -1 } });
    }
    // decodeArp(frame, 14.5) returned an object with undefined fields.
    expect(() => decodeArp(bytes, 0.5)).toThrow(expect.objectContaining({ code: "INVALID_FIELD", message: expect.stringContaining("offset must be an integer") }));
    expect(view.reset(bytes, 25)).toBe(ViewErrorCode.TRUNCATED); // a range inside the array, too short
    expect(view.errorOffset).toBe(25);
    expect(tryDecodeArp(bytes, 0, 27)).toMatchObject({ ok: false, error: { code: "TRUNCATED", offset: 27 } });
    expect(tryDecodeArp(bytes)).toMatchObject({ ok: true, value: { operation: 1 } });
  });
});

describe("ArpView", () => {
  const request = hex("ffffffffffff6cf049b2de6e080600010800060400016cf049b2de6e0a0000010000000000000a00008a");

  it("reads the Ethernet/IPv4 fast path and absolute offsets", () => {
    const v = new ArpView();
    expect(v.reset(request, 14)).toBe(0);
    expect(v.isEthernetIpv4).toBe(true);
    expect(v.hardwareType).toBe(1);
    expect(v.protocolType).toBe(0x0800);
    expect(v.operation).toBe(1);
    expect(v.length).toBe(ARP_ETHERNET_IPV4_LENGTH);
    expect([v.senderHardwareOffset, v.senderProtocolOffset, v.targetHardwareOffset, v.targetProtocolOffset]).toEqual([22, 28, 32, 38]);
    expect(v.senderMac).toBe(0x6cf049b2de6e);
    expect(v.targetMac).toBe(0);
    expect(v.senderIpv4).toBe(0x0a000001);
    expect(v.targetIpv4).toBe(0x0a00008a);
    expect(v.protocolAddressesEqual).toBe(false);
    expect(v.targetProtocolEquals(hex("0a00008a"))).toBe(true);
    expect(v.targetProtocolEquals(hex("ff0a00008a"), 1)).toBe(true);
    expect(v.targetProtocolEquals(hex("0a0000"))).toBe(false);
    expect(v.senderHardwareEquals(hex("6cf049b2de6e"))).toBe(true);
    expect(v.toPacket()).toEqual(decodeArp(request, 14));
  });

  it("copies addresses in place and refuses a short output", () => {
    const v = new ArpView();
    v.reset(request, 14);
    const out = new Uint8Array(12).fill(0xaa);
    expect(v.copySenderHardware(out, 1)).toBe(7);
    expect(v.copyTargetProtocol(out, 7)).toBe(11);
    expect(toHex(out)).toBe("aa6cf049b2de6e0a00008aaa");
    expect(v.copySenderProtocol(out, 0)).toBe(4);
    expect(v.copyTargetHardware(out, 6)).toBe(12);
    expect(() => v.copyTargetHardware(out, 7)).toThrow(expect.objectContaining({ code: "BUFFER_TOO_SMALL" }));
  });

  it("numeric addresses are read at reset: 0 for other lengths and after a failed reset, never from outside the message", () => {
    const v = new ArpView();
    // hlen 6, plen 16 (IPv6 protocol addresses): the MACs have numbers, the IPv4 getters do not.
    const ipv6Arp = encodeArp({
      operation: 1,
      protocolType: 0x86dd,
      senderHardwareAddress: "02:00:00:00:00:01",
      senderProtocolAddress: "2001:db8::1",
      targetHardwareAddress: "02:00:00:00:00:02",
      targetProtocolAddress: "2001:db8::2",
    });
    expect(v.reset(ipv6Arp)).toBe(0);
    expect([v.senderMac, v.targetMac, v.senderIpv4, v.targetIpv4, v.isEthernetIpv4]).toEqual([0x020000000001, 0x020000000002, 0, 0, false]);
    // hlen 0, plen 4, followed by bytes that are not part of the message
    const tiny = hex("0001080000040001c0000201c0000202ffffffffffff");
    expect(v.reset(tiny, 0, 16)).toBe(0);
    expect([v.senderMac, v.targetMac, v.senderIpv4, v.targetIpv4]).toEqual([0, 0, 0xc0000201, 0xc0000202]);
    // A failed reset leaves no address of the previous message behind.
    v.reset(request, 14);
    expect(v.reset(request, 14, 30)).toBe(ViewErrorCode.TRUNCATED);
    expect([v.senderMac, v.targetMac, v.senderIpv4, v.targetIpv4, v.isEthernetIpv4]).toEqual([0, 0, 0, 0, false]);
  });
});

describe("encodeArp options", () => {
  const base: ArpPacketInput = {
    operation: "reply",
    senderHardwareAddress: "02:00:00:00:00:01",
    senderProtocolAddress: "192.0.2.1",
    targetHardwareAddress: "02-00-00-00-00-02",
    targetProtocolAddress: "192.0.2.2",
  };

  it("defaults to Ethernet/IPv4 and accepts MAC text in any notation", () => {
    expect(toHex(encodeArp(base))).toBe("0001080006040002020000000001c0000201020000000002c0000202");
    expect(encodeArp({ ...base, senderHardwareAddress: "0200.0000.0001" })).toEqual(encodeArp(base));
    expect(encodeArp({ ...base, senderHardwareAddress: hex("020000000001") })).toEqual(encodeArp(base));
    expect(encodeArp({ ...base, senderHardwareAddress: 0x020000000001 })).toEqual(encodeArp(base));
    expect(encodeArp({ ...base, operation: 2 })).toEqual(encodeArp(base));
    expect(arpEncodingLength(base)).toBe(28);
  });

  it("writes explicit hardwareLength/protocolLength as given while the addresses keep their own length", () => {
    const bytes = encodeArp({ ...base, hardwareLength: 255, protocolLength: 0, hardwareType: 0xffff, protocolType: 0 });
    expect(bytes.length).toBe(28);
    expect(toHex(bytes.subarray(0, 8))).toBe("ffff0000ff000002");
    expect(toHex(bytes.subarray(8))).toBe(toHex(encodeArp(base).subarray(8)));
    expect(decodeError(bytes)).toMatchObject({ code: "TRUNCATED", offset: 28 });
  });

  it("refuses out-of-range fields and mismatched address lengths with INVALID_FIELD", () => {
    const bad: [Partial<ArpPacketInput>, string][] = [
      [{ hardwareLength: 256 }, "arp"],
      [{ protocolLength: -1 }, "arp"],
      [{ hardwareType: 0x10000 }, "arp"],
      [{ protocolType: 1.5 }, "arp"],
      [{ operation: 65536 }, "arp"],
      [{ operation: "announce" as "request" }, "arp"],
      [{ targetHardwareAddress: new Uint8Array(5) }, "arp"],
      [{ targetProtocolAddress: "::1" }, "arp"],
      [{ senderHardwareAddress: "02:00:00:00:00" + ":zz" }, "address"],
      [{ senderProtocolAddress: "192.0.2.256" }, "address"],
      [{ senderProtocolAddress: 2 ** 32 }, "address"],
      [{ senderHardwareAddress: 2 ** 48 }, "address"],
      [{ senderHardwareAddress: new Uint8Array(256), targetHardwareAddress: new Uint8Array(256) }, "address"],
    ];
    for (const [patch, layer] of bad) {
      const input = { ...base, ...patch } as ArpPacketInput;
      expect(() => encodeArp(input), JSON.stringify(patch)).toThrow(expect.objectContaining({ code: "INVALID_FIELD", layer }));
      expect(() => encodeArpInto(input, new Uint8Array(600))).toThrow(expect.objectContaining({ code: "INVALID_FIELD" }));
    }
  });

  it("checks capacity before writing anything", () => {
    const out = new Uint8Array(40).fill(0xaa);
    expect(() => encodeArpInto(base, out, 13)).toThrow(expect.objectContaining({ code: "BUFFER_TOO_SMALL", offset: 13 }));
    expect(out.every((b) => b === 0xaa)).toBe(true);
    expect(encodeArpInto(base, out, 12)).toBe(40);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const u16 = fc.integer({ min: 0, max: 0xffff });
const arbProtocolType = fc.oneof(fc.constant(0x0800), fc.constant(0x86dd), fc.constant(0x0806), u16);
const arbInput: fc.Arbitrary<ArpPacketInput> = fc
  .record({
    hardwareType: fc.oneof(fc.constant(1), fc.constant(32), u16),
    protocolType: arbProtocolType,
    operation: fc.oneof(fc.constant<"request">("request"), fc.constant<"reply">("reply"), u16),
    hlen: fc.oneof(fc.constant(6), fc.constant(20), fc.integer({ min: 0, max: 255 })),
    plen: fc.oneof(fc.constant(4), fc.constant(16), fc.integer({ min: 0, max: 255 })),
    seed: fc.uint8Array({ minLength: 1020, maxLength: 1020 }),
  })
  .map(({ hardwareType, protocolType, operation, hlen, plen, seed }) => ({
    hardwareType,
    protocolType,
    operation,
    senderHardwareAddress: seed.slice(0, hlen),
    senderProtocolAddress: seed.slice(255, 255 + plen),
    targetHardwareAddress: seed.slice(510, 510 + hlen),
    targetProtocolAddress: seed.slice(765, 765 + plen),
  }));

function guarded(frame: Uint8Array, before: Uint8Array, after: Uint8Array): Uint8Array {
  const out = new Uint8Array(before.length + frame.length + after.length);
  out.set(before);
  out.set(frame, before.length);
  out.set(after, before.length + frame.length);
  return out;
}

function outcome(bytes: Uint8Array, offset: number, end: number): unknown {
  const r = tryDecodeArp(bytes, offset, end);
  if (r.ok) return { ok: true, value: r.value };
  return { ok: false, code: r.error.code, layer: r.error.layer, at: r.error.offset - offset };
}

describe("properties", () => {
  it("encode → decode → encode is the identity for any htype/ptype/op and hlen/plen 0-255", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const bytes = encodeArp(input);
        expect(bytes.length).toBe(arpEncodingLength(input));
        expect(bytes.length).toBe(ARP_HEADER_LENGTH + 2 * (input.senderHardwareAddress as Uint8Array).length + 2 * (input.senderProtocolAddress as Uint8Array).length);
        const decoded = decodeArp(bytes);
        expect(decoded.hardwareLength).toBe((input.senderHardwareAddress as Uint8Array).length);
        expect(decoded.protocolLength).toBe((input.senderProtocolAddress as Uint8Array).length);
        expect(encodeArp(decoded)).toEqual(bytes);
        const view = new ArpView();
        expect(view.reset(bytes)).toBe(0);
        expect(view.end).toBe(bytes.length);
        expect(view.senderProtocolEquals(input.senderProtocolAddress as Uint8Array)).toBe(true);
        expect(view.targetHardwareEquals(input.targetHardwareAddress as Uint8Array)).toBe(true);
      }),
      fcOptions(),
    );
  });

  it("encodeArpInto writes every byte: a 0xAA-filled buffer at any offset gives encodeArp's bytes", () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 64 }), (input, offset) => {
        const expected = encodeArp(input);
        const out = new Uint8Array(offset + expected.length + 7).fill(0xaa);
        expect(encodeArpInto(input, out, offset)).toBe(offset + expected.length);
        expect(out.subarray(offset, offset + expected.length)).toEqual(expected);
        expect(out.subarray(0, offset).every((b) => b === 0xaa)).toBe(true);
        expect(out.subarray(offset + expected.length).every((b) => b === 0xaa)).toBe(true);
      }),
      fcOptions(),
    );
  });

  it("decoding is total on random bytes: a value or a FrameError TRUNCATED inside [offset, end]", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1100 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const offset = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = offset + (b % (bytes.length - offset + 1));
        try {
          decodeArp(bytes, offset, end);
        } catch (e) {
          expect(isFrameError(e)).toBe(true);
          const err = e as FrameError;
          expect(err.code).toBe("TRUNCATED");
          expect(err.layer).toBe("arp");
          expect(err.offset).toBeGreaterThanOrEqual(offset);
          expect(err.offset).toBeLessThanOrEqual(end);
        }
        expect(() => tryDecodeArp(bytes, offset, end)).not.toThrow();
      }),
      fcOptions(),
    );
  });

  it("truncations and bit flips of valid messages, between random guard bytes, decode the same whatever the guards", () => {
    fc.assert(
      fc.property(
        arbInput,
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        (input, cut, flip, g1, g2) => {
          const whole = encodeArp(input);
          const frame = whole.slice(0, cut % (whole.length + 1));
          if (flip !== undefined && frame.length > 0) {
            const bit = flip % (frame.length * 8);
            frame[bit >> 3]! ^= 1 << (bit & 7);
          }
          const a = guarded(frame, g1, g2);
          const b = guarded(frame, g2.map((x) => x ^ 0xff), g1.map((x) => x ^ 0x55));
          const ra = outcome(a, g1.length, g1.length + frame.length);
          const rb = outcome(b, g2.length, g2.length + frame.length);
          expect(ra).toEqual(rb);
          if (frame.length === whole.length && flip === undefined) expect(ra).toMatchObject({ ok: true });
        },
      ),
      fcOptions(),
    );
  });
});

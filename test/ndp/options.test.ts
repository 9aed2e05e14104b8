import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { fromHex, toHex } from "../../src/internal/bytes.js";
import { isFrameError } from "../../src/errors.js";
import {
  NdpOptionCursor,
  decodeNdpOptions,
  isLinkLayerAddressOption,
  isNonceOption,
  ndpOptionsEncodingLength,
  writeNdpOptions,
  type NdpOption,
  type NdpOptionInput,
} from "../../src/ndp/options.js";

function hex(text: string): Uint8Array {
  const bytes = fromHex(text);
  if (bytes === undefined) throw new Error(`bad hex ${text}`);
  return bytes;
}

function encode(options: readonly NdpOptionInput[]): Uint8Array {
  const out = new Uint8Array(ndpOptionsEncodingLength(options));
  expect(writeNdpOptions(out, 0, options)).toBe(out.length);
  return out;
}

function expectFrameError(fn: () => unknown, code: string, offset: number): void {
  try {
    fn();
  } catch (error) {
    expect(isFrameError(error)).toBe(true);
    expect(error).toMatchObject({ code, offset, layer: "ndp" });
    return;
  }
  throw new Error("expected a FrameError");
}

describe("NDP option known answers (mdlayher/ndp option_test.go, scapy inet6.uts)", () => {
  it("source and target LLA, length 1: the MAC text", () => {
    expect(decodeNdpOptions(hex("0101deadbeefdead"))).toEqual([{ type: 1, length: 1, linkLayerAddress: "de:ad:be:ef:de:ad" }]);
    expect(decodeNdpOptions(hex("0201deadbeefdead"))).toEqual([{ type: 2, length: 1, linkLayerAddress: "de:ad:be:ef:de:ad" }]);
    expect(toHex(encode([{ type: 1, linkLayerAddress: "de:ad:be:ef:de:ad" }]))).toBe("0101deadbeefdead");
    expect(toHex(encode([{ type: 2, linkLayerAddress: 0xdeadbeefdead }]))).toBe("0201deadbeefdead");
  });

  it("raw option type 10 length 2 and MTU decode raw and round-trip", () => {
    const raw = hex("0a020000000000000000000000000000");
    const [option] = decodeNdpOptions(raw);
    expect(option).toEqual({ type: 10, length: 2, data: new Uint8Array(14) });
    expect(toHex(encode([option!]))).toBe(toHex(raw));
    const mtu = hex("05010000000005dc");
    expect(decodeNdpOptions(mtu)).toEqual([{ type: 5, length: 1, data: hex("0000000005dc") }]);
  });

  it("nonce options of 6 and 14 bytes (RFC 3971 §5.3.2)", () => {
    expect(decodeNdpOptions(hex("0e01000000000000"))).toEqual([{ type: 14, length: 1, nonce: new Uint8Array(6) }]);
    expect(decodeNdpOptions(hex("0e020000000000000000000000000000"))).toEqual([{ type: 14, length: 2, nonce: new Uint8Array(14) }]);
    expect(toHex(encode([{ type: 14, nonce: hex("6069604c0aaa") }]))).toBe("0e016069604c0aaa");
  });

  it("scapy's chain SLLA / unknown type 0 'somestring' / captive portal keeps order", () => {
    const chain = hex("01010000000000000002736f6d65737472696e67000000002501000000000000");
    const options = decodeNdpOptions(chain);
    expect(options.map((o) => [o.type, o.length])).toEqual([
      [1, 1],
      [0, 2],
      [37, 1],
    ]);
    expect(new TextDecoder().decode((options[1] as { data: Uint8Array }).data).slice(0, 10)).toBe("somestring");
    expect(toHex(encode(options))).toBe(toHex(chain));
  });

  it("a link-layer option longer than 1 unit keeps every byte as text and re-encodes (scapy line 857)", () => {
    const lla = hex("0102111111111111" + "0000000000000000");
    const [option] = decodeNdpOptions(lla);
    expect(option).toEqual({ type: 1, length: 2, linkLayerAddress: "11:11:11:11:11:11:00:00:00:00:00:00:00:00" });
    expect(toHex(encode([option!]))).toBe(toHex(lla));
  });

  it("type guards tell the three shapes apart", () => {
    const options: NdpOption[] = decodeNdpOptions(hex("0101deadbeefdead0e01010203040506050100000000 05dc".replace(" ", "")));
    expect(options.map(isLinkLayerAddressOption)).toEqual([true, false, false]);
    expect(options.map(isNonceOption)).toEqual([false, true, false]);
  });
});

describe("malformed options: BAD_OPTION at the option's absolute offset", () => {
  it("zero length (scapy line 1286 captive portal with len 0)", () => {
    expectFrameError(() => decodeNdpOptions(hex("25006162636465660001")), "BAD_OPTION", 0);
  });

  it("length overrunning the message ('misleading length', mdlayher)", () => {
    expectFrameError(() => decodeNdpOptions(hex("1010")), "BAD_OPTION", 0);
    // mdlayher's LLA 'long' (18 bytes): a fine 2-unit option (kept, any length) then 2 bytes of length 0.
    expectFrameError(() => decodeNdpOptions(hex("010200000000000000000000000000000000")), "BAD_OPTION", 16);
  });

  it("a lone trailing byte ('short', mdlayher) after a good option", () => {
    expectFrameError(() => decodeNdpOptions(hex("0101deadbeefdead01")), "BAD_OPTION", 8);
  });

  it("offsets are absolute when the options start inside a larger buffer", () => {
    const bytes = hex("ffffffff" + "0101deadbeefdead" + "0e00" + "eeee");
    expectFrameError(() => decodeNdpOptions(bytes, 4, 14), "BAD_OPTION", 12);
    // The guard bytes after `end` are never read: the same options end cleanly at 12.
    expect(decodeNdpOptions(bytes, 4, 12)).toHaveLength(1);
  });

  it("the cursor reports the same without throwing, and stops", () => {
    const c = new NdpOptionCursor();
    expect(c.reset(hex("0101deadbeefdead0300"), 0)).toBe(0);
    expect(c.next()).toBe(true);
    expect([c.type, c.length, c.offset, c.dataOffset, c.dataLength, c.byteLength]).toEqual([1, 1, 0, 2, 6, 8]);
    expect(c.next()).toBe(false);
    expect([c.error, c.errorOffset]).toEqual([4, 8]);
    expect(c.next()).toBe(false);
    expect(c.reset(new Uint8Array(4), 2, 9)).toBe(1);
    expect(c.next()).toBe(false);
  });
});

describe("option encoding", () => {
  it("pads each option with zeros to 8-octet units, also in a dirty buffer", () => {
    const options: NdpOptionInput[] = [
      { type: 14, nonce: hex("01") },
      { type: 200, data: hex("0102030405060708") },
      { type: 2, linkLayerAddress: hex("0a0b0c0d0e0f1011") },
    ];
    expect(ndpOptionsEncodingLength(options)).toBe(8 + 16 + 16);
    const dirty = new Uint8Array(40).fill(0xaa);
    writeNdpOptions(dirty, 0, options);
    expect(toHex(dirty)).toBe(
      "0e01010000000000" + "c8020102030405060708000000000000" + "02020a0b0c0d0e0f1011000000000000",
    );
  });

  it("an explicit length is written as given; the data is still written in full and padded", () => {
    expect(toHex(encode([{ type: 1, linkLayerAddress: "02:00:00:00:00:01", length: 0 }]))).toBe("0100020000000001");
    expect(toHex(encode([{ type: 99, data: hex("01"), length: 7 }]))).toBe("6307010000000000");
  });

  it("options of 256 bytes and more (up to 255 units) work both ways", () => {
    const data = Uint8Array.from({ length: 2038 }, (_, i) => i & 0xff);
    const encoded = encode([{ type: 250, data }]);
    expect(encoded.length).toBe(2040);
    expect(encoded[1]).toBe(255);
    const [option] = decodeNdpOptions(encoded);
    expect(option).toMatchObject({ type: 250, length: 255 });
    expect((option as { data: Uint8Array }).data).toEqual(data);
    expect(() => encode([{ type: 250, data: new Uint8Array(2039) }])).toThrow(/255-unit/);
  });

  it("refuses bad fields before writing anything", () => {
    const out = new Uint8Array(16).fill(0xaa);
    expect(() => writeNdpOptions(out, 0, [{ type: 256, data: new Uint8Array(0) }])).toThrow(/type/);
    expect(() => writeNdpOptions(out, 0, [{ type: 1, data: new Uint8Array(0), length: 300 }])).toThrow(/length/);
    expect(() => writeNdpOptions(out, 0, [{ type: 1, linkLayerAddress: "zz" }])).toThrow(/MAC/);
    expect(() => writeNdpOptions(out, 10, [{ type: 1, linkLayerAddress: 2 }])).toThrow(expect.objectContaining({ code: "BUFFER_TOO_SMALL" }));
    expect(out.every((b) => b === 0xaa)).toBe(true);
  });
});

const optionInput: fc.Arbitrary<NdpOptionInput> = fc.oneof(
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: fc.uint8Array({ minLength: 0, maxLength: 40 }) }),
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: fc.integer({ min: 0, max: 0xffff_ffff_ffff }) }),
  fc.record({ type: fc.constant(14 as const), nonce: fc.uint8Array({ minLength: 6, maxLength: 30 }) }),
  fc.record({
    type: fc.integer({ min: 0, max: 255 }).filter((t) => t !== 1 && t !== 2 && t !== 14),
    data: fc.uint8Array({ minLength: 0, maxLength: 600 }),
  }),
);

describe("option laws", () => {
  it("encode → decode → encode is the identity on bytes, and the length is exact", () => {
    fc.assert(
      fc.property(fc.array(optionInput, { maxLength: 6 }), (options) => {
        const first = encode(options);
        expect(first.length).toBe(ndpOptionsEncodingLength(options));
        const decoded = decodeNdpOptions(first);
        expect(decoded.map((o) => o.type)).toEqual(options.map((o) => o.type));
        expect(toHex(encode(decoded))).toBe(toHex(first));
      }),
      fcOptions(),
    );
  });

  it("decoding any bytes between guards yields options or a FrameError, never reading the guards", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 8 }), (body, a) => {
        const run = (guard: number): string => {
          const bytes = new Uint8Array(a.length + body.length + 8);
          bytes.fill(guard);
          bytes.set(a, 0);
          bytes.set(body, a.length);
          try {
            return JSON.stringify(decodeNdpOptions(bytes, a.length, a.length + body.length), (_, v: unknown) =>
              v instanceof Uint8Array ? toHex(v) : v,
            );
          } catch (error) {
            if (!isFrameError(error)) throw error;
            return `${error.code}@${error.offset}`;
          }
        };
        expect(run(0x00)).toBe(run(0xff));
      }),
      fcOptions(),
    );
  });
});

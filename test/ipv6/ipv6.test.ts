import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  Ipv6View,
  decodeIpv6,
  encodeIpv6,
  encodeIpv6Into,
  ipv6EncodingLength,
  tryDecodeIpv6,
  writeIpv6Header,
  type Ipv6PacketInput,
} from "../../src/ipv6/ipv6.js";
import { ALL_NODES_MULTICAST_BYTES, IPV6_MAX_EXTENSION_HEADERS, NEXT_HEADER } from "../../src/ipv6/constants.js";
import { decodeEthernet } from "../../src/ethernet/ethernet.js";
import { formatIpv6, parseIpv6 } from "../../src/address/ipv6.js";
import { isFrameError } from "../../src/errors.js";
import { fcOptions } from "../helpers/fc.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";

function captureIpv6(file: string) {
  return readPcapFrames(path.join(CAPTURES_DIR, file)).map(({ data }) => {
    const eth = decodeEthernet(data);
    return { data, offset: eth.payloadOffset, end: eth.payloadEnd };
  });
}

const SRC = parseIpv6("2001:db8::1");
const DST = parseIpv6("2001:db8::f0");

/** A generic extension header (Hop-by-Hop, Routing, Destination Options): `units` 8-byte units. */
function genericHeader(next: number, units: number): Uint8Array {
  const h = new Uint8Array(units * 8);
  h[0] = next;
  h[1] = units - 1;
  h[2] = 1; // PadN option filling the rest (its content does not matter to the walk)
  h[3] = units * 8 - 4;
  return h;
}

function fragmentHeader(next: number, fragmentOffset: number, more: boolean): Uint8Array {
  const h = new Uint8Array(8);
  h[0] = next;
  const word = (fragmentOffset << 3) | (more ? 1 : 0);
  h[2] = word >>> 8;
  h[3] = word & 0xff;
  h.set([0xde, 0xad, 0xbe, 0xef], 4);
  return h;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

function packet(nextHeader: number, payload: Uint8Array, extra: Partial<Ipv6PacketInput> = {}): Uint8Array {
  return encodeIpv6({ nextHeader, hopLimit: 255, source: SRC, destination: DST, payload, ...extra });
}

const ICMP_BODY = Uint8Array.of(128, 0, 0x12, 0x34, 0, 1, 0, 2);

describe("IPv6 fixed header (RFC 8200 §3)", () => {
  it("decodes the Linux NS and NA of ndp_ns_na_solicited_lla.pcapng as tshark does", () => {
    const [ns, na] = captureIpv6("ndp_ns_na_solicited_lla.pcapng");
    const d = decodeIpv6(ns!.data, ns!.offset, ns!.end);
    expect(d.ipv6).toEqual({
      version: 6,
      trafficClass: 0,
      flowLabel: 0,
      payloadLength: 32,
      nextHeader: 58,
      hopLimit: 255,
      source: "2001:db8:1:2::1003",
      destination: "ff02::1:ff00:1000",
    });
    expect(d.extensionHeaders).toEqual([]);
    expect(d.upperLayerProtocol).toBe(58);
    expect(d.payloadOffset).toBe(ns!.offset + 40);
    expect(d.payloadEnd).toBe(ns!.offset + 72);
    const a = decodeIpv6(na!.data, na!.offset, na!.end);
    expect(a.ipv6.source).toBe("2001:db8:1:2::1000");
    expect(a.ipv6.destination).toBe("2001:db8:1:2::1003");
  });

  it("decodes the version-0 frames of ipv6_bad_version_with_dad_ns.pcap (lenient), exposing the version", () => {
    const frames = captureIpv6("ipv6_bad_version_with_dad_ns.pcap");
    expect(frames.map((f) => decodeIpv6(f.data, f.offset, f.end).ipv6.version)).toEqual([6, 0, 6, 0]);
    const dad = decodeIpv6(frames[0]!.data, frames[0]!.offset, frames[0]!.end);
    expect(dad.ipv6.source).toBe("::");
    expect(dad.ipv6.destination).toBe("ff02::1:ff76:6c14");
    const bad = decodeIpv6(frames[1]!.data, frames[1]!.offset, frames[1]!.end);
    expect(bad.ipv6).toMatchObject({ version: 0, payloadLength: 32, nextHeader: 58, hopLimit: 255, destination: "ff02::1" });
    expect(bad.upperLayerProtocol).toBe(58);
  });

  it("view getters and in-place address helpers", () => {
    const bytes = encodeIpv6({
      trafficClass: 0xab,
      flowLabel: 0xcdef1,
      nextHeader: 58,
      hopLimit: 255,
      source: "::",
      destination: "ff02::1",
      payload: ICMP_BODY,
    });
    const v = new Ipv6View();
    expect(v.reset(bytes)).toBe(0);
    expect([v.version, v.trafficClass, v.flowLabel, v.payloadLength, v.nextHeader, v.hopLimit]).toEqual([6, 0xab, 0xcdef1, 8, 58, 255]);
    expect(v.sourceOffset).toBe(8);
    expect(v.destinationOffset).toBe(24);
    expect(v.isSourceUnspecified).toBe(true);
    expect(v.isDestinationMulticast).toBe(true);
    expect(v.destinationEquals(ALL_NODES_MULTICAST_BYTES)).toBe(true);
    const shifted = concat(new Uint8Array(3), ALL_NODES_MULTICAST_BYTES);
    expect(v.destinationEquals(shifted, 3)).toBe(true);
    expect(v.sourceEquals(shifted, 3)).toBe(false);
    expect(v.sourceEquals(new Uint8Array(15))).toBe(false); // too short: false, not a read past the end
    const out = new Uint8Array(20).fill(0x55);
    v.copyDestination(out, 2);
    expect(formatIpv6(out, 2)).toBe("ff02::1");
    v.copySource(out, 4);
    expect(formatIpv6(out, 4)).toBe("::");
    expect(v.toHeader().destination).toBe("ff02::1");
  });

  it("Payload Length overrunning the input is BAD_LENGTH at offset + 4; Ethernet padding is trimmed", () => {
    const bytes = concat(new Uint8Array(5), packet(58, ICMP_BODY), new Uint8Array(10));
    bytes[5 + 5] = 8 + 11; // payload length 19: one byte more than the input holds
    const r = tryDecodeIpv6(bytes, 5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.offset, r.error.layer]).toEqual(["BAD_LENGTH", 9, "ipv6"]);
    bytes[5 + 5] = 8;
    const d = decodeIpv6(bytes, 5);
    expect(d.payloadEnd).toBe(5 + 48); // the 10 padding bytes are not payload
    const v = new Ipv6View();
    bytes[5 + 5] = 200;
    expect(v.reset(bytes, 5, 5 + 48)).toBe(2);
    expect(v.errorOffset).toBe(9);
  });

  it("fewer than 40 bytes is TRUNCATED at the offset", () => {
    const bytes = packet(58, ICMP_BODY);
    for (const end of [0, 1, 39]) {
      expect(() => decodeIpv6(bytes, 0, end)).toThrow(expect.objectContaining({ code: "TRUNCATED", offset: 0 }));
    }
    const v = new Ipv6View();
    expect(v.reset(bytes, 20)).toBe(1);
    expect(v.errorOffset).toBe(20);
    expect(v.reset(bytes, 0, bytes.length + 1)).toBe(6); // an end past the buffer is refused (INVALID_FIELD), not read
    expect(v.reset(bytes, 14.5)).toBe(6);
    expect(() => decodeIpv6(bytes, "14" as unknown as number)).toThrow(expect.objectContaining({ code: "INVALID_FIELD", message: expect.stringContaining('the string "14"') }));
  });
});

describe("extension-header walk (RFC 8200 §4)", () => {
  it("walks Hop-by-Hop, Destination Options and a first Fragment to ICMPv6", () => {
    const payload = concat(
      genericHeader(NEXT_HEADER.DESTINATION_OPTIONS, 1),
      genericHeader(NEXT_HEADER.FRAGMENT, 2),
      fragmentHeader(NEXT_HEADER.ICMPV6, 0, false),
      ICMP_BODY,
    );
    const bytes = concat(Uint8Array.of(9, 9), packet(NEXT_HEADER.HOP_BY_HOP, payload));
    const d = decodeIpv6(bytes, 2);
    expect(d.extensionHeaders).toEqual([
      { type: 0, offset: 42, length: 8 },
      { type: 60, offset: 50, length: 16 },
      { type: 44, offset: 66, length: 8 },
    ]);
    expect(d.upperLayerProtocol).toBe(58);
    expect(d.payloadOffset).toBe(74);
    expect(d.payloadEnd).toBe(82);
    const v = new Ipv6View();
    v.reset(bytes, 2);
    expect(v.extensionHeaderCount).toBe(3);
    expect(v.fragmentHeaderOffset).toBe(66);
    expect(v.upperLayerOffset).toBe(74);
  });

  it("stops at a non-first fragment with upper layer 44 (its data is not parseable alone)", () => {
    const payload = concat(genericHeader(NEXT_HEADER.FRAGMENT, 1), fragmentHeader(NEXT_HEADER.ICMPV6, 185, false), ICMP_BODY);
    const d = decodeIpv6(packet(NEXT_HEADER.ROUTING, payload));
    expect(d.extensionHeaders.map((h) => h.type)).toEqual([43, 44]);
    expect(d.upperLayerProtocol).toBe(44);
    expect(d.payloadOffset).toBe(56);
  });

  it("walks an Authentication Header ((len + 2) · 4 bytes) and stops at ESP and unknown headers", () => {
    const ah = new Uint8Array(24);
    ah[0] = NEXT_HEADER.ICMPV6;
    ah[1] = 4; // (4 + 2) · 4 = 24
    const d = decodeIpv6(packet(NEXT_HEADER.AUTHENTICATION, concat(ah, ICMP_BODY)));
    expect(d.extensionHeaders).toEqual([{ type: 51, offset: 40, length: 24 }]);
    expect(d.upperLayerProtocol).toBe(58);
    expect(d.payloadOffset).toBe(64);
    const esp = decodeIpv6(packet(NEXT_HEADER.ESP, new Uint8Array(16)));
    expect([esp.upperLayerProtocol, esp.payloadOffset, esp.extensionHeaders.length]).toEqual([50, 40, 0]);
    const none = decodeIpv6(packet(NEXT_HEADER.NO_NEXT_HEADER, new Uint8Array(0)));
    expect([none.upperLayerProtocol, none.payloadOffset, none.payloadEnd]).toEqual([59, 40, 40]);
  });

  it("an extension header longer than the payload is BAD_LENGTH at its length byte; one shorter than 8 bytes TRUNCATED", () => {
    const long = genericHeader(NEXT_HEADER.ICMPV6, 1);
    long[1] = 1; // claims 16 bytes, 8 are there
    expect(() => decodeIpv6(concat(packet(NEXT_HEADER.DESTINATION_OPTIONS, long), new Uint8Array(8)))).toThrow(
      expect.objectContaining({ code: "BAD_LENGTH", offset: 41, layer: "ipv6" }),
    );
    expect(() => decodeIpv6(packet(NEXT_HEADER.HOP_BY_HOP, new Uint8Array(6)))).toThrow(
      expect.objectContaining({ code: "TRUNCATED", offset: 40 }),
    );
    expect(() => decodeIpv6(packet(NEXT_HEADER.FRAGMENT, new Uint8Array(7)))).toThrow(expect.objectContaining({ code: "TRUNCATED", offset: 40 }));
  });

  it("caps the walk at IPV6_MAX_EXTENSION_HEADERS and reports the next header as the upper layer", () => {
    const headers = Array.from({ length: IPV6_MAX_EXTENSION_HEADERS + 5 }, () => genericHeader(NEXT_HEADER.DESTINATION_OPTIONS, 1));
    const d = decodeIpv6(packet(NEXT_HEADER.DESTINATION_OPTIONS, concat(...headers)));
    expect(d.extensionHeaders).toHaveLength(IPV6_MAX_EXTENSION_HEADERS);
    expect(d.upperLayerProtocol).toBe(60);
    expect(d.payloadOffset).toBe(40 + 8 * IPV6_MAX_EXTENSION_HEADERS);
  });

  it("Payload Length 0 with Hop-by-Hop (RFC 2675 jumbogram) runs to the end; 0 without it is an empty payload", () => {
    const jumbo = packet(NEXT_HEADER.HOP_BY_HOP, concat(genericHeader(NEXT_HEADER.ICMPV6, 1), ICMP_BODY), { payloadLength: 0 });
    const d = decodeIpv6(jumbo);
    expect([d.ipv6.payloadLength, d.upperLayerProtocol, d.payloadOffset, d.payloadEnd]).toEqual([0, 58, 48, 56]);
    const empty = decodeIpv6(packet(58, ICMP_BODY, { payloadLength: 0 }));
    expect([empty.payloadOffset, empty.payloadEnd]).toEqual([40, 40]);
  });
});

const addressArb = fc.uint8Array({ minLength: 16, maxLength: 16 });
const headerArb = fc.record({
  version: fc.nat({ max: 15 }),
  trafficClass: fc.nat({ max: 255 }),
  flowLabel: fc.nat({ max: 0xfffff }),
  nextHeader: fc.constantFrom(58, 6, 17, 59, 50, 255),
  hopLimit: fc.nat({ max: 255 }),
  source: addressArb,
  destination: addressArb,
  payload: fc.uint8Array({ maxLength: 300 }),
});

describe("IPv6 encoding", () => {
  it("round trip: random headers decode to what was encoded; length is exact", () => {
    fc.assert(
      fc.property(headerArb, (h) => {
        const bytes = encodeIpv6(h);
        expect(bytes.length).toBe(ipv6EncodingLength(h));
        const d = decodeIpv6(bytes);
        expect(d.ipv6).toEqual({
          version: h.version,
          trafficClass: h.trafficClass,
          flowLabel: h.flowLabel,
          payloadLength: h.payload.length,
          nextHeader: h.nextHeader,
          hopLimit: h.hopLimit,
          source: formatIpv6(h.source),
          destination: formatIpv6(h.destination),
        });
        expect([d.upperLayerProtocol, d.payloadOffset, d.payloadEnd]).toEqual([h.nextHeader, 40, bytes.length]);
        expect(bytes.subarray(40)).toEqual(h.payload);
      }),
      fcOptions(),
    );
  });

  it("writes every byte: a 0xAA-filled buffer gives the same bytes as a zeroed one", () => {
    fc.assert(
      fc.property(headerArb, fc.nat({ max: 16 }), (h, offset) => {
        const a = new Uint8Array(offset + ipv6EncodingLength(h) + 4);
        const b = new Uint8Array(a.length).fill(0xaa);
        expect(encodeIpv6Into(h, a, offset)).toBe(offset + ipv6EncodingLength(h));
        expect(encodeIpv6Into(h, b, offset)).toBe(offset + ipv6EncodingLength(h));
        expect(b.subarray(offset, offset + ipv6EncodingLength(h))).toEqual(a.subarray(offset, offset + ipv6EncodingLength(h)));
        expect(b.subarray(0, offset).every((x) => x === 0xaa)).toBe(true);
      }),
      fcOptions(),
    );
  });

  it("takes text addresses, and writes a payloadLength override as given (a lie the decoder then refuses)", () => {
    const bytes = encodeIpv6({ nextHeader: 58, hopLimit: 255, source: "fe80::1", destination: "ff02::1", payload: ICMP_BODY, payloadLength: 1234 });
    expect(bytes.length).toBe(48);
    const v = new Ipv6View();
    expect(v.reset(bytes)).toBe(2);
    expect(v.payloadLength).toBe(1234);
    expect(() => decodeIpv6(bytes)).toThrow(expect.objectContaining({ code: "BAD_LENGTH", offset: 4 }));
    const honest = decodeIpv6(encodeIpv6({ nextHeader: 58, hopLimit: 255, source: "fe80::1", destination: "ff02::1", payload: ICMP_BODY, payloadLength: 4 }));
    expect([honest.ipv6.source, honest.ipv6.destination, honest.payloadEnd]).toEqual(["fe80::1", "ff02::1", 44]);
  });

  it("refuses out-of-range fields with INVALID_FIELD before writing anything", () => {
    const base = { nextHeader: 58, hopLimit: 255, source: SRC, destination: DST };
    const bad: Partial<Ipv6PacketInput>[] = [
      { version: 16 },
      { trafficClass: 256 },
      { flowLabel: 0x100000 },
      { payloadLength: 65536 },
      { nextHeader: -1 },
      { hopLimit: 1.5 },
      { source: "192.0.2.1" },
      { destination: new Uint8Array(4) },
      { payload: new Uint8Array(65536) },
    ];
    for (const extra of bad) {
      const out = new Uint8Array(70000).fill(0x55);
      let error: unknown;
      try {
        encodeIpv6Into({ ...base, ...extra }, out);
      } catch (e) {
        error = e;
      }
      expect(isFrameError(error) && error.code === "INVALID_FIELD").toBe(true);
      expect(out.every((x) => x === 0x55)).toBe(true);
    }
    // A jumbo payload is fine with an explicit Payload Length of 0.
    expect(encodeIpv6({ ...base, payload: new Uint8Array(65536), payloadLength: 0 }).length).toBe(65576);
  });

  it("BUFFER_TOO_SMALL leaves the buffer untouched; writeIpv6Header returns offset + 40", () => {
    const out = new Uint8Array(47).fill(0x55);
    expect(() => encodeIpv6Into({ nextHeader: 58, hopLimit: 255, source: SRC, destination: DST, payload: ICMP_BODY }, out)).toThrow(
      expect.objectContaining({ code: "BUFFER_TOO_SMALL" }),
    );
    expect(out.every((x) => x === 0x55)).toBe(true);
    expect(writeIpv6Header(out, 3, { nextHeader: 58, hopLimit: 255, source: SRC, destination: DST }, 4)).toBe(43);
    expect(decodeIpv6(out, 3, 47).ipv6.payloadLength).toBe(4);
  });
});

describe("decode totality", () => {
  /** Decodes with the frame between two guard byte arrays; the result must not depend on the guards. */
  function decodeGuarded(frame: Uint8Array, g1: Uint8Array, g2: Uint8Array): unknown {
    const buf = concat(g1, frame, g2);
    const r = tryDecodeIpv6(buf, g1.length, g1.length + frame.length);
    if (r.ok) {
      const v = r.value;
      return { ...v, extensionHeaders: v.extensionHeaders.map((h) => ({ ...h, offset: h.offset - g1.length })), payloadOffset: v.payloadOffset - g1.length, payloadEnd: v.payloadEnd - g1.length };
    }
    expect(isFrameError(r.error)).toBe(true);
    return { code: r.error.code, offset: r.error.offset - g1.length };
  }

  const validFrame = fc
    .tuple(
      fc.array(fc.constantFrom(0, 43, 60, 44, 51), { maxLength: 4 }),
      fc.uint8Array({ maxLength: 64 }),
      fc.nat({ max: 2 }),
    )
    .map(([types, body, frag]) => {
      const parts: Uint8Array[] = [];
      types.forEach((t, i) => {
        const next = types[i + 1] ?? 58;
        if (t === 44) parts.push(fragmentHeader(next, frag === 2 ? 7 : 0, frag === 1));
        else if (t === 51) {
          const ah = new Uint8Array(16);
          ah[0] = next;
          ah[1] = 2;
          parts.push(ah);
        } else parts.push(genericHeader(next, 1 + (i % 2)));
      });
      return packet(types[0] ?? 58, concat(...parts, body));
    });

  const guard = fc.uint8Array({ maxLength: 12 });

  it("random bytes: a value or a FrameError, independent of the bytes around the frame", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), guard, guard, guard, guard, (frame, a1, a2, b1, b2) => {
        expect(decodeGuarded(frame, a1, a2)).toEqual(decodeGuarded(frame, b1, b2));
      }),
      fcOptions(),
    );
  });

  it("truncations and bit flips of valid packets with extension headers", () => {
    fc.assert(
      fc.property(validFrame, fc.nat(), fc.nat(), fc.nat({ max: 7 }), guard, guard, guard, guard, (frame, cut, at, bit, a1, a2, b1, b2) => {
        const truncated = frame.subarray(0, cut % (frame.length + 1));
        expect(decodeGuarded(truncated, a1, a2)).toEqual(decodeGuarded(truncated, b1, b2));
        const flipped = frame.slice();
        const k = at % flipped.length;
        flipped[k] = (flipped[k] ?? 0) ^ (1 << bit);
        expect(decodeGuarded(flipped, a1, a2)).toEqual(decodeGuarded(flipped, b1, b2));
        // The unmutated packet always decodes and reaches ICMPv6 (or a non-first fragment).
        const d = decodeIpv6(frame);
        expect([58, 44]).toContain(d.upperLayerProtocol);
      }),
      fcOptions(),
    );
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ICMPV6_TYPE,
  Icmpv6View,
  decodeIcmpv6,
  tryDecodeIcmpv6,
  writeIcmpv6Header,
} from "../../src/ndp/icmpv6.js";
import { writeIcmpv6Checksum } from "../../src/checksum/ipv6-pseudo-header.js";
import { decodeEthernet } from "../../src/ethernet/ethernet.js";
import { decodeIpv6, encodeIpv6 } from "../../src/ipv6/ipv6.js";
import { NEXT_HEADER } from "../../src/ipv6/constants.js";
import { isFrameError } from "../../src/errors.js";
import { fcOptions } from "../helpers/fc.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";

/** Each frame of a capture with its IPv6 header and ICMPv6 message located by our own decoders. */
function icmpFrames(file: string) {
  return readPcapFrames(path.join(CAPTURES_DIR, file)).map(({ data }) => {
    const eth = decodeEthernet(data);
    const ip = decodeIpv6(data, eth.payloadOffset, eth.payloadEnd);
    return { data, ipv6Offset: eth.payloadOffset, icmpOffset: ip.payloadOffset, icmpEnd: ip.payloadEnd };
  });
}

describe("ICMPv6 header (RFC 4443 §2.1)", () => {
  const frames = icmpFrames("ndp_ns_na_solicited_lla.pcapng");

  it("known answers: the Linux NS (0x44b7) and NA (0x8beb) decode with valid checksums", () => {
    const [ns, na] = frames;
    expect(decodeIcmpv6(ns!.data, ns!.ipv6Offset, ns!.icmpOffset, ns!.icmpEnd)).toEqual({
      type: ICMPV6_TYPE.NEIGHBOR_SOLICITATION,
      code: 0,
      checksum: 0x44b7,
      checksumValid: true,
    });
    expect(decodeIcmpv6(na!.data, na!.ipv6Offset, na!.icmpOffset, na!.icmpEnd)).toEqual({
      type: ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT,
      code: 0,
      checksum: 0x8beb,
      checksumValid: true,
    });
    // The echo requests and replies that follow verify too (tshark: all Good).
    for (const f of frames.slice(2)) {
      const h = decodeIcmpv6(f.data, f.ipv6Offset, f.icmpOffset, f.icmpEnd);
      expect([ICMPV6_TYPE.ECHO_REQUEST, ICMPV6_TYPE.ECHO_REPLY]).toContain(h.type);
      expect(h.checksumValid).toBe(true);
    }
  });

  it("a bit-flipped copy of the NA decodes with checksumValid false (reported, not thrown)", () => {
    const na = frames[1]!;
    const data = na.data.slice();
    const k = na.icmpEnd - 1; // last byte of the Target Link-Layer Address option
    data[k] = (data[k] ?? 0) ^ 0x01;
    expect(decodeIcmpv6(data, na.ipv6Offset, na.icmpOffset, na.icmpEnd)).toEqual({
      type: 136,
      code: 0,
      checksum: 0x8beb,
      checksumValid: false,
    });
  });

  it("the checksum uses the packet's real addresses: the same message under another source fails", () => {
    const ns = frames[0]!;
    const data = ns.data.slice();
    data[ns.ipv6Offset + 8 + 15] = (data[ns.ipv6Offset + 8 + 15] ?? 0) ^ 0x02;
    expect(decodeIcmpv6(data, ns.ipv6Offset, ns.icmpOffset, ns.icmpEnd).checksumValid).toBe(false);
  });

  it("any single-bit flip in the message or the pseudo-header addresses is detected", () => {
    fc.assert(
      fc.property(fc.nat({ max: frames.length - 1 }), fc.nat(), fc.nat({ max: 7 }), (which, at, bit) => {
        const f = frames[which]!;
        const data = f.data.slice();
        const covered = 32 + (f.icmpEnd - f.icmpOffset);
        const k = at % covered;
        const byte = k < 32 ? f.ipv6Offset + 8 + k : f.icmpOffset + (k - 32);
        data[byte] = (data[byte] ?? 0) ^ (1 << bit);
        const view = new Icmpv6View();
        expect(view.reset(data, f.ipv6Offset, f.icmpOffset, f.icmpEnd)).toBe(0);
        expect(view.verifyChecksum()).toBe(false);
      }),
      fcOptions(),
    );
  });

  it("view: lazy getters, length, and no verification unless asked", () => {
    const ns = frames[0]!;
    const view = new Icmpv6View();
    expect(view.reset(ns.data, ns.ipv6Offset, ns.icmpOffset, ns.icmpEnd)).toBe(0);
    expect([view.type, view.code, view.checksum, view.length]).toEqual([135, 0, 0x44b7, 32]);
    expect(view.verifyChecksum()).toBe(true);
    expect(view.toHeader().checksumValid).toBe(true);
    // An IPv6 offset whose header does not lie in the buffer cannot verify (and is not read).
    expect(view.reset(ns.data, ns.data.length - 10, ns.icmpOffset, ns.icmpEnd)).toBe(0);
    expect(view.verifyChecksum()).toBe(false);
    expect(view.reset(ns.data, -1, ns.icmpOffset, ns.icmpEnd)).toBe(0);
    expect(view.verifyChecksum()).toBe(false);
  });

  it("fewer than 4 bytes is TRUNCATED at the ICMPv6 offset", () => {
    const ns = frames[0]!;
    const view = new Icmpv6View();
    for (const len of [0, 1, 3]) {
      expect(view.reset(ns.data, ns.ipv6Offset, ns.icmpOffset, ns.icmpOffset + len)).toBe(1);
      expect(view.errorOffset).toBe(ns.icmpOffset);
      const r = tryDecodeIcmpv6(ns.data, ns.ipv6Offset, ns.icmpOffset, ns.icmpOffset + len);
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.offset, r.error.layer]).toEqual(["TRUNCATED", ns.icmpOffset, "icmpv6"]);
    }
    expect(view.reset(ns.data, ns.ipv6Offset, ns.icmpOffset, ns.data.length + 1)).toBe(6); // INVALID_FIELD
    expect(view.reset(ns.data, ns.ipv6Offset, ns.icmpOffset + 0.5, ns.data.length)).toBe(6);
  });

  it("writeIcmpv6Header writes type, code and a zero checksum; the checksum is filled in after the body", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 255 }),
        fc.nat({ max: 255 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (type, code, body, source, destination) => {
          const icmp = new Uint8Array(4 + body.length).fill(0xaa);
          expect(writeIcmpv6Header(icmp, 0, type, code)).toBe(4);
          expect(Array.from(icmp.subarray(0, 4))).toEqual([type, code, 0, 0]);
          icmp.set(body, 4);
          const packet = encodeIpv6({ nextHeader: NEXT_HEADER.ICMPV6, hopLimit: 255, source, destination, payload: icmp });
          const checksum = writeIcmpv6Checksum(packet, 0, 40, packet.length);
          expect(decodeIcmpv6(packet)).toEqual({ type, code, checksum, checksumValid: true });
        },
      ),
      fcOptions(),
    );
  });

  it("writeIcmpv6Header refuses a type or code that is not a byte, writing nothing", () => {
    const out = new Uint8Array(4).fill(0x55);
    for (const [type, code] of [[256, 0], [0, -1], [1.5, 0], [135, 256]] as const) {
      let error: unknown;
      try {
        writeIcmpv6Header(out, 0, type, code);
      } catch (e) {
        error = e;
      }
      expect(isFrameError(error) && error.code === "INVALID_FIELD" && error.layer === "icmpv6").toBe(true);
      expect(Array.from(out)).toEqual([0x55, 0x55, 0x55, 0x55]);
    }
  });

  it("totality: any range of random bytes decodes or fails with a FrameError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.integer({ min: -2, max: 90 }), fc.nat({ max: 90 }), fc.integer({ min: -2, max: 90 }), (bytes, ip, a, b) => {
        const r = tryDecodeIcmpv6(bytes, ip, a, b);
        if (!r.ok) expect(isFrameError(r.error)).toBe(true);
        else expect(typeof r.value.checksumValid).toBe("boolean");
      }),
      fcOptions(),
    );
  });
});

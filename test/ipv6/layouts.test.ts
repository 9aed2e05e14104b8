import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ICMPV6_HEADER_LAYOUT, IPV6_HEADER_LAYOUT, NEIGHBOR_FIXED_LAYOUT } from "../../src/layouts/ipv6.js";
import {
  IPV6_DESTINATION_OFFSET,
  IPV6_HEADER_LENGTH,
  IPV6_HOP_LIMIT_OFFSET,
  IPV6_NEXT_HEADER_OFFSET,
  IPV6_PAYLOAD_LENGTH_OFFSET,
  IPV6_SOURCE_OFFSET,
} from "../../src/ipv6/constants.js";
import { Ipv6View, encodeIpv6 } from "../../src/ipv6/ipv6.js";
import { ICMPV6_CHECKSUM_OFFSET, ICMPV6_HEADER_LENGTH, Icmpv6View } from "../../src/ndp/icmpv6.js";
import { NDP_FIXED_LENGTH, NDP_TARGET_OFFSET } from "../../src/ndp/constants.js";
import { fcOptions } from "../helpers/fc.js";

describe("declared layouts agree with the core (RFC 8200 §3, RFC 4443 §2.1, RFC 4861 §4.3/§4.4)", () => {
  it("spans and offsets equal the core constants", () => {
    expect(IPV6_HEADER_LAYOUT.span).toBe(IPV6_HEADER_LENGTH);
    expect(IPV6_HEADER_LAYOUT.offsetOf("payloadLength")).toBe(IPV6_PAYLOAD_LENGTH_OFFSET);
    expect(IPV6_HEADER_LAYOUT.offsetOf("nextHeader")).toBe(IPV6_NEXT_HEADER_OFFSET);
    expect(IPV6_HEADER_LAYOUT.offsetOf("hopLimit")).toBe(IPV6_HOP_LIMIT_OFFSET);
    expect(IPV6_HEADER_LAYOUT.offsetOf("source")).toBe(IPV6_SOURCE_OFFSET);
    expect(IPV6_HEADER_LAYOUT.offsetOf("destination")).toBe(IPV6_DESTINATION_OFFSET);
    expect(ICMPV6_HEADER_LAYOUT.span).toBe(ICMPV6_HEADER_LENGTH);
    expect(ICMPV6_HEADER_LAYOUT.offsetOf("checksum")).toBe(ICMPV6_CHECKSUM_OFFSET);
    expect(NEIGHBOR_FIXED_LAYOUT.span).toBe(NDP_FIXED_LENGTH);
    expect(NEIGHBOR_FIXED_LAYOUT.offsetOf("target")).toBe(NDP_TARGET_OFFSET);
  });

  it("the layout's decode agrees with Ipv6View and Icmpv6View on random headers", () => {
    fc.assert(
      fc.property(
        fc.record({
          version: fc.nat({ max: 15 }),
          trafficClass: fc.nat({ max: 255 }),
          flowLabel: fc.nat({ max: 0xfffff }),
          nextHeader: fc.constantFrom(58, 59, 6),
          hopLimit: fc.nat({ max: 255 }),
          source: fc.uint8Array({ minLength: 16, maxLength: 16 }),
          destination: fc.uint8Array({ minLength: 16, maxLength: 16 }),
          payload: fc.uint8Array({ minLength: 24, maxLength: 40 }),
        }),
        (h) => {
          const bytes = encodeIpv6(h);
          const ip = new Ipv6View();
          expect(ip.reset(bytes)).toBe(0);
          const d = IPV6_HEADER_LAYOUT.decode(Buffer.from(bytes));
          expect(d.word0).toEqual({ version: ip.version, trafficClass: ip.trafficClass, flowLabel: ip.flowLabel });
          expect([d.payloadLength, d.nextHeader, d.hopLimit]).toEqual([ip.payloadLength, ip.nextHeader, ip.hopLimit]);
          expect(ip.sourceEquals(d.source)).toBe(true);
          expect(ip.destinationEquals(d.destination)).toBe(true);
          const icmp = new Icmpv6View();
          expect(icmp.reset(bytes, 0, 40, bytes.length)).toBe(0);
          expect(ICMPV6_HEADER_LAYOUT.decode(Buffer.from(bytes), 40)).toEqual({ type: icmp.type, code: icmp.code, checksum: icmp.checksum });
          const fixed = NEIGHBOR_FIXED_LAYOUT.decode(Buffer.from(bytes), 40);
          expect(Array.from(fixed.target)).toEqual(Array.from(bytes.subarray(48, 64)));
          // And the layout's encode writes the same 40 bytes our encoder did.
          const again = Buffer.alloc(40);
          IPV6_HEADER_LAYOUT.encode(d, again);
          expect(Array.from(again)).toEqual(Array.from(bytes.subarray(0, 40)));
        },
      ),
      fcOptions(),
    );
  });
});

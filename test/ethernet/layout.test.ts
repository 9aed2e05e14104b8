import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { ETHERNET_HEADER_LAYOUT, VLAN_TAG_BITS_LAYOUT, VLAN_TAG_LAYOUT } from "../../src/layouts/ethernet.js";
import { ETHERNET_HEADER_LENGTH, VLAN_TAG_LENGTH, isVlanTpid } from "../../src/ethernet/constants.js";
import { decodeEthernet, encodeEthernet, type EthernetFrameInput } from "../../src/ethernet/ethernet.js";
import { formatMac } from "../../src/address/mac.js";
import type { VlanTag, VlanTagInput } from "../../src/ethernet/vlan.js";
import * as layouts from "../../src/layouts/index.js";
import { vlanTagArb } from "../helpers/arbitraries.js";


const frameArb = fc.record({
  destination: fc.uint8Array({ minLength: 6, maxLength: 6 }),
  source: fc.uint8Array({ minLength: 6, maxLength: 6 }),
  etherType: fc.integer({ min: 0x0600, max: 0xffff }).filter((t) => !isVlanTpid(t)),
  vlans: fc.array(vlanTagArb, { maxLength: 3 }),
  payload: fc.uint8Array({ maxLength: 60 }),
});

/** Decodes a frame's header with the declared layouts only (the oracle): header, then tags at offset 12. */
function decodeWithLayouts(bytes: Uint8Array) {
  const b = Buffer.from(bytes);
  const header = ETHERNET_HEADER_LAYOUT.decode(b, 0);
  const vlans: VlanTag[] = [];
  let p = ETHERNET_HEADER_LENGTH - 2;
  let type = header.etherType;
  while (isVlanTpid(type)) {
    const raw = VLAN_TAG_LAYOUT.decode(b, p);
    const split = VLAN_TAG_BITS_LAYOUT.decode(b, p);
    expect(split.tpid).toBe(raw.tpid);
    vlans.push({ tpid: raw.tpid, ...split.tci });
    p += VLAN_TAG_LENGTH;
    type = b.readUInt16BE(p);
  }
  return { destination: formatMac(header.dst), source: formatMac(header.src), etherType: type, vlans, payloadOffset: p + 2 };
}

/** Encodes a frame with the declared layouts only: header with the first TPID as its type, tags, type, payload, padding. */
function encodeWithLayouts(input: { destination: Uint8Array; source: Uint8Array; etherType: number; vlans: Required<VlanTagInput>[]; payload: Uint8Array }): Uint8Array {
  const headerLength = ETHERNET_HEADER_LAYOUT.span + VLAN_TAG_LAYOUT.span * input.vlans.length;
  const b = Buffer.alloc(headerLength + Math.max(input.payload.length, 46));
  ETHERNET_HEADER_LAYOUT.encode(
    { dst: Buffer.from(input.destination), src: Buffer.from(input.source), etherType: input.vlans[0]?.tpid ?? input.etherType },
    b,
    0,
  );
  let p = ETHERNET_HEADER_LAYOUT.offsetOf("etherType")!;
  input.vlans.forEach((tag, i) => {
    // Alternate the two tag declarations so both are checked as encoders.
    if (i % 2 === 0) VLAN_TAG_LAYOUT.encode({ tpid: tag.tpid, tci: (tag.priority << 13) | (tag.dropEligible ? 0x1000 : 0) | tag.id }, b, p);
    else VLAN_TAG_BITS_LAYOUT.encode({ tpid: tag.tpid, tci: { priority: tag.priority, dropEligible: tag.dropEligible, id: tag.id } }, b, p);
    p += VLAN_TAG_LAYOUT.span;
  });
  b.writeUInt16BE(input.etherType, p);
  b.set(input.payload, p + 2);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

describe("Ethernet layouts (buffer-layout)", () => {
  it("offsets and spans equal the core's constants", () => {
    expect(ETHERNET_HEADER_LAYOUT.span).toBe(ETHERNET_HEADER_LENGTH);
    expect(ETHERNET_HEADER_LAYOUT.offsetOf("dst")).toBe(0);
    expect(ETHERNET_HEADER_LAYOUT.offsetOf("src")).toBe(6);
    expect(ETHERNET_HEADER_LAYOUT.offsetOf("etherType")).toBe(ETHERNET_HEADER_LENGTH - 2);
    expect(ETHERNET_HEADER_LAYOUT.offsetOf("nope")).toBeUndefined();
    expect(VLAN_TAG_LAYOUT.span).toBe(VLAN_TAG_LENGTH);
    expect(VLAN_TAG_LAYOUT.offsetOf("tpid")).toBe(0);
    expect(VLAN_TAG_LAYOUT.offsetOf("tci")).toBe(2);
    expect(VLAN_TAG_BITS_LAYOUT.span).toBe(VLAN_TAG_LENGTH);
    expect(VLAN_TAG_BITS_LAYOUT.offsetOf("tci")).toBe(2);
  });

  it("splits a known TCI as IEEE 802.1Q §9.6 does (0xb29a = PCP 5, DEI, VID 666)", () => {
    expect(VLAN_TAG_BITS_LAYOUT.decode(Buffer.from([0x81, 0x00, 0xb2, 0x9a]))).toEqual({ tpid: 0x8100, tci: { priority: 5, dropEligible: true, id: 666 } });
    expect(VLAN_TAG_LAYOUT.decode(Buffer.from([0x88, 0xa8, 0x40, 0xc8]))).toEqual({ tpid: 0x88a8, tci: 0x40c8 });
  });

  it("their decode agrees with decodeEthernet on random frames", () => {
    fc.assert(
      fc.property(frameArb, (input) => {
        const bytes = encodeEthernet(input as EthernetFrameInput);
        const ours = decodeEthernet(bytes);
        const theirs = decodeWithLayouts(bytes);
        expect({ ...ours.ethernet, payloadOffset: ours.payloadOffset }).toEqual(theirs);
      }),
      fcOptions({ numRuns: 300 }),
    );
  });

  it("their encode gives the bytes encodeEthernet gives", () => {
    fc.assert(
      fc.property(frameArb, (input) => {
        expect(encodeWithLayouts(input)).toEqual(encodeEthernet(input as EthernetFrameInput));
      }),
      fcOptions({ numRuns: 300 }),
    );
  });

  it("the layouts subpath index re-exports every declared layout", () => {
    const names = Object.keys(layouts).sort();
    expect(names).toEqual(
      [
        "ARP_ETHERNET_IPV4_LAYOUT",
        "ARP_FIXED_HEADER_LAYOUT",
        "ETHERNET_HEADER_LAYOUT",
        "ICMPV6_HEADER_LAYOUT",
        "IPV6_HEADER_LAYOUT",
        "NEIGHBOR_FIXED_LAYOUT",
        "VLAN_TAG_BITS_LAYOUT",
        "VLAN_TAG_LAYOUT",
      ],
    );
    for (const name of names) expect(typeof (layouts as Record<string, { span?: unknown }>)[name]!.span).toBe("number");
    expect(layouts.ETHERNET_HEADER_LAYOUT).toBe(ETHERNET_HEADER_LAYOUT);
  });
});

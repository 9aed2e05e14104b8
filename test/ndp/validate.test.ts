import { describe, expect, it } from "vitest";
import { decodeEthernet } from "../../src/ethernet/ethernet.js";
import { decodeIpv6 } from "../../src/ipv6/ipv6.js";
import { decodeIcmpv6 } from "../../src/ndp/icmpv6.js";
import { decodeNdp } from "../../src/ndp/ndp.js";
import { buildNeighborAdvertisement, buildNeighborSolicitation, buildUnsolicitedNeighborAdvertisement } from "../../src/ndp/builders.js";
import { NDP_RULES, validateNdp, type NdpValidationInput } from "../../src/ndp/validate.js";
import { decodeFrame } from "../../src/frame.js";
import { buildGratuitousArp } from "../../src/arp/builders.js";

function decodeNdpFrame(frame: Uint8Array) {
  const eth = decodeEthernet(frame);
  const ip = decodeIpv6(frame, eth.payloadOffset, eth.payloadEnd);
  const ndp = decodeNdp(frame, eth.payloadOffset, ip.payloadOffset, ip.payloadEnd);
  if (ndp === undefined) throw new Error("not NS/NA");
  return { ethernet: eth.ethernet, ipv6: ip.ipv6, icmpv6: decodeIcmpv6(frame, eth.payloadOffset, ip.payloadOffset, ip.payloadEnd), ndp };
}

const ns = decodeNdpFrame(buildNeighborSolicitation({ mac: "02:00:00:00:00:02", source: "fe80::2", target: "fe80::1" }));
const dad = decodeNdpFrame(buildNeighborSolicitation({ mac: "02:00:00:00:00:02", source: "::", target: "fe80::1" }));
const na = decodeNdpFrame(buildNeighborAdvertisement({ solicitation: buildNeighborSolicitation({ mac: 2, source: "fe80::2", target: "fe80::1" }), mac: 1 }));
const una = decodeNdpFrame(buildUnsolicitedNeighborAdvertisement({ mac: 1, ip: "fe80::1" }));

function rules(frame: NdpValidationInput, ...solicitation: Parameters<typeof validateNdp>[1][]): string[] {
  const violations = validateNdp(frame, solicitation[0]);
  for (const v of violations) {
    // The rfc a violation cites is the one its rule declares (validation used to write its own strings).
    expect(v.rule in NDP_RULES).toBe(true);
    const sections: { ns?: string; na?: string } = NDP_RULES[v.rule as keyof typeof NDP_RULES];
    expect(v.rfc).toBe(frame.icmpv6?.type === 135 ? sections.ns : sections.na);
    expect(v.message.length).toBeGreaterThan(10);
  }
  return violations.map((v) => v.rule);
}

describe("validateNdp: RFC 4861 §7.1.1/§7.1.2 as Linux ndisc_rcv enforces them", () => {
  it("builder output is clean", () => {
    for (const frame of [ns, dad, na, una]) expect(validateNdp(frame)).toEqual([]);
    expect(validateNdp(na, ns)).toEqual([]);
  });

  it("IPv6 header rules: version 6, hop limit 255, payload length", () => {
    expect(rules({ ...ns, ipv6: { ...ns.ipv6, version: 4 } })).toEqual(["ipv6-version"]);
    expect(rules({ ...ns, ipv6: { ...ns.ipv6, hopLimit: 254 } })).toEqual(["ndp-hop-limit"]);
    expect(validateNdp({ ...na, ipv6: { ...na.ipv6, hopLimit: 1 } })[0]!.rfc).toBe("RFC 4861 §7.1.2");
    expect(rules({ ...ns, icmpv6Length: 40 })).toEqual(["ipv6-payload-length"]);
    expect(rules({ ...ns, icmpv6Length: 32 })).toEqual([]);
  });

  it("ICMP rules: code 0, valid checksum, length ≥ 24", () => {
    expect(rules({ ...ns, icmpv6: { ...ns.icmpv6, code: 1 } })).toEqual(["ndp-code"]);
    expect(rules({ ...na, icmpv6: { ...na.icmpv6, checksumValid: false } })).toEqual(["ndp-checksum"]);
    const short = { ethernet: ns.ethernet, ipv6: { ...ns.ipv6, payloadLength: 16 }, icmpv6: ns.icmpv6 };
    expect(rules(short)).toEqual(["ndp-length"]);
    expect(rules({ ...short, icmpv6: { ...ns.icmpv6, type: 134 } })).toEqual([]); // RA: not ours
  });

  it("target not multicast; every option longer than 0; link-layer options of 1 unit on Ethernet", () => {
    expect(rules({ ...ns, ndp: { ...ns.ndp, targetAddress: "ff02::1" } })).toEqual(["ndp-target-multicast"]);
    expect(rules({ ...na, ndp: { ...na.ndp, options: [{ type: 99, length: 0, data: new Uint8Array(0) }] } })).toEqual(["ndp-option-length-zero"]);
    const longLla = { ...ns, ndp: { ...ns.ndp, options: [{ type: 1 as const, length: 2, linkLayerAddress: "00:00:00:00:00:00:00:00:00:00:00:00:00:00" }] } };
    expect(rules(longLla)).toEqual(["ndp-link-layer-option-length"]);
    const { ethernet: _ethernet, ...withoutEthernet } = longLla;
    expect(rules(withoutEthernet)).toEqual([]); // other link types define other lengths
  });

  it("DAD NS: to a solicited-node group, without SLLA", () => {
    expect(rules({ ...dad, ipv6: { ...dad.ipv6, destination: "ff02::1" } })).toEqual(["ndp-dad-destination"]);
    expect(rules({ ...dad, ndp: ns.ndp })).toEqual(["ndp-dad-source-link-layer"]);
    // The same SLLA from a unicast source is fine.
    expect(rules(ns)).toEqual([]);
  });

  it("NA: S = 0 when multicast; a solicited NA answering a multicast NS carries a TLLA and the NS's target", () => {
    if (una.ndp.kind !== "neighbor-advertisement") throw new Error("not an NA");
    expect(rules({ ...una, ndp: { ...una.ndp, solicited: true } })).toEqual(["ndp-solicited-multicast"]);
    const noTlla = { ...na, ndp: { ...na.ndp, options: [] } };
    expect(rules(noTlla)).toEqual([]); // without the NS, the rule cannot be checked
    expect(rules(noTlla, ns)).toEqual(["ndp-missing-target-link-layer"]);
    expect(rules(noTlla, { ...ns, ipv6: { ...ns.ipv6, destination: "fe80::1" } })).toEqual([]); // unicast NS: TLLA optional
    expect(rules(na, { ...ns, ndp: { ...ns.ndp, targetAddress: "fe80::99" } })).toEqual(["ndp-target-mismatch"]);
  });

  it("other ICMPv6 types yield nothing", () => {
    expect(validateNdp({ ipv6: ns.ipv6, icmpv6: { type: 128, code: 5, checksum: 0, checksumValid: false } })).toEqual([]);
  });
});

describe("validateNdp takes any decoded frame", () => {
  it("validateNdp(decodeFrame(x)) type-checks, as docs/ndp.md shows, and is empty for frames without ICMPv6", () => {
    const arp = decodeFrame(buildGratuitousArp({ mac: "02:00:00:00:00:0b", ip: "192.0.2.240" }));
    expect(validateNdp(arp)).toEqual([]);
    const wrong = decodeFrame(buildUnsolicitedNeighborAdvertisement({ mac: "02:00:00:00:00:0b", ip: "2001:db8::f0", hopLimit: 254 }));
    expect(validateNdp(wrong).map((v) => v.rule)).toEqual(["ndp-hop-limit"]);
  });
});

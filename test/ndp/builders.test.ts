import { describe, expect, it } from "vitest";
import path from "node:path";
import { readPcapFrames } from "../helpers/pcap.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { fromHex, toHex } from "../../src/internal/bytes.js";
import { parseIpv6 } from "../../src/address/ipv6.js";
import { EthernetView, decodeEthernet } from "../../src/ethernet/ethernet.js";
import { Ipv6View, decodeIpv6 } from "../../src/ipv6/ipv6.js";
import { decodeIcmpv6 } from "../../src/ndp/icmpv6.js";
import { NdpView, decodeNdp } from "../../src/ndp/ndp.js";
import {
  buildNeighborAdvertisement,
  buildNeighborAdvertisementInto,
  buildNeighborSolicitation,
  buildNeighborSolicitationInto,
  buildUnsolicitedNeighborAdvertisement,
  buildUnsolicitedNeighborAdvertisementInto,
} from "../../src/ndp/builders.js";
import { validateNdp } from "../../src/ndp/validate.js";
import { buildArpRequest } from "../../src/arp/builders.js";
import { FrameView } from "../../src/frame.js";
import { FRAME_KIND } from "../../src/frame-kind.js";

function hex(text: string): Uint8Array {
  const bytes = fromHex(text);
  if (bytes === undefined) throw new Error(`bad hex ${text}`);
  return bytes;
}

function frames(name: string): Uint8Array[] {
  return readPcapFrames(path.join(CAPTURES_DIR, name)).map((f) => f.data);
}

/** The frame as decodeFrame would return it (Ethernet, IPv6, ICMPv6, NDP), built from the layer decoders. */
function decodeNdpFrame(frame: Uint8Array) {
  const eth = decodeEthernet(frame);
  const ip = decodeIpv6(frame, eth.payloadOffset, eth.payloadEnd);
  const ndp = decodeNdp(frame, eth.payloadOffset, ip.payloadOffset, ip.payloadEnd);
  if (ndp === undefined) throw new Error("not NS/NA");
  return {
    ethernet: eth.ethernet,
    ipv6: ip.ipv6,
    icmpv6: decodeIcmpv6(frame, eth.payloadOffset, ip.payloadOffset, ip.payloadEnd),
    ndp,
    icmpv6Length: ip.payloadEnd - ip.payloadOffset,
  };
}

/** The three views a FrameView exposes, positioned on `frame`. */
function viewsOf(frame: Uint8Array) {
  const ethernet = new EthernetView();
  expect(ethernet.reset(frame)).toBe(0);
  const ipv6 = new Ipv6View();
  expect(ipv6.reset(frame, ethernet.payloadOffset, ethernet.payloadEnd)).toBe(0);
  const ndp = new NdpView();
  expect(ndp.reset(frame, ipv6.start, ipv6.upperLayerOffset, ipv6.payloadEnd)).toBe(0);
  return { ethernet, ipv6, ndp };
}

describe("builders reproduce real frames byte for byte", () => {
  const [linuxNs, linuxNa] = frames("ndp_ns_na_solicited_lla.pcapng");

  it("buildNeighborSolicitation = the Linux NS (to the solicited-node group, SLLA, checksum 0x44b7)", () => {
    const built = buildNeighborSolicitation({ mac: "00:0c:29:2f:80:31", source: "2001:db8:1:2::1003", target: "2001:db8:1:2::1000" });
    expect(toHex(built)).toBe(toHex(linuxNs!));
  });

  it("buildNeighborAdvertisement answering it = the Linux NA (S+O, TLLA, checksum 0x8beb), from bytes, object or view", () => {
    const mac = "00:0c:29:1f:a7:55";
    expect(toHex(buildNeighborAdvertisement({ solicitation: linuxNs!, mac }))).toBe(toHex(linuxNa!));
    expect(toHex(buildNeighborAdvertisement({ solicitation: decodeNdpFrame(linuxNs!), mac }))).toBe(toHex(linuxNa!));
    expect(toHex(buildNeighborAdvertisement({ solicitation: viewsOf(linuxNs!), mac: 0x000c291fa755 }))).toBe(toHex(linuxNa!));
  });

  it("DAD probe with a nonce = tcpdump's icmpv6-ns-nonce capture", () => {
    const [frame] = frames("ndp_ns_dad_nonce.pcap");
    const built = buildNeighborSolicitation({ mac: "56:6f:f7:e1:00:0f", source: "::", target: "fe80::546f:f7ff:fee1:f", nonce: hex("6069604c0aaa") });
    expect(toHex(built)).toBe(toHex(frame!));
  });

  it("DAD probe without a nonce = gopacket's testPacketICMPv6NeighborSolicitation (checksum 0xb930)", () => {
    const gopacket =
      "3333ff0e4c67000c290e4c6786dd6000000000183aff00000000000000000000000000000000ff0200000000000000000001ff0e4c678700b93000000000fe80000000000000020c29fffe0e4c67";
    expect(toHex(buildNeighborSolicitation({ mac: "00:0c:29:0e:4c:67", source: "::", target: "fe80::20c:29ff:fe0e:4c67" }))).toBe(gopacket);
  });

  it("unsolicited NA R+O = Zeek's capture and PcapPlusPlus IcmpV6_NeighAdv.dat except the router's traffic class 0xe0", () => {
    const expected = frames("ndp_dad_ns_unsolicited_na_ra_rs.pcap")[1]!;
    const built = buildUnsolicitedNeighborAdvertisement({ mac: "c2:00:54:f5:00:00", ip: "fe80::c000:54ff:fef5:0", router: true });
    expect(toHex(built.subarray(0, 14))).toBe(toHex(expected.subarray(0, 14)));
    expect(built[14]).toBe(0x60);
    expect(toHex(built.subarray(16))).toBe(toHex(expected.subarray(16))); // checksum 0x9abb: traffic class is not in the pseudo-header
  });

  it("the solicited-node vector: fe80::bae8:58ff:fed4:e5f6 → ff02::1:ffd4:e5f6 and 33:33:ff:d4:e5:f6", () => {
    const built = decodeNdpFrame(buildNeighborSolicitation({ mac: 2, source: "fe80::1", target: "fe80::bae8:58ff:fed4:e5f6" }));
    expect(built.ipv6.destination).toBe("ff02::1:ffd4:e5f6");
    expect(built.ethernet.destination).toBe("33:33:ff:d4:e5:f6");
  });
});

describe("buildNeighborAdvertisement", () => {
  it("answers a DAD probe with S = 0 to ff02::1 (RFC 4861 §7.2.4)", () => {
    const [dad] = frames("ndp_ns_dad_nonce.pcap");
    const na = decodeNdpFrame(buildNeighborAdvertisement({ solicitation: dad!, mac: "02:00:00:00:00:01" }));
    expect(na.ethernet.destination).toBe("33:33:00:00:00:01");
    expect(na.ipv6).toMatchObject({ source: "fe80::546f:f7ff:fee1:f", destination: "ff02::1", hopLimit: 255 });
    expect(na.ndp).toMatchObject({ solicited: false, override: true, router: false, targetAddress: "fe80::546f:f7ff:fee1:f" });
    expect(na.icmpv6.checksumValid).toBe(true);
    expect(validateNdp(na)).toEqual([]);
  });

  it("goes to the NS frame's Ethernet source when the NS has no SLLA; copies its VLAN tags raw", () => {
    // A unicast NS without SLLA behind two tags (S-tag VID 10 PCP 3, C-tag VID 20 DEI).
    const ns = buildNeighborSolicitation({
      mac: "02:aa:00:00:00:09",
      source: "2001:db8::9",
      target: "2001:db8::1",
      destination: "2001:db8::1",
      destinationMac: "02:00:00:00:00:01",
      vlan: [{ id: 10, priority: 3 }, { id: 20, dropEligible: true }],
    });
    // Drop the SLLA from the decoded NS: the reply must then go to the NS frame's Ethernet source.
    const decodedNs = decodeNdpFrame(ns);
    expect(decodedNs.ndp.options).toHaveLength(1);
    const withoutSlla = { ...decodedNs, ndp: { ...decodedNs.ndp, options: [] } };
    const na = decodeNdpFrame(buildNeighborAdvertisement({ solicitation: withoutSlla, mac: "02:00:00:00:00:01", router: true, override: false }));
    expect(na.ethernet.destination).toBe("02:aa:00:00:00:09");
    expect(na.ethernet.vlans).toEqual(decodedNs.ethernet.vlans);
    expect(na.ndp).toMatchObject({ router: true, solicited: true, override: false });
    const fromView = buildNeighborAdvertisement({ solicitation: ns, mac: "02:00:00:00:00:01" });
    expect(toHex(fromView.subarray(12, 22))).toBe(toHex(ns.subarray(12, 22))); // tags and EtherType as in the NS
    expect(decodeNdpFrame(buildNeighborAdvertisement({ solicitation: ns, mac: 1, vlan: { id: 7 } })).ethernet.vlans).toEqual([
      { tpid: 0x8100, priority: 0, dropEligible: false, id: 7 },
    ]);
  });

  it("a FrameView whose kind is not an NS gets 0, though its NDP view still holds the last NS (a reused buffer)", () => {
    const ns = buildNeighborSolicitation({ mac: 1, source: "2001:db8::1", target: "2001:db8::2" });
    const buffer = new Uint8Array(200);
    buffer.set(ns);
    const view = new FrameView();
    expect(view.reset(buffer, 0, ns.length)).toBe(0);
    const out = new Uint8Array(200).fill(0xaa);
    expect(buildNeighborAdvertisementInto({ solicitation: view, mac: 1 }, out)).toBe(86); // 14 + 40 + 24 + 8
    out.fill(0xaa);
    const arp = buildArpRequest({ mac: 1, ip: "192.0.2.1", targetIp: "192.0.2.2" });
    buffer.set(arp);
    expect(view.reset(buffer, 0, arp.length)).toBe(0);
    expect(view.kind).toBe(FRAME_KIND.ARP);
    expect(buildNeighborAdvertisementInto({ solicitation: view, mac: 1 }, out)).toBe(0);
    expect(out.every((b) => b === 0xaa)).toBe(true);
  });

  it("refuses what is not an NS, before writing", () => {
    const out = new Uint8Array(200).fill(0xaa);
    const na = buildUnsolicitedNeighborAdvertisement({ mac: 1, ip: "2001:db8::1" });
    expect(() => buildNeighborAdvertisementInto({ solicitation: na, mac: 1 }, out)).toThrow(/not an IPv6 Neighbor Solicitation/);
    expect(() => buildNeighborAdvertisementInto({ solicitation: decodeNdpFrame(na), mac: 1 }, out)).toThrow(/not an IPv6 Neighbor Solicitation/);
    expect(buildNeighborAdvertisementInto({ solicitation: viewsOf(na), mac: 1 }, out)).toBe(0); // views never throw
    expect(() => buildNeighborAdvertisement({ solicitation: viewsOf(na), mac: 1 })).toThrow(/not an IPv6 Neighbor Solicitation/);
    expect(() => buildNeighborAdvertisementInto({ solicitation: new Uint8Array(10), mac: 1 }, out)).toThrow(expect.objectContaining({ code: "TRUNCATED" }));
    expect(() => buildNeighborAdvertisementInto({ solicitation: frames("ndp_ns_dad_nonce.pcap")[0]!, mac: 1 }, out, 150)).toThrow(
      expect.objectContaining({ code: "BUFFER_TOO_SMALL" }),
    );
    expect(out.every((b) => b === 0xaa)).toBe(true);
  });
});

describe("buildNeighborSolicitation and buildUnsolicitedNeighborAdvertisement options", () => {
  it("a unicast NS (NUD) needs destinationMac; a multicast destination derives its MAC", () => {
    expect(() => buildNeighborSolicitation({ mac: 1, source: "fe80::1", target: "fe80::2", destination: "fe80::2" })).toThrow(/destinationMac/);
    const nud = decodeNdpFrame(
      buildNeighborSolicitation({ mac: 1, source: "fe80::1", target: "fe80::2", destination: "fe80::2", destinationMac: "02:00:00:00:00:02" }),
    );
    expect(nud.ethernet.destination).toBe("02:00:00:00:00:02");
    expect(nud.ipv6.destination).toBe("fe80::2");
    expect(validateNdp(nud)).toEqual([]);
    const all = decodeNdpFrame(buildNeighborSolicitation({ mac: 1, source: "fe80::1", target: "fe80::2", destination: "ff02::1" }));
    expect(all.ethernet.destination).toBe("33:33:00:00:00:01");
  });

  it("unsolicited NA: O = 1, S = 0, TLLA, source defaults to ip; MetalLB-style link-local source and VLAN", () => {
    const una = decodeNdpFrame(buildUnsolicitedNeighborAdvertisement({ mac: "02:00:00:00:00:01", ip: "2001:db8::f0" }));
    expect(una.ipv6).toMatchObject({ source: "2001:db8::f0", destination: "ff02::1", hopLimit: 255 });
    expect(una.ndp).toEqual({
      kind: "neighbor-advertisement",
      router: false,
      solicited: false,
      override: true,
      reserved: 0,
      targetAddress: "2001:db8::f0",
      options: [{ type: 2, length: 1, linkLayerAddress: "02:00:00:00:00:01" }],
    });
    const metallb = decodeNdpFrame(
      buildUnsolicitedNeighborAdvertisement({ mac: "02:00:00:00:00:01", ip: "2001:db8::f0", source: "fe80::ff:fe00:1", vlan: { id: 42 } }),
    );
    expect(metallb.ipv6.source).toBe("fe80::ff:fe00:1");
    expect(metallb.ethernet.vlans.map((v) => v.id)).toEqual([42]);
    expect(metallb.icmpv6.checksumValid).toBe(true);
  });

  it("hopLimit and checksum overrides are written as given (and validation notices)", () => {
    const bad = decodeNdpFrame(buildUnsolicitedNeighborAdvertisement({ mac: 1, ip: "2001:db8::1", hopLimit: 64, checksum: 0x1234 }));
    expect(bad.ipv6.hopLimit).toBe(64);
    expect(bad.icmpv6.checksum).toBe(0x1234);
    expect(validateNdp(bad).map((v) => v.rule)).toEqual(["ndp-hop-limit", "ndp-checksum"]);
    expect(() => buildUnsolicitedNeighborAdvertisement({ mac: 1, ip: "2001:db8::1", hopLimit: 256 })).toThrow(/hopLimit/);
    expect(() => buildUnsolicitedNeighborAdvertisement({ mac: 1, ip: "2001:db8::1", checksum: 0x10000 })).toThrow(/checksum/);
    expect(() => buildUnsolicitedNeighborAdvertisement({ mac: 2 ** 48, ip: "2001:db8::1" })).toThrow(/MAC/);
    expect(() => buildUnsolicitedNeighborAdvertisement({ mac: 1, ip: "2001:db8::1", vlan: { id: 4096 } })).toThrow(/VLAN/);
  });

  it("Into twins write at an offset, equal the allocating builders, and overwrite a dirty buffer fully", () => {
    const ns = { mac: 0x020000000002, source: parseIpv6("2001:db8::2"), target: parseIpv6("2001:db8::1"), nonce: hex("0102030405060708") };
    const una = { mac: 0x020000000001, ip: parseIpv6("2001:db8::1"), vlan: [{ id: 1 }, { id: 2 }] };
    const cases: [Uint8Array, (out: Uint8Array, offset: number) => number][] = [
      [buildNeighborSolicitation(ns), (out, offset) => buildNeighborSolicitationInto(ns, out, offset)],
      [buildUnsolicitedNeighborAdvertisement(una), (out, offset) => buildUnsolicitedNeighborAdvertisementInto(una, out, offset)],
    ];
    const nsBytes = buildNeighborSolicitation(ns);
    const reply = { solicitation: viewsOf(nsBytes), mac: 0x020000000001 };
    cases.push([buildNeighborAdvertisement(reply), (out, offset) => buildNeighborAdvertisementInto(reply, out, offset)]);
    for (const [expected, into] of cases) {
      const out = new Uint8Array(expected.length + 7).fill(0xaa);
      expect(into(out, 7)).toBe(expected.length + 7);
      expect(toHex(out.subarray(7))).toBe(toHex(expected));
      expect(out.subarray(0, 7).every((b) => b === 0xaa)).toBe(true);
    }
  });
});

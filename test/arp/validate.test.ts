import { describe, expect, it } from "vitest";
import path from "node:path";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";
import { ArpView, decodeArp, type ArpPacket } from "../../src/arp/arp.js";
import { ARP_RULES, classifyArp, validateArp, type ArpKind } from "../../src/arp/validate.js";
import { buildArpProbe, buildArpRequest, buildGratuitousArp } from "../../src/arp/builders.js";
import { EthernetView, decodeEthernet, type EthernetHeader } from "../../src/ethernet/ethernet.js";

const good: ArpPacket = {
  hardwareType: 1,
  protocolType: 0x0800,
  hardwareLength: 6,
  protocolLength: 4,
  operation: 1,
  senderHardwareAddress: "02:00:00:00:00:01",
  senderProtocolAddress: "192.0.2.1",
  targetHardwareAddress: "00:00:00:00:00:00",
  targetProtocolAddress: "192.0.2.2",
};

const ethernet: EthernetHeader = { destination: "ff:ff:ff:ff:ff:ff", source: "02:00:00:00:00:01", etherType: 0x0806, vlans: [] };

function rules(arp: Partial<ArpPacket>, eth?: EthernetHeader): string[] {
  return validateArp({ ...good, ...arp }, eth).map((v) => v.rule);
}

describe("validateArp", () => {
  it("accepts a plain request, reply, probe and announcement", () => {
    expect(validateArp(good, ethernet)).toEqual([]);
    expect(rules({ operation: 2 }, ethernet)).toEqual([]);
    expect(rules({ senderProtocolAddress: "0.0.0.0" }, ethernet)).toEqual([]);
    expect(rules({ targetProtocolAddress: "192.0.2.1" }, ethernet)).toEqual([]);
    expect(rules({ hardwareType: 6 }, { ...ethernet, etherType: 38, llc: { dsap: 0xaa, ssap: 0xaa, control: 3, oui: 0, protocolId: 0x0806 } })).toEqual([]);
  });

  it("flags each rule with its source", () => {
    expect(rules({ hardwareLength: 8, senderHardwareAddress: "aa", targetHardwareAddress: "bb" })).toEqual(["arp-hardware-length"]);
    expect(rules({ protocolLength: 16 })).toEqual(["arp-protocol-length"]);
    expect(rules({ hardwareType: 32 }, ethernet)).toEqual(["arp-hardware-type"]);
    expect(rules({ protocolType: 0x0806, senderProtocolAddress: "c0:00:02:01", targetProtocolAddress: "c0:00:02:02" }, ethernet)).toEqual([
      "arp-protocol-type",
    ]);
    expect(rules({ operation: 3 }, ethernet)).toEqual(["arp-operation"]);
    expect(rules({ operation: 0 })).toEqual(["arp-operation"]);
    expect(rules({ targetProtocolAddress: "224.0.0.251" })).toEqual(["arp-target-multicast"]);
    expect(rules({ targetProtocolAddress: "127.0.0.1" })).toEqual(["arp-target-loopback"]);
    expect(rules({ senderProtocolAddress: "239.1.2.3" })).toEqual(["arp-sender-multicast"]);
    expect(rules({ senderProtocolAddress: "255.255.255.255" })).toEqual(["arp-sender-multicast"]);
    expect(rules({ senderHardwareAddress: "01:00:5e:00:00:01" })).toEqual(["arp-sender-hardware-multicast"]);
    expect(rules({ senderHardwareAddress: "ff:ff:ff:ff:ff:ff" })).toEqual(["arp-sender-hardware-multicast"]);
    const v = validateArp({ ...good, targetProtocolAddress: "224.0.0.1" });
    expect(v[0]).toMatchObject({ rfc: expect.stringContaining("arp_process"), message: expect.stringContaining("224.0.0.1") });
    expect(validateArp({ ...good, senderHardwareAddress: "ff:ff:ff:ff:ff:ff" })[0]?.rfc).toBe("RFC 1812 §3.3.2");
  });

  it("InfiniBand wants hlen 20 (RFC 4391); RARP frames want operations 3/4 (RFC 903)", () => {
    expect(rules({ hardwareType: 32, hardwareLength: 20 })).toEqual([]);
    expect(rules({ hardwareType: 32, hardwareLength: 6 })).toEqual(["arp-hardware-length"]);
    const rarp = { ...ethernet, etherType: 0x8035 };
    expect(rules({ operation: 3, senderProtocolAddress: "0.0.0.0", targetProtocolAddress: "0.0.0.0" }, rarp)).toEqual([]);
    expect(rules({ operation: 1 }, rarp)).toEqual(["rarp-operation"]);
  });

  it("reports every rule a frame breaks", () => {
    expect(
      rules({ hardwareType: 9, protocolType: 0x0800, protocolLength: 3, operation: 7, senderProtocolAddress: "01:02:03", targetProtocolAddress: "e0:00:01" }, ethernet),
    ).toEqual(["arp-protocol-length", "arp-hardware-type", "arp-operation"]);
  });

  it("the captures' well-formed frames: the RFC-conforming ones pass, the fuzzed and oversized ones do not", () => {
    const clean = ["arp_request_reply.pcapng", "arp_gratuitous_announcement.pcapng", "arp_dot1q_vlan_gratuitous.pcap", "arp_qinq_8021ad.pcap", "rarp_request_reply.pcapng"];
    for (const file of clean) {
      for (const frame of readPcapFrames(path.join(CAPTURES_DIR, file))) {
        const d = decodeEthernet(frame.data);
        if (d.protocol !== 0x0806 && d.protocol !== 0x8035) continue;
        expect(validateArp(decodeArp(frame.data, d.payloadOffset), d.ethernet), file).toEqual([]);
      }
    }
    const oversized = readPcapFrames(path.join(CAPTURES_DIR, "arp_oversized_hlen_plen_255.pcap"));
    const found = oversized.map((f) => validateArp(decodeArp(f.data, 14), decodeEthernet(f.data).ethernet).map((v) => v.rule));
    expect(found[0]).toEqual(["arp-hardware-length"]);
    expect(found[2]).toEqual(["arp-protocol-length"]);
    expect(found[4]).toEqual(["arp-hardware-length", "arp-protocol-length"]);
  });
});

describe("classifyArp", () => {
  const cases: [string, Uint8Array, ArpKind][] = [
    ["probe", buildArpProbe({ mac: 1, ip: "192.0.2.1" }), "probe"],
    ["announcement", buildGratuitousArp({ mac: 1, ip: "192.0.2.1" }), "announcement"],
    ["MetalLB reply (THA broadcast)", buildGratuitousArp({ mac: 1, ip: "192.0.2.1", operation: "reply", targetHardwareAddress: "broadcast" }), "gratuitous-reply"],
    ["gratuitous reply (THA = SHA)", buildGratuitousArp({ mac: 1, ip: "192.0.2.1", operation: "reply" }), "gratuitous-reply"],
    ["request", buildArpRequest({ mac: 1, ip: "192.0.2.1", targetIp: "192.0.2.2" }), "request"],
    ["request for 0.0.0.0 from 0.0.0.0", buildArpRequest({ mac: 1, ip: 0, targetIp: 0 }), "request"],
  ];
  for (const [what, frame, kind] of cases) {
    it(`${what} → ${kind}, from the object and from the view`, () => {
      expect(classifyArp(decodeArp(frame, 14))).toBe(kind);
      const view = new ArpView();
      expect(view.reset(frame, 14)).toBe(0);
      expect(classifyArp(view)).toBe(kind);
    });
  }

  it("reply, other, and a generic (non-IPv4) announcement", () => {
    expect(classifyArp({ ...good, operation: 2 })).toBe("reply");
    expect(classifyArp({ ...good, operation: 3 })).toBe("other");
    expect(classifyArp({ ...good, protocolType: 0x1234, senderProtocolAddress: "0a:0b", targetProtocolAddress: "0a:0b", protocolLength: 2 })).toBe("announcement");
    expect(classifyArp({ ...good, protocolLength: 0, senderProtocolAddress: "", targetProtocolAddress: "" })).toBe("request");
  });

  it("counts 33 probes and 11 announcements in mixed_arp_probe_announce_ndp_dad_boot.pcap (as its README says)", () => {
    const counts: Record<string, number> = {};
    const eth = new EthernetView();
    const view = new ArpView();
    for (const frame of readPcapFrames(path.join(CAPTURES_DIR, "mixed_arp_probe_announce_ndp_dad_boot.pcap"))) {
      if (eth.reset(frame.data) !== 0 || eth.protocol !== 0x0806) continue;
      expect(view.reset(frame.data, eth.payloadOffset, eth.payloadEnd)).toBe(0);
      const kind = classifyArp(view);
      expect(classifyArp(decodeArp(frame.data, eth.payloadOffset))).toBe(kind);
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    expect(counts.probe).toBe(33);
    expect(counts.announcement).toBe(11);
  });
});

describe("ARP_RULES is the one home of each rule's citation", () => {
  it("every violation's rfc is its rule's entry, for every rule a malformed capture triggers", () => {
    const seen = new Set<string>();
    for (const { data } of readPcapFrames(path.join(CAPTURES_DIR, "arp_malformed_fuzz_oobr.pcap"))) {
      const eth = new EthernetView();
      if (eth.reset(data) !== 0) continue;
      const arp = new ArpView();
      if (arp.reset(data, eth.payloadOffset, eth.payloadEnd) !== 0) continue;
      for (const v of validateArp(decodeArp(data, eth.payloadOffset, eth.payloadEnd), decodeEthernet(data).ethernet)) {
        expect(v.rule in ARP_RULES, v.rule).toBe(true);
        expect(v.rfc).toBe(ARP_RULES[v.rule as keyof typeof ARP_RULES]);
        seen.add(v.rule);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });
});

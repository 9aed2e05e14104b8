import { describe, expect, it } from "vitest";
import fc from "fast-check";
import path from "node:path";
import { fcOptions } from "../helpers/fc.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";
import {
  buildArpProbe,
  buildArpProbeInto,
  buildArpReply,
  buildArpReplyInto,
  buildArpRequest,
  buildArpRequestInto,
  buildGratuitousArp,
  buildGratuitousArpInto,
  type ArpReplyOptions,
} from "../../src/arp/builders.js";
import { ArpView, decodeArp, encodeArp } from "../../src/arp/arp.js";
import { FrameView } from "../../src/frame.js";
import { FRAME_KIND } from "../../src/frame-kind.js";
import { buildNeighborSolicitation } from "../../src/ndp/builders.js";
import { EthernetView, decodeEthernet } from "../../src/ethernet/ethernet.js";
import { fromHex, toHex } from "../../src/internal/bytes.js";
import { vlanTagInputArb } from "../helpers/arbitraries.js";

function hex(text: string): Uint8Array {
  const b = fromHex(text.replace(/\s+/g, ""));
  if (b === undefined) throw new Error(`bad hex in test: ${text}`);
  return b;
}

const PAD18 = "00".repeat(18);

function captureFrame(file: string, index: number): Uint8Array {
  const frame = readPcapFrames(path.join(CAPTURES_DIR, file))[index];
  if (frame === undefined) throw new Error(`${file} has no frame ${index}`);
  return frame.data;
}

describe("buildGratuitousArp", () => {
  // MetalLB's failover pair (metallb internal/layer2/arp.go Gratuitous: arp.NewPacket(op, mac, ip,
  // ethernet.Broadcast, ip) written to ethernet.Broadcast), built by hand from the RFC 826 fields for
  // mac 52:54:00:12:34:56 and ip 192.168.1.240 (c0 a8 01 f0):
  //   Ethernet dst ff:ff:ff:ff:ff:ff | src 52:54:00:12:34:56 | type 0806
  //   ARP htype 0001 | ptype 0800 | hlen 06 | plen 04 | op 0001 or 0002
  //       SHA 525400123456 | SPA c0a801f0 | THA ffffffffffff | TPA c0a801f0
  //   18 zero bytes of padding: 60 bytes in all.
  const metallbRequest = hex(`ffffffffffff 525400123456 0806 0001 0800 06 04 0001 525400123456 c0a801f0 ffffffffffff c0a801f0 ${PAD18}`);
  const metallbReply = hex(`ffffffffffff 525400123456 0806 0001 0800 06 04 0002 525400123456 c0a801f0 ffffffffffff c0a801f0 ${PAD18}`);

  it("builds MetalLB's request/reply pair byte for byte", () => {
    const request = buildGratuitousArp({ mac: "52:54:00:12:34:56", ip: "192.168.1.240", operation: "request", targetHardwareAddress: "broadcast" });
    const reply = buildGratuitousArp({ mac: "52:54:00:12:34:56", ip: "192.168.1.240", operation: "reply", targetHardwareAddress: "broadcast" });
    expect(request.length).toBe(60);
    expect(toHex(request)).toBe(toHex(metallbRequest));
    expect(toHex(reply)).toBe(toHex(metallbReply));
    // Numbers and bytes give the same frames.
    expect(buildGratuitousArp({ mac: 0x525400123456, ip: 0xc0a801f0, operation: "reply", targetHardwareAddress: 0xffff_ffff_ffff })).toEqual(metallbReply);
    expect(buildGratuitousArp({ mac: hex("525400123456"), ip: hex("c0a801f0"), operation: "reply", targetHardwareAddress: "broadcast" })).toEqual(metallbReply);
  });

  it("defaults to the RFC 5227 §2.3 announcement, identical to the announcement in arp_gratuitous_announcement.pcapng", () => {
    const captured = captureFrame("arp_gratuitous_announcement.pcapng", 0);
    const built = buildGratuitousArp({ mac: "00:03:47:b7:f2:f5", ip: "24.6.125.19" });
    expect(toHex(built)).toBe(toHex(captured));
    expect(toHex(built)).toBe(
      toHex(hex(`ffffffffffff 000347b7f2f5 0806 0001 0800 06 04 0001 000347b7f2f5 18067d13 000000000000 18067d13 ${PAD18}`)),
    );
  });

  it("a reply defaults to THA = SHA (the form Linux's arp_is_garp accepts); THA can be zero, sender or any MAC", () => {
    const reply = decodeArp(buildGratuitousArp({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", operation: "reply" }), 14);
    expect(reply.targetHardwareAddress).toBe("02:00:00:00:00:01");
    const zero = decodeArp(buildGratuitousArp({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", operation: "reply", targetHardwareAddress: "zero" }), 14);
    expect(zero.targetHardwareAddress).toBe("00:00:00:00:00:00");
    const sender = decodeArp(buildGratuitousArp({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetHardwareAddress: "sender" }), 14);
    expect(sender.targetHardwareAddress).toBe("02:00:00:00:00:01");
    const other = decodeArp(buildGratuitousArp({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetHardwareAddress: "02:00:00:00:00:09" }), 14);
    expect(other.targetHardwareAddress).toBe("02:00:00:00:00:09");
  });

  it("takes a destination and a VLAN tag or a stack", () => {
    const one = buildGratuitousArp({ mac: 1, ip: 2, destination: "01:00:5e:00:00:01", vlan: { id: 100, priority: 5, dropEligible: true } });
    expect(one.length).toBe(64);
    expect(toHex(one.subarray(0, 18))).toBe("01005e000001000000000001" + "8100" + "b064" + "0806");
    const stack = buildGratuitousArp({ mac: 1, ip: 2, vlan: [{ id: 200 }, { id: 2001 }] });
    expect(stack.length).toBe(68);
    expect(toHex(stack.subarray(12, 22))).toBe("88a800c8810007d10806");
  });
});

describe("buildArpProbe / buildArpRequest", () => {
  it("probe: RFC 5227 §2.1.1, identical to a probe of mixed_arp_probe_announce_ndp_dad_boot.pcap plus padding", () => {
    const captured = captureFrame("mixed_arp_probe_announce_ndp_dad_boot.pcap", 8);
    expect(captured.length).toBe(42);
    const built = buildArpProbe({ mac: "68:5d:43:8b:f9:de", ip: "192.168.0.13" });
    expect(built.length).toBe(60);
    expect(toHex(built)).toBe(toHex(captured) + PAD18);
    expect(decodeArp(built, 14)).toMatchObject({ operation: 1, senderProtocolAddress: "0.0.0.0", targetHardwareAddress: "00:00:00:00:00:00" });
  });

  it("request: PcapPlusPlus ArpRequestPacket.dat plus padding; with two 802.1Q tags, ArpRequestWithVlan.dat", () => {
    const plain = buildArpRequest({ mac: "6c:f0:49:b2:de:6e", ip: "10.0.0.1", targetIp: "10.0.0.138" });
    expect(toHex(plain)).toBe("ffffffffffff6cf049b2de6e080600010800060400016cf049b2de6e0a0000010000000000000a00008a" + PAD18);
    const tagged = buildArpRequest({
      mac: "ca:03:0d:b4:00:1c",
      ip: "192.168.2.200",
      targetIp: "192.168.2.254",
      vlan: [
        // TCI 0xb29a: PCP 5, DEI 1, VID 666 (vectors.md names PCP and VID only).
        { id: 666, priority: 5, dropEligible: true, tpid: 0x8100 },
        { id: 200, priority: 2 },
      ],
    });
    expect(tagged.length).toBe(68);
    expect(toHex(tagged.subarray(0, 50))).toBe("ffffffffffffca030db4001c8100b29a810040c808060001080006040001ca030db4001cc0a802c8000000000000c0a802fe");
    expect(tagged.subarray(50).every((b) => b === 0)).toBe(true);
  });

  it("request to a unicast destination (scapy l2.uts line 149 frame, padded)", () => {
    const built = buildArpRequest({ mac: "aa:aa:aa:aa:aa:aa", ip: "192.168.0.1", targetIp: "192.168.0.2", destination: "cc:cc:cc:cc:cc:cc" });
    expect(toHex(built)).toBe("ccccccccccccaaaaaaaaaaaa08060001080006040001aaaaaaaaaaaac0a80001000000000000c0a80002" + PAD18);
  });
});

describe("buildArpReply", () => {
  const request = captureFrame("arp_request_reply.pcapng", 0);
  const capturedReply = captureFrame("arp_request_reply.pcapng", 1);

  function views(frame: Uint8Array): { ethernet: EthernetView; arp: ArpView } {
    const ethernet = new EthernetView();
    const arp = new ArpView();
    expect(ethernet.reset(frame)).toBe(0);
    expect(arp.reset(frame, ethernet.payloadOffset, ethernet.payloadEnd)).toBe(0);
    return { ethernet, arp };
  }

  function decoded(frame: Uint8Array): ArpReplyOptions["request"] {
    const eth = decodeEthernet(frame);
    return { ethernet: eth.ethernet, arp: decodeArp(frame, eth.payloadOffset, eth.payloadEnd) };
  }

  it("answers the captured 42-byte request exactly as the captured reply (whose 4 trailing bytes become zero padding)", () => {
    const mac = "00:13:46:0b:22:ba";
    const fromBytes = buildArpReply({ request, mac });
    expect(fromBytes.length).toBe(60);
    expect(toHex(fromBytes.subarray(0, 42))).toBe(toHex(capturedReply.subarray(0, 42)));
    expect(fromBytes.subarray(42).every((b) => b === 0)).toBe(true);
    expect(buildArpReply({ request: views(request), mac })).toEqual(fromBytes);
    expect(buildArpReply({ request: decoded(request), mac })).toEqual(fromBytes);
  });

  it("keeps the request's QinQ tags: the reply to arp_qinq_8021ad.pcap's request is its captured reply", () => {
    const qinqRequest = captureFrame("arp_qinq_8021ad.pcap", 0);
    const qinqReply = captureFrame("arp_qinq_8021ad.pcap", 1);
    const built = buildArpReply({ request: qinqRequest, mac: "00:80:ea:81:88:63" });
    expect(built.length).toBe(68);
    expect(toHex(built.subarray(0, 50))).toBe(toHex(qinqReply.subarray(0, 50)));
    expect(buildArpReply({ request: decoded(qinqRequest), mac: 0x0080ea818863 })).toEqual(built);
    expect(buildArpReply({ request: views(qinqRequest), mac: hex("0080ea818863") })).toEqual(built);
  });

  it("refuses anything but an Ethernet II, EtherType 0x0806, Ethernet/IPv4 request with INVALID_FIELD (layer builder)", () => {
    const mac = 0x020000000001;
    const reply = captureFrame("arp_request_reply.pcapng", 1);
    const rarp = captureFrame("rarp_request_reply.pcapng", 0);
    const snap = captureFrame("arp_8022_snap_hwtype6.pcapng", 0);
    const oversized = captureFrame("arp_oversized_hlen_plen_255.pcap", 0);
    const ipv6Frame = encodeArpFrame({ protocolType: 0x86dd, senderProtocolAddress: "::1", targetProtocolAddress: "::2" });
    const bad: [string, ArpReplyOptions["request"]][] = [
      ["a reply", reply],
      ["RARP", rarp],
      ["802.3 LLC/SNAP with htype 6", snap],
      ["hlen 255", oversized],
      ["IPv6 protocol addresses", ipv6Frame],
      ["a truncated frame", request.subarray(0, 30)],
      ["a runt", request.subarray(0, 10)],
      ["decoded reply", decoded(reply)],
      ["decoded RARP", decoded(rarp)],
      ["views of a reply", views(reply)],
      ["an object without ARP", { ethernet: decodeEthernet(request).ethernet }],
    ];
    for (const [what, req] of bad) {
      expect(() => buildArpReply({ request: req, mac }), what).toThrow(expect.objectContaining({ code: "INVALID_FIELD", layer: "builder" }));
    }
    const stale = views(request);
    stale.arp.start += 1;
    expect(() => buildArpReply({ request: stale, mac })).toThrow(expect.objectContaining({ code: "INVALID_FIELD", layer: "builder" }));
    expect(() => buildArpReply({ request, mac: "nope" })).toThrow(expect.objectContaining({ code: "INVALID_FIELD", layer: "address" }));
  });

  it("given views, returns 0 and writes nothing for a frame it cannot answer, never throwing (a FrameView of another kind too)", () => {
    const mac = 0x020000000001;
    const out = new Uint8Array(100).fill(0xaa);
    const frames: [string, Uint8Array][] = [
      ["a reply", captureFrame("arp_request_reply.pcapng", 1)],
      ["RARP", captureFrame("rarp_request_reply.pcapng", 0)],
      ["RARP with operation 1", Uint8Array.from(request, (b, i) => (i === 13 ? 0x35 : i === 12 ? 0x80 : b))],
      ["802.3 LLC/SNAP with htype 6", captureFrame("arp_8022_snap_hwtype6.pcapng", 0)],
      ["hlen 255", captureFrame("arp_oversized_hlen_plen_255.pcap", 0)],
      ["IPv6 protocol addresses", encodeArpFrame({ protocolType: 0x86dd, senderProtocolAddress: "::1", targetProtocolAddress: "::2" })],
      ["hardware type 6", encodeArpFrame({ hardwareType: 6 })],
      ["protocol type 0x86dd, plen 4", encodeArpFrame({ protocolType: 0x86dd })],
    ];
    for (const [what, frame] of frames) {
      expect(buildArpReplyInto({ request: views(frame), mac }, out), what).toBe(0);
      const view = new FrameView();
      view.reset(frame);
      expect(buildArpReplyInto({ request: view, mac }, out), `${what} (FrameView)`).toBe(0);
    }
    // A FrameView left on an ARP request, then reset to an NS in the same buffer: its ARP view is stale.
    const buffer = new Uint8Array(200);
    buffer.set(request);
    const view = new FrameView();
    expect(view.reset(buffer, 0, request.length)).toBe(0);
    buffer.set(buildNeighborSolicitation({ mac: 1, source: "2001:db8::1", target: "2001:db8::2" }));
    expect(view.reset(buffer, 0, 86)).toBe(0);
    expect(view.kind).toBe(FRAME_KIND.NEIGHBOR_SOLICITATION);
    expect(buildArpReplyInto({ request: view, mac }, out)).toBe(0);
    expect(out.every((b) => b === 0xaa)).toBe(true);
  });

  it("answers in place, in the request's own buffer", () => {
    const expected = buildArpReply({ request, mac: 0x020000000001 });
    const buffer = new Uint8Array(80).fill(0xaa);
    buffer.set(request, 5);
    const v = views(buffer.subarray(0)); // views over the whole buffer, frame at 5
    expect(v.ethernet.reset(buffer, 5, 5 + request.length)).toBe(0);
    expect(v.arp.reset(buffer, v.ethernet.payloadOffset, v.ethernet.payloadEnd)).toBe(0);
    expect(buildArpReplyInto({ request: v, mac: 0x020000000001 }, buffer, 5)).toBe(65);
    expect(buffer.subarray(5, 65)).toEqual(expected);
  });

  it("reads and writes arrays that start inside a larger buffer, in place too, whatever arrays came before", () => {
    // The views and writers go through DataViews over the underlying ArrayBuffer: the array's byteOffset
    // must be added, and a cache entry for another array on the same buffer must not be confused with it.
    const mac = new Uint8Array([0x02, 0, 0, 0, 0, 0x0b]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 3 }), (requestAt, outAt, offset) => {
        const expected = buildArpReply({ request, mac });
        const backing = new ArrayBuffer(300);
        const requestBytes = new Uint8Array(backing, requestAt, request.length);
        requestBytes.set(request);
        const out = new Uint8Array(backing, 100 + outAt, 70).fill(0xaa);
        const v = views(requestBytes);
        expect(buildArpReplyInto({ request: v, mac }, out, offset)).toBe(offset + 60);
        expect(out.subarray(offset, offset + 60)).toEqual(expected);
        expect(out.subarray(0, offset).every((b) => b === 0xaa)).toBe(true);
        expect(out.subarray(offset + 60).every((b) => b === 0xaa)).toBe(true);
        const fresh = new ArpView();
        expect(fresh.reset(request, 14)).toBe(0);
        expect([v.arp.senderMac, v.arp.senderIpv4, v.arp.targetMac, v.arp.targetIpv4]).toEqual([fresh.senderMac, fresh.senderIpv4, fresh.targetMac, fresh.targetIpv4]);
        const freshEth = new EthernetView();
        expect(freshEth.reset(request)).toBe(0);
        expect([v.ethernet.destinationMac, v.ethernet.sourceMac]).toEqual([freshEth.destinationMac, freshEth.sourceMac]);
        // In place, in an array that starts inside its buffer.
        const inPlace = new Uint8Array(backing, 180 + requestAt, 70).fill(0xaa);
        inPlace.set(request);
        expect(buildArpReplyInto({ request: views(inPlace.subarray(0, request.length)), mac }, inPlace, 0)).toBe(60);
        expect(inPlace.subarray(0, 60)).toEqual(expected);
        // Gratuitous ARP into a third array on the same buffer.
        const garp = new Uint8Array(backing, 30 + outAt, 60);
        expect(buildGratuitousArpInto({ mac, ip: 0xc00002f0 }, garp, 0)).toBe(60);
        expect(garp).toEqual(buildGratuitousArp({ mac, ip: 0xc00002f0 }));
      }),
      fcOptions({ numRuns: 100 }),
    );
  });
});

function encodeArpFrame(patch: Record<string, unknown>): Uint8Array {
  const arp = encodeArp({
    operation: 1,
    senderHardwareAddress: "02:00:00:00:00:01",
    senderProtocolAddress: "192.0.2.1",
    targetHardwareAddress: "00:00:00:00:00:00",
    targetProtocolAddress: "192.0.2.2",
    ...patch,
  });
  const frame = new Uint8Array(14 + arp.length);
  frame.set(hex("ffffffffffff0200000000010806"));
  frame.set(arp, 14);
  return frame;
}

describe("options validation", () => {
  const mac = "02:00:00:00:00:01";
  const cases: [string, () => unknown, string][] = [
    ["bad MAC text", () => buildGratuitousArp({ mac: "02:00:00:00:00", ip: "192.0.2.1" }), "address"],
    ["5-byte MAC", () => buildArpProbe({ mac: new Uint8Array(5), ip: "192.0.2.1" }), "address"],
    ["MAC number out of range", () => buildArpRequest({ mac: 2 ** 48, ip: 1, targetIp: 2 }), "address"],
    ["IPv6 text for ip", () => buildGratuitousArp({ mac, ip: "2001:db8::1" }), "address"],
    ["IPv6 text for targetIp", () => buildArpRequest({ mac, ip: "192.0.2.1", targetIp: "fe80::1" }), "address"],
    ["bad destination", () => buildArpRequest({ mac, ip: 1, targetIp: 2, destination: "ff" }), "address"],
    ["VID 4096", () => buildGratuitousArp({ mac, ip: 1, vlan: { id: 4096 } }), "vlan"],
    ["PCP 8", () => buildArpProbe({ mac, ip: 1, vlan: [{ id: 1 }, { id: 2, priority: 8 }] }), "vlan"],
    ["unknown operation", () => buildGratuitousArp({ mac, ip: 1, operation: "announce" as "request" }), "builder"],
    ["unknown THA keyword", () => buildGratuitousArp({ mac, ip: 1, targetHardwareAddress: "nobody" }), "address"],
  ];
  for (const [what, build, layer] of cases) {
    it(`${what} → INVALID_FIELD (${layer})`, () => {
      expect(build).toThrow(expect.objectContaining({ name: "FrameError", code: "INVALID_FIELD", layer }));
    });
  }

  it("BUFFER_TOO_SMALL before anything is written", () => {
    const out = new Uint8Array(70).fill(0xaa);
    expect(() => buildGratuitousArpInto({ mac, ip: 1 }, out, 11)).toThrow(expect.objectContaining({ code: "BUFFER_TOO_SMALL", offset: 11 }));
    expect(() => buildArpRequestInto({ mac, ip: 1, targetIp: 2, vlan: [{ id: 1 }, { id: 2 }, { id: 3 }] }, out, 0)).toThrow(
      expect.objectContaining({ code: "BUFFER_TOO_SMALL" }),
    );
    for (const offset of [-1, 1.5, 71, Number.NaN, "7"]) {
      expect(() => buildArpProbeInto({ mac, ip: 1 }, out, offset as number), String(offset)).toThrow(expect.objectContaining({ code: "INVALID_FIELD", layer: "builder" }));
    }
    expect(out.every((b) => b === 0xaa)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const arbMac = fc.oneof(fc.integer({ min: 0, max: 0xffff_ffff_ffff }), fc.uint8Array({ minLength: 6, maxLength: 6 }));
const arbIp = fc.oneof(fc.integer({ min: 0, max: 0xffff_ffff }), fc.uint8Array({ minLength: 4, maxLength: 4 }));
const arbVlan = fc.option(fc.oneof(vlanTagInputArb, fc.array(vlanTagInputArb, { maxLength: 3 })), { nil: undefined });

function macNumber(m: number | Uint8Array): number {
  return typeof m === "number" ? m : m.reduce((acc, b) => acc * 256 + b, 0);
}

function ipNumber(a: number | Uint8Array): number {
  return typeof a === "number" ? a : a.reduce((acc, b) => acc * 256 + b, 0);
}

describe("builder properties", () => {
  it("every ...Into writes exactly the allocating builder's bytes into a 0xAA-filled buffer at any offset", () => {
    fc.assert(
      fc.property(
        arbMac,
        arbIp,
        arbIp,
        arbVlan,
        fc.constantFrom<"request" | "reply">("request", "reply"),
        fc.constantFrom<"zero" | "broadcast" | "sender">("zero", "broadcast", "sender"),
        fc.integer({ min: 0, max: 40 }),
        (mac, ip, targetIp, vlan, operation, tha, offset) => {
          const withVlan = vlan === undefined ? {} : { vlan };
          const pairs: [Uint8Array, (out: Uint8Array, off: number) => number][] = [
            [
              buildGratuitousArp({ mac, ip, operation, targetHardwareAddress: tha, ...withVlan }),
              (out, off) => buildGratuitousArpInto({ mac, ip, operation, targetHardwareAddress: tha, ...withVlan }, out, off),
            ],
            [buildArpProbe({ mac, ip, ...withVlan }), (out, off) => buildArpProbeInto({ mac, ip, ...withVlan }, out, off)],
            [buildArpRequest({ mac, ip, targetIp, ...withVlan }), (out, off) => buildArpRequestInto({ mac, ip, targetIp, ...withVlan }, out, off)],
          ];
          const tags = vlan === undefined ? 0 : Array.isArray(vlan) ? vlan.length : 1;
          for (const [expected, into] of pairs) {
            expect(expected.length).toBe(60 + 4 * tags);
            const out = new Uint8Array(offset + expected.length + 5).fill(0xaa);
            expect(into(out, offset)).toBe(offset + expected.length);
            expect(out.subarray(offset, offset + expected.length)).toEqual(expected);
            expect(out.subarray(0, offset).every((b) => b === 0xaa)).toBe(true);
            expect(out.subarray(offset + expected.length).every((b) => b === 0xaa)).toBe(true);
          }
        },
      ),
      fcOptions(),
    );
  });

  it("the reply to a random request (any VLAN stack) has the documented fields, from bytes, objects and views alike", () => {
    fc.assert(
      fc.property(arbMac, arbIp, arbIp, arbVlan, arbMac, fc.integer({ min: 0, max: 30 }), (requester, ip, targetIp, vlan, mac, offset) => {
        const request = buildArpRequest({ mac: requester, ip, targetIp, ...(vlan === undefined ? {} : { vlan }) });
        const eth = new EthernetView();
        expect(eth.reset(request)).toBe(0);
        const arp = new ArpView();
        expect(arp.reset(request, eth.payloadOffset, eth.payloadEnd)).toBe(0);
        const reply = buildArpReply({ request, mac });
        const tags = eth.vlanCount;
        expect(reply.length).toBe(60 + 4 * tags);
        // Ethernet: destination = request SHA, source = mac, the same tags, EtherType 0x0806.
        const replyEth = new EthernetView();
        expect(replyEth.reset(reply)).toBe(0);
        expect(replyEth.destinationMac).toBe(macNumber(requester));
        expect(replyEth.sourceMac).toBe(macNumber(mac));
        expect(reply.subarray(12, 12 + 4 * tags)).toEqual(request.subarray(12, 12 + 4 * tags));
        expect(replyEth.etherType).toBe(0x0806);
        // ARP: op 2, SHA = mac, SPA = request TPA, THA = request SHA, TPA = request SPA.
        const r = new ArpView();
        expect(r.reset(reply, replyEth.payloadOffset)).toBe(0);
        expect(r.isEthernetIpv4).toBe(true);
        expect(r.operation).toBe(2);
        expect(r.senderMac).toBe(macNumber(mac));
        expect(r.senderIpv4).toBe(ipNumber(targetIp));
        expect(r.targetMac).toBe(macNumber(requester));
        expect(r.targetIpv4).toBe(ipNumber(ip));
        expect(reply.subarray(r.end).every((b) => b === 0)).toBe(true);
        // Same bytes from views and from the decoded object; ...Into into a dirty buffer at an offset.
        expect(buildArpReply({ request: { ethernet: eth, arp }, mac })).toEqual(reply);
        const d = decodeEthernet(request);
        expect(buildArpReply({ request: { ethernet: d.ethernet, arp: decodeArp(request, d.payloadOffset) }, mac })).toEqual(reply);
        const out = new Uint8Array(offset + reply.length + 3).fill(0xaa);
        expect(buildArpReplyInto({ request: { ethernet: eth, arp }, mac }, out, offset)).toBe(offset + reply.length);
        expect(out.subarray(offset, offset + reply.length)).toEqual(reply);
        expect(out[offset + reply.length]).toBe(0xaa);
      }),
      fcOptions(),
    );
  });
});

/**
 * Whole frames: decodeFrame, tryDecodeFrame, FrameView and validateFrame together.
 *
 * - the view agrees with the object decoder on random ARP/NS/NA frames (issue #3) and on mutated ones
 *   (same verdict, same error code and offset);
 * - every frame of every public capture decodes or fails with a FrameError, never anything else;
 * - decoding does not depend on bytes outside [offset, end) (guard bytes);
 * - every builder's output passes validateFrame.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FrameView,
  decodeFrame,
  tryDecodeFrame,
  validateFrame,
  type DecodedCapturedFrame,
  type DecodedFrame,
} from "../../src/frame.js";
import { FRAME_KIND } from "../../src/frame-kind.js";
import { isFrameError } from "../../src/errors.js";
import { EthernetView, encodeEthernet } from "../../src/ethernet/ethernet.js";
import { ArpView, encodeArp } from "../../src/arp/arp.js";
import { NdpView, encodeNdp } from "../../src/ndp/ndp.js";
import { Icmpv6View } from "../../src/ndp/icmpv6.js";
import { Ipv6View, encodeIpv6 } from "../../src/ipv6/ipv6.js";
import { verifyIcmpv6Checksum, writeIcmpv6Checksum } from "../../src/checksum/ipv6-pseudo-header.js";
import { formatMacNumber } from "../../src/address/mac.js";
import { formatIpv4Number } from "../../src/address/ipv4.js";
import { formatIpv6 } from "../../src/address/ipv6.js";
import { buildArpProbe, buildArpReply, buildArpRequest, buildGratuitousArp } from "../../src/arp/builders.js";
import {
  buildNeighborAdvertisement,
  buildNeighborSolicitation,
  buildUnsolicitedNeighborAdvertisement,
} from "../../src/ndp/builders.js";
import type { NdpOptionInput } from "../../src/ndp/options.js";
import { fcOptions } from "../helpers/fc.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";
import { vlanTagArb } from "../helpers/arbitraries.js";

const bytesOf = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const mac = bytesOf(6);
const vlans = fc.array(vlanTagArb, { maxLength: 3 });

/** Any ARP message (any hlen/plen/op/types) in an Ethernet frame with 0-3 tags. */
const arpFrame = fc
  .record({
    destination: mac,
    source: mac,
    vlans,
    hlen: fc.integer({ min: 0, max: 32 }),
    plen: fc.integer({ min: 0, max: 20 }),
    hardwareType: fc.integer({ min: 0, max: 0xffff }),
    protocolType: fc.constantFrom(0x0800, 0x86dd, 0x1234),
    operation: fc.integer({ min: 0, max: 0xffff }),
    seed: fc.uint8Array({ minLength: 104, maxLength: 104 }),
    rarp: fc.boolean(),
  })
  .map((r) => {
    const addr = (start: number, length: number) => r.seed.slice(start, start + length);
    const payload = encodeArp({
      hardwareType: r.hardwareType,
      protocolType: r.protocolType,
      operation: r.operation,
      senderHardwareAddress: addr(0, r.hlen),
      senderProtocolAddress: addr(32, r.plen),
      targetHardwareAddress: addr(52, r.hlen),
      targetProtocolAddress: addr(84, r.plen),
    });
    return encodeEthernet({ destination: r.destination, source: r.source, vlans: r.vlans, etherType: r.rarp ? 0x8035 : 0x0806, payload });
  });

const option: fc.Arbitrary<NdpOptionInput> = fc.oneof(
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: fc.uint8Array({ minLength: 1, maxLength: 30 }) }),
  fc.record({ type: fc.constant(14 as const), nonce: fc.uint8Array({ minLength: 6, maxLength: 14 }) }),
  fc.record({ type: fc.integer({ min: 3, max: 255 }).filter((t) => t !== 14), data: fc.uint8Array({ maxLength: 40 }) }),
);

/** NS or NA with random flags and options, in IPv6 in Ethernet with 0-3 tags; checksum right or wrong. */
const ndpFrame = fc
  .record({
    destinationMac: mac,
    sourceMac: mac,
    vlans,
    source: bytesOf(16),
    destination: bytesOf(16),
    target: bytesOf(16),
    hopLimit: fc.constantFrom(255, 255, 64, 0),
    advertisement: fc.boolean(),
    router: fc.boolean(),
    solicited: fc.boolean(),
    override: fc.boolean(),
    reserved: fc.integer({ min: 0, max: 0x1fffffff }),
    options: fc.array(option, { maxLength: 4 }),
    corruptChecksum: fc.boolean(),
  })
  .map((r) => {
    const message = encodeNdp(
      r.advertisement
        ? { kind: "neighbor-advertisement", router: r.router, solicited: r.solicited, override: r.override, reserved: r.reserved, targetAddress: r.target, options: r.options }
        : { kind: "neighbor-solicitation", reserved: r.reserved, targetAddress: r.target, options: r.options },
    );
    const packet = encodeIpv6({ nextHeader: 58, hopLimit: r.hopLimit, source: r.source, destination: r.destination, payload: message });
    writeIcmpv6Checksum(packet, 0, 40, packet.length);
    if (r.corruptChecksum) packet[42]! ^= 0x01;
    return encodeEthernet({ destination: r.destinationMac, source: r.sourceMac, vlans: r.vlans, etherType: 0x86dd, payload: packet });
  });

const anyFrame = fc.oneof(arpFrame, ndpFrame);

/** Reads every field the view offers and returns it in the decoded object's vocabulary. */
function fromView(view: FrameView): Record<string, unknown> {
  const e = view.ethernet;
  const seen: Record<string, unknown> = {
    destination: formatMacNumber(e.destinationMac),
    source: formatMacNumber(e.sourceMac),
    etherType: e.etherType,
    vlans: Array.from({ length: e.vlanCount }, (_, i) => ({ tpid: e.vlanTpid(i), priority: e.vlanPriority(i), dropEligible: e.vlanDropEligible(i), id: e.vlanId(i) })),
  };
  if (view.kind === FRAME_KIND.ARP) {
    const a = view.arp;
    seen.arp = { hardwareType: a.hardwareType, protocolType: a.protocolType, hardwareLength: a.hardwareLength, protocolLength: a.protocolLength, operation: a.operation };
    if (a.hardwareLength === 6) seen.sha = formatMacNumber(a.senderMac);
    if (a.protocolLength === 4 && a.protocolType === 0x0800) seen.tpa = formatIpv4Number(a.targetIpv4);
  }
  if (view.kind >= FRAME_KIND.IPV6) {
    const ip = view.ipv6;
    const source = new Uint8Array(16);
    ip.copySource(source, 0);
    seen.ipv6 = { version: ip.version, hopLimit: ip.hopLimit, payloadLength: ip.payloadLength, nextHeader: ip.nextHeader, source: formatIpv6(source) };
  }
  if (view.kind >= FRAME_KIND.ICMPV6) {
    // decodeFrame takes its verdict from a FrameView too: hold both to the byte-range function, whose sum
    // (big-endian words, checksum field taken out and back) shares no code with the view's.
    const ip = view.ipv6;
    const reference = verifyIcmpv6Checksum(ip.bytes, ip.start, ip.upperLayerOffset, ip.payloadEnd);
    expect(view.verifyChecksum()).toBe(reference);
    expect(view.icmpv6.verifyChecksum()).toBe(reference);
    seen.icmpv6 = { type: view.icmpv6.type, checksum: view.icmpv6.checksum, checksumValid: view.verifyChecksum() };
  }
  if (view.kind >= FRAME_KIND.NEIGHBOR_SOLICITATION) {
    const n = view.ndp;
    const target = new Uint8Array(16);
    n.copyTarget(target, 0);
    seen.ndp = { targetAddress: formatIpv6(target), reserved: n.reserved };
    if (n.isAdvertisement) Object.assign(seen.ndp as object, { router: n.router, solicited: n.solicited, override: n.override });
  }
  return seen;
}

/** The same fields, read from the decoded object. */
function fromObject(frame: DecodedFrame): Record<string, unknown> {
  const { destination, source, etherType, vlans: tags } = frame.ethernet;
  const seen: Record<string, unknown> = { destination, source, etherType, vlans: tags };
  if (frame.arp) {
    const a = frame.arp;
    seen.arp = { hardwareType: a.hardwareType, protocolType: a.protocolType, hardwareLength: a.hardwareLength, protocolLength: a.protocolLength, operation: a.operation };
    if (a.hardwareLength === 6) seen.sha = a.senderHardwareAddress;
    if (a.protocolLength === 4 && a.protocolType === 0x0800) seen.tpa = a.targetProtocolAddress;
  }
  if (frame.ipv6) {
    const ip = frame.ipv6;
    seen.ipv6 = { version: ip.version, hopLimit: ip.hopLimit, payloadLength: ip.payloadLength, nextHeader: ip.nextHeader, source: ip.source };
  }
  if (frame.icmpv6) seen.icmpv6 = { type: frame.icmpv6.type, checksum: frame.icmpv6.checksum, checksumValid: frame.icmpv6.checksumValid };
  if (frame.ndp) {
    const n = frame.ndp;
    seen.ndp = { targetAddress: n.targetAddress, reserved: n.reserved };
    if (n.kind === "neighbor-advertisement") Object.assign(seen.ndp as object, { router: n.router, solicited: n.solicited, override: n.override });
  }
  return seen;
}

/** Flips a bit, cuts the frame short, or sets a byte to 0 or 255: the mutations captures and fuzzers bring. */
const mutated = fc
  .tuple(anyFrame, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.constantFrom("flip", "cut", "zero", "max"))
  .map(([frame, at, bit, how]) => {
    const copy = frame.slice();
    const i = at % copy.length;
    if (how === "cut") return copy.subarray(0, i);
    if (how === "flip") copy[i]! ^= 1 << bit;
    else copy[i] = how === "zero" ? 0 : 0xff;
    return copy;
  });

describe("FrameView agrees with decodeFrame", () => {
  const view = new FrameView();

  it("on random ARP, NS and NA frames: every field the view offers", () => {
    fc.assert(
      fc.property(anyFrame, (frame) => {
        expect(view.reset(frame)).toBe(0);
        expect(fromView(view)).toEqual(fromObject(decodeFrame(frame)));
        expect(view.kind).not.toBe(FRAME_KIND.OTHER);
      }),
      fcOptions({ numRuns: 400 }),
    );
  });

  it("on mutated frames: the same verdict, error code, layer and offset", () => {
    fc.assert(
      fc.property(mutated, (frame) => {
        const code = view.reset(frame);
        const result = tryDecodeFrame(frame);
        expect(code === 0).toBe(result.ok);
        if (result.ok) expect(fromView(view)).toEqual(fromObject(result.value));
        else {
          expect(isFrameError(result.error)).toBe(true);
          expect(result.error.offset).toBe(view.errorOffset);
          expect(result.error.layer).toBe(view.errorLayer);
        }
      }),
      fcOptions({ numRuns: 1000 }),
    );
  });

  it("decodeFrame's untagged ARP fast path builds exactly the view path's object (trailer, offset, key order)", () => {
    const arpLike = fc.tuple(
      fc.uint8Array({ minLength: 42, maxLength: 80 }),
      fc.uint8Array({ maxLength: 8 }),
      fc.uint8Array({ maxLength: 8 }),
      fc.constantFrom(0x0800, 0x86dd, 0x0801),
      fc.constantFrom(0x0604, 0x0610, 0x0603),
    );
    fc.assert(
      fc.property(arpLike, ([frame, before, after, protocolType, lengths]) => {
        const f = frame.slice();
        f[12] = 0x08;
        f[13] = 0x06;
        f[16] = protocolType >>> 8;
        f[17] = protocolType & 0xff;
        f[18] = lengths >>> 8;
        f[19] = lengths & 0xff;
        const bytes = new Uint8Array([...before, ...f, ...after]);
        const end = before.length + f.length;
        const fast = tryDecodeFrame(bytes, before.length, end);
        const code = view.reset(bytes, before.length, end);
        expect(fast.ok).toBe(code === 0);
        if (!fast.ok || code !== 0) return;
        const slow = view.toObject();
        expect(fast.value).toStrictEqual(slow);
        expect(Object.keys(fast.value)).toEqual(Object.keys(slow));
        expect(Object.keys(fast.value.ethernet)).toEqual(Object.keys(slow.ethernet));
        expect(Object.keys(fast.value.arp!)).toEqual(Object.keys(slow.arp!));
      }),
      fcOptions({ numRuns: 500 }),
    );
  });

  it("any single-bit flip in a valid ICMPv6 message makes its checksum verdict false", () => {
    fc.assert(
      fc.property(ndpFrame, fc.nat(), (frame, at) => {
        expect(view.reset(frame)).toBe(0);
        if (!view.verifyChecksum()) return; // a frame whose checksum was corrupted on purpose
        const valid = true;
        const start = view.ipv6.upperLayerOffset;
        const copy = frame.slice();
        const i = start + (at % (view.ipv6.payloadEnd - start));
        copy[i]! ^= 1 << (at % 8);
        if (view.reset(copy) === 0 && view.kind >= FRAME_KIND.ICMPV6) expect(view.verifyChecksum()).toBe(!valid);
      }),
      fcOptions({ numRuns: 300 }),
    );
  });
});

/**
 * Everything a layer view exposes: its fields (the DataView it reads through by its buffer, `bytes` by
 * identity, scratch arrays left out) and the value of every getter on its prototype.
 */
function snapshot(view: object, frame: Uint8Array): Record<string, unknown> {
  const seen: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(view)) {
    if (value instanceof DataView) seen[key] = value.buffer === frame.buffer ? "frame's buffer" : value.byteLength === 64 ? "zero view" : "other";
    else if (value === frame) seen[key] = "frame";
    else if (typeof value !== "object") seen[key] = value;
  }
  const proto = Object.getPrototypeOf(view) as object;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const getter = Object.getOwnPropertyDescriptor(proto, key)?.get;
    if (getter !== undefined) seen[`get ${key}`] = getter.call(view);
  }
  return seen;
}

/** The frame decoded layer by layer with fresh standalone views (each through its own general `reset`). */
function layerByLayer(frame: Uint8Array): { code: number; layers: Record<string, Record<string, unknown>> } {
  const layers: Record<string, Record<string, unknown>> = {};
  const ethernet = new EthernetView();
  let code = ethernet.reset(frame);
  layers.ethernet = snapshot(ethernet, frame);
  if (code !== 0) return { code, layers };
  if (ethernet.protocol === 0x0806 || ethernet.protocol === 0x8035) {
    const arp = new ArpView();
    code = arp.reset(frame, ethernet.payloadOffset, ethernet.payloadEnd);
    layers.arp = snapshot(arp, frame);
    return { code, layers };
  }
  if (ethernet.protocol !== 0x86dd) return { code, layers };
  const ip = new Ipv6View();
  code = ip.reset(frame, ethernet.payloadOffset, ethernet.payloadEnd);
  layers.ipv6 = snapshot(ip, frame);
  if (code !== 0 || ip.upperLayerProtocol !== 58) return { code, layers };
  const icmp = new Icmpv6View();
  code = icmp.reset(frame, ip.start, ip.upperLayerOffset, ip.payloadEnd);
  layers.icmpv6 = snapshot(icmp, frame);
  if (code !== 0 || (icmp.type !== 135 && icmp.type !== 136)) return { code, layers };
  const ndp = new NdpView();
  code = ndp.reset(frame, ip.start, ip.upperLayerOffset, ip.payloadEnd);
  layers.ndp = snapshot(ndp, frame);
  return { code, layers };
}

describe("FrameView's fast paths (ARP, NS/NA after a plain IPv6 header; untagged or one 802.1Q tag)", () => {
  const view = new FrameView();
  const untagged = (frames: fc.Arbitrary<Uint8Array>) =>
    frames.map((frame) => {
      // Drop the tags (if any) so that most frames take the fast path: the type after the tags moves up.
      if (frame.length < 14) return frame;
      let p = 12;
      while (p + 4 <= frame.length && [0x8100, 0x88a8, 0x9100].includes((frame[p]! << 8) | frame[p + 1]!)) p += 4;
      const out = new Uint8Array(frame.length - (p - 12));
      out.set(frame.subarray(0, 12));
      out.set(frame.subarray(p), 12);
      return out;
    });
  const cases = fc.oneof(untagged(anyFrame), untagged(mutated), mutated, anyFrame);

  it("leave every layer view in the state the layer-by-layer resets leave, on valid and mutated frames", () => {
    fc.assert(
      fc.property(cases, (frame) => {
        const expected = layerByLayer(frame);
        const code = view.reset(frame);
        expect(code).toBe(expected.code);
        const reached: Record<string, Record<string, unknown>> = { ethernet: snapshot(view.ethernet, frame) };
        if (view.kind === FRAME_KIND.ARP || "arp" in expected.layers) reached.arp = snapshot(view.arp, frame);
        if (view.kind >= FRAME_KIND.IPV6 || "ipv6" in expected.layers) reached.ipv6 = snapshot(view.ipv6, frame);
        if (view.kind >= FRAME_KIND.ICMPV6 || "icmpv6" in expected.layers) reached.icmpv6 = snapshot(view.icmpv6, frame);
        if ("ndp" in expected.layers) reached.ndp = snapshot(view.ndp, frame);
        expect(reached).toEqual(expected.layers);
      }),
      fcOptions({ numRuns: 1500 }),
    );
  });

  it("the bench's anchor-shaped frames, untagged and with one 802.1Q tag, read the same as the general path", () => {
    const ns = buildNeighborSolicitation({ mac: "02:00:00:00:00:01", source: "2001:db8::1", target: "2001:db8::f0" });
    const na = buildUnsolicitedNeighborAdvertisement({ mac: "02:00:00:00:00:0b", ip: "2001:db8::f0" });
    const arp = buildArpRequest({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetIp: "192.0.2.240" });
    const taggedNs = buildNeighborSolicitation({ mac: "02:00:00:00:00:01", source: "2001:db8::1", target: "2001:db8::f0", vlan: { id: 100 } });
    const taggedArp = buildArpRequest({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetIp: "192.0.2.240", vlan: { id: 100 } });
    for (const frame of [ns, na, arp, taggedNs, taggedArp]) {
      const expected = layerByLayer(frame);
      expect(view.reset(frame)).toBe(0);
      expect(expected.code).toBe(0);
      for (const [layer, state] of Object.entries(expected.layers)) {
        expect(snapshot(view[layer as "ethernet"], frame)).toEqual(state);
      }
    }
  });

  it("views read zeros, never throw, before their first reset and after a failed one", () => {
    const fresh = [new ArpView(), new Ipv6View(), new Icmpv6View(), new NdpView()];
    // Positions (…Offset, length) and comparisons (…Equal) are derived from the bounds; every getter that
    // reads a field reads 0 (or the -1 "absent" sentinel, or false): no stale or out-of-range value.
    const derived = /Offset$|^get length$|Equal$/;
    const zeros = (state: Record<string, unknown>): [string, unknown][] =>
      Object.entries(state).filter(
        ([key, value]) => key.startsWith("get ") && !derived.test(key) && !(value === 0 || value === -1 || value === false || value === undefined),
      );
    for (const v of fresh) expect(zeros(snapshot(v, new Uint8Array(0))), v.constructor.name).toEqual([]);
    const failed = [new ArpView(), new Ipv6View(), new Icmpv6View(), new NdpView()];
    const short = new Uint8Array(3).fill(0xff);
    (failed[0] as ArpView).reset(short);
    (failed[1] as Ipv6View).reset(short);
    (failed[2] as Icmpv6View).reset(short, 0, 0, 3);
    (failed[3] as NdpView).reset(short, -1, 0, 3);
    for (const v of failed) {
      const state = snapshot(v, short);
      expect(zeros(state), v.constructor.name).toEqual([]);
      expect(state["get checksum"] ?? state["get operation"] ?? state["get payloadLength"]).toBe(0);
    }
  });
});

describe("decodeFrame is total", () => {
  it("on random bytes: a value or a FrameError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const result = tryDecodeFrame(bytes);
        if (!result.ok) expect(isFrameError(result.error)).toBe(true);
      }),
      fcOptions({ numRuns: 2000 }),
    );
  });

  it("reads nothing outside [offset, end): the guard bytes never change the result", () => {
    fc.assert(
      fc.property(fc.oneof(anyFrame, mutated), fc.uint8Array({ maxLength: 24 }), fc.uint8Array({ maxLength: 24 }), (frame, before, after) => {
        const embed = (fill: number) => {
          const buffer = new Uint8Array(before.length + frame.length + after.length + 8).fill(fill);
          buffer.set(before, 0);
          buffer.set(frame, before.length);
          buffer.set(after, before.length + frame.length);
          return buffer;
        };
        const describe = (buffer: Uint8Array) => {
          const r = tryDecodeFrame(buffer, before.length, before.length + frame.length);
          return r.ok ? JSON.stringify(r.value, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)) : `${r.error.code}@${r.error.offset - before.length}`;
        };
        const alone = tryDecodeFrame(frame);
        const a = describe(embed(0x00));
        expect(a).toBe(describe(embed(0xff)));
        expect(a.includes("@")).toBe(!alone.ok);
      }),
      fcOptions({ numRuns: 500 }),
    );
  });

  it("on a resizable ArrayBuffer: decodes as on a plain one, and reports TRUNCATED once it has shrunk", () => {
    // ES2024 resizable buffers (Node 20 has them; the TypeScript lib here predates them).
    type Resizable = ArrayBuffer & { resize(length: number): void };
    const Resizable = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => Resizable;
    const frames = [
      buildArpRequest({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetIp: "192.0.2.2" }),
      buildNeighborSolicitation({ mac: "02:00:00:00:00:01", source: "2001:db8::1", target: "2001:db8::f0" }),
    ];
    const view = new FrameView();
    for (const frame of frames) {
      const buffer = new Resizable(frame.length, { maxByteLength: 4096 });
      const bytes = new Uint8Array(buffer); // length-tracking
      bytes.set(frame);
      expect(tryDecodeFrame(bytes)).toStrictEqual(tryDecodeFrame(frame));
      expect(view.reset(bytes)).toBe(0);
      if (view.kind >= FRAME_KIND.ICMPV6) expect(view.verifyChecksum()).toBe(true);
      buffer.resize(30);
      expect(bytes.length).toBe(30);
      const result = tryDecodeFrame(bytes);
      expect(result.ok ? "ok" : result.error.code).toBe("TRUNCATED");
      expect(view.reset(bytes)).not.toBe(0);
    }
  });

  const captures = readdirSync(CAPTURES_DIR).filter((f) => /\.pcap(ng)?$/.test(f));
  it.each(captures)("every frame of %s", (file) => {
    const view = new FrameView();
    let decoded = 0;
    const records = readPcapFrames(path.join(CAPTURES_DIR, file));
    for (const { data, linkType } of records) {
      const result = tryDecodeFrame(data, { linkType });
      const code = view.resetLink(data, linkType);
      expect(code === 0).toBe(result.ok);
      if (result.ok) {
        decoded++;
        expect(() => validateFrame(result.value)).not.toThrow();
      } else {
        expect(isFrameError(result.error)).toBe(true);
      }
    }
    // Known answers: every frame decodes (the decoders are lenient: truncated captures, odd lengths),
    // except the fuzzed and malformed sets, and IP over InfiniBand, a link type decodeFrame does not read yet.
    const KNOWN: Record<string, number> = { "arp_ipoib_bigendian.pcap": 0, "arp_malformed_fuzz_oobr.pcap": 2200, "ndp_short_options_malformed.pcap": 12 };
    expect(decoded).toBe(KNOWN[file] ?? records.length);
  });
});

describe("decodeFrame on real captures (known answers recorded from tshark)", () => {
  const frames = (file: string) => readPcapFrames(path.join(CAPTURES_DIR, file));

  it("a Linux cooked capture: SLL header, then the ARP request", () => {
    const [first] = frames("arp_linux_sll.pcap");
    const frame: DecodedCapturedFrame = decodeFrame(first!.data, { linkType: first!.linkType });
    // tshark: sll.pkttype 1, sll.hatype 1, sll.halen 6, sll.src.eth cc:2d:e0:26:19:99, sll.etype 0x0806
    expect(frame.sll).toEqual({ version: 1, packetType: 1, hardwareType: 1, source: "cc:2d:e0:26:19:99", protocol: 0x0806, interfaceIndex: 0 });
    expect(frame.arp).toMatchObject({ operation: 1, senderProtocolAddress: "192.168.22.1", targetProtocolAddress: "192.168.22.160" });
    expect(frame.ethernet).toBeUndefined();
  });

  it("ARP over 802.3 LLC/SNAP (htype 6) reaches the ARP layer", () => {
    const decoded = frames("arp_8022_snap_hwtype6.pcapng").map((f) => decodeFrame(f.data));
    expect(decoded.every((d) => d.ethernet.llc?.protocolId === 0x0806 && d.arp?.hardwareType === 6)).toBe(true);
  });

  it("the Linux NS/NA pair: checksums 0x44b7 and 0x8beb, both valid", () => {
    const ndp = frames("ndp_ns_na_solicited_lla.pcapng")
      .map((f) => decodeFrame(f.data))
      .filter((d) => d.ndp !== undefined);
    expect(ndp.map((d) => [d.icmpv6?.checksum, d.icmpv6?.checksumValid])).toEqual([
      [0x44b7, true],
      [0x8beb, true],
    ]);
    expect(ndp.map((d) => validateFrame(d))).toEqual([[], []]);
  });

  it("a frame with IPv6 version 0 decodes and is flagged", () => {
    const bad = frames("ipv6_bad_version_with_dad_ns.pcap")
      .map((f) => decodeFrame(f.data))
      .filter((d) => d.ipv6 !== undefined && d.ipv6.version !== 6);
    expect(bad.length).toBeGreaterThan(0);
    for (const d of bad) expect(validateFrame(d).map((v) => v.rule)).toContain("ipv6-version");
  });
});

describe("every builder's output is valid", () => {
  const macs = fc.constantFrom("02:00:00:00:00:0b", "02:00:5e:10:00:01");
  // Unicast, not loopback: what a speaker announces (validateFrame rightly flags 127/8, as Linux drops it).
  const ipv4 = fc.tuple(fc.integer({ min: 1, max: 223 }).filter((a) => a !== 127), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })).map((p) => p.join("."));
  const ipv6 = bytesOf(16).map((b) => {
    b[0] = 0x20;
    b[1] = 0x01;
    return b;
  });
  const tag = fc.option(fc.record({ id: fc.integer({ min: 1, max: 4094 }), priority: fc.integer({ min: 0, max: 7 }) }), { nil: undefined });

  it("ARP builders and NDP builders pass validateFrame", () => {
    fc.assert(
      fc.property(macs, ipv4, ipv4, ipv6, ipv6, tag, (m, ip, other, v6, peer, vlan) => {
        const v = vlan === undefined ? {} : { vlan };
        const request = buildArpRequest({ mac: "02:00:00:00:00:01", ip: other, targetIp: ip, ...v });
        const ns = buildNeighborSolicitation({ mac: "02:00:00:00:00:01", source: peer, target: v6, ...v });
        const frames = [
          buildGratuitousArp({ mac: m, ip, ...v }),
          buildGratuitousArp({ mac: m, ip, operation: "reply", targetHardwareAddress: "broadcast", ...v }),
          buildArpProbe({ mac: m, ip, ...v }),
          request,
          buildArpReply({ request, mac: m }),
          buildUnsolicitedNeighborAdvertisement({ mac: m, ip: v6, ...v }),
          ns,
          buildNeighborSolicitation({ mac: m, source: "::", target: v6, nonce: new Uint8Array(6).fill(7), ...v }),
          buildNeighborAdvertisement({ solicitation: ns, mac: m }),
        ];
        for (const frame of frames) expect(validateFrame(frame)).toEqual([]);
      }),
      fcOptions({ numRuns: 200 }),
    );
  });
});

describe("builders take decodeFrame's result as it is", () => {
  it("buildNeighborAdvertisement answers a decoded NS, and refuses a decoded frame that is not one", () => {
    const ns = buildNeighborSolicitation({ mac: "02:00:00:00:00:01", source: "2001:db8::1", target: "2001:db8::f0" });
    const fromObject = buildNeighborAdvertisement({ solicitation: decodeFrame(ns), mac: "02:00:00:00:00:0b" });
    expect(fromObject).toEqual(buildNeighborAdvertisement({ solicitation: ns, mac: "02:00:00:00:00:0b" }));
    const arp = decodeFrame(buildArpRequest({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetIp: "192.0.2.240" }));
    expect(() => buildNeighborAdvertisement({ solicitation: arp, mac: "02:00:00:00:00:0b" })).toThrowError(/not an IPv6 Neighbor Solicitation/);
  });

  it("buildArpReply answers a decoded request and a FrameView alike", () => {
    const request = buildArpRequest({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetIp: "192.0.2.240", vlan: [{ id: 200 }, { id: 2001 }] });
    const view = new FrameView();
    expect(view.reset(request)).toBe(0);
    const fromView = buildArpReply({ request: view, mac: "02:00:00:00:00:0b" });
    expect(buildArpReply({ request: decodeFrame(request), mac: "02:00:00:00:00:0b" })).toEqual(fromView);
    expect(buildArpReply({ request, mac: "02:00:00:00:00:0b" })).toEqual(fromView);
    expect(decodeFrame(fromView).ethernet.vlans.map((t) => t.id)).toEqual([200, 2001]);
  });
});

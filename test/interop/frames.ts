/**
 * Random frames of every kind arp-ndp builds, for the differential tests against tshark and scapy.
 *
 * Each kind is a fast-check arbitrary of `{ kind, bytes }`, sampled with the suite's seed
 * (`fc.sample(arb, { seed, numRuns })`, the seed printed once by ../helpers/fc.ts, FC_SEED honoured).
 * Builders make the ordinary kinds; the encoders (`encodeArp`, `encodeNdp`, `encodeIpv6`,
 * `encodeEthernet`) make the odd ones (any hlen/plen, random options, reserved bits, codes).
 */
import fc from "fast-check";
import { buildArpProbe, buildArpReply, buildArpRequest, buildGratuitousArp } from "../../src/arp/builders.js";
import { encodeArp } from "../../src/arp/arp.js";
import { encodeEthernet } from "../../src/ethernet/ethernet.js";
import type { VlanTagInput } from "../../src/ethernet/vlan.js";
import { encodeIpv6 } from "../../src/ipv6/ipv6.js";
import { writeIcmpv6Checksum } from "../../src/checksum/ipv6-pseudo-header.js";
import { encodeNdp } from "../../src/ndp/ndp.js";
import type { NdpOptionInput } from "../../src/ndp/options.js";
import {
  buildNeighborAdvertisement,
  buildNeighborSolicitation,
  buildUnsolicitedNeighborAdvertisement,
} from "../../src/ndp/builders.js";
import { fcOptions } from "../helpers/fc.js";
import { vlanTagInputArb } from "../helpers/arbitraries.js";

/** A generated frame and what made it. */
export interface GeneratedFrame {
  kind: string;
  bytes: Uint8Array;
}

/** The suite's fast-check seed (printed once; FC_SEED replays it). */
export function suiteSeed(): number {
  const seed = fcOptions().seed;
  if (seed === undefined) throw new Error("fcOptions() gave no seed");
  return seed;
}

/** Draws `count` values of `arb` with `seed` (deterministic). */
export function sampleFrames(arb: fc.Arbitrary<GeneratedFrame>, seed: number, count: number): GeneratedFrame[] {
  return fc.sample(arb, { seed, numRuns: count });
}

// ---------------------------------------------------------------------------------------------------
// Field arbitraries

/** A unicast MAC as a 48-bit number. */
export const unicastMac = fc.integer({ min: 0, max: 2 ** 48 - 1 }).map((n) => n - (Math.floor(n / 2 ** 40) % 2) * 2 ** 40);
/** Any MAC, multicast included. */
export const anyMac = fc.integer({ min: 0, max: 2 ** 48 - 1 });
/** An IPv4 address as a uint32. */
export const ipv4 = fc.integer({ min: 0, max: 0xffff_ffff });
/** A non-zero IPv4 address. */
export const ipv4NonZero = fc.integer({ min: 1, max: 0xffff_ffff });

function fixed16(prefix: readonly number[]): fc.Arbitrary<Uint8Array> {
  return fc.uint8Array({ minLength: 16 - prefix.length, maxLength: 16 - prefix.length }).map((rest) => Uint8Array.from([...prefix, ...rest]));
}

/** An IPv6 unicast-looking address: documentation, link-local or random (as 16 bytes). */
export const ipv6Unicast = fc.oneof(
  fixed16([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0]),
  fixed16([0xfe, 0x80, 0, 0, 0, 0, 0, 0]),
  fixed16([0x20, 0x01, 0x0d, 0xb8]),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).filter((b) => b[0] !== 0xff),
);

/**
 * Addresses whose text form is where formatters differ: runs of zero groups of every length and place
 * (RFC 5952 §4.2), IPv4-mapped ::ffff:a.b.c.d (§5), IPv4-translated ::ffff:0:a.b.c.d (RFC 2765), the
 * deprecated IPv4-compatible ::a.b.c.d, ::1, 1::.
 */
export const ipv6Edge: fc.Arbitrary<Uint8Array> = fc
  .record({
    groups: fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 0xffff })), { minLength: 8, maxLength: 8 }),
    form: fc.constantFrom("groups", "mapped", "compat", "translated", "zero-tail"),
    v4: fc.integer({ min: 0, max: 0xffff_ffff }),
  })
  .map(({ groups, form, v4 }) => {
    const g = [...groups];
    if (form === "mapped") g.splice(0, 8, 0, 0, 0, 0, 0, 0xffff, v4 >>> 16, v4 & 0xffff);
    if (form === "compat") g.splice(0, 8, 0, 0, 0, 0, 0, 0, v4 >>> 16, v4 & 0xffff);
    if (form === "translated") g.splice(0, 8, 0, 0, 0, 0, 0xffff, 0, v4 >>> 16, v4 & 0xffff);
    if (form === "zero-tail") g.fill(0, 1 + ((v4 >>> 0) % 7));
    const out = new Uint8Array(16);
    g.forEach((w, i) => {
      out[2 * i] = (w ?? 0) >>> 8;
      out[2 * i + 1] = (w ?? 0) & 0xff;
    });
    return out;
  });

/** Any 16 bytes, as an IPv6 address (multicast, ::, v4-mapped, zero runs... all of them). */
export const ipv6Any = fc.oneof(ipv6Unicast, fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.constant(new Uint8Array(16)), ipv6Edge);

/** 0-2 VLAN tags (the `vlan` builder option), any TPID this library unwraps (the default one sometimes). */
export const vlanStack: fc.Arbitrary<VlanTagInput[]> = fc.array(vlanTagInputArb, { maxLength: 2 });

function vlanOption(tags: VlanTagInput[]): { vlan?: VlanTagInput[] } {
  return tags.length > 0 ? { vlan: tags } : {};
}

// ---------------------------------------------------------------------------------------------------
// ARP kinds (builders)

export const arpRequestFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({ mac: unicastMac, ip: ipv4, targetIp: ipv4, destination: fc.option(unicastMac, { nil: undefined }), vlans: vlanStack })
  .map(({ mac, ip, targetIp, destination, vlans }) => ({
    kind: "arp-request",
    bytes: buildArpRequest({ mac, ip, targetIp, ...(destination !== undefined ? { destination } : {}), ...vlanOption(vlans) }),
  }));

export const arpReplyFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({ mac: unicastMac, ip: ipv4, targetIp: ipv4, responder: unicastMac, vlans: vlanStack })
  .map(({ mac, ip, targetIp, responder, vlans }) => ({
    kind: "arp-reply",
    bytes: buildArpReply({ request: buildArpRequest({ mac, ip, targetIp, ...vlanOption(vlans) }), mac: responder }),
  }));

export const gratuitousArpFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({
    mac: unicastMac,
    ip: ipv4,
    operation: fc.option(fc.constantFrom("request" as const, "reply" as const), { nil: undefined }),
    tha: fc.option(fc.oneof(fc.constantFrom("zero" as const, "broadcast" as const, "sender" as const), anyMac), { nil: undefined }),
    destination: fc.option(anyMac, { nil: undefined }),
    vlans: vlanStack,
  })
  .map(({ mac, ip, operation, tha, destination, vlans }) => ({
    kind: "gratuitous-arp",
    bytes: buildGratuitousArp({
      mac,
      ip,
      ...(operation !== undefined ? { operation } : {}),
      ...(tha !== undefined ? { targetHardwareAddress: tha } : {}),
      ...(destination !== undefined ? { destination } : {}),
      ...vlanOption(vlans),
    }),
  }));

export const arpProbeFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({ mac: unicastMac, ip: ipv4, vlans: vlanStack })
  .map(({ mac, ip, vlans }) => ({ kind: "arp-probe", bytes: buildArpProbe({ mac, ip, ...vlanOption(vlans) }) }));

/**
 * ARP of any hardware/protocol type and lengths (encodeArp): hlen/plen 0-32 and the usual ones, with
 * hardware type 19 left out (Wireshark hands it to its ATMARP dissector, a different layout). Hardware
 * type 3 (AX.25) and operation 7 (DRARP error) are drawn often: Wireshark shows both differently.
 */
export const oddArpFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({
    hardwareType: fc.oneof(fc.constantFrom(1, 3, 6, 32, 0), fc.integer({ min: 0, max: 0xffff })).filter((t) => t !== 19),
    protocolType: fc.oneof(fc.constantFrom(0x0800, 0x86dd, 0x00cc, 0x0806), fc.integer({ min: 0, max: 0xffff })),
    hlen: fc.oneof(fc.constantFrom(0, 1, 6, 8, 16, 20), fc.integer({ min: 0, max: 32 })),
    plen: fc.oneof(fc.constantFrom(0, 2, 4, 16), fc.integer({ min: 0, max: 32 })),
    operation: fc.oneof(fc.constantFrom(1, 2, 3, 4, 7, 8, 9), fc.integer({ min: 0, max: 0xffff })),
    seedBytes: fc.uint8Array({ minLength: 2 * 32 + 2 * 32, maxLength: 2 * 32 + 2 * 32 }),
    etherType: fc.constantFrom(0x0806, 0x0806, 0x0806, 0x8035),
    source: unicastMac,
    destination: anyMac,
    vlans: vlanStack,
  })
  .map(({ hardwareType, protocolType, hlen, plen, operation, seedBytes, etherType, source, destination, vlans }) => {
    const sha = seedBytes.slice(0, hlen);
    const spa = seedBytes.slice(32, 32 + plen);
    const tha = seedBytes.slice(64, 64 + hlen);
    const tpa = seedBytes.slice(96, 96 + plen);
    const payload = encodeArp({
      hardwareType,
      protocolType,
      operation,
      senderHardwareAddress: sha,
      senderProtocolAddress: spa,
      targetHardwareAddress: tha,
      targetProtocolAddress: tpa,
    });
    return { kind: "arp-odd", bytes: encodeEthernet({ destination, source, etherType, vlans, payload }) };
  });

// ---------------------------------------------------------------------------------------------------
// NDP kinds (builders)

const nonce = fc.option(fc.uint8Array({ minLength: 6, maxLength: 30 }), { nil: undefined });

export const neighborSolicitationFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({ mac: unicastMac, source: ipv6Unicast, target: ipv6Unicast, nonce, vlans: vlanStack })
  .map(({ mac, source, target, nonce, vlans }) => ({
    kind: "ns",
    bytes: buildNeighborSolicitation({ mac, source, target, ...(nonce !== undefined ? { nonce } : {}), ...vlanOption(vlans) }),
  }));

export const dadSolicitationFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({ mac: unicastMac, target: ipv6Unicast, nonce, vlans: vlanStack })
  .map(({ mac, target, nonce, vlans }) => ({
    kind: "dad-ns",
    bytes: buildNeighborSolicitation({ mac, source: "::", target, ...(nonce !== undefined ? { nonce } : {}), ...vlanOption(vlans) }),
  }));

export const neighborAdvertisementFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({
    mac: unicastMac,
    source: ipv6Unicast,
    target: ipv6Unicast,
    responder: unicastMac,
    override: fc.option(fc.boolean(), { nil: undefined }),
    router: fc.option(fc.boolean(), { nil: undefined }),
    vlans: vlanStack,
  })
  .map(({ mac, source, target, responder, override, router, vlans }) => ({
    kind: "na",
    bytes: buildNeighborAdvertisement({
      solicitation: buildNeighborSolicitation({ mac, source, target, ...vlanOption(vlans) }),
      mac: responder,
      ...(override !== undefined ? { override } : {}),
      ...(router !== undefined ? { router } : {}),
    }),
  }));

export const unsolicitedAdvertisementFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({
    mac: unicastMac,
    ip: ipv6Unicast,
    source: fc.option(ipv6Unicast, { nil: undefined }),
    override: fc.option(fc.boolean(), { nil: undefined }),
    router: fc.option(fc.boolean(), { nil: undefined }),
    vlans: vlanStack,
  })
  .map(({ mac, ip, source, override, router, vlans }) => ({
    kind: "unsolicited-na",
    bytes: buildUnsolicitedNeighborAdvertisement({
      mac,
      ip,
      ...(source !== undefined ? { source } : {}),
      ...(override !== undefined ? { override } : {}),
      ...(router !== undefined ? { router } : {}),
      ...vlanOption(vlans),
    }),
  }));

/** A checksum different from `right` that does not verify either (0x0000 and 0xffff are the same sum). */
export function wrongChecksum(right: number, flip: number): number {
  let wrong = (right ^ flip) & 0xffff;
  if (wrong === right || (right === 0 && wrong === 0xffff) || (right === 0xffff && wrong === 0)) wrong = (right ^ 0x0101) & 0xffff;
  return wrong;
}

/** Offset of the ICMPv6 checksum in an untagged-or-tagged NDP frame without extension headers. */
function checksumOffset(frame: Uint8Array): number {
  let p = 12;
  while (((frame[p] ?? 0) << 8) + (frame[p + 1] ?? 0) !== 0x86dd) p += 4;
  return p + 2 + 40 + 2;
}

/**
 * NS, DAD NS and unsolicited NA built with the builders' `checksum` override set to a wrong value (the
 * right one xor a random non-zero flip), so the override path itself is what tshark and we judge.
 */
export const badChecksumFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({
    flip: fc.integer({ min: 1, max: 0xffff }),
    mac: unicastMac,
    ip: ipv6Unicast,
    source: ipv6Unicast,
    target: ipv6Unicast,
    vlans: vlanStack,
    which: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ flip, mac, ip, source, target, vlans, which }) => {
    const build = (checksum?: number): Uint8Array => {
      const o = { ...vlanOption(vlans), ...(checksum !== undefined ? { checksum } : {}) };
      if (which === 0) return buildUnsolicitedNeighborAdvertisement({ mac, ip, ...o });
      if (which === 1) return buildNeighborSolicitation({ mac, source, target, ...o });
      return buildNeighborSolicitation({ mac, source: "::", target, ...o });
    };
    const right = build();
    const at = checksumOffset(right);
    const wrong = wrongChecksum(((right[at] ?? 0) << 8) + (right[at + 1] ?? 0), flip);
    return { kind: "bad-checksum", bytes: build(wrong) };
  });

// ---------------------------------------------------------------------------------------------------
// NDP with random options and header fields (encoders)

/**
 * Option types Wireshark 4.0 has no dissector for (it shows them as `icmpv6.data`): 0, 21, 22 and 39-255
 * except 14. Types it knows (prefix information, MTU, ...) have layouts of their own and are left out.
 */
export const UNKNOWN_OPTION_TYPES: readonly number[] = [0, 21, 22, ...Array.from({ length: 255 - 39 + 1 }, (_, i) => 39 + i)];

const ndpOption: fc.Arbitrary<NdpOptionInput> = fc.oneof(
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: anyMac }),
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: fc.uint8Array({ minLength: 6, maxLength: 22 }) }),
  fc.record({ type: fc.constant(14 as const), nonce: fc.uint8Array({ minLength: 6, maxLength: 30 }) }),
  fc.record({ type: fc.constantFrom(...UNKNOWN_OPTION_TYPES), data: fc.uint8Array({ maxLength: 30 }) }),
);

export const randomNdpFrames: fc.Arbitrary<GeneratedFrame> = fc
  .record({
    solicitation: fc.boolean(),
    target: ipv6Any,
    source: ipv6Any,
    destination: ipv6Any,
    options: fc.array(ndpOption, { maxLength: 4 }),
    router: fc.boolean(),
    solicited: fc.boolean(),
    override: fc.boolean(),
    reserved: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0x1fff_ffff })),
    nsReserved: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff_ffff })),
    code: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 })),
    trafficClass: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 })),
    flowLabel: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xfffff })),
    hopLimit: fc.oneof(fc.constant(255), fc.integer({ min: 0, max: 255 })),
    badChecksum: fc.integer({ min: 0, max: 9 }),
    source2: unicastMac,
    destinationMac: anyMac,
    vlans: vlanStack,
  })
  .map((r) => {
    const icmp = r.solicitation
      ? encodeNdp({ kind: "neighbor-solicitation", targetAddress: r.target, options: r.options, reserved: r.nsReserved, code: r.code })
      : encodeNdp({
          kind: "neighbor-advertisement",
          targetAddress: r.target,
          options: r.options,
          router: r.router,
          solicited: r.solicited,
          override: r.override,
          reserved: r.reserved,
          code: r.code,
        });
    const packet = encodeIpv6({
      trafficClass: r.trafficClass,
      flowLabel: r.flowLabel,
      nextHeader: 58,
      hopLimit: r.hopLimit,
      source: r.source,
      destination: r.destination,
      payload: icmp,
    });
    writeIcmpv6Checksum(packet, 0, 40, packet.length);
    if (r.badChecksum === 0) {
      packet[42] = (packet[42] ?? 0) ^ 0x5a;
    }
    return {
      kind: "ndp-random",
      bytes: encodeEthernet({ destination: r.destinationMac, source: r.source2, etherType: 0x86dd, vlans: r.vlans, payload: packet }),
    };
  });

/** Every kind, with the number of frames each gets in the tshark differential. */
export const FRAME_KINDS: readonly { name: string; arb: fc.Arbitrary<GeneratedFrame> }[] = [
  { name: "arp-request", arb: arpRequestFrames },
  { name: "arp-reply", arb: arpReplyFrames },
  { name: "gratuitous-arp", arb: gratuitousArpFrames },
  { name: "arp-probe", arb: arpProbeFrames },
  { name: "arp-odd", arb: oddArpFrames },
  { name: "ns", arb: neighborSolicitationFrames },
  { name: "dad-ns", arb: dadSolicitationFrames },
  { name: "na", arb: neighborAdvertisementFrames },
  { name: "unsolicited-na", arb: unsolicitedAdvertisementFrames },
  { name: "ndp-random", arb: randomNdpFrames },
  { name: "bad-checksum", arb: badChecksumFrames },
];

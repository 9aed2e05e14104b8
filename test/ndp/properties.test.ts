import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { toHex } from "../../src/internal/bytes.js";
import { isFrameError } from "../../src/errors.js";
import { formatIpv6 } from "../../src/address/ipv6.js";
import { decodeEthernet, EthernetView } from "../../src/ethernet/ethernet.js";
import { decodeIpv6, Ipv6View } from "../../src/ipv6/ipv6.js";
import { decodeIcmpv6 } from "../../src/ndp/icmpv6.js";
import { verifyIcmpv6Checksum } from "../../src/checksum/ipv6-pseudo-header.js";
import { NdpView, decodeNdp, encodeNdp, encodeNdpInto, ndpEncodingLength, type NdpMessageInput } from "../../src/ndp/ndp.js";
import type { NdpOptionInput } from "../../src/ndp/options.js";
import {
  buildNeighborAdvertisement,
  buildNeighborAdvertisementInto,
  buildNeighborSolicitation,
  buildNeighborSolicitationInto,
  buildUnsolicitedNeighborAdvertisement,
  buildUnsolicitedNeighborAdvertisementInto,
  type NeighborSolicitationOptions,
  type UnsolicitedNeighborAdvertisementOptions,
} from "../../src/ndp/builders.js";
import { validateNdp } from "../../src/ndp/validate.js";

// ---------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------

const optionInput: fc.Arbitrary<NdpOptionInput> = fc.oneof(
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: fc.integer({ min: 0, max: 0xffff_ffff_ffff }) }),
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: fc.uint8Array({ minLength: 6, maxLength: 30 }) }),
  fc.record({ type: fc.constant(14 as const), nonce: fc.uint8Array({ minLength: 6, maxLength: 22 }) }),
  fc.record({
    type: fc.integer({ min: 0, max: 255 }).filter((t) => t !== 1 && t !== 2 && t !== 14),
    data: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 254, maxLength: 700 })),
  }),
);

const address = fc.uint8Array({ minLength: 16, maxLength: 16 });
const unicast = address.map((a) => {
  a[0] = a[0] === 0xff ? 0x20 : a[0]!;
  return a;
});
const mac = fc.integer({ min: 0, max: 0xffff_ffff_ffff });
const vlan = fc.array(fc.record({ id: fc.integer({ min: 0, max: 4095 }), priority: fc.integer({ min: 0, max: 7 }), dropEligible: fc.boolean() }), {
  maxLength: 2,
});

const messageInput: fc.Arbitrary<NdpMessageInput> = fc.oneof(
  fc.record({
    kind: fc.constant("neighbor-solicitation" as const),
    targetAddress: address,
    reserved: fc.integer({ min: 0, max: 0xffff_ffff }),
    options: fc.array(optionInput, { maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant("neighbor-advertisement" as const),
    router: fc.boolean(),
    solicited: fc.boolean(),
    override: fc.boolean(),
    reserved: fc.integer({ min: 0, max: 0x1fff_ffff }),
    targetAddress: address,
    options: fc.array(optionInput, { maxLength: 5 }),
  }),
);

const solicitationOptions: fc.Arbitrary<NeighborSolicitationOptions> = fc.record(
  {
    mac,
    source: fc.oneof(unicast, fc.constant(new Uint8Array(16))),
    target: unicast,
    nonce: fc.uint8Array({ minLength: 6, maxLength: 14 }),
    vlan,
  },
  { requiredKeys: ["mac", "source", "target"] },
);

const unsolicitedOptions: fc.Arbitrary<UnsolicitedNeighborAdvertisementOptions> = fc.record(
  { mac, ip: unicast, source: unicast, router: fc.boolean(), vlan },
  { requiredKeys: ["mac", "ip"] },
);

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

function locate(frame: Uint8Array) {
  const eth = decodeEthernet(frame);
  const ip = decodeIpv6(frame, eth.payloadOffset, eth.payloadEnd);
  return { eth, ip, ipv6Offset: eth.payloadOffset, icmpOffset: ip.payloadOffset, icmpEnd: ip.payloadEnd };
}

function decodeNdpFrame(frame: Uint8Array) {
  const at = locate(frame);
  const ndp = decodeNdp(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd);
  if (ndp === undefined) throw new Error("not NS/NA");
  return { ethernet: at.eth.ethernet, ipv6: at.ip.ipv6, icmpv6: decodeIcmpv6(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd), ndp };
}

/** Everything a decode of `bytes[start, end)` produces, as a comparable string (value or error). */
function outcome(bytes: Uint8Array, ipv6Offset: number, start: number, end: number): string {
  const view = new NdpView();
  const code = view.reset(bytes, ipv6Offset, start, end);
  let decoded: string;
  try {
    decoded = JSON.stringify(decodeNdp(bytes, ipv6Offset, start, end) ?? null, (_, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v));
  } catch (error) {
    if (!isFrameError(error)) throw error; // anything else is a bug
    decoded = `${error.code}@${error.offset}/${error.layer}`;
  }
  const facts =
    code === 0
      ? [view.type, view.reserved, view.optionCount, view.sourceLinkLayerMac, view.targetLinkLayerMac, view.nonceOffset, view.nonceLength].join(",")
      : `${code}@${view.errorOffset}`;
  return `${facts}|${decoded}`;
}

/** `body` placed at `offset` in a buffer filled with `guard` (and 8 guard bytes after it). */
function embed(body: Uint8Array, offset: number, guard: number): Uint8Array {
  const out = new Uint8Array(offset + body.length + 8).fill(guard);
  out.set(body, offset);
  return out;
}

const allBuilt = fc.oneof(
  solicitationOptions.map((o) => buildNeighborSolicitation(o)),
  unsolicitedOptions.map((o) => buildUnsolicitedNeighborAdvertisement(o)),
  fc.tuple(solicitationOptions, mac).map(([o, m]) => buildNeighborAdvertisement({ solicitation: buildNeighborSolicitation(o), mac: m })),
);

// ---------------------------------------------------------------------------------------------------
// Laws
// ---------------------------------------------------------------------------------------------------

describe("NS/NA laws", () => {
  it("round trip: encode → decode → encode gives the same bytes; the length is exact; fields survive", () => {
    fc.assert(
      fc.property(messageInput, (input) => {
        const bytes = encodeNdp(input);
        expect(bytes.length).toBe(ndpEncodingLength(input));
        const decoded = decodeNdp(bytes, -1, 0, bytes.length)!;
        expect(decoded.kind).toBe(input.kind);
        expect(decoded.reserved).toBe(input.reserved);
        expect(decoded.targetAddress).toBe(formatIpv6(input.targetAddress as Uint8Array));
        expect(decoded.options.map((o) => o.type)).toEqual((input.options ?? []).map((o) => o.type));
        if (decoded.kind === "neighbor-advertisement" && input.kind === "neighbor-advertisement") {
          expect([decoded.router, decoded.solicited, decoded.override]).toEqual([input.router, input.solicited, input.override]);
        }
        expect(toHex(encodeNdp(decoded))).toBe(toHex(bytes));
      }),
      fcOptions(),
    );
  });

  it("encoders write every byte: a 0xAA-filled buffer gives the same bytes as a zeroed one", () => {
    fc.assert(
      fc.property(messageInput, fc.integer({ min: 0, max: 9 }), (input, offset) => {
        const length = ndpEncodingLength(input);
        const zero = new Uint8Array(offset + length);
        const dirty = new Uint8Array(offset + length).fill(0xaa);
        expect(encodeNdpInto(input, zero, offset)).toBe(offset + length);
        encodeNdpInto(input, dirty, offset);
        expect(toHex(dirty.subarray(offset))).toBe(toHex(zero.subarray(offset)));
      }),
      fcOptions(),
    );
  });

  it("any single-bit flip in a built NS/NA's ICMPv6 message makes the checksum fail", () => {
    fc.assert(
      fc.property(allBuilt, fc.nat(), fc.integer({ min: 0, max: 7 }), (frame, at, bit) => {
        const { ipv6Offset, icmpOffset, icmpEnd } = locate(frame);
        expect(verifyIcmpv6Checksum(frame, ipv6Offset, icmpOffset, icmpEnd)).toBe(true);
        const flipped = frame.slice();
        const index = icmpOffset + (at % (icmpEnd - icmpOffset));
        flipped[index] = flipped[index]! ^ (1 << bit);
        expect(verifyIcmpv6Checksum(flipped, ipv6Offset, icmpOffset, icmpEnd)).toBe(false);
      }),
      fcOptions(),
    );
  });

  it("every builder's output passes validateNdp (and an NA passes against its NS)", () => {
    fc.assert(
      fc.property(solicitationOptions, unsolicitedOptions, mac, fc.boolean(), (nsOptions, unaOptions, replyMac, router) => {
        const ns = buildNeighborSolicitation(nsOptions);
        const decodedNs = decodeNdpFrame(ns);
        expect(validateNdp(decodedNs)).toEqual([]);
        expect(validateNdp(decodeNdpFrame(buildUnsolicitedNeighborAdvertisement(unaOptions)))).toEqual([]);
        const na = decodeNdpFrame(buildNeighborAdvertisement({ solicitation: ns, mac: replyMac, router }));
        expect(validateNdp(na, decodedNs)).toEqual([]);
        expect(na.icmpv6.checksumValid && decodedNs.icmpv6.checksumValid).toBe(true);
      }),
      fcOptions(),
    );
  });

  it("...Into builders equal the allocating ones, at an offset, over a dirty buffer; all three NA inputs agree", () => {
    fc.assert(
      fc.property(solicitationOptions, unsolicitedOptions, mac, fc.integer({ min: 0, max: 9 }), (nsOptions, unaOptions, replyMac, offset) => {
        const check = (expected: Uint8Array, into: (out: Uint8Array, offset: number) => number): void => {
          const out = new Uint8Array(offset + expected.length).fill(0xaa);
          expect(into(out, offset)).toBe(offset + expected.length);
          expect(toHex(out.subarray(offset))).toBe(toHex(expected));
        };
        const ns = buildNeighborSolicitation(nsOptions);
        check(ns, (out, o) => buildNeighborSolicitationInto(nsOptions, out, o));
        check(buildUnsolicitedNeighborAdvertisement(unaOptions), (out, o) => buildUnsolicitedNeighborAdvertisementInto(unaOptions, out, o));
        const na = buildNeighborAdvertisement({ solicitation: ns, mac: replyMac });
        const ethernet = new EthernetView();
        ethernet.reset(ns);
        const ipv6 = new Ipv6View();
        ipv6.reset(ns, ethernet.payloadOffset, ethernet.payloadEnd);
        const ndp = new NdpView();
        ndp.reset(ns, ipv6.start, ipv6.upperLayerOffset, ipv6.payloadEnd);
        check(na, (out, o) => buildNeighborAdvertisementInto({ solicitation: { ethernet, ipv6, ndp }, mac: replyMac }, out, o));
        check(na, (out, o) => buildNeighborAdvertisementInto({ solicitation: decodeNdpFrame(ns), mac: replyMac }, out, o));
      }),
      fcOptions(),
    );
  });
});

describe("decoding is total and stays inside [offset, end)", () => {
  it("random bytes between random guards: a value or a FrameError, the same whatever the guards", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.integer({ min: 0, max: 16 }), fc.boolean(), (body, offset, asNdp) => {
        if (asNdp && body.length > 0) body[0] = body.length % 2 === 0 ? 135 : 136;
        const a = embed(body, offset, 0x00);
        const b = embed(body, offset, 0xff);
        expect(outcome(a, -1, offset, offset + body.length)).toBe(outcome(b, -1, offset, offset + body.length));
      }),
      fcOptions(),
    );
  });

  it("truncations, bit flips and byte overwrites of built frames: a value or a FrameError, guard-independent", () => {
    const mutation = fc.record({ cut: fc.nat(), flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { maxLength: 4 }), set: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }))) });
    fc.assert(
      fc.property(allBuilt, mutation, fc.integer({ min: 0, max: 16 }), (frame, m, offset) => {
        const { icmpOffset, icmpEnd } = locate(frame);
        const message = frame.slice(icmpOffset, icmpEnd);
        for (const [at, bit] of m.flips) message[at % message.length] = message[at % message.length]! ^ (1 << bit);
        if (m.set !== null) message[m.set[0] % message.length] = m.set[1];
        const body = message.subarray(0, message.length - (m.cut % (message.length + 1)));
        const a = embed(body, offset, 0x00);
        const b = embed(body, offset, 0xaa);
        expect(outcome(a, -1, offset, offset + body.length)).toBe(outcome(b, -1, offset, offset + body.length));
      }),
      fcOptions(),
    );
  });
});

/**
 * The NDP builders' word path (issue #3): an untagged NA with a 6-byte MAC is written in 32-bit words
 * through a DataView and its checksum summed from those words. Everything else takes the byte path. These
 * properties hold the word path to the byte path on every input shape the word path accepts: a DAD probe or
 * not, an SLLA of 6 bytes, of another length or none (then the NS frame's Ethernet source is the
 * destination), any other options, the R/O flags, hop-limit and checksum overrides, a separate IPv6 source.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { toHex } from "../../src/internal/bytes.js";
import { formatMacNumber } from "../../src/address/mac.js";
import { encodeEthernet } from "../../src/ethernet/ethernet.js";
import { encodeIpv6 } from "../../src/ipv6/ipv6.js";
import { encodeNdp } from "../../src/ndp/ndp.js";
import type { NdpOptionInput } from "../../src/ndp/options.js";
import { writeIcmpv6Checksum } from "../../src/checksum/ipv6-pseudo-header.js";
import { FrameView, decodeFrame } from "../../src/frame.js";
import { FRAME_KIND } from "../../src/frame-kind.js";
import { buildNeighborAdvertisementInto, buildUnsolicitedNeighborAdvertisementInto } from "../../src/ndp/builders.js";

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const macBytes = bytes(6);
const unicast = bytes(16).map((a) => {
  if (a[0] === 0xff) a[0] = 0x20;
  return a;
});

const option: fc.Arbitrary<NdpOptionInput> = fc.oneof(
  fc.record({ type: fc.constantFrom(1 as const, 2 as const), linkLayerAddress: fc.oneof(bytes(6), fc.uint8Array({ minLength: 7, maxLength: 20 })) }),
  fc.record({ type: fc.constant(14 as const), nonce: fc.uint8Array({ minLength: 6, maxLength: 14 }) }),
  fc.record({ type: fc.constantFrom(3, 5, 200), data: fc.uint8Array({ maxLength: 14 }) }),
);

/** An untagged NS frame: any source (:: for a DAD probe), any options (an SLLA or not), checksum valid. */
const solicitation = fc
  .record({
    dad: fc.boolean(),
    source: unicast,
    target: unicast,
    sourceMac: macBytes,
    options: fc.array(option, { maxLength: 3 }),
  })
  .map((r) => {
    const message = encodeNdp({ kind: "neighbor-solicitation", targetAddress: r.target, options: r.options });
    const source = r.dad ? new Uint8Array(16) : r.source;
    const packet = encodeIpv6({ nextHeader: 58, hopLimit: 255, source, destination: "ff02::1:ff00:1", payload: message });
    writeIcmpv6Checksum(packet, 0, 40, packet.length);
    return encodeEthernet({ destination: "33:33:ff:00:00:01", source: r.sourceMac, etherType: 0x86dd, payload: packet });
  });

const replyChoices = fc.record(
  { router: fc.boolean(), override: fc.boolean(), hopLimit: fc.integer({ min: 0, max: 255 }), checksum: fc.integer({ min: 0, max: 0xffff }) },
  { requiredKeys: [] },
);

/** The same MAC as a number: the byte path's input (a number never takes the word path). */
function macNumber(mac: Uint8Array): number {
  return mac.reduce((n, b) => n * 256 + b, 0);
}

describe("the NA word path writes what the byte path writes", () => {
  const view = new FrameView();

  it("answering an NS given as a FrameView or as bytes, over a dirty buffer at an offset", () => {
    fc.assert(
      fc.property(solicitation, macBytes, replyChoices, fc.integer({ min: 0, max: 7 }), (ns, mac, choices, offset) => {
        expect(view.reset(ns)).toBe(0);
        expect(view.kind).toBe(FRAME_KIND.NEIGHBOR_SOLICITATION);
        // The byte path: the decoded frame object, with the MAC as a number.
        const expected = new Uint8Array(86);
        expect(buildNeighborAdvertisementInto({ ...choices, solicitation: decodeFrame(ns), mac: macNumber(mac) }, expected, 0)).toBe(86);
        for (const input of [view, ns]) {
          const out = new Uint8Array(offset + 90).fill(0xa5);
          expect(buildNeighborAdvertisementInto({ ...choices, solicitation: input, mac }, out, offset)).toBe(offset + 86);
          expect(toHex(out.subarray(offset, offset + 86))).toBe(toHex(expected));
          expect(toHex(out.subarray(offset + 86))).toBe("a5a5a5a5");
        }
        // And it is an NA whose checksum verifies (unless overridden), to the right place.
        expect(view.reset(expected)).toBe(0);
        expect(view.kind).toBe(FRAME_KIND.NEIGHBOR_ADVERTISEMENT);
        if (choices.checksum === undefined) expect(view.verifyChecksum()).toBe(true);
        const decodedNs = decodeFrame(ns);
        const dad = decodedNs.ipv6!.source === "::";
        expect(view.ndp.solicited).toBe(!dad);
        const slla = decodedNs.ndp!.options.find((o) => o.type === 1);
        const destination = dad ? "33:33:00:00:00:01" : slla !== undefined && "linkLayerAddress" in slla && slla.length === 1 ? slla.linkLayerAddress : decodedNs.ethernet.source;
        expect(formatMacNumber(view.ethernet.destinationMac)).toBe(destination);
      }),
      fcOptions({ numRuns: 500 }),
    );
  });

  it("for an unsolicited NA, with or without a separate IPv6 source", () => {
    fc.assert(
      fc.property(macBytes, unicast, fc.option(unicast, { nil: undefined }), replyChoices, fc.integer({ min: 0, max: 7 }), (mac, ip, source, choices, offset) => {
        const options = { ...choices, ip, ...(source !== undefined ? { source } : {}) };
        const expected = new Uint8Array(86);
        expect(buildUnsolicitedNeighborAdvertisementInto({ ...options, mac: macNumber(mac) }, expected, 0)).toBe(86);
        const out = new Uint8Array(offset + 90).fill(0x5a);
        expect(buildUnsolicitedNeighborAdvertisementInto({ ...options, mac }, out, offset)).toBe(offset + 86);
        expect(toHex(out.subarray(offset, offset + 86))).toBe(toHex(expected));
        expect(toHex(out.subarray(offset + 86))).toBe("5a5a5a5a");
        expect(view.reset(out, offset, offset + 86)).toBe(0);
        if (choices.checksum === undefined) expect(view.verifyChecksum()).toBe(true);
      }),
      fcOptions({ numRuns: 500 }),
    );
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { isFrameError, type DecodeResult } from "../../src/errors.js";
import { formatMacNumber } from "../../src/address/mac.js";
import {
  EthernetView,
  decodeEthernet,
  encodeEthernet,
  tryDecodeEthernet,
  encodeEthernetInto,
  ethernetEncodingLength,
  verifyEthernetFcs,
  type DecodedEthernet,
  type EthernetFrameInput,
} from "../../src/ethernet/ethernet.js";
import type { VlanTagInput } from "../../src/ethernet/vlan.js";
import { VLAN_TPIDS, vlanTagArb } from "../helpers/arbitraries.js";


const etherTypeArb = fc.integer({ min: 0x0600, max: 0xffff }).filter((t) => !(VLAN_TPIDS as readonly number[]).includes(t));

const frameArb: fc.Arbitrary<EthernetFrameInput & { vlans: Required<VlanTagInput>[]; destination: number; source: number; payload: Uint8Array }> =
  fc.record({
    destination: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
    source: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
    etherType: etherTypeArb,
    vlans: fc.array(vlanTagArb, { maxLength: 3 }),
    payload: fc.uint8Array({ maxLength: 100 }),
  });

const optionsArb = fc.record(
  {
    minimumPayloadLength: fc.oneof(fc.constant(0), fc.constant(46), fc.integer({ min: 0, max: 120 })),
    fcs: fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 0xffffffff })),
  },
  { requiredKeys: [] },
);

/** decodeEthernet as a total function: a value or a FrameError, anything else fails the test. */
function decodeTotal(bytes: Uint8Array, offset?: number, end?: number): DecodeResult<DecodedEthernet> {
  let thrown: DecodeResult<DecodedEthernet>;
  try {
    thrown = { ok: true, value: decodeEthernet(bytes, offset, end) };
  } catch (e) {
    if (!isFrameError(e)) throw new Error(`decodeEthernet threw a non-FrameError: ${String(e)}`);
    thrown = { ok: false, error: e };
  }
  // tryDecodeEthernet never throws and says the same thing.
  const tried = tryDecodeEthernet(bytes, offset, end);
  expect(summary(tried)).toEqual(summary(thrown));
  return thrown;
}

/** A comparable summary of a result (a FrameError's code, layer, offset and message). */
function summary(r: DecodeResult<DecodedEthernet>): unknown {
  return r.ok ? r.value : { code: r.error.code, layer: r.error.layer, offset: r.error.offset, message: r.error.message };
}

/** The view must never throw, and must agree with decodeEthernet on success and on the fault. */
function checkViewAgrees(bytes: Uint8Array, offset: number, end: number, r: DecodeResult<DecodedEthernet>): void {
  const view = new EthernetView();
  const code = view.reset(bytes, offset, end);
  if (r.ok) {
    expect(code).toBe(0);
    expect(view.toHeader()).toEqual(r.value.ethernet);
    expect([view.protocol, view.payloadOffset, view.payloadEnd]).toEqual([r.value.protocol, r.value.payloadOffset, r.value.payloadEnd]);
    expect(formatMacNumber(view.destinationMac)).toBe(r.value.ethernet.destination);
    expect(formatMacNumber(view.sourceMac)).toBe(r.value.ethernet.source);
    for (let i = 0; i < view.vlanCount; i++) {
      expect({ tpid: view.vlanTpid(i), priority: view.vlanPriority(i), dropEligible: view.vlanDropEligible(i), id: view.vlanId(i) }).toEqual(
        r.value.ethernet.vlans[i],
      );
    }
    expect(r.value.payloadOffset).toBeGreaterThanOrEqual(offset);
    expect(r.value.payloadEnd).toBeLessThanOrEqual(end);
  } else {
    expect(code).not.toBe(0);
    expect(view.errorOffset).toBe(r.error.offset);
    expect(view.errorLayer).toBe(r.error.layer);
    expect(r.error.offset).toBeGreaterThanOrEqual(offset);
    expect(r.error.offset).toBeLessThanOrEqual(end);
  }
}

/** `frame` placed at a random offset between random guard bytes. */
const embedded = (frame: Uint8Array) =>
  fc.tuple(fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength: 16 })).map(([before, after]) => {
    const buffer = new Uint8Array(before.length + frame.length + after.length);
    buffer.set(before);
    buffer.set(frame, before.length);
    buffer.set(after, before.length + frame.length);
    return { buffer, offset: before.length, end: before.length + frame.length };
  });

describe("Ethernet laws", () => {
  it("encode → decode round trip (0-3 tags of any TPID, any PCP/DEI/VID, any EtherType, payload 0-100)", () => {
    fc.assert(
      fc.property(frameArb, optionsArb, (input, options) => {
        const full = { ...input, ...options };
        const bytes = encodeEthernet(full);
        const d = decodeEthernet(bytes);
        expect(d.ethernet).toEqual({
          destination: formatMacNumber(input.destination),
          source: formatMacNumber(input.source),
          etherType: input.etherType,
          vlans: input.vlans,
        });
        expect(d.protocol).toBe(input.etherType);
        expect(d.payloadOffset).toBe(14 + 4 * input.vlans.length);
        expect(d.payloadEnd).toBe(bytes.length);
        expect(bytes.subarray(d.payloadOffset, d.payloadOffset + input.payload.length)).toEqual(input.payload);
        const padding = bytes.subarray(d.payloadOffset + input.payload.length, bytes.length - (full.fcs === undefined || full.fcs === false ? 0 : 4));
        expect(padding.every((b) => b === 0)).toBe(true);
        if (full.fcs === true) expect(verifyEthernetFcs(bytes)).toBe(true);
        checkViewAgrees(bytes, 0, bytes.length, { ok: true, value: d });
      }),
      fcOptions({ numRuns: 500 }),
    );
  });

  it("ethernetEncodingLength is exact, and ...Into writes exactly that many bytes, whatever was in the buffer", () => {
    fc.assert(
      fc.property(frameArb, optionsArb, fc.nat(20), fc.integer({ min: 0, max: 255 }), (input, options, offset, fill) => {
        const full = { ...input, ...options };
        const length = ethernetEncodingLength(full);
        const minimum = full.minimumPayloadLength ?? 46;
        expect(length).toBe(14 + 4 * input.vlans.length + Math.max(input.payload.length, minimum) + (full.fcs === undefined || full.fcs === false ? 0 : 4));
        const clean = encodeEthernet(full);
        expect(clean.length).toBe(length);
        const dirty = new Uint8Array(offset + length + 3).fill(fill);
        expect(encodeEthernetInto(full, dirty, offset)).toBe(offset + length);
        expect(dirty.subarray(offset, offset + length)).toEqual(clean);
        expect(dirty.subarray(0, offset).every((b) => b === fill)).toBe(true);
        expect(dirty.subarray(offset + length).every((b) => b === fill)).toBe(true);
        // one byte short: refused, nothing written
        const tight = new Uint8Array(offset + length - 1).fill(fill);
        expect(() => encodeEthernetInto(full, tight, offset)).toThrow(expect.objectContaining({ code: "BUFFER_TOO_SMALL" }));
        expect(tight.every((b) => b === fill)).toBe(true);
      }),
      fcOptions({ numRuns: 300 }),
    );
  });

  it("decoding is total on random bytes, and the view agrees with it", () => {
    // Random bytes whose type fields are often a TPID or a small 802.3 length, so every branch is reached.
    const interesting = fc.oneof(fc.constantFrom(0x81, 0x88, 0x91, 0x00, 0x05, 0xaa, 0x03), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(interesting, { maxLength: 80 }), (values) => {
        const bytes = Uint8Array.from(values);
        const r = decodeTotal(bytes);
        checkViewAgrees(bytes, 0, bytes.length, r);
      }),
      fcOptions({ numRuns: 2000 }),
    );
  });

  it("truncations and bit flips of valid frames, between random guard bytes: same result whatever the guards", () => {
    const mutated = fc
      .tuple(frameArb, optionsArb, fc.nat(), fc.array(fc.nat(), { maxLength: 4 }))
      .map(([input, options, cut, flips]) => {
        const frame = encodeEthernet({ ...input, ...options });
        for (const f of flips) {
          const bit = f % (frame.length * 8);
          frame[bit >>> 3] = frame[bit >>> 3]! ^ (1 << (bit & 7));
        }
        return frame.subarray(0, cut % (frame.length + 1));
      });
    fc.assert(
      fc.property(
        mutated.chain((frame) => fc.tuple(embedded(frame), embedded(frame))),
        ([a, b]) => {
          const ra = decodeTotal(a.buffer, a.offset, a.end);
          const rb = decodeTotal(b.buffer, b.offset, b.end);
          // Results carry absolute offsets: shift b's onto a's before comparing.
          const shift = a.offset - b.offset;
          const sb = rb.ok
            ? { ...rb.value, payloadOffset: rb.value.payloadOffset + shift, payloadEnd: rb.value.payloadEnd + shift }
            : { ...(summary(rb) as object), offset: rb.error.offset + shift, message: undefined };
          const sa = ra.ok ? ra.value : { ...(summary(ra) as object), message: undefined };
          expect(sb).toEqual(sa);
          // and the same as the frame alone in its own buffer
          const alone = a.buffer.slice(a.offset, a.end);
          const r0 = decodeTotal(alone);
          if (r0.ok && ra.ok) expect(r0.value.ethernet).toEqual(ra.value.ethernet);
          expect(r0.ok).toBe(ra.ok);
          checkViewAgrees(a.buffer, a.offset, a.end, ra);
          checkViewAgrees(b.buffer, b.offset, b.end, rb);
        },
      ),
      fcOptions({ numRuns: 1000 }),
    );
  });

  it("the view never throws, even on bounds outside the buffer", () => {
    const bound = fc.oneof(fc.integer({ min: -5, max: 90 }), fc.constantFrom(Number.NaN, 0.5, Number.POSITIVE_INFINITY, -Number.MAX_VALUE));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), bound, bound, (bytes, offset, end) => {
        const view = new EthernetView();
        const code = view.reset(bytes, offset, end);
        expect(Number.isInteger(code)).toBe(true);
        const r = decodeTotal(bytes, offset, end);
        expect(r.ok).toBe(code === 0);
        if (!r.ok) {
          expect(Number.isInteger(r.error.offset)).toBe(true);
          expect(r.error.offset).toBeGreaterThanOrEqual(r.error.code === "INVALID_FIELD" ? -1 : 0);
          expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
        }
      }),
      fcOptions({ numRuns: 1000 }),
    );
  });
});

import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFrameError } from "../../src/errors.js";
import {
  PcapCursor,
  PcapngCursor,
  readCapture,
  readCaptureAll,
  readCaptureStream,
  writePcap,
  writePcapng,
  type CaptureRecord,
} from "../../src/capture/index.js";
import { fcOptions } from "../helpers/fc.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { load } from "./helpers.js";

const MAX_PCAP_NS = (1n << 32n) * 1_000_000_000n - 1n;

const recordArb = fc.record({
  data: fc.uint8Array({ maxLength: 120 }),
  timestamp: fc.bigInt({ min: 0n, max: MAX_PCAP_NS }),
  extra: fc.nat({ max: 2000 }),
});

type Outcome = { records: unknown[]; error: [string, number] | undefined };

/** Every record read, then the error (code, offset) if any; fails the property on a non-FrameError. */
function outcome(read: () => Iterable<CaptureRecord>): Outcome {
  const records: unknown[] = [];
  try {
    for (const r of read()) records.push([r.timestamp, r.interface, r.linkType, r.originalLength, Array.from(r.data)]);
  } catch (e) {
    if (!isFrameError(e)) throw e;
    return { records, error: [e.code, e.offset] };
  }
  return { records, error: undefined };
}

async function outcomeAsync(read: () => AsyncIterable<CaptureRecord>): Promise<Outcome> {
  const records: unknown[] = [];
  try {
    for await (const r of read()) records.push([r.timestamp, r.interface, r.linkType, r.originalLength, Array.from(r.data)]);
  } catch (e) {
    if (!isFrameError(e)) throw e;
    return { records, error: [e.code, e.offset] };
  }
  return { records, error: undefined };
}

function* chunked(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let p = 0;
  for (let i = 0; p < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.slice(p, p + n);
    p += n;
  }
}

describe("round trip: write → read gives the same frames and timestamps", () => {
  for (const format of ["pcap", "pcapng"] as const) {
    for (const resolution of ["microseconds", "nanoseconds"] as const) {
      for (const bigEndian of [false, true]) {
        it(`${format}, ${resolution}, ${bigEndian ? "BE" : "LE"}`, () => {
          fc.assert(
            fc.property(fc.array(recordArb, { maxLength: 12 }), (list) => {
              const records = list.map((r) => ({
                data: r.data,
                timestamp: r.timestamp,
                originalLength: r.data.length + r.extra,
              }));
              const file =
                format === "pcap"
                  ? writePcap(records, { resolution, bigEndian })
                  : writePcapng(records, { resolution, bigEndian });
              const back = readCaptureAll(file);
              expect(back).toHaveLength(records.length);
              back.forEach((r, i) => {
                const want = records[i]!;
                expect(Array.from(r.data)).toEqual(Array.from(want.data));
                expect(r.originalLength).toBe(want.originalLength);
                expect(r.timestamp).toBe(
                  resolution === "nanoseconds" ? want.timestamp : (want.timestamp / 1000n) * 1000n,
                );
                expect(r.linkType).toBe(1);
              });
            }),
            fcOptions(),
          );
        });
      }
    }
  }
});

/** Small valid files of both formats and byte orders, plus real captures, to mutate. */
const seeds: Uint8Array[] = [
  writePcap([new Uint8Array(60).fill(7), new Uint8Array(42)], { resolution: "nanoseconds" }),
  writePcap([new Uint8Array(60).fill(7), new Uint8Array(3)], { bigEndian: true }),
  writePcapng([new Uint8Array(60).fill(7), { data: new Uint8Array(5), interface: 1 }]),
  writePcapng([new Uint8Array(61), new Uint8Array(2)], { bigEndian: true, resolution: "nanoseconds" }),
  load(path.join(CAPTURES_DIR, "arp_8022_snap_hwtype6.pcapng")),
  load(path.join(CAPTURES_DIR, "arp_qinq_8021ad.pcap")),
  load(path.join(CAPTURES_DIR, "ndp_ns_na_solicited_lla.pcapng")),
];

/** A mutation of a seed: truncation, bit flips, random 32-bit values written over length fields. */
const mutatedArb = fc
  .record({
    seed: fc.nat({ max: seeds.length - 1 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
    flips: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { maxLength: 4 }),
    words: fc.array(
      fc.tuple(fc.nat(), fc.oneof(fc.nat({ max: 300 }), fc.constantFrom(0, 1, 11, 12, 13, 0x7fffffff, 0xffffffff))),
      { maxLength: 3 },
    ),
  })
  .map(({ seed, cut, flips, words }) => {
    const b = seeds[seed]!.slice();
    const view = new DataView(b.buffer);
    for (const [at, v] of words) {
      const off = (at % Math.max(1, b.length - 3)) & ~3;
      if (off + 4 <= b.length) view.setUint32(off, v, (at & 1) === 0);
    }
    for (const [at, bit] of flips) if (b.length > 0) b[at % b.length]! ^= 1 << bit;
    return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
  });

describe("totality: corrupted captures end in records and at most one FrameError, in bounded time", () => {
  it("readCapture on truncated, bit-flipped and length-rewritten files", () => {
    fc.assert(
      fc.property(mutatedArb, (bytes) => {
        const o = outcome(() => readCapture(bytes));
        const stopped = outcome(() => readCapture(bytes, { onTruncated: "stop" }));
        expect(stopped.records).toEqual(o.records);
        if (o.error?.[0] === "TRUNCATED") expect(stopped.error).toBeUndefined();
        if (o.error !== undefined) expect(o.error[1]).toBeLessThanOrEqual(bytes.length);
      }),
      fcOptions({ numRuns: 2000 }),
    );
  });

  it("the cursors never throw and always move forward", () => {
    fc.assert(
      fc.property(mutatedArb, (bytes) => {
        for (const c of [new PcapCursor(), new PcapngCursor()]) {
          if (c.reset(bytes) !== 0) continue;
          let last = -1;
          let steps = 0;
          while (c.next()) {
            expect(c.dataOffset).toBeGreaterThan(last);
            expect(c.dataOffset + c.captureLength).toBeLessThanOrEqual(bytes.length);
            last = c.dataOffset;
            expect(++steps).toBeLessThanOrEqual(bytes.length);
          }
        }
      }),
      fcOptions({ numRuns: 2000 }),
    );
  });

  it("random bytes behind a pcap or pcapng magic", () => {
    const magics = [
      [0xd4, 0xc3, 0xb2, 0xa1],
      [0xa1, 0xb2, 0x3c, 0x4d],
      [0x0a, 0x0d, 0x0d, 0x0a],
    ];
    fc.assert(
      fc.property(fc.nat({ max: 2 }), fc.uint8Array({ maxLength: 300 }), (m, tail) => {
        const bytes = Uint8Array.from([...magics[m]!, ...tail]);
        outcome(() => readCapture(bytes));
      }),
      fcOptions({ numRuns: 2000 }),
    );
  });

  it("the stream reader, chunked at random, agrees with the whole-buffer reader", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedArb, fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 6 }), async (bytes, sizes) => {
        const whole = outcome(() => readCapture(bytes));
        const streamed = await outcomeAsync(() => readCaptureStream(chunked(bytes, sizes)));
        expect(streamed).toEqual(whole);
      }),
      fcOptions({ numRuns: 500 }),
    );
  });
});

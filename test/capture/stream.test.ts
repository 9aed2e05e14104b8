import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { suiteTempDir } from "../helpers/tmp.js";
import { readCaptureAll, readCaptureStream, writePcap, writePcapng, type CaptureRecord } from "../../src/capture/index.js";
import { readCaptureFile, readFileChunks, writeCaptureFile } from "../../src/capture/node.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { catchFrameErrorAsync, load } from "./helpers.js";

const summary = (rs: CaptureRecord[]): unknown[] =>
  rs.map((r) => [r.timestamp, r.interface, r.linkType, r.originalLength, Array.from(r.data)]);

async function collect(source: AsyncIterable<CaptureRecord>): Promise<CaptureRecord[]> {
  const out: CaptureRecord[] = [];
  for await (const r of source) out.push(r);
  return out;
}

/** `bytes` cut into chunks of the given sizes (cycled). */
function* chunked(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let p = 0;
  for (let i = 0; p < bytes.length; i++) {
    const n = sizes[i % sizes.length] ?? 1;
    yield bytes.slice(p, p + n); // a copy: the reader must not depend on one backing buffer
    p += n;
  }
}

const CAPTURES = readdirSync(CAPTURES_DIR).filter((f) => /\.pcap(ng)?$/.test(f));
const tmp = suiteTempDir("capture");

describe("readCaptureStream", () => {
  it("yields what readCapture does, for every shared capture and chunk sizes 1, 7, 64, 4096", async () => {
    for (const name of CAPTURES) {
      const bytes = load(path.join(CAPTURES_DIR, name));
      const whole = summary(readCaptureAll(bytes));
      for (const sizes of [[1], [7, 3], [64], [4096]]) {
        if (sizes[0] === 1 && bytes.length > 10_000) continue; // byte-by-byte on the big files is slow
        expect(summary(await collect(readCaptureStream(chunked(bytes, sizes)))), `${name} ${sizes}`).toEqual(whole);
      }
    }
  });

  it("accepts a Web ReadableStream and an async iterable", async () => {
    const bytes = load(path.join(CAPTURES_DIR, "ndp_ns_na_solicited_lla.pcapng"));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunked(bytes, [100])) controller.enqueue(c);
        controller.close();
      },
    });
    expect(await collect(readCaptureStream(stream))).toHaveLength(7);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield* chunked(bytes, [33]);
    }
    expect(await collect(readCaptureStream(source()))).toHaveLength(7);
  });

  it("records alias a chunk when they lie in one", async () => {
    const file = writePcap([new Uint8Array(60), new Uint8Array(60)]);
    const chunk = file.slice();
    const [a, b] = await collect(readCaptureStream([chunk]));
    expect(a?.data.buffer).toBe(chunk.buffer);
    expect(b?.data.byteOffset).toBe(24 + 16 + 60 + 16);
  });

  it("reports truncation and faults at file offsets, after the complete records", async () => {
    const file = writePcapng([new Uint8Array(60), new Uint8Array(60), new Uint8Array(60)]);
    const cut = file.subarray(0, file.length - 10);
    const seen: number[] = [];
    const e = await catchFrameErrorAsync(async () => {
      for await (const r of readCaptureStream(chunked(cut, [50]))) seen.push(r.data.length);
    });
    expect(seen).toEqual([60, 60]);
    const third = file.length - 92;
    expect([e.code, e.layer, e.offset]).toEqual(["TRUNCATED", "pcapng", third]);
    expect(await collect(readCaptureStream(chunked(cut, [50]), { onTruncated: "stop" }))).toHaveLength(2);

    const bad = file.slice();
    new DataView(bad.buffer).setUint32(third + 4, 90, true); // not a multiple of 4
    const f = await catchFrameErrorAsync(() => collect(readCaptureStream(chunked(bad, [50]))));
    expect([f.code, f.offset]).toEqual(["BAD_LENGTH", third + 4]);
  });

  it("refuses a block length over maxRecordLength instead of buffering the rest of the file", async () => {
    const file = writePcapng([new Uint8Array(60)]);
    expect(await collect(readCaptureStream([file], { maxRecordLength: 92 }))).toHaveLength(1);
    expect((await catchFrameErrorAsync(() => collect(readCaptureStream([file], { maxRecordLength: 88 })))).code).toBe("BAD_LENGTH");
    const e = await catchFrameErrorAsync(() => collect(readCaptureStream(chunked(file, [50]), { maxRecordLength: 64 })));
    expect(e.code).toBe("BAD_LENGTH");
    const lying = file.slice(0, file.length - 92 + 12 + 1000);
    const epb = file.length - 92;
    new DataView(lying.buffer).setUint32(epb + 4, 0x7fff_fff0, true);
    const f = await catchFrameErrorAsync(() => collect(readCaptureStream(chunked(lying, [64]))));
    expect([f.code, f.offset]).toEqual(["BAD_LENGTH", epb + 4]);
  });

  it("empty, short and foreign streams", async () => {
    expect((await catchFrameErrorAsync(() => collect(readCaptureStream([])))).code).toBe("TRUNCATED");
    expect(await collect(readCaptureStream([], { onTruncated: "stop" }))).toEqual([]);
    expect((await catchFrameErrorAsync(() => collect(readCaptureStream([new Uint8Array(8)])))).code).toBe("INVALID_FIELD");
    const header = writePcap([]);
    expect(await collect(readCaptureStream(chunked(header, [5])))).toEqual([]);
    expect((await catchFrameErrorAsync(() => collect(readCaptureStream(chunked(header.subarray(0, 20), [5]))))).code).toBe(
      "TRUNCATED",
    );
  });
});

describe("node.ts", () => {
  it("readCaptureFile reads every shared capture like readCapture, in small chunks too", async () => {
    for (const name of CAPTURES) {
      const file = path.join(CAPTURES_DIR, name);
      const whole = summary(readCaptureAll(load(file)));
      expect(summary(await collect(readCaptureFile(file))), name).toEqual(whole);
      expect(summary(await collect(readCaptureFile(file, { chunkSize: 1000 }))), name).toEqual(whole);
    }
  });

  it("readFileChunks yields plain Uint8Arrays covering the file", async () => {
    const file = path.join(CAPTURES_DIR, "mixed_arp_probe_announce_ndp_dad_boot.pcap");
    let total = 0;
    for await (const c of readFileChunks(file, 65536)) {
      expect(Object.getPrototypeOf(c)).toBe(Uint8Array.prototype);
      total += c.length;
    }
    expect(total).toBe(load(file).length);
  });

  it("writeCaptureFile follows the file's extension (x.pcapng was written as classic pcap), format overrides it", async () => {
    const frames = [new Uint8Array(60).fill(1)];
    const magic = async (file: string) => Buffer.from((await import("node:fs")).readFileSync(file).subarray(0, 4)).toString("hex");
    for (const [name, options, expected] of [
      ["x.pcapng", {}, "0a0d0d0a"],
      ["x.PCAPNG", {}, "0a0d0d0a"],
      ["x.ntar", {}, "0a0d0d0a"],
      ["x.pcap", {}, "d4c3b2a1"],
      ["x.cap", {}, "d4c3b2a1"],
      ["y.pcapng", { format: "pcap" }, "d4c3b2a1"],
      ["y.pcap", { format: "pcapng" }, "0a0d0d0a"],
    ] as const) {
      const file = path.join(tmp, name);
      await writeCaptureFile(file, frames, options);
      expect(await magic(file), `${name} ${JSON.stringify(options)}`).toBe(expected);
    }
  });

  it("writeCaptureFile writes pcap and pcapng", async () => {
    const frames = [new Uint8Array(60).fill(1), new Uint8Array(42).fill(2)];
    for (const format of ["pcap", "pcapng"] as const) {
      const file = path.join(tmp, `out.${format}`);
      await writeCaptureFile(file, frames, { format, resolution: "nanoseconds" });
      const back = await collect(readCaptureFile(file));
      expect(back.map((r) => [r.timestamp, r.data.length])).toEqual([
        [0n, 60],
        [1000n, 42],
      ]);
    }
  });

  it("stops early and closes the file when the consumer breaks", async () => {
    const file = path.join(tmp, "big.pcap");
    writeFileSync(file, writePcap(Array.from({ length: 1000 }, () => new Uint8Array(100))));
    let n = 0;
    for await (const _ of readCaptureFile(file, { chunkSize: 4096 })) if (++n === 3) break;
    expect(n).toBe(3);
  });
});

/**
 * Capture files against Wireshark's own reader and writer: what arp-ndp's writePcap/writePcapng write,
 * tshark reads (same bytes, lengths and timestamps); what tshark writes (pcap µs, pcap ns, pcapng),
 * arp-ndp's readCaptureAll reads back identically.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readCaptureAll, writePcap, writePcapng } from "../../src/capture/index.js";
import { FRAME_KINDS, sampleFrames, suiteSeed } from "./frames.js";
import { hex } from "./report.js";
import { describeInterop } from "./tools.js";

interface TsharkRecord {
  len: number;
  capLen: number;
  epochNs: bigint;
  hex: string;
}

/** tshark's view of every record: lengths, epoch time (ns) and the raw bytes (`-x` → frame_raw). */
function tsharkRecords(file: string): TsharkRecord[] {
  const r = spawnSync("tshark", ["-n", "-r", file, "-T", "json", "-x"], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tshark -r ${file}: ${r.stderr}`);
  const packets = JSON.parse(r.stdout) as { _source: { layers: { frame: Record<string, string>; frame_raw?: unknown[] } } }[];
  return packets.map((p) => {
    const l = p._source.layers;
    const [seconds, fraction = ""] = String(l.frame["frame.time_epoch"]).split(".");
    return {
      len: Number(l.frame["frame.len"]),
      capLen: Number(l.frame["frame.cap_len"]),
      epochNs: BigInt(seconds ?? "0") * 1_000_000_000n + BigInt(fraction.padEnd(9, "0").slice(0, 9)),
      hex: String(l.frame_raw?.[0] ?? ""),
    };
  });
}

describeInterop("capture files against tshark", ["tshark"], () => {
  let dir = "";
  let frames: Uint8Array[] = [];
  const timestamps: bigint[] = [];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "arpndp-capture-"));
    const seed = suiteSeed();
    frames = FRAME_KINDS.flatMap((k, i) => sampleFrames(k.arb, seed + 200 + i, 20)).map((g) => g.bytes);
    // Timestamps with nanosecond digits, around 2023, plus the epoch and a late date.
    frames.forEach((_, i) => timestamps.push(1_700_000_000_000_000_000n + BigInt(i) * 1_000_123_457n));
    timestamps[0] = 0n;
    timestamps[1] = 4_000_000_000_123_456_789n;
  });

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  const records = (): { data: Uint8Array; timestamp: bigint }[] => frames.map((data, i) => ({ data, timestamp: timestamps[i] ?? 0n }));

  test("tshark reads what writePcap and writePcapng write (µs/ns, little/big-endian): same bytes, lengths, timestamps", () => {
    const files: { name: string; bytes: Uint8Array; resolution: bigint }[] = [
      { name: "ours-us.pcap", bytes: writePcap(records()), resolution: 1000n },
      { name: "ours-ns.pcap", bytes: writePcap(records(), { resolution: "nanoseconds" }), resolution: 1n },
      { name: "ours.pcapng", bytes: writePcapng(records()), resolution: 1000n },
      { name: "ours-ns.pcapng", bytes: writePcapng(records(), { resolution: "nanoseconds" }), resolution: 1n },
      { name: "ours-be.pcap", bytes: writePcap(records(), { bigEndian: true }), resolution: 1000n },
      { name: "ours-be.pcapng", bytes: writePcapng(records(), { bigEndian: true }), resolution: 1000n },
    ];
    for (const f of files) {
      const file = path.join(dir, f.name);
      writeFileSync(file, f.bytes);
      const seen = tsharkRecords(file);
      expect(seen.length, f.name).toBe(frames.length);
      seen.forEach((s, i) => {
        const frame = frames[i] as Uint8Array;
        expect(s.hex, `${f.name} record ${i}`).toBe(hex(frame));
        expect([s.len, s.capLen], `${f.name} record ${i}`).toEqual([frame.length, frame.length]);
        const want = ((timestamps[i] ?? 0n) / f.resolution) * f.resolution;
        expect(s.epochNs, `${f.name} record ${i} timestamp`).toBe(want);
      });
    }
  });

  test("readCaptureAll reads what tshark writes (pcap µs, pcap ns, pcapng) exactly as tshark does", () => {
    const source = path.join(dir, "source.pcapng");
    writeFileSync(source, writePcapng(records(), { resolution: "nanoseconds" }));
    for (const format of ["pcap", "nsecpcap", "pcapng"]) {
      const file = path.join(dir, `tshark.${format}`);
      const r = spawnSync("tshark", ["-n", "-r", source, "-F", format, "-w", file], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const theirs = tsharkRecords(file);
      const ours = readCaptureAll(new Uint8Array(readFileSync(file)));
      expect(ours.length, format).toBe(theirs.length);
      ours.forEach((rec, i) => {
        const t = theirs[i] as TsharkRecord;
        expect(hex(rec.data), `${format} record ${i}`).toBe(t.hex);
        expect(rec.originalLength).toBe(t.len);
        expect(rec.linkType).toBe(1);
        expect(rec.timestamp, `${format} record ${i} timestamp`).toBe(t.epochNs);
      });
    }
  });
});

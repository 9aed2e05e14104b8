/**
 * `capture/decode`: read a 1M-frame in-memory pcap with the allocation-free cursor and decode every frame
 * with a FrameView (ARP, NS and NA in turn, checksums verified on the NDP frames). Target ≥ 10 million
 * frames per second (issue #5), i.e. ≤ 100 ns per frame.
 */
import { FRAME_KIND, FrameView, PcapCursor, writePcap } from "arp-ndp";
import { ARP_REQUEST, NA_FRAME, NS_FRAME } from "./frames.js";
import type { BenchResult } from "./harness.js";

function buildCapture(frames: number): Uint8Array {
  const kinds = [ARP_REQUEST, NS_FRAME, NA_FRAME];
  const records = function* () {
    for (let i = 0; i < frames; i++) yield { data: kinds[i % 3]!, timestamp: BigInt(i) * 1000n };
  };
  return writePcap(records());
}

/** Times a full pass over a capture of `frames` frames, `passes` times; returns the median ns per frame. */
export function measureCaptureDecode(frames: number, passes: number): BenchResult {
  const file = buildCapture(frames);
  const cursor = new PcapCursor();
  const view = new FrameView();
  const pass = (): number => {
    let acc = 0;
    if (cursor.reset(file) !== 0) throw new Error(cursor.errorReason);
    while (cursor.next()) {
      const start = cursor.dataOffset;
      if (view.resetLink(cursor.bytes, cursor.linkType, start, start + cursor.captureLength) !== 0) continue;
      if (view.kind === FRAME_KIND.ARP) acc += view.arp.targetIpv4 & 0xff;
      else if (view.kind >= FRAME_KIND.NEIGHBOR_SOLICITATION) acc += view.verifyChecksum() ? 1 : 0;
    }
    if (cursor.errorCode !== 0) throw new Error(cursor.errorReason);
    return acc;
  };
  pass(); // warm-up
  const samples: number[] = [];
  let acc = 0;
  for (let i = 0; i < passes; i++) {
    const t0 = process.hrtime.bigint();
    acc += pass();
    samples.push(Number(process.hrtime.bigint() - t0) / frames);
  }
  if (acc === 0) throw new Error("capture/decode decoded nothing");
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  return { name: "capture/decode", nsPerOp: median, spread: (samples[samples.length - 1]! - samples[0]!) / median };
}

/**
 * Linear-time check: for each target, inputs of 1×, 8× and 64× a base size built to maximise the work per
 * byte (stacked VLAN tags, NDP options of the smallest length, many capture records, long hex dumps), all
 * of which the target must accept; the time per byte of the largest must stay within a bound of the
 * smaller ones'. A quadratic walk shows up as a ratio of 8 or more; linear code gives about 1 or less
 * (fixed costs amortise).
 */
import { Rng } from "./prng.js";
import { fixLengthsAndChecksum } from "./mutators.js";
import { hexDump, pcapFile, pcapngFile } from "./synth.js";
import type { Target } from "./targets.js";

/** One target's figures. */
export interface LinearResult {
  target: string;
  sizes: number[];
  nsPerByte: number[];
  /** nsPerByte of 64× over the smaller nsPerByte of 1× and 8× (quadratic code gives ≥ 8, linear ≤ 1). */
  ratio: number;
  /** The target accepted (decoded) all three inputs. */
  accepted: boolean;
  ok: boolean;
}

const NS_BASE = [0x87, 0, 0, 0, 0, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf0];
const ETH_V6 = [0x33, 0x33, 0xff, 0, 0, 0xf0, 2, 0, 0, 0, 0, 1];
const IPV6 = [0x60, 0, 0, 0, 0, 0, 58, 255, ...new Array<number>(16).fill(0), 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0, 0, 0xf0];

/** `n` NDP options of length 1 (8 bytes), the most options per byte; some SLLA, some unknown. */
function options(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i % 4 === 0 ? 1 : 200 + (i % 50), 1, 2, 0, 0, 0, 0, i & 0xff);
  return out;
}

function tags(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i % 2 === 0 ? 0x88 : 0x81, i % 2 === 0 ? 0xa8 : 0x00, 0, 100);
  return out;
}

/** An Ethernet frame: `scale`·4 VLAN tags, then IPv6 + NS with `scale`·8 options, checksum right. */
function frameOf(scale: number): Uint8Array {
  const b = Uint8Array.from([...ETH_V6, ...tags(4 * scale), 0x86, 0xdd, ...IPV6, ...NS_BASE, ...options(8 * scale)]);
  fixLengthsAndChecksum(b, "frame");
  return b;
}

/** Scaled inputs for a target (1×, 8×, 64×), all of which it must accept. */
export function scaledInputs(target: Pick<Target, "name" | "family">): Uint8Array[] {
  const scales = [1, 8, 64];
  switch (target.family) {
    case "frame":
      return scales.map(frameOf);
    case "cooked":
      return scales.map((s) => {
        const f = frameOf(s);
        // SLL v1 header (selector byte 0), then the frame's network layer (tags dropped: SLL has none)
        const net = f.subarray(12 + 2 + 16 * s);
        return Uint8Array.from([0, 0, 4, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x86, 0xdd, ...net]);
      });
    case "arp":
      // ARP's length is bounded (at most 1028 bytes): hlen/plen of 4, 32, 255
      return [4, 32, 255].map((n) => Uint8Array.from([0, 1, 8, 0, n, n, 0, 1, ...new Array<number>(4 * n).fill(7)]));
    case "ipv6":
      // the extension-header walk is capped at 32 headers (more bytes per header is not more work), so
      // what grows with the size is the options of the NS after the fixed header
      return scales.map((s) => {
        const b = Uint8Array.from([...IPV6, ...NS_BASE, ...options(16 * s)]);
        fixLengthsAndChecksum(b, "ipv6");
        return b;
      });
    case "icmpv6":
      return scales.map((s) => Uint8Array.from([...NS_BASE, ...options(16 * s)]));
    case "capture": {
      const frame = frameOf(1);
      const pcap = /pcap(?!ng)/i.test(target.name) && !/pcapng/i.test(target.name);
      return scales.map((s) => {
        const frames = Array.from({ length: 8 * s }, () => frame);
        return pcap ? pcapFile(frames, true, false) : pcapngFile(new Rng(1), frames, true);
      });
    }
    case "hex":
      return scales.map((s) => new TextEncoder().encode(hexDump(new Rng(2), frameOf(s))));
  }
}

function nsPerCall(target: Target, input: Uint8Array, minMilliseconds: number): number {
  const bytes = new Uint8Array(input.length + 16);
  bytes.set(input, 8);
  const run = (): void => {
    try {
      target.run(bytes, 8, 8 + input.length);
    } catch {
      // refused inputs are timed too; crashes are the fuzz loop's business
    }
  };
  for (let i = 0; i < 20; i++) run(); // warm-up
  const samples: number[] = [];
  for (let k = 0; k < 5; k++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < minMilliseconds / 5 || n < 3) {
      run();
      n++;
      t = performance.now();
    }
    samples.push(((t - t0) * 1e6) / n);
  }
  samples.sort((a, b) => a - b);
  return samples[0] ?? 0; // best batch: least disturbed by GC and other processes on a shared machine
}

/** Runs the check for each target; `bound` is the largest allowed ratio. */
export function checkLinear(targets: readonly Target[], bound = 3, minMilliseconds = 100): LinearResult[] {
  const results: LinearResult[] = [];
  for (const target of targets) {
    const inputs = scaledInputs(target);
    // the inputs must be accepted: timing a refusal at the first header would prove nothing
    const accepted = inputs.every((input) => {
      try {
        return target.run(input, 0, input.length);
      } catch {
        return false;
      }
    });
    let attempt = 0;
    let result: LinearResult;
    do {
      const nsPerByte = inputs.map((input) => nsPerCall(target, input, minMilliseconds) / Math.max(1, input.length));
      // against the better of 1× and 8×: a large fixed cost at 1× must not hide a quadratic term
      const ratio = (nsPerByte[2] ?? 0) / Math.max(1e-9, Math.min(nsPerByte[0] ?? 0, nsPerByte[1] ?? 0));
      result = { target: target.name, sizes: inputs.map((i) => i.length), nsPerByte, ratio, accepted, ok: accepted && ratio <= bound };
    } while (!result.ok && accepted && ++attempt < 3); // re-measure: a colleague's test run may have shared the CPU
    results.push(result);
  }
  return results;
}

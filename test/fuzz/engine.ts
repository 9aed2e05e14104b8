/**
 * The fuzz loop: make an input (mutated seed, synthesized capture or hex dump, or plain random bytes),
 * embed it at a random offset between random guard bytes, run every target of its family on
 * `bytes[offset, end)`, time each call, and report crashes (anything thrown that is not a `FrameError`,
 * including the targets' differential and round-trip {@link FuzzFailure}s), slow calls, and results that
 * change with the guard bytes.
 */
import { createHash } from "node:crypto";
import { isFrameError } from "../../src/errors.js";
import { Rng } from "./prng.js";
import { mutateCapture, mutateSample } from "./mutators.js";
import { captureFile, cookedRecord, hexDumps, mutateText } from "./synth.js";
import type { Corpus } from "./corpus.js";
import type { Layer } from "./fields.js";
import type { Family, Target } from "./targets.js";

/** A failing input, as saved under test/fixtures/crashers. */
export interface Crash {
  target: string;
  /**
   * "crash" (non-FrameError throw or failed check), "slow" (over the per-call bound, and again when re-timed),
   * "guard" (result depends on guard bytes), "hang" (a call that did not return; found by the runner's watchdog).
   */
  kind: "crash" | "slow" | "guard" | "hang";
  /** The input itself (without guard bytes). */
  input: Uint8Array;
  /** What went wrong. */
  message: string;
  /** How it was made (seed, iteration, mutations). */
  origin: string;
}

/** Per-target counters. */
export interface TargetStats {
  calls: number;
  /** Calls that ended in a FrameError (refused input). */
  refused: number;
  nanoseconds: number;
  maxMilliseconds: number;
  bytes: number;
}

/** Loop parameters. */
export interface EngineOptions {
  seed: number;
  /** Per-call bound in milliseconds: a call over it is re-timed, and reported when it stays over. */
  slowMilliseconds: number;
  /** Check guard-byte independence every this many inputs. */
  guardEvery: number;
  /** Called with each crash (deduplicated by target and input hash). */
  onCrash: (crash: Crash) => void;
  /** Optional hook before each target call (the watchdog's heartbeat). */
  beforeCall?: (targetIndex: number) => void;
  /** Optional hook when a new input is made (the watchdog keeps a copy). */
  onInput?: (input: Uint8Array) => void;
}

/** sha1 of the input, first 8 hex digits: the crasher's file-name suffix. */
export function shortHash(input: Uint8Array): string {
  return createHash("sha1").update(input).digest("hex").slice(0, 8);
}

/** Inputs saved per failure bucket (see {@link Engine.report}). */
const PER_BUCKET = 3;

const FAMILY_WEIGHTS: Record<Family, number> = { frame: 34, cooked: 5, arp: 10, ipv6: 10, icmpv6: 10, capture: 21, hex: 10 };
const LAYER_OF: Partial<Record<Family, Layer>> = { frame: "frame", arp: "arp", ipv6: "ipv6", icmpv6: "icmpv6", cooked: "raw" };

/** The engine: create it once per worker, call {@link Engine.step} in a loop. */
export class Engine {
  readonly rng: Rng;
  readonly stats = new Map<string, TargetStats>();
  inputs = 0;
  private readonly byFamily = new Map<Family, Target[]>();
  private readonly families: Family[] = [];
  private readonly cumulative: number[] = [];
  private readonly buckets = new Map<string, number>();
  private readonly cooked: Uint8Array[];
  private readonly captures: Uint8Array[];
  private readonly targetIndex = new Map<Target, number>();

  constructor(
    readonly targets: readonly Target[],
    readonly corpus: Corpus,
    readonly options: EngineOptions,
  ) {
    this.rng = new Rng(options.seed);
    targets.forEach((t, i) => {
      this.targetIndex.set(t, i);
      this.stats.set(t.name, { calls: 0, refused: 0, nanoseconds: 0, maxMilliseconds: 0, bytes: 0 });
      const list = this.byFamily.get(t.family) ?? [];
      list.push(t);
      this.byFamily.set(t.family, list);
    });
    let total = 0;
    for (const [family, weight] of Object.entries(FAMILY_WEIGHTS) as [Family, number][]) {
      if (!this.byFamily.has(family)) continue;
      total += weight;
      this.families.push(family);
      this.cumulative.push(total);
    }
    this.cooked = [
      ...corpus.cooked.map((c) => Uint8Array.of(c.linkType === 276 ? 1 : 0, ...c.data)),
      ...corpus.frame.filter((_, i) => i % 7 === 0).map((f, i) => cookedRecord(f, i % 2 === 1)),
    ];
    this.captures = corpus.captures.map((c) => c.data);
  }

  private pickFamily(): Family {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const r = this.rng.below(total);
    for (let i = 0; i < this.cumulative.length; i++) if (r < (this.cumulative[i] ?? 0)) return this.families[i] ?? "frame";
    return this.families[0] ?? "frame";
  }

  private seedsOf(family: Family): Uint8Array[] {
    switch (family) {
      case "frame":
        return this.corpus.frame;
      case "arp":
        return this.corpus.arp;
      case "ipv6":
        return this.corpus.ipv6;
      case "icmpv6":
        return this.corpus.icmpv6;
      case "cooked":
        return this.cooked;
      default:
        return this.captures;
    }
  }

  /** Frame seeds of a class picked by weight: NS/NA and ARP most, then other ICMPv6, IPv6, anything. */
  private frameSeeds(): Uint8Array[] {
    const r = this.rng.below(100);
    const cls = r < 35 ? "ndp" : r < 65 ? "arp" : r < 77 ? "icmpv6" : r < 83 ? "ipv6" : r < 88 ? "other" : "";
    return this.corpus.frameClasses.get(cls) ?? this.corpus.frame;
  }

  /** Makes one input of `family` and a line saying how. */
  makeInput(family: Family): { input: Uint8Array; origin: string } {
    const rng = this.rng;
    if (rng.chance(0.03)) return { input: rng.bytes(rng.small(family === "capture" ? 512 : 160)), origin: "random bytes" };
    if (family === "capture") {
      if (rng.chance(0.35)) {
        const frames = Array.from({ length: rng.small(4) }, () => {
          const f = rng.pick(this.frameSeeds());
          return rng.chance(0.5) ? mutateSample(rng, f, "frame", this.corpus.frame, 4096) : f;
        });
        const file = captureFile(rng, frames);
        return rng.chance(0.6) ? { input: mutateCapture(rng, file, this.captures, 1 << 18), origin: "synthesized capture, mutated" } : { input: file, origin: "synthesized capture" };
      }
      return { input: mutateCapture(rng, rng.pick(this.captures), this.captures, 1 << 18), origin: "mutated capture" };
    }
    if (family === "hex") {
      const frames = Array.from({ length: 1 + rng.small(2) }, () => {
        const f = rng.pick(this.frameSeeds());
        return rng.chance(0.5) ? mutateSample(rng, f, "frame", this.corpus.frame, 4096) : f;
      });
      const text = hexDumps(rng, frames);
      return { input: new TextEncoder().encode(rng.chance(0.6) ? mutateText(rng, text) : text), origin: "hex dump" };
    }
    const seeds = family === "frame" ? this.frameSeeds() : this.seedsOf(family);
    const seed = rng.pick(seeds);
    if (rng.chance(0.02)) return { input: seed, origin: "seed" };
    return { input: mutateSample(rng, seed, LAYER_OF[family] ?? "raw", seeds), origin: "mutated seed" };
  }

  /** Embeds `input` at a random offset between random guard bytes. */
  embed(input: Uint8Array, offset = this.rng.small(24), after = this.rng.small(24)): { bytes: Uint8Array; offset: number; end: number } {
    const bytes = new Uint8Array(offset + input.length + after);
    this.rng.fill(bytes, 0, offset);
    bytes.set(input, offset);
    this.rng.fill(bytes, offset + input.length, bytes.length);
    return { bytes, offset, end: offset + input.length };
  }

  /** One input through every target of one family. */
  step(): void {
    const family = this.pickFamily();
    const { input, origin } = this.makeInput(family);
    this.options.onInput?.(input);
    const { bytes, offset, end } = this.embed(input);
    const list = this.byFamily.get(family) ?? [];
    const iteration = this.inputs++;
    const checkGuards = iteration % this.options.guardEvery === 0;
    for (const target of list) {
      this.options.beforeCall?.(this.targetIndex.get(target) ?? -1);
      const s = this.stats.get(target.name);
      if (s === undefined) continue;
      const t0 = performance.now();
      let refused = false;
      let crash: unknown;
      try {
        refused = !target.run(bytes, offset, end);
      } catch (error) {
        if (isFrameError(error)) refused = true;
        else crash = error ?? "undefined";
      }
      const ms = performance.now() - t0;
      if (crash !== undefined) {
        this.report(target, "crash", input, describe(this.withStack(target, bytes, offset, end) ?? crash), `${origin}; seed ${this.options.seed}, input #${iteration}`);
      }
      s.calls++;
      s.bytes += input.length;
      s.nanoseconds += ms * 1e6;
      if (refused) s.refused++;
      if (ms > s.maxMilliseconds) s.maxMilliseconds = ms;
      if (ms > this.options.slowMilliseconds) this.retime(target, bytes, offset, end, input, ms, origin, iteration);
      if (checkGuards) this.checkGuards(target, input, offset, origin, iteration);
    }
  }

  /**
   * The worker runs with `Error.stackTraceLimit = 0`: a FrameError is the common outcome, and capturing
   * its stack costs microseconds. For a crash, run the input again with stacks on, for the report.
   */
  private withStack(target: Target, bytes: Uint8Array, offset: number, end: number): unknown {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 12;
    try {
      target.run(bytes, offset, end);
      return undefined;
    } catch (error) {
      return isFrameError(error) ? undefined : error;
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  /** A call over the bound may have met a GC pause or a colleague's test run: time it again, best of 5. */
  private retime(target: Target, bytes: Uint8Array, offset: number, end: number, input: Uint8Array, first: number, origin: string, iteration: number): void {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      try {
        target.run(bytes, offset, end);
      } catch {
        // already judged on the first call
      }
      best = Math.min(best, performance.now() - t0);
    }
    if (best > this.options.slowMilliseconds) {
      this.report(target, "slow", input, `took ${first.toFixed(2)} ms, best of 5 re-runs ${best.toFixed(2)} ms (> ${this.options.slowMilliseconds} ms) for ${input.length} bytes`, `${origin}; seed ${this.options.seed}, input #${iteration}`);
    }
  }

  /** The same input at the same offset between other guard bytes must decode the same. */
  private checkGuards(target: Target, input: Uint8Array, offset: number, origin: string, iteration: number): void {
    try {
      const a = this.embed(input, offset, this.rng.small(24));
      const b = this.embed(input, offset, this.rng.small(24));
      b.bytes.fill(0xff, 0, offset);
      const fa = target.fingerprint(a.bytes, a.offset, a.end);
      const fb = target.fingerprint(b.bytes, b.offset, b.end);
      if (fa !== fb) this.report(target, "guard", input, `result depends on the bytes outside [offset, end): ${fa.slice(0, 300)} vs ${fb.slice(0, 300)}`, `${origin}; seed ${this.options.seed}, input #${iteration}`);
    } catch (error) {
      this.report(target, "crash", input, `fingerprint: ${describe(error)}`, `${origin}; seed ${this.options.seed}, input #${iteration}`);
    }
  }

  /**
   * Reports a failure, at most {@link PER_BUCKET} inputs per bucket (target, kind and the first line of the
   * message with its numbers and hex blanked): one bug found ten thousand times is still one bug.
   */
  private report(target: Target, kind: Crash["kind"], input: Uint8Array, message: string, origin: string): void {
    const bucket = kind === "guard" ? `${target.name}:guard` : `${target.name}:${kind}:${(message.split("\n")[0] ?? "").replace(/0x[0-9a-f]+|[0-9a-f]{8,}|\d+(\.\d+)?/gi, "#").slice(0, 160)}`;
    const count = this.buckets.get(bucket) ?? 0;
    this.buckets.set(bucket, count + 1);
    if (count >= PER_BUCKET) return;
    this.options.onCrash({ target: target.name, kind, input: input.slice(), message, origin });
  }
}

/** An error as text: name, message, and the first lines of its stack. */
export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${(error.stack ?? "").split("\n").slice(1, 8).join("\n")}`;
  return `non-Error thrown: ${String(error)}`;
}

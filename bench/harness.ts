/**
 * A small, honest micro-benchmark harness: batches of calls timed with hrtime (a per-call timer would cost
 * more than the operations measured), warm-up first, the median of several batches reported, and every
 * result folded into a sink that is printed, so no case can be optimised away.
 */

/** A benchmark case: returns a number derived from its work (folded into the sink). */
export type BenchCase = () => number;

/** One measured case. */
export interface BenchResult {
  name: string;
  nsPerOp: number;
  /** Relative spread of the batches (max-min over median). */
  spread: number;
}

let sink = 0;

/** The folded results of every case (print it so nothing is dead code). */
export function benchSink(): number {
  return sink;
}

type Loop = (iterations: number) => number;

/**
 * A loop of its own for each case: one shared loop would see every case at one call site, which V8 then
 * leaves megamorphic and never inlines, charging JavaScript cases a dispatch the Go anchors do not pay.
 * `new Function` gives each loop its own feedback, so each call site stays monomorphic — provided the source
 * text differs: V8 caches compiled `new Function` sources, and identical text gives every case the same
 * function and so one shared, megamorphic call site again (measured: 3-10 ns per case). Hence the name in
 * the source.
 */
function loopFor(name: string, fn: BenchCase): Loop {
  const make = new Function("fn", `return function loop(n) { /* ${name.replace(/\*\//g, "")} */ let s = 0; for (let i = 0; i < n; i++) s = (s + fn()) | 0; return s; };`);
  return make(fn) as Loop;
}

function timeBatch(loop: Loop, iterations: number): number {
  const t0 = process.hrtime.bigint();
  const acc = loop(iterations);
  const t1 = process.hrtime.bigint();
  sink = (sink + acc) | 0;
  return Number(t1 - t0);
}

/**
 * Times `fn`: warms it up, sizes a batch to ~`batchMs` milliseconds, runs `batches` batches and returns
 * the median ns per call.
 */
export function measure(name: string, fn: BenchCase, options: { batchMs?: number; batches?: number } = {}): BenchResult {
  const batchMs = options.batchMs ?? 150;
  const batches = options.batches ?? 7;
  const loop = loopFor(name, fn);
  // Warm-up: let the optimising compiler see the case (and its callees) hot.
  let iterations = 1000;
  for (;;) {
    const ns = timeBatch(loop, iterations);
    if (ns > 20e6 || iterations >= 1 << 26) break;
    iterations *= 4;
  }
  const perOp = timeBatch(loop, iterations) / iterations;
  const size = Math.max(1000, Math.round((batchMs * 1e6) / Math.max(perOp, 0.1)));
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) samples.push(timeBatch(loop, size) / size);
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  return { name, nsPerOp: median, spread: (samples[samples.length - 1]! - samples[0]!) / median };
}

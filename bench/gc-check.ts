/**
 * Zero-allocation check for one case: run under `node --trace-gc --allow-natives-syntax`, the case and its
 * loop are compiled by the optimising compiler first (as a speaker's long-running handler is), then the
 * case runs 10^7 times between two markers. The parent (bench/run.ts) counts the collector's lines between
 * the markers: any line means the case allocated per frame. One process per case keeps every call site
 * monomorphic, as in a real program.
 *
 * Why force optimisation: warming up by count or time is not enough on a busy machine. The case is inlined
 * into the warm-up loop's on-stack-replaced code, so the case itself is never counted hot; the measured
 * call then starts in the interpreter, which boxes every double it returns (48-bit MACs, IPv4 addresses
 * above 2^31), and those boxes would be blamed on the case.
 */
import { CASES, type BenchCaseName } from "./cases.js";

const iterations = Number(process.env.GC_CHECK_ITERATIONS ?? 10_000_000);
const name = process.argv[2] as BenchCaseName;
const fn = CASES[name];
if (fn === undefined) throw new Error(`unknown case ${name}`);

function loop(n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) sink = (sink + fn()) | 0;
  return sink;
}

// V8 intrinsics, parsed at run time so that TypeScript never sees the '%' syntax.
const prepare = new Function("f", "%PrepareFunctionForOptimization(f)") as (f: unknown) => void;
const optimize = new Function("f", "%OptimizeFunctionOnNextCall(f)") as (f: unknown) => void;
prepare(fn);
prepare(loop);
let total = loop(200_000);
optimize(fn);
optimize(loop);
total += loop(1);
total += loop(200_000);
console.log(`@@begin ${name}`);
total += loop(iterations);
console.log(`@@end ${name}`);
console.log(`@@sink ${total}`);

/**
 * Times one case in a process of its own (bench/run.ts starts one per case): every case is run first, so
 * V8's feedback has seen every kind of frame, as a speaker's does (its FrameView meets ARP, NS and NA), and
 * then only the named case is timed. A process per case makes each figure independent of the order the
 * cases are measured in: in one shared process, code V8 re-optimised while timing one case (with that
 * case's frames only) was what the next case ran, and the NS/NA figures moved by up to 20% with the order.
 *
 *   node bench/.build/time-case.js <case> [--quick]     prints one JSON line: the BenchResult and the sink
 */
import { CASES, type BenchCaseName } from "./cases.js";
import { benchSink, measure, type BenchResult } from "./harness.js";
import { measureCaptureDecode } from "./capture.js";

const name = process.argv[2] ?? "";
const quick = process.argv.includes("--quick");

for (let round = 0; round < 3; round++) for (const fn of Object.values(CASES)) for (let i = 0; i < 100_000; i++) fn();

let result: BenchResult;
if (name === "capture/decode") result = measureCaptureDecode(quick ? 200_000 : 1_000_000, quick ? 3 : 7);
else {
  const fn = CASES[name as BenchCaseName];
  if (fn === undefined) throw new Error(`unknown case ${name}`);
  result = measure(name, fn, quick ? { batchMs: 30, batches: 3 } : {});
}
console.log(JSON.stringify({ ...result, sink: benchSink() }));

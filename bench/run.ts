/**
 * `npm run bench`: times every case on the anchor frames (each in a process of its own, after every case
 * has warmed up: bench/time-case.ts), checks that the view and into paths allocate nothing (10^7
 * iterations under --trace-gc), prints a table and writes bench/results.json as `{ "<case>": <ns per op> }`.
 *
 *   npm run bench                 our cases only
 *   npm run bench -- --anchors    also run ../shared/anchors/go/run.sh in the same sitting and print ratios
 *   npm run bench -- --quick      one process per case, shorter batches, no GC check (for a quick look)
 *   BENCH_RUNS=5 npm run bench    time each case in 5 processes (default 3) and report the median
 *   npm run bench -- --check-gc   exit 1 when a view or into case allocates (CI-style)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CASES, ZERO_ALLOCATION_CASES } from "./cases.js";
import type { BenchResult } from "./harness.js";

// Compiled to bench/.build/run.js (npm run bench): the bench folder is one level up.
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");

/** The Go anchor benchmark that each of our cases is held against (same frames, same work). */
const ANCHORS: Record<string, { gopacket?: string; mdlayher?: string }> = {
  "decode/arp/view": { gopacket: "GopacketDecodeARP" },
  "decode/ns/view": { gopacket: "GopacketDecodeNS" },
  "decode/na/view": { gopacket: "GopacketDecodeNA" },
  "decode/arp/object": { mdlayher: "MdlayherDecodeARP" },
  "decode/ns/object": { mdlayher: "MdlayherDecodeNS" },
  "encode/garp/into": { gopacket: "GopacketEncodeGratuitousARP", mdlayher: "MdlayherEncodeGratuitousARP" },
  "encode/una/into": { gopacket: "GopacketEncodeNAChecksum", mdlayher: "MdlayherEncodeNAChecksum" },
  "respond/arp/into": { gopacket: "GopacketRespondARP", mdlayher: "MdlayherRespondARP" },
  "respond/ns/into": { gopacket: "GopacketRespondNS", mdlayher: "MdlayherRespondNS" },
};

function runGoAnchors(): Record<string, number> {
  const script = path.resolve(here, "../../shared/anchors/go/run.sh");
  if (!existsSync(script)) {
    console.error(`anchors: ${script} not found; skipping the Go side`);
    return {};
  }
  console.error("running the Go anchors (gopacket, mdlayher)...");
  const text = execFileSync(script, ["1s"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const result: Record<string, number> = {};
  for (const m of text.matchAll(/^Benchmark(\w+)-\d+\s+\d+\s+([\d.]+) ns\/op/gm)) result[m[1]!] = Number(m[2]);
  return result;
}

/** Counts garbage collections during 10^7 iterations of each case, one child process per case. */
function gcCheck(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) {
    const child = spawnSync(
      process.execPath,
      ["--trace-gc", "--allow-natives-syntax", path.join(here, ".build", "gc-check.js"), name],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`gc-check ${name} failed: ${child.stderr}`);
    const lines = child.stdout.split("\n");
    const begin = lines.findIndex((l) => l.startsWith("@@begin"));
    const end = lines.findIndex((l) => l.startsWith("@@end"));
    counts[name] = lines.slice(begin + 1, end).filter((l) => /Scavenge|Mark-Compact|Mark-sweep|Minor/i.test(l)).length;
    console.error(`  gc-check ${name}: ${counts[name]} collections in ${process.env.GC_CHECK_ITERATIONS ?? "10^7"} iterations`);
  }
  return counts;
}

/** Times one case in a child process of its own (bench/time-case.ts: every case warmed, then this one timed). */
function timeCase(name: string): BenchResult & { sink: number } {
  const child = spawnSync(process.execPath, ["--expose-gc", path.join(here, ".build", "time-case.js"), name, ...(quick ? ["--quick"] : [])], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`timing ${name} failed: ${child.stderr}`);
  const last = child.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as BenchResult & { sink: number };
}

// Each case is timed in `runs` processes and the median process reported: V8 compiles concurrently, and
// which compile lands first can leave one process 10-30% slower than another on the same code, for its
// whole life. The spread column is then the spread across processes.
const runs = quick ? 1 : Number(process.env.BENCH_RUNS ?? 3);
const results: BenchResult[] = [];
let sink = 0;
for (const name of [...Object.keys(CASES), "capture/decode"]) {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const { sink: caseSink, nsPerOp } = timeCase(name);
    sink = (sink + caseSink) | 0;
    times.push(nsPerOp);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  results.push({ name, nsPerOp: median, spread: (times[times.length - 1]! - times[0]!) / median });
  const unit = name === "capture/decode" ? "ns/frame" : "ns";
  console.error(`  ${name}: ${median.toFixed(name === "capture/decode" ? 2 : 1)} ${unit} (processes: ${times.map((t) => t.toFixed(1)).join(", ")})`);
}

const gc = quick ? {} : gcCheck(ZERO_ALLOCATION_CASES);
const go = args.has("--anchors") ? runGoAnchors() : {};

const rows = results.map((r) => {
  const anchor = ANCHORS[r.name] ?? {};
  const gp = anchor.gopacket !== undefined ? go[anchor.gopacket] : undefined;
  const md = anchor.mdlayher !== undefined ? go[anchor.mdlayher] : undefined;
  return {
    case: r.name,
    "ns/op": r.nsPerOp.toFixed(1),
    Mpps: (1000 / r.nsPerOp).toFixed(1),
    spread: `${(r.spread * 100).toFixed(0)}%`,
    "GCs in 1e7": r.name in gc ? String(gc[r.name]) : "",
    "gopacket ns": gp !== undefined ? gp.toFixed(1) : "",
    "× vs gopacket": gp !== undefined ? (gp / r.nsPerOp).toFixed(2) : "",
    "mdlayher ns": md !== undefined ? md.toFixed(1) : "",
    "× vs mdlayher": md !== undefined ? (md / r.nsPerOp).toFixed(2) : "",
  };
});
console.table(rows);
console.log(`node ${process.version}, ${process.arch}; sink ${sink}`);

const json: Record<string, number> = {};
for (const r of results) json[r.name] = Number(r.nsPerOp.toFixed(2));
writeFileSync(path.join(here, "results.json"), JSON.stringify(json, null, 2) + "\n");
if (Object.keys(go).length > 0) writeFileSync(path.join(here, "anchors.json"), JSON.stringify(go, null, 2) + "\n");
console.log(`wrote ${path.relative(process.cwd(), path.join(here, "results.json"))}`);

const allocating = Object.entries(gc).filter(([, n]) => n > 0);
if (allocating.length > 0) {
  console.error(`WARNING: allocation on a zero-allocation path: ${allocating.map(([n, c]) => `${n} (${c} GCs)`).join(", ")}`);
  if (args.has("--check-gc")) process.exitCode = 1;
}

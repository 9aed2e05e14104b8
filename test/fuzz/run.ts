/**
 * `npm run fuzz` — the fuzzing campaign (issue 4). See docs/fuzzing.md.
 *
 *   npm run fuzz -- [--inputs N] [--seconds S] [--seed X] [--workers W] [--targets a,b]
 *                   [--slow-ms 10] [--guard-every 8] [--hang-seconds 10] [--no-linear] [--linear-only]
 *                   [--json file]
 *
 * Runs every decoder over random and mutated inputs until N inputs (default 10^7) or S seconds (default
 * 600), whichever comes first; first checks that decoding time grows linearly with input size. Saves each
 * failing input as test/fixtures/crashers/<target>-<sha1-8>.bin with a .txt saying why, and exits 1 when
 * anything failed.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { FIXTURES_DIR } from "../helpers/paths.js";
import { shortHash, type Crash, type TargetStats } from "./engine.js";
import { checkLinear } from "./linear.js";
import { loadTargets, type Target } from "./targets.js";
import { SHARED_HEADER, SHARED_INPUT, type WorkerConfig, type WorkerMessage } from "./worker.js";

interface Args {
  inputs: number;
  seconds: number;
  seed: number;
  workers: number;
  targets: string[] | undefined;
  slowMilliseconds: number;
  guardEvery: number;
  hangSeconds: number;
  linear: boolean;
  linearOnly: boolean;
  json: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    inputs: 1e7,
    seconds: 600,
    seed: Math.floor(Math.random() * 0x7fffffff),
    workers: 1,
    targets: undefined,
    slowMilliseconds: 10,
    guardEvery: 8,
    hangSeconds: 10,
    linear: true,
    linearOnly: false,
    json: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a non-negative number`);
      return v;
    };
    if (a === "--inputs") args.inputs = num();
    else if (a === "--seconds") args.seconds = num();
    else if (a === "--seed") args.seed = num() | 0;
    else if (a === "--workers") args.workers = Math.max(1, Math.floor(num()));
    else if (a === "--targets") args.targets = value().split(",");
    else if (a === "--slow-ms") args.slowMilliseconds = num();
    else if (a === "--guard-every") args.guardEvery = Math.max(1, Math.floor(num()));
    else if (a === "--hang-seconds") args.hangSeconds = num();
    else if (a === "--no-linear") args.linear = false;
    else if (a === "--linear-only") args.linearOnly = true;
    else if (a === "--json") args.json = value();
    else if (a === "--help" || a === "-h") {
      console.log("usage: npm run fuzz -- [--inputs N] [--seconds S] [--seed X] [--workers W] [--targets a,b] [--slow-ms 10] [--guard-every 8] [--hang-seconds 10] [--no-linear] [--linear-only] [--json file]");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

const CRASHERS_DIR = path.join(FIXTURES_DIR, "crashers");

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}

/** Saves a failing input (once per target and content). Returns the file name. */
function saveCrash(crash: Crash, seed: number): string {
  mkdirSync(CRASHERS_DIR, { recursive: true });
  const base = `${crash.target}-${shortHash(crash.input)}`;
  const bin = path.join(CRASHERS_DIR, `${base}.bin`);
  if (!existsSync(bin)) {
    writeFileSync(bin, crash.input);
    const text = [
      `target: ${crash.target}`,
      `kind: ${crash.kind}`,
      `found: ${new Date().toISOString()}, worker seed ${seed} (npm run fuzz -- --seed ${seed} --workers 1 replays the same input stream, given the same targets and corpus)`,
      `origin: ${crash.origin}`,
      `length: ${crash.input.length}`,
      `hex: ${hex(crash.input)}`,
      "",
      crash.message,
      "",
    ].join("\n");
    writeFileSync(path.join(CRASHERS_DIR, `${base}.txt`), text);
  }
  return `${base}.bin`;
}

function merge(into: Map<string, TargetStats>, from: [string, TargetStats][], previous: Map<string, TargetStats>): void {
  // worker stats are cumulative per worker run: add the delta since that worker's last report
  for (const [name, s] of from) {
    const prev = previous.get(name) ?? { calls: 0, refused: 0, nanoseconds: 0, maxMilliseconds: 0, bytes: 0 };
    const t = into.get(name) ?? { calls: 0, refused: 0, nanoseconds: 0, maxMilliseconds: 0, bytes: 0 };
    t.calls += s.calls - prev.calls;
    t.refused += s.refused - prev.refused;
    t.nanoseconds += s.nanoseconds - prev.nanoseconds;
    t.bytes += s.bytes - prev.bytes;
    t.maxMilliseconds = Math.max(t.maxMilliseconds, s.maxMilliseconds);
    into.set(name, t);
    previous.set(name, { ...s });
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { targets: loaded, missing } = await loadTargets();
  const targets: Target[] = args.targets === undefined ? loaded : loaded.filter((t) => args.targets?.includes(t.name));
  console.log(`arp-ndp fuzz: seed ${args.seed} (replay with --seed ${args.seed}), targets: ${targets.map((t) => `${t.name}[${t.family}]`).join(" ")}`);
  if (missing.length > 0) console.log(`not yet available: ${missing.join("; ")}`);
  if (targets.length === 0) throw new Error("no targets");
  let failed = false;
  const summary: Record<string, unknown> = { seed: args.seed, targets: targets.map((t) => t.name) };

  if (args.linear || args.linearOnly) {
    const t0 = performance.now();
    const results = checkLinear(targets);
    console.log(`\nlinear time (ns/byte at 1×, 8×, 64× size, inputs the target must accept; ratio of 64× to the better of 1×/8× must be ≤ 3):`);
    for (const r of results) {
      console.log(
        `  ${r.ok ? "ok  " : r.accepted ? "FAIL" : "REFUSED"} ${r.target.padEnd(14)} sizes ${r.sizes.join("/").padEnd(18)} ns/byte ${r.nsPerByte.map((x) => x.toFixed(2)).join(" / ").padEnd(24)} ratio ${r.ratio.toFixed(2)}`,
      );
      if (!r.ok) failed = true;
    }
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    summary.linear = results;
    if (args.linearOnly) {
      if (args.json !== undefined) writeFileSync(args.json, JSON.stringify(summary, null, 2));
      process.exit(failed ? 1 : 0);
    }
  }

  const totals = new Map<string, TargetStats>();
  const crashes: string[] = [];
  const savedPerKind = new Map<string, number>();
  let inputs = 0;
  const started = performance.now();
  const deadline = started + args.seconds * 1000;
  const perWorker = Math.ceil(args.inputs / args.workers);
  let nextSeed = args.seed;
  let lastLine = performance.now();

  const runWorker = (budget: number): Promise<void> =>
    new Promise((resolve) => {
      const shared = new SharedArrayBuffer(SHARED_HEADER + SHARED_INPUT);
      const header = new Int32Array(shared, 0, 4);
      const seed = nextSeed;
      nextSeed = (nextSeed + 0x9e3779b9) | 0;
      const seconds = Math.max(0, (deadline - performance.now()) / 1000);
      const config: WorkerConfig = {
        seed,
        inputs: budget,
        seconds,
        targets: args.targets,
        slowMilliseconds: args.slowMilliseconds,
        guardEvery: args.guardEvery,
        shared,
      };
      // a worker's entry module is loaded before any --import hook runs in it: register tsx, then import
      const entry = new URL("./worker.ts", import.meta.url).href;
      const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
      const worker = new Worker(boot, { eval: true, workerData: config });
      const previous = new Map<string, TargetStats>();
      let workerInputs = 0;
      let lastCount = -1;
      let stalled = 0;
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        clearInterval(watchdog);
        resolve();
      };
      const watchdog = setInterval(() => {
        const count = header[0] ?? 0;
        if (count === lastCount && count > 0) stalled++;
        else stalled = 0;
        lastCount = count;
        if (stalled < args.hangSeconds) return;
        // a call has not returned for hangSeconds: save its input, restart with the rest of the budget
        const target = targets[header[1] ?? -1]?.name ?? "unknown";
        const input = new Uint8Array(shared, SHARED_HEADER, header[2] ?? 0).slice();
        const name = saveCrash({ target, kind: "hang", input, message: `one call did not return within ${args.hangSeconds} s`, origin: `worker seed ${seed}` }, seed);
        crashes.push(name);
        failed = true;
        console.log(`\nHANG in ${target}: saved ${name}`);
        finished = true;
        clearInterval(watchdog);
        void worker.terminate().then(() => {
          inputs += 1;
          resolve(performance.now() < deadline ? runWorker(Math.max(0, budget - workerInputs - 1)) : undefined);
        });
      }, 1000);
      worker.on("message", (m: WorkerMessage) => {
        if (m.type === "crash") {
          failed = true;
          // each worker keeps 3 per failure bucket; across restarts and workers keep at most 10 per target and kind
          const key = `${m.crash.target}:${m.crash.kind}`;
          const saved = savedPerKind.get(key) ?? 0;
          if (saved >= 10) return;
          savedPerKind.set(key, saved + 1);
          const name = saveCrash(m.crash, seed);
          if (!crashes.includes(name)) {
            crashes.push(name);
            console.log(`\n${m.crash.kind.toUpperCase()} in ${m.crash.target}: saved ${name}\n  ${m.crash.message.split("\n")[0] ?? ""}`);
          }
          failed = true;
          return;
        }
        inputs += m.inputs - workerInputs;
        workerInputs = m.inputs;
        merge(totals, m.stats, previous);
        const now = performance.now();
        if (now - lastLine > 10_000 || m.type === "done") {
          lastLine = now;
          const elapsed = (now - started) / 1000;
          const calls = [...totals.values()].reduce((n, s) => n + s.calls, 0);
          console.log(`  ${elapsed.toFixed(0)} s: ${inputs} inputs (${(inputs / elapsed).toFixed(0)}/s), ${calls} decoder calls, ${crashes.length} failing inputs`);
        }
        if (m.type === "done") {
          void worker.terminate();
          finish();
        }
      });
      worker.on("error", (error) => {
        console.error(`worker error: ${error.stack ?? String(error)}`);
        failed = true;
        finish();
      });
      worker.on("exit", () => finish());
    });

  await Promise.all(Array.from({ length: args.workers }, () => runWorker(perWorker)));
  const elapsed = (performance.now() - started) / 1000;
  const rows = targets.map((t) => {
    const s = totals.get(t.name) ?? { calls: 0, refused: 0, nanoseconds: 0, maxMilliseconds: 0, bytes: 0 };
    const busy = s.nanoseconds / 1e9;
    return {
      target: t.name,
      family: t.family,
      calls: s.calls,
      refusedPercent: s.calls > 0 ? (100 * s.refused) / s.calls : 0,
      callsPerSecondBusy: busy > 0 ? s.calls / busy : 0,
      nsPerCall: s.calls > 0 ? s.nanoseconds / s.calls : 0,
      meanBytes: s.calls > 0 ? s.bytes / s.calls : 0,
      maxMilliseconds: s.maxMilliseconds,
    };
  });
  console.log(`\n${"target".padEnd(14)} ${"family".padEnd(8)} ${"calls".padStart(11)} ${"refused".padStart(8)} ${"calls/s*".padStart(10)} ${"ns/call".padStart(8)} ${"bytes".padStart(7)} ${"max ms".padStart(7)}`);
  for (const r of rows) {
    console.log(
      `${r.target.padEnd(14)} ${r.family.padEnd(8)} ${String(r.calls).padStart(11)} ${`${r.refusedPercent.toFixed(1)}%`.padStart(8)} ${r.callsPerSecondBusy.toFixed(0).padStart(10)} ${r.nsPerCall.toFixed(0).padStart(8)} ${r.meanBytes.toFixed(0).padStart(7)} ${r.maxMilliseconds.toFixed(2).padStart(7)}`,
    );
  }
  const calls = rows.reduce((n, r) => n + r.calls, 0);
  console.log(`* calls per second of time spent inside the target (mutation, embedding and checks excluded)`);
  console.log(`\ntotal: ${inputs} inputs, ${calls} decoder calls in ${elapsed.toFixed(1)} s (${(inputs / elapsed).toFixed(0)} inputs/s, ${(calls / elapsed).toFixed(0)} calls/s, ${args.workers} worker${args.workers > 1 ? "s" : ""})`);
  if (crashes.length > 0) console.log(`${crashes.length} failing inputs saved in test/fixtures/crashers/: ${crashes.join(", ")}`);
  else if (inputs > 0 && calls > 0) console.log("no failing inputs");
  if (inputs === 0 || calls === 0) {
    // A campaign that ran nothing has found nothing, not "no failing inputs": a missing corpus, a worker
    // that died at start-up or an empty target list must fail the run, never pass it.
    console.error(`fuzz: ran ${inputs} inputs and ${calls} decoder calls: nothing was tested`);
    failed = true;
  }
  Object.assign(summary, { inputs, calls, seconds: elapsed, workers: args.workers, rows, crashes });
  if (args.json !== undefined) writeFileSync(args.json, JSON.stringify(summary, null, 2));
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});

/**
 * A fuzzing worker thread: loads the targets and the corpus, runs the {@link Engine} until its input or
 * time budget is spent, and reports progress and crashes to the runner. Before every target call it bumps
 * a counter in shared memory (and keeps a copy of the current input there), so the runner's watchdog can
 * save the input of a call that never returns.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { loadCorpus } from "./corpus.js";
import { Engine, type Crash } from "./engine.js";
import { loadTargets } from "./targets.js";

/** What the runner passes to a worker. */
export interface WorkerConfig {
  seed: number;
  inputs: number;
  seconds: number;
  targets: string[] | undefined;
  slowMilliseconds: number;
  guardEvery: number;
  shared: SharedArrayBuffer;
}

/** Messages from a worker. */
export type WorkerMessage =
  | { type: "progress"; inputs: number; stats: [string, import("./engine.js").TargetStats][] }
  | { type: "crash"; crash: Crash }
  | { type: "done"; inputs: number; stats: [string, import("./engine.js").TargetStats][] };

/** Shared memory layout: int32 [calls, target index, input length, reserved], then the input bytes. */
export const SHARED_HEADER = 16;
export const SHARED_INPUT = 1 << 19;

async function main(): Promise<void> {
  const config = workerData as WorkerConfig;
  const port = parentPort;
  if (port === null) throw new Error("worker.ts runs as a worker thread");
  const header = new Int32Array(config.shared, 0, 4);
  const data = new Uint8Array(config.shared, SHARED_HEADER, SHARED_INPUT);
  const { targets: all } = await loadTargets();
  const targets = config.targets === undefined ? all : all.filter((t) => config.targets?.includes(t.name));
  const engine = new Engine(targets, loadCorpus(), {
    seed: config.seed,
    slowMilliseconds: config.slowMilliseconds,
    guardEvery: config.guardEvery,
    onCrash: (crash) => port.postMessage({ type: "crash", crash } satisfies WorkerMessage),
    beforeCall: (i) => {
      header[1] = i;
      header[0] = (header[0] ?? 0) + 1;
    },
    onInput: (input) => {
      const n = Math.min(input.length, SHARED_INPUT);
      data.set(n === input.length ? input : input.subarray(0, n), 0);
      header[2] = n;
    },
  });
  // FrameErrors are thrown by the million: without stack capture they cost ~10× less (see Engine.withStack)
  Error.stackTraceLimit = 0;
  const deadline = performance.now() + config.seconds * 1000;
  let nextReport = performance.now() + 1000;
  while (engine.inputs < config.inputs) {
    engine.step();
    if ((engine.inputs & 255) === 0) {
      const now = performance.now();
      if (now >= deadline) break;
      if (now >= nextReport) {
        nextReport = now + 1000;
        port.postMessage({ type: "progress", inputs: engine.inputs, stats: [...engine.stats] } satisfies WorkerMessage);
      }
    }
  }
  port.postMessage({ type: "done", inputs: engine.inputs, stats: [...engine.stats] } satisfies WorkerMessage);
}

if (!isMainThread) void main(); // imported by run.ts for its types and constants: do nothing there

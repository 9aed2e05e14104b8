/**
 * Tool detection and the skip policy of the interop suite, in one place.
 *
 * Each interop file names the peers it needs (`tshark`, `tcpdump`, `tcpreplay`, `netns`, `scapy`) and
 * wraps its tests in {@link describeInterop}. When a peer is missing:
 * - locally, the file's tests are skipped, with a one-line reason printed once;
 * - when `ARP_NDP_INTEROP_REQUIRED=1` (set by `.ci/run`), a test named after the missing peer FAILS, so CI
 *   can never pass by silently skipping the real peers.
 */
import { spawnSync } from "node:child_process";
import { describe, test } from "vitest";

/** Debian's python3 (with python3-scapy); `python3` on PATH may be another interpreter without scapy. */
export const SYSTEM_PYTHON = "/usr/bin/python3";

/** The peers an interop file can ask for. */
export type InteropTool = "tshark" | "tcpdump" | "tcpreplay" | "netns" | "scapy";

/** What detection found for one tool. */
export interface ToolStatus {
  /** True when the tool runs (and, for `netns`, when we may create namespaces). */
  available: boolean;
  /** First version line, when available. */
  version: string;
  /** Why it is not available (empty when it is). */
  reason: string;
}

/** True when CI demands every peer (`ARP_NDP_INTEROP_REQUIRED=1`). */
export const INTEROP_REQUIRED = process.env.ARP_NDP_INTEROP_REQUIRED === "1";

function runOnce(command: string, args: readonly string[]): { ok: boolean; out: string; spawnFailed: boolean } {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 60_000 });
  if (r.error !== undefined) return { ok: false, out: r.error.message, spawnFailed: (r.error as NodeJS.ErrnoException).code !== "ENOENT" };
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`, spawnFailed: r.signal !== null };
}

/** Runs a probe command; a timeout or a signal (a loaded machine, not a missing tool) is retried twice. */
function run(command: string, args: readonly string[]): { ok: boolean; out: string } {
  let r = runOnce(command, args);
  for (let attempt = 0; attempt < 2 && r.spawnFailed; attempt++) r = runOnce(command, args);
  return r;
}

function firstLine(text: string, pattern?: RegExp): string {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return (pattern !== undefined ? lines.find((l) => pattern.test(l)) : undefined) ?? lines[0] ?? "";
}

function detectOne(tool: InteropTool): ToolStatus {
  switch (tool) {
    case "tshark": {
      const r = run("tshark", ["--version"]);
      return r.ok
        ? { available: true, version: firstLine(r.out, /^TShark/), reason: "" }
        : { available: false, version: "", reason: `tshark not runnable (${firstLine(r.out)})` };
    }
    case "tcpdump": {
      const r = run("tcpdump", ["--version"]);
      return r.ok
        ? { available: true, version: firstLine(r.out, /^tcpdump/), reason: "" }
        : { available: false, version: "", reason: `tcpdump not runnable (${firstLine(r.out)})` };
    }
    case "tcpreplay": {
      const r = run("tcpreplay", ["--version"]);
      // tcpreplay --version exits 0 on 4.4; accept any exit as long as it printed its name.
      return /tcpreplay version/i.test(r.out)
        ? { available: true, version: firstLine(r.out, /tcpreplay version/i), reason: "" }
        : { available: false, version: "", reason: `tcpreplay not runnable (${firstLine(r.out)})` };
    }
    case "netns": {
      const v = run("ip", ["-V"]);
      if (!v.ok) return { available: false, version: "", reason: `ip (iproute2) not runnable (${firstLine(v.out)})` };
      const name = `arpndp-probe-${process.pid}`;
      const add = run("ip", ["netns", "add", name]);
      if (!add.ok) return { available: false, version: "", reason: `no privilege to create a network namespace (ip netns add: ${firstLine(add.out)})` };
      run("ip", ["netns", "del", name]);
      return { available: true, version: `${firstLine(v.out)}; kernel ${firstLine(run("uname", ["-r"]).out)}`, reason: "" };
    }
    case "scapy": {
      const r = run(SYSTEM_PYTHON, ["-c", "import scapy, sys; print('scapy', scapy.VERSION, 'python', sys.version.split()[0])"]);
      return r.ok
        ? { available: true, version: firstLine(r.out, /^scapy/), reason: "" }
        : { available: false, version: "", reason: `scapy not importable by ${SYSTEM_PYTHON} (${firstLine(r.out, /Error/) || firstLine(r.out)})` };
    }
  }
}

const cache = new Map<InteropTool, ToolStatus>();

/** Detects a tool once per process. */
export function detectTool(tool: InteropTool): ToolStatus {
  let status = cache.get(tool);
  if (status === undefined) {
    status = detectOne(tool);
    cache.set(tool, status);
  }
  return status;
}

/** The first missing tool's reason, or undefined when all are there. */
export function missingReason(tools: readonly InteropTool[]): string | undefined {
  for (const tool of tools) {
    const status = detectTool(tool);
    if (!status.available) return status.reason;
  }
  return undefined;
}

/** Prints the versions of the given tools (the record docs/interop.md is built from). */
export function logToolVersions(tools: readonly InteropTool[]): void {
  const lines = tools.map((t) => `  ${t}: ${detectTool(t).available ? detectTool(t).version : `MISSING (${detectTool(t).reason})`}`);
  console.log(`interop peers:\n${lines.join("\n")}`);
}

/**
 * `describe` for an interop file: runs `body` when every tool is there; otherwise skips it with a one-line
 * reason, or — when `ARP_NDP_INTEROP_REQUIRED=1` — registers a failing test carrying that reason.
 */
export function describeInterop(name: string, tools: readonly InteropTool[], body: () => void): void {
  const reason = missingReason(tools);
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  if (INTEROP_REQUIRED) {
    describe(name, () => {
      test(`required interop peer is present (ARP_NDP_INTEROP_REQUIRED=1)`, () => {
        throw new Error(`${name}: ${reason}`);
      });
    });
    return;
  }
  console.warn(`skipping ${name}: ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, body);
}

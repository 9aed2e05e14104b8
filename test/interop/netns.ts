/**
 * Two network namespaces joined by a veth pair, with frame injection (tcpreplay) and capture (tcpdump) on
 * side A, for using the Linux kernel in namespace B as a live ARP/NDP peer.
 *
 * Names carry our pid (`arpndp-a-<pid>`, `arpndp-b-<pid>`), so parallel runs never collide, and
 * {@link cleanLeftoverNamespaces} removes only namespaces whose owning process is gone.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readPcapFrames, writeTestPcap, type TestFrame } from "../helpers/pcap.js";

/** Prefix of every namespace this suite creates. */
export const NAMESPACE_PREFIX = "arpndp-";

/** Runs a command synchronously; throws with its output when it fails. */
export function sh(command: string, args: readonly string[], options: { allowFailure?: boolean; input?: string } = {}): string {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 30_000, ...(options.input !== undefined ? { input: options.input } : {}) });
  if (r.error !== undefined) throw new Error(`${command} ${args.join(" ")}: ${r.error.message}`);
  if (r.status !== 0 && options.allowFailure !== true) {
    throw new Error(`${command} ${args.join(" ")} exited ${r.status}: ${r.stderr.trim() || r.stdout.trim()}`);
  }
  return r.stdout;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes `arpndp-*-<pid>` namespaces left by runs whose process no longer exists. Returns their names. */
export function cleanLeftoverNamespaces(): string[] {
  const out = sh("ip", ["netns", "list"], { allowFailure: true });
  const removed: string[] = [];
  for (const line of out.split("\n")) {
    const name = line.split(/\s+/)[0] ?? "";
    const m = /^arpndp-[a-z]+-(\d+)$/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    sh("ip", ["netns", "del", name], { allowFailure: true });
    removed.push(name);
  }
  return removed;
}

/** A neighbour-table entry as `ip -j neigh show` reports it. */
export interface NeighborEntry {
  /** Link-layer address (absent for INCOMPLETE/FAILED entries). */
  lladdr?: string;
  /** NUD states, e.g. ["STALE"], ["REACHABLE"], ["PERMANENT"]. */
  state: string[];
}

/** Namespaces A (ours: inject and capture) and B (the kernel peer), joined by veth-a ↔ veth-b. */
export class VethLab {
  readonly a: string;
  readonly b: string;
  readonly ifA = "veth-a";
  readonly ifB = "veth-b";
  readonly dir: string;
  private destroyed = false;

  private constructor(tag: string) {
    this.a = `${NAMESPACE_PREFIX}a${tag}-${process.pid}`;
    this.b = `${NAMESPACE_PREFIX}b${tag}-${process.pid}`;
    this.dir = mkdtempSync(path.join(tmpdir(), "arpndp-interop-"));
  }

  /**
   * Creates both namespaces and the veth pair, brings the links up, disables IPv6 on A (so A's own kernel
   * neither answers nor chatters) and gives B the addresses in `bAddresses`.
   * On any failure, whatever was created is deleted before the error propagates.
   */
  static create(options: { tag?: string; bMac: string; aMac: string; bIpv4: string; bIpv6: string }): VethLab {
    const lab = new VethLab(options.tag ?? "");
    try {
      sh("ip", ["netns", "add", lab.a]);
      sh("ip", ["netns", "add", lab.b]);
      sh("ip", ["-n", lab.a, "link", "add", lab.ifA, "address", options.aMac, "type", "veth", "peer", "name", lab.ifB, "netns", lab.b, "address", options.bMac]);
      lab.sysctl(lab.a, `net.ipv6.conf.${lab.ifA}.disable_ipv6`, "1");
      // B: no router solicitations, no DAD on the link-local address, so the capture stays quiet.
      lab.sysctl(lab.b, "net.ipv6.conf.default.accept_dad", "0");
      lab.sysctl(lab.b, `net.ipv6.conf.${lab.ifB}.accept_dad`, "0");
      lab.sysctl(lab.b, `net.ipv6.conf.${lab.ifB}.router_solicitations`, "0");
      sh("ip", ["-n", lab.a, "link", "set", lab.ifA, "up"]);
      sh("ip", ["-n", lab.b, "link", "set", "lo", "up"]);
      sh("ip", ["-n", lab.b, "addr", "add", options.bIpv4, "dev", lab.ifB]);
      sh("ip", ["-n", lab.b, "addr", "add", options.bIpv6, "dev", lab.ifB, "nodad"]);
      sh("ip", ["-n", lab.b, "link", "set", lab.ifB, "up"]);
      lab.waitUntilReady();
      return lab;
    } catch (error) {
      lab.destroy();
      throw error;
    }
  }

  /**
   * Waits (up to 10 s) for veth-b's carrier and for addrconf to install B's multicast route: until then
   * the kernel drops NS to the solicited-node group (Ip6InNoRoutes).
   */
  private waitUntilReady(): void {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const link = sh("ip", ["-n", this.b, "-j", "link", "show", this.ifB]);
      const routes = sh("ip", ["-n", this.b, "-6", "route", "show", "table", "local"]);
      if (/"operstate":"UP"/.test(link) && /^multicast ff00::\/8 dev /m.test(routes)) return;
      if (Date.now() > deadline) throw new Error(`veth pair not ready after 10 s: ${link.trim()} / ${routes.trim()}`);
      spawnSync("sleep", ["0.05"]);
    }
  }

  /** Sets a sysctl inside a namespace. */
  sysctl(ns: string, key: string, value: string): void {
    sh("ip", ["netns", "exec", ns, "sysctl", "-q", "-w", `${key}=${value}`]);
  }

  /** Reads a sysctl inside a namespace. */
  readSysctl(ns: string, key: string): string {
    return sh("ip", ["netns", "exec", ns, "sysctl", "-n", key]).trim();
  }

  /** B's neighbour entry for `address` on veth-b, or undefined when there is none. */
  neighbor(address: string): NeighborEntry | undefined {
    const out = sh("ip", ["-n", this.b, "-j", "neigh", "show", address, "dev", this.ifB]);
    const list = JSON.parse(out.trim() === "" ? "[]" : out) as { dst: string; lladdr?: string; state?: string[] }[];
    const e = list[0];
    if (e === undefined) return undefined;
    return { ...(e.lladdr !== undefined ? { lladdr: e.lladdr } : {}), state: e.state ?? [] };
  }

  /** `ip neigh replace address lladdr mac nud state` in B. */
  setNeighbor(address: string, mac: string, nud = "stale"): void {
    sh("ip", ["-n", this.b, "neigh", "replace", address, "lladdr", mac, "dev", this.ifB, "nud", nud]);
  }

  /** Deletes B's entry for `address` (ignores "no such entry"). */
  deleteNeighbor(address: string): void {
    sh("ip", ["-n", this.b, "neigh", "del", address, "dev", this.ifB], { allowFailure: true });
  }

  /** Flushes B's neighbour table on veth-b. */
  flushNeighbors(): void {
    sh("ip", ["-n", this.b, "neigh", "flush", "dev", this.ifB], { allowFailure: true });
    sh("ip", ["-n", this.b, "-6", "neigh", "flush", "dev", this.ifB], { allowFailure: true });
  }

  /** Sends `frames` out of veth-a (so B receives them), in order, at top speed. */
  inject(frames: readonly Uint8Array[], name = "inject"): void {
    const file = path.join(this.dir, `${name}-${Date.now()}.pcap`);
    writeFileSync(file, writeTestPcap(frames));
    sh("ip", ["netns", "exec", this.a, "tcpreplay", "-q", "--topspeed", "-i", this.ifA, file]);
  }

  /** Starts tcpdump on veth-a and resolves once it is listening. */
  async startCapture(name = "capture"): Promise<Capture> {
    const file = path.join(this.dir, `${name}-${Date.now()}.pcap`);
    const child = spawn("ip", ["netns", "exec", this.a, "tcpdump", "-i", this.ifA, "-n", "-U", "--immediate-mode", "-Z", "root", "-w", file], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    const capture = new Capture(child, file);
    await capture.listening();
    return capture;
  }

  /** Deletes both namespaces (and with them the veth pair) and the temporary directory. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const ns of [this.a, this.b]) sh("ip", ["netns", "del", ns], { allowFailure: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A running tcpdump writing a pcap file. */
export class Capture {
  private stderr = "";
  private exited: Promise<number | null>;

  constructor(
    private readonly child: ChildProcess,
    readonly file: string,
  ) {
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  /** Resolves when tcpdump prints "listening on"; rejects if it exits or takes more than 10 s. */
  async listening(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!this.stderr.includes("listening on")) {
      if (this.child.exitCode !== null) throw new Error(`tcpdump exited ${this.child.exitCode}: ${this.stderr.trim()}`);
      if (Date.now() > deadline) {
        this.child.kill("SIGKILL");
        throw new Error(`tcpdump not listening after 10 s: ${this.stderr.trim()}`);
      }
      await sleep(20);
    }
  }

  /** The frames captured so far (tcpdump -U flushes each packet). */
  frames(): TestFrame[] {
    if (!existsSync(this.file) || statSync(this.file).size < 24) return [];
    return readPcapFrames(this.file);
  }

  /** Polls the capture until `predicate` holds for some frame (returns it) or `timeoutMs` passes (undefined). */
  async waitFor(predicate: (frame: Uint8Array) => boolean, timeoutMs = 3_000): Promise<Uint8Array | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames().find((f) => predicate(f.data));
      if (hit !== undefined) return hit.data;
      if (Date.now() > deadline) return undefined;
      await sleep(25);
    }
  }

  /** Stops tcpdump with SIGINT (it flushes and closes the file) and returns every captured frame. */
  async stop(): Promise<TestFrame[]> {
    if (this.child.exitCode === null) {
      this.child.kill("SIGINT");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    return this.frames();
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testTempDir } from "../helpers/tmp.js";
import { main } from "../../src/cli/cli.js";
import { printFrames, type InputRecord } from "../../src/cli/decode.js";
import { LineWriter, type CliIo } from "../../src/cli/io.js";
import { readPcapFrames } from "../helpers/pcap.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { lines, runCli, spawnCli } from "./run.js";

const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("help and version", () => {
  it("--help, -h and help print the usage on stdout", async () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const r = await runCli(args);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/^arp-ndp: decode and build ARP and IPv6 Neighbor Discovery frames\n/);
      expect(r.stdout).toContain("arp-ndp decode FILE|-");
    }
  });

  it("every command has --help, -h and help COMMAND", async () => {
    for (const command of ["decode", "build", "demo"]) {
      const usage = new RegExp(`^Usage: arp-ndp ${command}`);
      for (const args of [[command, "--help"], [command, "-h"], ["help", command]]) {
        const r = await runCli(args);
        expect(r.status, args.join(" ")).toBe(0);
        expect(r.stdout).toMatch(usage);
      }
    }
    // --help wins over missing or bad arguments
    expect((await runCli(["build", "garp", "--help"])).stdout).toMatch(/^Usage: arp-ndp build/);
  });

  it("--version prints the package version", async () => {
    expect(await runCli(["--version"])).toEqual({ status: 0, stdout: `arp-ndp ${VERSION}\n`, stderr: "" });
  });
});

describe("demo", () => {
  it("writes demo/failover.pcapng and prints the failover, decoded", async () => {
    const dir = testTempDir("demo");
    const r = await runCli(["demo"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const out = lines(r.stdout);
    expect(out.slice(0, 3).join("\n")).toMatch(/MetalLB Layer 2 failover: 192\.0\.2\.240 and 2001:db8::f0 move from node A/);
    expect(out.slice(4)).toEqual([
      "1 0.000000 02:00:00:00:00:0b → ff:ff:ff:ff:ff:ff ARP Announcement for 192.0.2.240",
      "2 0.000040 02:00:00:00:00:0b → ff:ff:ff:ff:ff:ff ARP Announcement for 192.0.2.240 (reply)",
      "3 0.001000 fe80::ff:fe00:b → ff02::1 NA 2001:db8::f0 (R=0 S=0 O=1) tgt-lla 02:00:00:00:00:0b",
      "4 0.004000 02:00:00:00:00:01 → ff:ff:ff:ff:ff:ff ARP Who has 192.0.2.240? Tell 192.0.2.1",
      "5 0.004120 02:00:00:00:00:0b → 02:00:00:00:00:01 ARP 192.0.2.240 is at 02:00:00:00:00:0b",
      "6 0.006000 2001:db8::1 → ff02::1:ff00:f0 NS who has 2001:db8::f0 src-lla 02:00:00:00:00:01",
      "7 0.006150 2001:db8::f0 → 2001:db8::1 NA 2001:db8::f0 (R=0 S=1 O=1) tgt-lla 02:00:00:00:00:0b",
    ]);
    const frames = readPcapFrames(path.join(dir, "demo/failover.pcapng"));
    expect(frames).toHaveLength(7);
    // the written file decodes to the same lines through `decode`
    expect(lines((await runCli(["decode", "demo/failover.pcapng"], { cwd: dir })).stdout)).toEqual(out.slice(4));
    // --out elsewhere, as pcap
    expect((await runCli(["demo", "--out", "x/y.pcap"], { cwd: dir })).status).toBe(0);
    expect(readPcapFrames(path.join(dir, "x/y.pcap"))).toHaveLength(7);
  });
});

describe("progress and internal errors", () => {
  const records = (n: number): InputRecord[] =>
    Array.from({ length: n }, (_, i) => ({ timestamp: BigInt(i) * 1000n, originalLength: 14, data: new Uint8Array(14), linkType: 1 }));

  function captureIo(tty: boolean): { io: CliIo; out: () => string; err: () => string } {
    let out = "";
    let err = "";
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stdin: async function* () {}, stderrIsTty: tty, cwd: REPO_ROOT };
    return { io, out: () => out, err: () => err };
  }

  it("reports progress on stderr every N frames on a terminal, and clears it at the end", async () => {
    const c = captureIo(true);
    expect(await printFrames(records(250), new LineWriter(c.io), { json: false, filters: [], progressEvery: 100 }, c.io)).toBe(250);
    expect(c.err()).toBe("\rarp-ndp: 100 frames…\rarp-ndp: 200 frames…\r\x1b[K");
    expect(lines(c.out())).toHaveLength(250);
    const quiet = captureIo(false);
    await printFrames(records(250), new LineWriter(quiet.io), { json: false, filters: [], progressEvery: 100 }, quiet.io);
    expect(quiet.err()).toBe("");
  });

  it("an unexpected error is a stack trace and status 1", async () => {
    const c = captureIo(false);
    c.io.stdout = () => {
      throw new TypeError("boom");
    };
    expect(await main(["--version"], c.io)).toBe(1);
    expect(c.err()).toMatch(/^arp-ndp: internal error \(please report it\)\nTypeError: boom\n\s+at /);
  });
});

describe("as a process (node --import tsx src/cli/main.ts)", () => {
  it("exit status 0 and output for build --hex | decode -", () => {
    const built = spawnCli(["build", "garp", "--mac", "02:00:00:00:00:0b", "--ip", "192.0.2.240"]);
    expect(built.status).toBe(0);
    const decoded = spawnCli(["decode", "-"], { input: built.stdout });
    expect(decoded).toEqual({ status: 0, stdout: "1 0.000000 02:00:00:00:00:0b → ff:ff:ff:ff:ff:ff ARP Announcement for 192.0.2.240\n", stderr: "" });
  });

  it("exit status 2 and one stderr line for a missing file", () => {
    expect(spawnCli(["decode", "nope.pcap"])).toEqual({ status: 2, stdout: "", stderr: "arp-ndp: cannot read nope.pcap: no such file\n" });
  });

  it("exit status 2 for an unknown option", () => {
    const r = spawnCli(["build", "garp", "--colour"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("arp-ndp: build: unknown option --colour (see arp-ndp build --help)\n");
  });
});

/**
 * What `arp-ndp decode` reads and where it writes, as a real process: pipes, FIFOs, `<(…)`, devices,
 * a full disk and a reader that goes away. Each case was a bug on a clean clone.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CAPTURES_DIR, FIXTURES_DIR, REPO_ROOT } from "../helpers/paths.js";
import { testTempDir } from "../helpers/tmp.js";
import { lines, runCli } from "./run.js";

// The CLI from source, runnable from any folder (tsx's loader by path, not resolved from the cwd).
const TSX = pathToFileURL(path.join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const CLI_FUNCTION = `cli() { "${process.execPath}" --import "${TSX}" "${path.join(REPO_ROOT, "src/cli/main.ts")}" "$@"; }`;
const PCAPNG = path.join(CAPTURES_DIR, "arp_request_reply.pcapng");
const EXPECTED = [
  "1 0.000000 00:16:ce:6e:8b:24 → ff:ff:ff:ff:ff:ff ARP Who has 192.168.0.1? Tell 192.168.0.114",
  "2 0.004081 00:13:46:0b:22:ba → 00:16:ce:6e:8b:24 ARP 192.168.0.1 is at 00:13:46:0b:22:ba",
];

/** Runs a bash script (the CLI is the function `cli` in it) and returns its status and output. */
function sh(script: string, cwd = REPO_ROOT) {
  const r = spawnSync("bash", ["-c", `set -o pipefail\n${CLI_FUNCTION}\n${script}`], { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("arp-ndp decode reads any kind of file", () => {
  it("a pipe as /dev/stdin, a process substitution <(…) and a FIFO (they read as 'empty file' before)", () => {
    const dir = testTempDir("streams");
    for (const script of [
      `cat ${PCAPNG} | cli decode /dev/stdin`,
      `cli decode <(cat ${PCAPNG})`,
      `mkfifo fifo && { cat ${PCAPNG} > fifo & } && cli decode fifo`,
      `cat ${PCAPNG} | cli decode -`,
    ]) {
      const r = sh(script, dir);
      expect(r.stderr, script).toBe("");
      expect(lines(r.stdout), script).toEqual(EXPECTED);
      expect(r.status, script).toBe(0);
    }
  });

  it("/dev/zero: unknown format after its first bytes, not an endless read", () => {
    const r = sh("cli decode /dev/zero");
    expect(r).toEqual({ status: 2, stdout: "", stderr: "arp-ndp: cannot decode /dev/zero: unknown format (not pcap, pcapng or a hex dump)\n" });
  });

  it("a hex-stream file is one frame per line, as decode --help says (lines merged into one frame before)", async () => {
    const dir = testTempDir("streams");
    const hex = readFileSync(path.join(FIXTURES_DIR, "..", "cli", "fixtures", "ndp_ns_na.hexstream.txt"), "utf8").trim().split(/\s+/);
    writeFileSync(path.join(dir, "two.txt"), `${hex.join("\n")}\n`);
    const r = await runCli(["decode", "two.txt"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(lines(r.stdout).map((l) => l.split(" ")[5])).toEqual(["NS", "NA"]);
  });

  it("--link-type sll reads a pasted tcpdump -i any -xx dump (it decoded as garbage LLC)", async () => {
    const dump = path.join(FIXTURES_DIR, "captures", "arp_linux_sll.tcpdump-xx.txt");
    const plain = lines((await runCli(["decode", dump])).stdout);
    expect(plain[0]).toContain("LLC [malformed");
    const r = await runCli(["decode", dump, "--link-type", "sll"]);
    expect(lines(r.stdout)[0]).toBe("1 0.000000 cc:2d:e0:26:19:99 → broadcast ARP Who has 192.168.22.160? Tell 192.168.22.1");
    const banner = `reading from file x.pcap, link-type LINUX_SLL (Linux cooked v1), snapshot length 65535\n${readFileSync(dump, "utf8")}`;
    expect(lines((await runCli(["decode", "-"], { stdin: banner })).stdout)[0]).toContain("ARP Who has 192.168.22.160?");
    expect(await runCli(["decode", dump, "--link-type", "token-ring"])).toEqual({
      status: 2,
      stdout: "",
      stderr: 'arp-ndp: decode: unknown link type "token-ring" (expected ethernet, sll, sll2, raw or a number from 0 to 65535)\n',
    });
  });
});

describe("arp-ndp writes, and fails, as a command-line tool should", () => {
  it("a reader that goes away (| head -1) ends it quietly with status 0", () => {
    const r = sh(`cli decode ${path.join(CAPTURES_DIR, "mixed_arp_probe_announce_ndp_dad_boot.pcap")} | head -1`);
    expect(r.stderr).toBe("");
    expect(lines(r.stdout)).toHaveLength(1);
    expect(r.status).toBe(0); // pipefail: the CLI's own status
  });

  it("a full disk (/dev/full) is one line on stderr and status 2, not a stack trace", () => {
    const r = sh(`cli decode ${PCAPNG} > /dev/full`);
    expect(r).toEqual({ status: 2, stdout: "", stderr: "arp-ndp: cannot write standard output: no space left on device\n" });
  });

  it("--vlan -1 is one line naming the option, not parseArgs' three", async () => {
    const r = await runCli(["build", "garp", "--mac", "02:00:00:00:00:01", "--ip", "192.0.2.1", "--vlan", "-1"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain('--vlan "-1"');
  });
});

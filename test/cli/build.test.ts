import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { suiteTempDir } from "../helpers/tmp.js";
import { readPcapFrames } from "../helpers/pcap.js";
import { lines, runCli } from "./run.js";

const B = "02:00:00:00:00:0b";
const CLIENT = "02:00:00:00:00:01";

/** Each build kind, its arguments, and the line `decode` prints for the frame (time column aside). */
const CASES: { name: string; args: string[]; line: string }[] = [
  {
    name: "garp (RFC 5227 announcement)",
    args: ["garp", "--mac", B, "--ip", "192.0.2.240"],
    line: `${B} → ff:ff:ff:ff:ff:ff ARP Announcement for 192.0.2.240`,
  },
  {
    name: "garp reply, THA broadcast, QinQ",
    args: ["garp", "--mac", B, "--ip", "192.0.2.240", "--operation", "reply", "--tha", "broadcast", "--vlan", "200/0x88a8", "--vlan", "2001:3"],
    line: `${B} → ff:ff:ff:ff:ff:ff [vlan 200/0x88a8, 2001:3] ARP Announcement for 192.0.2.240 (reply)`,
  },
  { name: "probe", args: ["probe", "--mac", B, "--ip", "192.0.2.240"], line: `${B} → ff:ff:ff:ff:ff:ff ARP Probe for 192.0.2.240` },
  {
    name: "arp-request with a priority-tagged VLAN",
    args: ["arp-request", "--mac", CLIENT, "--ip", "192.0.2.1", "--target-ip", "192.0.2.240", "--vlan", "100:5"],
    line: `${CLIENT} → ff:ff:ff:ff:ff:ff [vlan 100:5] ARP Who has 192.0.2.240? Tell 192.0.2.1`,
  },
  {
    name: "ns",
    args: ["ns", "--mac", CLIENT, "--ip", "2001:db8::1", "--target", "2001:db8::f0"],
    line: "2001:db8::1 → ff02::1:ff00:f0 NS who has 2001:db8::f0 src-lla 02:00:00:00:00:01",
  },
  {
    name: "ns for DAD with a nonce",
    args: ["ns", "--mac", CLIENT, "--source", "::", "--target", "2001:db8::f0", "--nonce", "0123456789ab"],
    line: ":: → ff02::1:ff00:f0 NS who has 2001:db8::f0 (DAD) nonce 0123456789ab",
  },
  {
    name: "ns from the MAC's link-local address by default",
    args: ["ns", "--mac", CLIENT, "--target", "fe80::1"],
    line: "fe80::ff:fe00:1 → ff02::1:ff00:1 NS who has fe80::1 src-lla 02:00:00:00:00:01",
  },
  {
    name: "una from the link-local address (MetalLB)",
    args: ["una", "--mac", B, "--ip", "2001:db8::f0", "--source", "fe80::ff:fe00:b"],
    line: `fe80::ff:fe00:b → ff02::1 NA 2001:db8::f0 (R=0 S=0 O=1) tgt-lla ${B}`,
  },
  {
    name: "una with Router, without Override",
    args: ["una", "--mac", B, "--ip", "2001:db8::f0", "--router", "--no-override"],
    line: `2001:db8::f0 → ff02::1 NA 2001:db8::f0 (R=1 S=0 O=0) tgt-lla ${B}`,
  },
  {
    name: "na answering an NS made from --source/--peer-mac/--target",
    args: ["na", "--mac", B, "--source", "2001:db8::1", "--peer-mac", CLIENT, "--target", "2001:db8::f0"],
    line: `2001:db8::f0 → 2001:db8::1 NA 2001:db8::f0 (R=0 S=1 O=1) tgt-lla ${B}`,
  },
];

async function buildHex(args: string[]): Promise<string> {
  const r = await runCli(["build", ...args]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^[0-9a-f]+\n$/);
  return r.stdout.trim();
}

describe("arp-ndp build", () => {
  const dir = suiteTempDir("build");

  for (const c of CASES) {
    it(`${c.name}: --hex piped to decode - and --out FILE.pcap / .pcapng decode to the same frame`, async () => {
      const hex = await buildHex(c.args);
      expect(lines((await runCli(["decode", "-"], { stdin: hex })).stdout)).toEqual([`1 0.000000 ${c.line}`]);
      for (const ext of ["pcap", "pcapng"]) {
        const file = path.join(dir, `${c.args[0]}-${CASES.indexOf(c)}.${ext}`);
        const written = await runCli(["build", ...c.args, "--out", file]);
        expect(written).toEqual({ status: 0, stdout: "", stderr: "" });
        const frames = readPcapFrames(file); // the test helper's independent reader
        expect(frames).toHaveLength(1);
        expect(Buffer.from(frames[0]!.data).toString("hex")).toBe(hex);
        expect(lines((await runCli(["decode", file])).stdout)).toEqual([`1 0.000000 ${c.line}`]);
      }
    });
  }

  it("arp-reply answers --request HEX (a received request), keeping its VLAN tags", async () => {
    const request = await buildHex(["arp-request", "--mac", CLIENT, "--ip", "192.0.2.1", "--target-ip", "192.0.2.240", "--vlan", "7"]);
    const reply = await buildHex(["arp-reply", "--mac", B, "--request", request]);
    expect(lines((await runCli(["decode", "-"], { stdin: reply })).stdout)).toEqual([
      `1 0.000000 ${B} → ${CLIENT} [vlan 7] ARP 192.0.2.240 is at ${B}`,
    ]);
  });

  it("na answers --solicitation HEX (a received NS); --no-override and --router set the flags", async () => {
    const ns = await buildHex(["ns", "--mac", CLIENT, "--ip", "2001:db8::1", "--target", "2001:db8::f0"]);
    const na = await buildHex(["na", "--mac", B, "--solicitation", ns, "--no-override", "--router"]);
    expect(lines((await runCli(["decode", "-"], { stdin: na })).stdout)).toEqual([
      `1 0.000000 2001:db8::f0 → 2001:db8::1 NA 2001:db8::f0 (R=1 S=1 O=0) tgt-lla ${B}`,
    ]);
    // A DAD probe is answered to all-nodes, without S (RFC 4861 §7.2.4).
    const dad = await buildHex(["ns", "--mac", CLIENT, "--source", "::", "--target", "2001:db8::f0"]);
    const defended = await buildHex(["na", "--mac", B, "--solicitation", dad]);
    expect(lines((await runCli(["decode", "-"], { stdin: defended })).stdout)).toEqual([
      `1 0.000000 2001:db8::f0 → ff02::1 NA 2001:db8::f0 (R=0 S=0 O=1) tgt-lla ${B}`,
    ]);
  });

  it("--out with --hex writes the file and prints the hex", async () => {
    const file = path.join(dir, "both.pcapng");
    const r = await runCli(["build", "probe", "--mac", B, "--ip", "192.0.2.240", "--out", file, "--hex"]);
    expect(r.stdout).toMatch(/^ffffffffffff02000000000b0806/);
    expect(readFileSync(file).subarray(0, 4).toString("hex")).toBe("0a0d0d0a");
  });
});

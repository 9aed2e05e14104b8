import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { suiteTempDir } from "../helpers/tmp.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { runCli } from "./run.js";

const dir = suiteTempDir("errors");
writeFileSync(path.join(dir, "binary.bin"), Uint8Array.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0]));
writeFileSync(path.join(dir, "empty.pcap"), "");
writeFileSync(path.join(dir, "prose.txt"), "hello, this is not hex\n");
writeFileSync(path.join(dir, "cut.pcapng"), readFileSync(path.join(CAPTURES_DIR, "arp_request_reply.pcapng")).subarray(0, 200));

const MAC = ["--mac", "02:00:00:00:00:0b"];

/** [arguments, expected stderr line (regex), stdin] */
const CASES: [string[], RegExp, string?][] = [
  [[], /^arp-ndp: missing command \(commands: decode, build, demo, help; see arp-ndp --help\)$/],
  [["frobnicate"], /^arp-ndp: unknown command "frobnicate"/],
  [["--frobnicate"], /^arp-ndp: unknown option --frobnicate/],
  [["help", "frobnicate"], /^arp-ndp: unknown command "frobnicate"/],
  [["decode"], /^arp-ndp: decode: missing FILE/],
  [["decode", "nope.pcap"], /^arp-ndp: cannot read nope\.pcap: no such file$/],
  [["decode", "."], /^arp-ndp: cannot read \.: is a directory$/],
  [["decode", "binary.bin"], /^arp-ndp: cannot decode binary\.bin: unknown format \(not pcap, pcapng or a hex dump\)$/],
  [["decode", "empty.pcap"], /^arp-ndp: cannot decode empty\.pcap: empty file$/],
  [["decode", "prose.txt"], /^arp-ndp: cannot decode prose\.txt: .*line 1/],
  [["decode", "-"], /^arp-ndp: cannot decode standard input: empty input$/, ""],
  [["decode", "a", "b"], /^arp-ndp: decode: one input at a time/],
  [["decode", "--bogus", "x"], /^arp-ndp: decode: unknown option --bogus \(see arp-ndp decode --help\)$/],
  [["decode", "x", "--filter", "tcp"], /^arp-ndp: decode: unknown filter "tcp" \(expected arp, ndp, invalid\)$/],
  [["decode", "x", "--filter"], /^arp-ndp: decode: option --filter needs a value/],
  [["build"], /^arp-ndp: build: missing KIND/],
  [["build", "rarp"], /^arp-ndp: build: unknown kind "rarp"/],
  [["build", "garp", "--ip", "192.0.2.1"], /^arp-ndp: build garp: --mac is required/],
  [["build", "garp", ...MAC], /^arp-ndp: build garp: --ip is required/],
  [["build", "garp", "--mac", "zz:00", "--ip", "192.0.2.1"], /^arp-ndp: --mac: not a MAC address: "zz:00"$/],
  [["build", "garp", ...MAC, "--ip", "192.0.2.300"], /^arp-ndp: --ip: not an IPv4 address: "192\.0\.2\.300"$/],
  [["build", "garp", ...MAC, "--ip", "192.0.2.1", "--tha", "everyone"], /^arp-ndp: --tha: not a MAC address/],
  [["build", "garp", ...MAC, "--ip", "192.0.2.1", "--operation", "announce"], /^arp-ndp: --operation "announce": expected request or reply$/],
  [["build", "garp", ...MAC, "--ip", "192.0.2.1", "--vlan", "5000"], /^arp-ndp: --vlan "5000": expected ID\[:PCP\]\[\/TPID\]/],
  [["build", "garp", ...MAC, "--ip", "192.0.2.1", "--target", "2001:db8::1"], /^arp-ndp: build garp: option --target does not apply/],
  [["build", "garp", ...MAC, "--ip", "192.0.2.1", "--out", "x.txt"], /^arp-ndp: --out x\.txt: unknown capture format "\.txt" \(use \.pcapng or \.pcap\)$/],
  [["build", "garp", ...MAC, "--ip", "192.0.2.1", "--out", "no/such/dir/x.pcap"], /^arp-ndp: cannot write no\/such\/dir\/x\.pcap: no such file$/],
  [["build", "arp-request", ...MAC, "--ip", "192.0.2.1"], /^arp-ndp: build arp-request: --target-ip is required/],
  [["build", "ns", ...MAC, "--target", "2001:db8::zz"], /^arp-ndp: --target: not an IPv6 address/],
  [["build", "ns", ...MAC, "--target", "2001:db8::1", "--nonce", "xyz"], /^arp-ndp: --nonce: not a hex string/],
  [["build", "una", ...MAC, "--ip", "192.0.2.1"], /^arp-ndp: --ip: not an IPv6 address/],
  [["build", "na", ...MAC], /^arp-ndp: build na: --solicitation HEX is required/],
  [["build", "na", ...MAC, "--solicitation", "ffffffffffff02000000000b08060001"], /^arp-ndp: --solicitation: /],
  [["build", "arp-reply", ...MAC, "--request", "3333ff0000f002000000000186dd"], /^arp-ndp: --request: /],
  [["build", "garp", ...MAC, "--ip"], /^arp-ndp: build: option --ip needs a value/],
  [["demo", "extra"], /^arp-ndp: demo: unexpected argument extra/],
  [["demo", "--out", "demo.txt"], /^arp-ndp: --out demo\.txt: unknown capture format/],
];

describe("user mistakes: one stderr line, status 2, no stack trace", () => {
  for (const [args, expected, stdin] of CASES) {
    it(`arp-ndp ${args.join(" ")}`, async () => {
      const r = await runCli(args, { cwd: dir, ...(stdin !== undefined ? { stdin } : {}) });
      expect(r.status).toBe(2);
      expect(r.stderr.endsWith("\n")).toBe(true);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    });
  }

  it("a capture cut short prints its complete frames, then one error line", async () => {
    const r = await runCli(["decode", "cut.pcapng"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^1 0\.000000 .* ARP Who has 192\.168\.0\.1\? Tell 192\.168\.0\.114\n$/);
    expect(r.stderr).toMatch(/^arp-ndp: cannot decode cut\.pcapng: pcapng: .*\n$/);
  });
});

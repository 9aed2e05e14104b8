import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testTempDir } from "../helpers/tmp.js";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { lines, runCli } from "./run.js";

const ARP_CAPTURE = path.join(CAPTURES_DIR, "arp_request_reply.pcapng");
const NDP_CAPTURE = path.join(CAPTURES_DIR, "ndp_ns_na_solicited_lla.pcapng");
const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures");

const ARP_LINES = [
  "1 0.000000 00:16:ce:6e:8b:24 → ff:ff:ff:ff:ff:ff ARP Who has 192.168.0.1? Tell 192.168.0.114",
  "2 0.004081 00:13:46:0b:22:ba → 00:16:ce:6e:8b:24 ARP 192.168.0.1 is at 00:13:46:0b:22:ba",
];
const NDP_LINES = [
  "1 0.000000 2001:db8:1:2::1003 → ff02::1:ff00:1000 NS who has 2001:db8:1:2::1000 src-lla 00:0c:29:2f:80:31",
  "2 0.000267 2001:db8:1:2::1000 → 2001:db8:1:2::1003 NA 2001:db8:1:2::1000 (R=0 S=1 O=1) tgt-lla 00:0c:29:1f:a7:55",
  "3 0.000389 2001:db8:1:2::1000 → 2001:db8:1:2::1003 ICMPv6 Echo Reply",
  "4 0.999274 2001:db8:1:2::1003 → 2001:db8:1:2::1000 ICMPv6 Echo Request",
  "5 0.999759 2001:db8:1:2::1000 → 2001:db8:1:2::1003 ICMPv6 Echo Reply",
  "6 1.998367 2001:db8:1:2::1003 → 2001:db8:1:2::1000 ICMPv6 Echo Request",
  "7 1.998651 2001:db8:1:2::1000 → 2001:db8:1:2::1003 ICMPv6 Echo Reply",
];

describe("arp-ndp decode", () => {
  it("prints one tshark-like line per frame of an ARP capture", async () => {
    const r = await runCli(["decode", ARP_CAPTURE]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual(ARP_LINES);
  });

  it("prints NS, NA (with flags and link-layer options) and other ICMPv6 by name", async () => {
    const r = await runCli(["decode", NDP_CAPTURE]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual(NDP_LINES);
  });

  it("--filter keeps frame numbers and times of the whole capture", async () => {
    expect(lines((await runCli(["decode", "--filter", "ndp", NDP_CAPTURE])).stdout)).toEqual(NDP_LINES.slice(0, 2));
    expect(lines((await runCli(["decode", NDP_CAPTURE, "--filter=arp"])).stdout)).toEqual([]);
    expect(lines((await runCli(["decode", ARP_CAPTURE, "--filter", "arp,ndp"])).stdout)).toEqual(ARP_LINES);
    expect(lines((await runCli(["decode", NDP_CAPTURE, "--filter", "invalid"])).stdout)).toEqual([]);
  });

  it("--json prints one parse-able decodeFrame object per line, bytes as hex", async () => {
    const r = await runCli(["decode", "--json", NDP_CAPTURE]);
    const objects = lines(r.stdout).map((l) => JSON.parse(l) as Record<string, any>);
    expect(objects).toHaveLength(7);
    const [ns, na] = objects;
    expect(ns).toMatchObject({
      frame: 1,
      time: 0,
      length: 86,
      linkType: 1,
      ethernet: { destination: "33:33:ff:00:10:00", source: "00:0c:29:2f:80:31", etherType: 0x86dd, vlans: [] },
      ipv6: { version: 6, trafficClass: 0, flowLabel: 0, payloadLength: 32, nextHeader: 58, hopLimit: 255, source: "2001:db8:1:2::1003", destination: "ff02::1:ff00:1000" },
      icmpv6: { type: 135, code: 0, checksum: 0x44b7, checksumValid: true },
      ndp: { kind: "neighbor-solicitation", reserved: 0, targetAddress: "2001:db8:1:2::1000", options: [{ type: 1, length: 1, linkLayerAddress: "00:0c:29:2f:80:31" }] },
      trailer: "",
      violations: [],
    });
    expect(ns!.timestamp).toMatch(/^\d+\.\d{9}$/);
    expect(na).toMatchObject({ frame: 2, time: 0.000267, ndp: { kind: "neighbor-advertisement", router: false, solicited: true, override: true } });
    const arp = lines((await runCli(["decode", "--json", ARP_CAPTURE])).stdout).map((l) => JSON.parse(l) as Record<string, any>);
    expect(arp[1]).toMatchObject({
      frame: 2,
      length: 46,
      arp: {
        hardwareType: 1,
        protocolType: 0x0800,
        hardwareLength: 6,
        protocolLength: 4,
        operation: 2,
        senderHardwareAddress: "00:13:46:0b:22:ba",
        senderProtocolAddress: "192.168.0.1",
        targetHardwareAddress: "00:16:ce:6e:8b:24",
        targetProtocolAddress: "192.168.0.114",
      },
      trailer: "c0a80072",
    });
  });

  it("reads a tcpdump -xx paste and a Wireshark hex stream, from a file or standard input", async () => {
    const tcpdump = readFileSync(path.join(FIXTURES, "arp_request_reply.tcpdump-xx.txt"), "utf8");
    const zero = (l: string): string => l.replace(/^(\d+) [\d.]+ /, "$1 0.000000 ");
    const fromStdin = await runCli(["decode", "-"], { stdin: tcpdump });
    expect(fromStdin.stderr).toBe("");
    expect(lines(fromStdin.stdout)).toEqual(ARP_LINES.map(zero));
    const stream = path.join(FIXTURES, "ndp_ns_na.hexstream.txt");
    expect(lines((await runCli(["decode", stream])).stdout)).toEqual(NDP_LINES.slice(0, 2).map(zero));
    const one = readFileSync(stream, "utf8").split("\n")[0]!;
    expect(lines((await runCli(["decode", "-"], { stdin: one })).stdout)).toEqual([zero(NDP_LINES[0]!)]);
  });

  it("reads a capture from standard input", async () => {
    const r = await runCli(["decode", "-"], { stdin: new Uint8Array(readFileSync(ARP_CAPTURE)) });
    expect(lines(r.stdout)).toEqual(ARP_LINES);
  });

  it("flags bad checksums, RFC violations and malformed frames on the line", async () => {
    const hex = readFileSync(path.join(FIXTURES, "ndp_ns_na.hexstream.txt"), "utf8").split("\n")[0]!;
    const bytes = Buffer.from(hex, "hex");
    const badChecksum = Buffer.from(bytes);
    badChecksum[0x39] = 0x00; // ICMPv6 checksum (bytes 56-57) 0x44b7 → 0x4400
    const hopLimit = Buffer.from(bytes);
    hopLimit[0x15] = 64; // RFC 4861 §7.1.1: hop limit must be 255 (the checksum does not cover it)
    const truncated = bytes.subarray(0, 70);
    const input = [badChecksum, hopLimit, truncated].map((b) => b.toString("hex")).join("\n\n"); // a blank line ends a hex-stream frame
    const out = lines((await runCli(["decode", "-"], { stdin: input })).stdout);
    expect(out[0]).toContain("NS who has 2001:db8:1:2::1000");
    expect(out[0]).toMatch(/\[bad checksum 0x4400\]$/);
    expect(out[1]).toMatch(/\[invalid: [a-z0-9-]*hop-limit[a-z0-9-]* \(RFC 4861 §7\.1\.1\)\]$/);
    expect(out[2]).toMatch(/^3 0\.000000 00:0c:29:2f:80:31 → 33:33:ff:00:10:00 IPv6 \[malformed: .+\]$/);
    const invalid = lines((await runCli(["decode", "-", "--filter", "invalid"], { stdin: input })).stdout);
    expect(invalid).toEqual(out);
    const json = lines((await runCli(["decode", "-", "--json"], { stdin: input })).stdout).map((l) => JSON.parse(l) as Record<string, any>);
    expect(json[0]!.icmpv6.checksumValid).toBe(false);
    expect(json[1]!.violations.length).toBeGreaterThan(0);
    expect(json[2]!.error).toMatchObject({ code: expect.any(String), layer: expect.any(String) });
  });

  it("shows VLAN tags and decodes Linux cooked captures", async () => {
    const qinq = lines((await runCli(["decode", path.join(CAPTURES_DIR, "arp_qinq_8021ad.pcap")])).stdout);
    expect(qinq[0]).toMatch(/ \[vlan \d+\/0x88a8, \d+\] ARP Who has /);
    const sll = lines((await runCli(["decode", path.join(CAPTURES_DIR, "arp_linux_sll.pcap")])).stdout);
    expect(sll).toHaveLength(12);
    expect(sll[0]).toMatch(/^1 0\.000000 \S+ → \S+ ARP /);
  });

  it("abbreviates 255-byte ARP addresses on the line (not in --json) and names RARP", async () => {
    const file = path.join(CAPTURES_DIR, "arp_oversized_hlen_plen_255.pcap");
    const out = lines((await runCli(["decode", file])).stdout);
    expect(out[1]).toBe(
      "2 0.001710 52:54:00:12:34:57 → 7e:8e:20:d8:23:a7 ARP 192.168.123.2 is at 52:54:00:12:34:57:00:00…(255 bytes) (htype 1 ptype 0x0800 hlen 255 plen 4) [invalid: arp-hardware-length (RFC 826; Linux arp_rcv)]",
    );
    const json = JSON.parse(lines((await runCli(["decode", file, "--json"])).stdout)[1]!) as { arp: { senderHardwareAddress: string } };
    expect(json.arp.senderHardwareAddress).toHaveLength(255 * 3 - 1);
    expect(lines((await runCli(["decode", path.join(CAPTURES_DIR, "rarp_request_reply.pcapng")])).stdout)).toEqual([
      "1 0.000000 00:0c:29:34:0b:de → ff:ff:ff:ff:ff:ff RARP Who is 00:0c:29:34:0b:de? Tell 00:0c:29:34:0b:de",
      "2 0.002000 00:0c:29:c5:f6:9b → 00:0c:29:34:0b:de RARP 00:0c:29:34:0b:de is at 10.1.1.100",
    ]);
  });

  it("prints 'unsupported link type' lines for other link types", async () => {
    const r = await runCli(["decode", path.join(CAPTURES_DIR, "arp_ipoib_bigendian.pcap")]);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(30);
    expect(out[0]).toMatch(/^1 0\.000000 unsupported link type 242$/);
  });

  it("decodes every shared capture without an internal error", async () => {
    const files = ["arp_malformed_fuzz_oobr.pcap", "ndp_short_options_malformed.pcap", "mixed_arp_probe_announce_ndp_dad_boot.pcap", "rarp_truncated_snaplen22.pcap"];
    for (const file of files) {
      const r = await runCli(["decode", path.join(CAPTURES_DIR, file)]);
      expect(r.stderr, file).toBe("");
      expect(r.status, file).toBe(0);
    }
    const mixed = lines((await runCli(["decode", path.join(CAPTURES_DIR, "mixed_arp_probe_announce_ndp_dad_boot.pcap"), "--filter", "arp"])).stdout);
    expect(mixed.filter((l) => / ARP Probe for /.test(l))).toHaveLength(33);
    expect(mixed.filter((l) => / ARP Announcement for /.test(l))).toHaveLength(11);
  });

  it("shows progress on a terminal only", async () => {
    const dir = testTempDir("cli");
    const hex = readFileSync(path.join(FIXTURES, "ndp_ns_na.hexstream.txt"), "utf8");
    writeFileSync(path.join(dir, "a.txt"), hex);
    expect((await runCli(["decode", "a.txt"], { cwd: dir, tty: true })).stderr).toBe(""); // small: nothing
  });
});

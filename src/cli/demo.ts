/**
 * `arp-ndp demo`: the MetalLB Layer 2 failover story, built with the library's builders, written as a
 * pcapng, and read back through the same code as `arp-ndp decode`.
 *
 * @packageDocumentation
 */
import path from "node:path";
import { linkLocalFromMac } from "../address/multicast.js";
import { buildArpReply, buildArpRequest, buildGratuitousArp } from "../arp/builders.js";
import { readCapture, type CaptureWriteRecord } from "../capture/index.js";
import { decodeFrame } from "../frame.js";
import { buildNeighborAdvertisement, buildNeighborSolicitation, buildUnsolicitedNeighborAdvertisement } from "../ndp/builders.js";
import { flag, parseCommandArgs, stringOption, type OptionSpec } from "./args.js";
import { ensureParent, writeCaptureFile } from "./build.js";
import { printFrames } from "./decode.js";
import { DEMO_HELP } from "./help.js";
import { LineWriter, type CliIo } from "./io.js";
import { readFile } from "node:fs/promises";

/** The demo's cast. */
export const DEMO = {
  vip4: "192.0.2.240",
  vip6: "2001:db8::f0",
  nodeA: "02:00:00:00:00:0a",
  nodeB: "02:00:00:00:00:0b",
  client: "02:00:00:00:00:01",
  client4: "192.0.2.1",
  client6: "2001:db8::1",
} as const;

/** Default output of `arp-ndp demo`. */
export const DEMO_OUT = "demo/failover.pcapng";

/** 2025-01-01T00:00:00Z in ns: a fixed start, so the capture is the same on every run. */
const START_NS = 1_735_689_600_000_000_000n;
const us = (n: number): bigint => START_NS + BigInt(n) * 1000n;

/**
 * The failover frames with their timestamps: B's gratuitous ARP pair (request and reply, THA broadcast,
 * as MetalLB sends them), B's unsolicited NA with Override from its link-local address, then a client's
 * ARP request and NS for the VIPs, each answered by B from the decoded request.
 */
export function demoFrames(): CaptureWriteRecord[] {
  const { vip4, vip6, nodeB, client, client4, client6 } = DEMO;
  const arpRequest = buildArpRequest({ mac: client, ip: client4, targetIp: vip4 });
  const solicitation = buildNeighborSolicitation({ mac: client, source: client6, target: vip6 });
  // B answers from the decoded requests, as a speaker does after decodeFrame on what it received.
  const ns = decodeFrame(solicitation);
  if (ns.ipv6 === undefined || ns.ndp === undefined) throw new Error("demo: the built NS does not decode as an NS");
  return [
    { timestamp: us(0), data: buildGratuitousArp({ mac: nodeB, ip: vip4, operation: "request", targetHardwareAddress: "broadcast" }) },
    { timestamp: us(40), data: buildGratuitousArp({ mac: nodeB, ip: vip4, operation: "reply", targetHardwareAddress: "broadcast" }) },
    { timestamp: us(1_000), data: buildUnsolicitedNeighborAdvertisement({ mac: nodeB, ip: vip6, source: linkLocalFromMac(nodeB) }) },
    { timestamp: us(4_000), data: arpRequest },
    { timestamp: us(4_120), data: buildArpReply({ request: decodeFrame(arpRequest), mac: nodeB }) },
    { timestamp: us(6_000), data: solicitation },
    { timestamp: us(6_150), data: buildNeighborAdvertisement({ solicitation: { ethernet: ns.ethernet, ipv6: ns.ipv6, ndp: ns.ndp }, mac: nodeB }) },
  ];
}

/** Runs `arp-ndp demo`. */
export async function runDemo(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs("demo", args, { out: { type: "string" } } satisfies OptionSpec, false);
  if (flag(values, "help")) {
    await io.stdout(DEMO_HELP);
    return 0;
  }
  const shown = stringOption(values, "out") ?? DEMO_OUT;
  const file = path.resolve(io.cwd, shown);
  const records = demoFrames();
  await ensureParent(file, shown);
  await writeCaptureFile(file, shown, records);
  const { vip4, vip6, nodeA, nodeB } = DEMO;
  await io.stdout(
    `MetalLB Layer 2 failover: ${vip4} and ${vip6} move from node A (${nodeA}) to node B (${nodeB}).\n` +
      `B announces them (gratuitous ARP request + reply, unsolicited NA with Override), then answers a client's ARP request and NS.\n` +
      `Wrote ${shown} (${records.length} frames, open it in Wireshark); read back with arp-ndp decode:\n\n`,
  );
  const bytes = new Uint8Array(await readFile(file));
  await printFrames(readCapture(bytes), new LineWriter(io), { json: false, filters: [] }, io);
  return 0;
}

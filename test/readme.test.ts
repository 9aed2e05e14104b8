/**
 * Documentation examples are tests: every ```ts block of README.md and docs/speaker.md runs against the
 * source (its `from "arp-ndp"` imports point at src/index.ts, and `assert` is node:assert/strict), so the
 * documentation cannot drift from the code.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { encodeArp } from "../src/arp/arp.js";
import { buildArpRequest } from "../src/arp/builders.js";
import { fcOptions } from "./helpers/fc.js";
import { CAPTURES_DIR, REPO_ROOT } from "./helpers/paths.js";
import { readPcapFrames } from "./helpers/pcap.js";

const DOCUMENTS = ["README.md", "docs/speaker.md"];
const blocks = DOCUMENTS.flatMap((file) =>
  [...readFileSync(path.join(REPO_ROOT, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!),
);
const dir = path.join(REPO_ROOT, "test", ".readme-examples");

describe("documentation examples", () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has examples", () => {
    if (blocks.length < 8) throw new Error(`expected at least 8 TypeScript examples in ${DOCUMENTS.join(", ")}, found ${blocks.length}`);
  });

  blocks.forEach((block, index) => {
    const title = block.split("\n").find((line) => line.trim().length > 0 && !line.startsWith("import")) ?? `block ${index}`;
    it(`example ${index + 1}: ${title.slice(0, 60)}`, async () => {
      const source = `import assert from "node:assert/strict";\n${block.replaceAll('from "arp-ndp"', `from ${JSON.stringify(path.join(REPO_ROOT, "src/index.ts"))}`)}`;
      const file = path.join(dir, `example-${index + 1}.ts`);
      // A block that defines a responder (`function onFrame`) exports it, so it can be held to "never throws".
      writeFileSync(file, /\bfunction onFrame\(/.test(block) ? `${source}\nexport { onFrame };\n` : source);
      const module = (await import(file)) as { onFrame?: (frame: Uint8Array) => Uint8Array | undefined };
      if (module.onFrame !== undefined) responders.push(module.onFrame);
    });
  });

  it("every documented responder is total: requests it cannot answer and random bytes give undefined, never a throw", () => {
    expect(responders.length).toBeGreaterThanOrEqual(2); // the README's and docs/speaker.md's
    for (const onFrame of responders) {
      for (const [what, frame] of hostileRequests()) expect(() => onFrame(frame), what).not.toThrow();
      for (const [what, frame] of hostileRequests()) expect(onFrame(frame), what).toBeUndefined();
      for (const name of readdirSync(CAPTURES_DIR).filter((f) => /\.pcap(ng)?$/.test(f))) {
        for (const { data } of readPcapFrames(path.join(CAPTURES_DIR, name))) expect(() => onFrame(data), name).not.toThrow();
      }
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, at) => {
          const frame = buildArpRequest({ mac: "02:00:00:00:00:01", ip: "192.0.2.1", targetIp: "192.0.2.240" });
          frame.set(bytes.subarray(0, Math.max(0, frame.length - (at % frame.length))), at % frame.length);
          onFrame(frame);
          onFrame(bytes);
        }),
        fcOptions({ numRuns: 2000 }),
      );
    }
  });
});

const responders: ((frame: Uint8Array) => Uint8Array | undefined)[] = [];

/**
 * Requests for the documented VIP (192.0.2.240) that an Ethernet/IPv4 ARP responder cannot answer: each
 * made the documented responder throw an uncaught FrameError before `buildArpReplyInto` took views.
 */
function hostileRequests(): [string, Uint8Array][] {
  const vip = { senderProtocolAddress: "192.0.2.1", targetProtocolAddress: "192.0.2.240" };
  const arp = (patch: Record<string, unknown>, etherType = 0x0806) => {
    const body = encodeArp({ operation: 1, senderHardwareAddress: "02:00:00:00:00:01", targetHardwareAddress: "00:00:00:00:00:00", ...vip, ...patch });
    const frame = new Uint8Array(Math.max(60, 14 + body.length));
    frame.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, etherType >> 8, etherType & 0xff]);
    frame.set(body, 14);
    return frame;
  };
  const snap = new Uint8Array(68);
  snap.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0, 36, 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06]);
  snap.set(encodeArp({ operation: 1, senderHardwareAddress: "02:00:00:00:00:01", targetHardwareAddress: "00:00:00:00:00:00", ...vip }), 22);
  return [
    ["RARP (EtherType 0x8035) with operation 1", arp({}, 0x8035)],
    ["802.3 LLC/SNAP ARP request", snap],
    ["hardware type 6", arp({ hardwareType: 6 })],
    ["hlen 8", arp({ senderHardwareAddress: "02:00:00:00:00:01:00:00", targetHardwareAddress: "00:00:00:00:00:00:00:00" })],
    ["protocol type 0x86dd with 4-byte addresses", arp({ protocolType: 0x86dd })],
  ];
}

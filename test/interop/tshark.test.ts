/**
 * Wireshark (tshark) differential: random frames of every kind arp-ndp builds, one pcap, one tshark run,
 * and every field tshark shows compared with decodeFrame; the ICMPv6 checksum verdict; and the
 * malformed-frame verdict on deliberately broken frames, with a documented allow-list (docs/interop.md).
 */
import { beforeAll, expect, test } from "vitest";
import { FrameView, decodeFrame, tryDecodeFrame, validateFrame, type DecodedFrame } from "../../src/frame.js";
import { FRAME_KIND } from "../../src/frame-kind.js";
import { FRAME_KINDS, sampleFrames, suiteSeed, type GeneratedFrame } from "./frames.js";
import { compareWithTshark, expertKeys, isMalformed, runTshark, type TsharkPacket } from "./tshark.js";
import { describeInterop, logToolVersions } from "./tools.js";
import { MALFORMED_FRAMES, TSHARK_ALLOW_LIST, verdictOf, type MalformedCase } from "./malformed.js";
import { hex, printable } from "./report.js";

/** Frames per kind (≥ 1,000 each; FC_RUNS does not apply: this is a fixed-size differential). */
const PER_KIND = Number(process.env.ARP_NDP_INTEROP_FRAMES ?? 1000);

function strip(packet: TsharkPacket): unknown {
  const { frame: _frame, ...rest } = packet.layers;
  return JSON.parse(JSON.stringify(rest, (k, v: unknown) => (k.endsWith("_tree") && k.startsWith("eth.") ? undefined : v)));
}

function failureReport(what: string, bytes: Uint8Array, packet: TsharkPacket, ours: DecodedFrame | string, diffs: readonly string[]): string {
  return [
    `${what}: ${diffs.length} disagreement(s)`,
    ...diffs.map((d) => `  ${d}`),
    `  frame hex: ${hex(bytes)}`,
    `  tshark: ${JSON.stringify(strip(packet))}`,
    `  arp-ndp: ${typeof ours === "string" ? ours : JSON.stringify(printable(ours))}`,
  ].join("\n");
}

describeInterop("tshark differential", ["tshark"], () => {
  let seed = 0;
  let generated: GeneratedFrame[] = [];
  let packets: TsharkPacket[] = [];

  beforeAll(() => {
    logToolVersions(["tshark"]);
    seed = suiteSeed();
    generated = FRAME_KINDS.flatMap((k, i) => sampleFrames(k.arb, seed + i, PER_KIND));
    const started = Date.now();
    packets = runTshark(generated.map((g) => g.bytes));
    console.log(`tshark dissected ${generated.length} frames (${FRAME_KINDS.length} kinds × ${PER_KIND}, seed ${seed}) in ${Date.now() - started} ms`);
  });

  test("every field tshark shows agrees with decodeFrame, for ≥ 1,000 random frames of each kind", () => {
    const failures: string[] = [];
    const counts = new Map<string, number>();
    const view = new FrameView();
    generated.forEach((g, i) => {
      const packet = packets[i];
      if (packet === undefined) throw new Error(`no tshark packet ${i}`);
      counts.set(g.kind, (counts.get(g.kind) ?? 0) + 1);
      const result = tryDecodeFrame(g.bytes);
      if (!result.ok) {
        failures.push(failureReport(`${g.kind} #${i}`, g.bytes, packet, `FrameError ${result.error.code}: ${result.error.message}`, ["arp-ndp refused a frame it built"]));
        return;
      }
      const diffs = compareWithTshark(packet, result.value);
      if (isMalformed(packet)) diffs.push("tshark marks it malformed; arp-ndp decodes it");
      // The hot path (FrameView, no allocation) must reach the same layer and the same checksum verdict.
      const code = view.reset(g.bytes);
      const kind = result.value.arp !== undefined ? FRAME_KIND.ARP : result.value.ndp?.kind === "neighbor-solicitation" ? FRAME_KIND.NEIGHBOR_SOLICITATION : FRAME_KIND.NEIGHBOR_ADVERTISEMENT;
      if (code !== 0 || view.kind !== kind) diffs.push(`FrameView: reset ${code}, kind ${view.kind}; decodeFrame says ${kind}`);
      const status = (packet.layers.icmpv6 as Record<string, unknown> | undefined)?.["icmpv6.checksum.status"];
      if (status !== undefined && view.verifyChecksum() !== (status === "1")) diffs.push(`FrameView.verifyChecksum: tshark=${String(status)} ours=${view.verifyChecksum()}`);
      if (diffs.length > 0) failures.push(failureReport(`${g.kind} #${i}`, g.bytes, packet, result.value, diffs));
    });
    console.log(`compared: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    if (failures.length > 0) {
      const fields = new Map<string, number>();
      for (const f of failures) for (const m of f.matchAll(/^ {2}([^:\n]+): tshark=/gm)) fields.set((m[1] ?? "").replace(/\[\d+\]/g, "[i]"), (fields.get((m[1] ?? "").replace(/\[\d+\]/g, "[i]")) ?? 0) + 1);
      console.log(`disagreeing fields: ${[...fields].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
      console.log(`${failures.length} frame(s) disagree (seed ${seed}); first ones:\n${failures.slice(0, 8).join("\n")}`);
    }
    expect(failures.length, failures.slice(0, 3).join("\n")).toBe(0);
    for (const k of FRAME_KINDS) expect(counts.get(k.name) ?? 0).toBeGreaterThanOrEqual(PER_KIND);
  });

  test("a deliberately wrong checksum (builder override) is Bad to tshark and checksumValid false to us", () => {
    const bad = generated.map((g, i) => ({ g, packet: packets[i] })).filter(({ g }) => g.kind === "bad-checksum");
    expect(bad.length).toBeGreaterThanOrEqual(PER_KIND);
    for (const { g, packet } of bad) {
      const frame = decodeFrame(g.bytes);
      const icmp = packet?.layers.icmpv6 as Record<string, unknown> | undefined;
      expect(icmp?.["icmpv6.checksum.status"], hex(g.bytes)).toBe("0");
      expect(frame.icmpv6?.checksumValid, hex(g.bytes)).toBe(false);
      expect(expertKeys(packet as TsharkPacket)).toContain("icmpv6.checksum_bad.expert");
      expect(validateFrame(frame).map((v) => v.rule)).toContain("ndp-checksum");
    }
    // ...and every builder frame without the override is Good to both.
    const good = generated.map((g, i) => ({ g, packet: packets[i] })).filter(({ g }) => ["ns", "dad-ns", "na", "unsolicited-na"].includes(g.kind));
    for (const { g, packet } of good) {
      const icmp = packet?.layers.icmpv6 as Record<string, unknown> | undefined;
      expect(icmp?.["icmpv6.checksum.status"], hex(g.bytes)).toBe("1");
      expect(decodeFrame(g.bytes).icmpv6?.checksumValid).toBe(true);
    }
  });

  test("malformed frames: tshark's _ws.malformed coincides with our FrameError, or the difference is allow-listed", () => {
    const cases: MalformedCase[] = MALFORMED_FRAMES();
    const tshark = runTshark(cases.map((c) => c.bytes));
    const problems: string[] = [];
    const seen = new Set<string>();
    cases.forEach((c, i) => {
      const packet = tshark[i] as TsharkPacket;
      const verdict = verdictOf(c.bytes, packet);
      const allowed = TSHARK_ALLOW_LIST.find((a) => a.id === c.allow);
      if (c.allow !== undefined) seen.add(c.allow);
      const line = `${c.name}: tshark ${verdict.tsharkMalformed ? "malformed" : "not malformed"} [${verdict.experts.join(", ")}], arp-ndp ${verdict.ours}`;
      if (allowed === undefined) {
        if (verdict.tsharkMalformed !== verdict.oursMalformed) problems.push(`${line}\n  frame hex: ${hex(c.bytes)}\n  tshark: ${JSON.stringify(strip(packet))}`);
      } else if (!allowed.holds(verdict)) {
        problems.push(`${line}: allow-list entry "${allowed.id}" no longer describes what happens (${allowed.reason})\n  frame hex: ${hex(c.bytes)}`);
      }
      // Where we refuse a frame, validateFrame reports the refusal (one malformed-* violation).
      const violations = validateFrame(c.bytes);
      if (verdict.oursMalformed && !violations.some((v) => v.rule.startsWith("malformed-"))) problems.push(`${c.name}: decode fails but validateFrame has no malformed-* violation`);
      if (c.expectOurs !== undefined && !verdict.ours.startsWith(c.expectOurs)) problems.push(`${line}: expected arp-ndp ${c.expectOurs}`);
      if (c.expectRule !== undefined && !violations.some((v) => v.rule === c.expectRule)) {
        problems.push(`${c.name}: validateFrame should report ${c.expectRule}, got [${violations.map((v) => v.rule).join(", ")}]\n  frame hex: ${hex(c.bytes)}`);
      }
    });
    console.log(`malformed set: ${cases.length} frames, allow-list entries exercised: ${[...seen].join(", ") || "none"}`);
    expect(problems, problems.join("\n")).toEqual([]);
    for (const a of TSHARK_ALLOW_LIST) expect(seen.has(a.id), `allow-list entry ${a.id} is exercised by a frame of the malformed set`).toBe(true);
  });

  test("truncated and byte-mutated valid frames: tshark and arp-ndp agree on which are malformed (allow-list aside)", () => {
    // Every frame kind, cut at a seeded random length: headers, addresses, options and padding all get cut.
    let state = seed >>> 0 || 1;
    const next = (n: number): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % n;
    };
    const cuts = generated.filter((_, i) => i % 5 === 0).map((g) => ({ kind: `${g.kind} cut`, bytes: g.bytes.slice(0, 1 + next(g.bytes.length - 1)) }));
    // ...and the same number with one byte after the Ethernet header set to a random value (lengths,
    // option types and lengths, hlen/plen, next header, version...).
    for (const [i, g] of generated.entries()) {
      if (i % 5 !== 1) continue;
      const bytes = g.bytes.slice();
      let start = 14;
      while (start + 4 <= bytes.length && [0x81, 0x88, 0x91].includes(bytes[start - 2] ?? 0)) start += 4;
      const at = start + next(Math.max(1, bytes.length - start));
      bytes[at] = next(256);
      cuts.push({ kind: `${g.kind} byte ${at} set`, bytes });
    }
    const tshark = runTshark(cuts.map((c) => c.bytes));
    const problems: string[] = [];
    const tally = new Map<string, number>();
    cuts.forEach((c, i) => {
      const packet = tshark[i] as TsharkPacket;
      const verdict = verdictOf(c.bytes, packet);
      const key = `${verdict.tsharkMalformed ? "tshark-malformed" : "tshark-ok"}/${verdict.ours}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (verdict.tsharkMalformed === verdict.oursMalformed) return;
      if (TSHARK_ALLOW_LIST.some((a) => a.holds(verdict))) return;
      problems.push(`${c.kind} (${c.bytes.length} bytes): tshark ${verdict.tsharkMalformed ? "malformed" : "not malformed"} [${verdict.experts.join(", ")}], arp-ndp ${verdict.ours}\n  frame hex: ${hex(c.bytes)}`);
    });
    console.log(`truncated/mutated: ${cuts.length} frames; verdicts ${[...tally].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    expect(problems.slice(0, 10), problems.slice(0, 10).join("\n")).toEqual([]);
  });
});

/**
 * scapy cross-check, both directions, in one Python process (test/interop/scapy_frames.py, run with
 * Debian's /usr/bin/python3 and python3-scapy):
 * - scapy builds random ARP / NS / DAD NS / NA frames from our seed; decodeFrame must agree with scapy's
 *   own dissection of every one, field by field;
 * - arp-ndp's builders' (and encoders') frames are dissected by scapy with the same fields.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";
import { parseIpv6 } from "../../src/address/ipv6.js";
import { tryDecodeFrame, type DecodedFrame } from "../../src/frame.js";
import { FRAME_KINDS, sampleFrames, suiteSeed, type GeneratedFrame } from "./frames.js";
import { fromHex, hex, printable } from "./report.js";
import { SYSTEM_PYTHON, describeInterop, logToolVersions } from "./tools.js";

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "scapy_frames.py");
/** Frames scapy generates. */
const SCAPY_COUNT = 600;
/** Frames of each of our kinds that scapy dissects. */
const OURS_PER_KIND = 60;

type View = Record<string, unknown>;

interface ScapyOutput {
  scapy: string;
  generated: { hex: string; view: View }[];
  dissected: View[];
}

function bytesHex(text: string): string {
  return text.replaceAll(":", "");
}

/**
 * Scapy's rendering of an ARP address (scapy 2.5 `ARP`): a MAC only for hardware type 1 with hlen 6, IPv4
 * text for 0x0800/4, IPv6 text for 0x86dd/16, otherwise the raw bytes (here in hex).
 */
function arpView(a: NonNullable<DecodedFrame["arp"]>): View {
  const mac = a.hardwareType === 1 && a.hardwareLength === 6;
  const ip = (a.protocolType === 0x0800 && a.protocolLength === 4) || (a.protocolType === 0x86dd && a.protocolLength === 16);
  const hw = (x: string): string => (mac ? x : bytesHex(x));
  const pr = (x: string): string => (ip ? x : bytesHex(x));
  return {
    hwtype: a.hardwareType,
    ptype: a.protocolType,
    hwlen: a.hardwareLength,
    plen: a.protocolLength,
    op: a.operation,
    hwsrc: hw(a.senderHardwareAddress),
    psrc: pr(a.senderProtocolAddress),
    hwdst: hw(a.targetHardwareAddress),
    pdst: pr(a.targetProtocolAddress),
  };
}

/** decodeFrame's result in scapy_frames.py's normalised VIEW shape. */
export function viewOf(f: DecodedFrame): View {
  const v: View = {
    eth: { dst: f.ethernet.destination, src: f.ethernet.source, type: f.ethernet.etherType },
    vlans: f.ethernet.vlans.map((t) => ({ tpid: t.tpid, prio: t.priority, dei: t.dropEligible ? 1 : 0, id: t.id })),
  };
  if (f.arp !== undefined) v.arp = arpView(f.arp);
  if (f.ipv6 !== undefined) {
    const ip = f.ipv6;
    v.ipv6 = { version: ip.version, tc: ip.trafficClass, fl: ip.flowLabel, plen: ip.payloadLength, nh: ip.nextHeader, hlim: ip.hopLimit, src: ip.source, dst: ip.destination };
  }
  if (f.icmpv6 !== undefined && f.ndp !== undefined) {
    const c = f.icmpv6;
    v.icmpv6 = { type: c.type, code: c.code, cksum: c.checksum, cksum_valid: c.checksumValid };
    const nd = f.ndp;
    const options = nd.options.map((o) => {
      if ("linkLayerAddress" in o && o.length === 1) return { type: o.type, len: o.length, lladdr: o.linkLayerAddress };
      const data = "linkLayerAddress" in o ? bytesHex(o.linkLayerAddress) : hex("nonce" in o ? o.nonce : o.data);
      return { type: o.type, len: o.length, data };
    });
    v.nd =
      nd.kind === "neighbor-solicitation"
        ? { kind: "ns", res: nd.reserved, tgt: nd.targetAddress, options }
        : { kind: "na", res: nd.reserved, tgt: nd.targetAddress, options, R: nd.router ? 1 : 0, S: nd.solicited ? 1 : 0, O: nd.override ? 1 : 0 };
  }
  return v;
}

/** Drops the script's bookkeeping ("by": "script") and maps glibc's ::a.b.c.d to bytes-equal hex text. */
function normalise(view: View, ours: View): View {
  return JSON.parse(
    JSON.stringify(view, (k, value: unknown) => {
      if (k === "by") return undefined;
      return value;
    }),
    function (this: Record<string, unknown>, k, value: unknown) {
      // glibc's inet_ntop (scapy's) writes the deprecated IPv4-compatible ::/96 in mixed notation.
      if (typeof value === "string" && /^::\d+\.\d+\.\d+\.\d+$/.test(value) && ["src", "dst", "tgt", "psrc", "pdst"].includes(k)) {
        const ourText = findText(ours, k, value);
        if (ourText !== undefined) return ourText;
      }
      return value;
    },
  ) as View;
}

/** Our text for the same address as scapy's mixed-notation `value`, if the bytes agree. */
function findText(ours: View, key: string, value: string): string | undefined {
  const parts = value.slice(2).split(".").map(Number);
  const want = [...new Array<number>(12).fill(0), ...parts].join(",");
  let hit: string | undefined;
  JSON.stringify(ours, (k, v: unknown) => {
    if (k === key && typeof v === "string" && v.includes(":")) {
      try {
        if (Array.from(parseIpv6(v)).join(",") === want) hit = v;
      } catch {
        // not an IPv6 text
      }
    }
    return v;
  });
  return hit;
}

/** JSON with keys sorted, so views compare whatever order their fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Why scapy 2.5 cannot dissect one of our frames faithfully (undefined when it can). */
function scapyCannot(f: DecodedFrame): string | undefined {
  if (f.ndp?.options.some((o) => "linkLayerAddress" in o && o.length !== 1)) return "link-layer option of length ≠ 1 (scapy reads a 6-byte MAC whatever the length)";
  return undefined;
}

describeInterop("scapy cross-check", ["scapy"], () => {
  let output: ScapyOutput;
  let ours: GeneratedFrame[] = [];
  const excluded = new Map<string, number>();

  beforeAll(() => {
    logToolVersions(["scapy"]);
    const seed = suiteSeed();
    const all = FRAME_KINDS.flatMap((k, i) => sampleFrames(k.arb, seed + 100 + i, OURS_PER_KIND));
    ours = all.filter((g) => {
      const r = tryDecodeFrame(g.bytes);
      const why = r.ok ? scapyCannot(r.value) : "does not decode";
      if (why !== undefined) excluded.set(why, (excluded.get(why) ?? 0) + 1);
      return why === undefined;
    });
    const started = Date.now();
    const r = spawnSync(SYSTEM_PYTHON, [SCRIPT], {
      input: JSON.stringify({ seed, count: SCAPY_COUNT, hex: ours.map((g) => hex(g.bytes)) }),
      encoding: "utf8",
      maxBuffer: 1 << 28,
      timeout: 120_000,
    });
    if (r.error !== undefined) throw r.error;
    if (r.status !== 0) throw new Error(`scapy_frames.py exited ${r.status}: ${r.stderr}`);
    output = JSON.parse(r.stdout) as ScapyOutput;
    console.log(
      `scapy ${output.scapy}: built ${output.generated.length} frames (seed ${seed}) and dissected ${ours.length} of ours in ${Date.now() - started} ms; ` +
        `not given to scapy: ${[...excluded].map(([k, n]) => `${n} × ${k}`).join("; ") || "none"}`,
    );
  });

  test("arp-ndp decodes every frame scapy builds with the fields scapy dissects", () => {
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    for (const g of output.generated) {
      const bytes = fromHex(g.hex);
      const r = tryDecodeFrame(bytes);
      if (!r.ok) {
        failures.push(`frame ${g.hex}: arp-ndp refused it (${r.error.code}: ${r.error.message}); scapy: ${JSON.stringify(g.view)}`);
        continue;
      }
      const mine = viewOf(r.value);
      const theirs = normalise(g.view, mine);
      const kind = theirs.arp !== undefined ? "arp" : String((theirs.nd as View | undefined)?.kind ?? "other");
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (canonical(theirs) !== canonical(mine)) {
        failures.push(`frame ${g.hex}\n  scapy:   ${JSON.stringify(theirs)}\n  arp-ndp: ${JSON.stringify(mine)}\n  decoded: ${JSON.stringify(printable(r.value))}`);
      }
    }
    console.log(`scapy-built frames compared: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    expect(failures, failures.slice(0, 5).join("\n")).toEqual([]);
    expect(output.generated.length).toBe(SCAPY_COUNT);
  });

  test("scapy dissects every frame arp-ndp builds with the fields decodeFrame reports", () => {
    expect(output.dissected.length).toBe(ours.length);
    expect(ours.length).toBeGreaterThanOrEqual(300);
    const failures: string[] = [];
    ours.forEach((g, i) => {
      const r = tryDecodeFrame(g.bytes);
      if (!r.ok) throw new Error(`${g.kind}: ${hex(g.bytes)} no longer decodes`);
      const mine = viewOf(r.value);
      const theirs = normalise(output.dissected[i] as View, mine);
      if (canonical(theirs) !== canonical(mine)) {
        failures.push(`${g.kind} ${hex(g.bytes)}\n  scapy:   ${JSON.stringify(theirs)}\n  arp-ndp: ${JSON.stringify(mine)}`);
      }
    });
    expect(failures, failures.slice(0, 5).join("\n")).toEqual([]);
  });
});

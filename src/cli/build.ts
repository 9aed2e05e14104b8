/**
 * `arp-ndp build KIND ...`: one frame from the library's builders, printed as hex or written to a
 * pcap/pcapng file that Wireshark opens.
 *
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseIpv4 } from "../address/ipv4.js";
import { parseIpv6 } from "../address/ipv6.js";
import { parseMac } from "../address/mac.js";
import { linkLocalFromMac } from "../address/multicast.js";
import { buildArpProbe, buildArpReply, buildArpRequest, buildGratuitousArp } from "../arp/builders.js";
import { writePcap, writePcapng, type CaptureWriteRecord } from "../capture/index.js";
import { fromHex } from "../internal/bytes.js";
import { buildNeighborAdvertisement, buildNeighborSolicitation, buildUnsolicitedNeighborAdvertisement } from "../ndp/builders.js";
import { flag, parseCommandArgs, stringList, stringOption, type OptionSpec, type ParsedArgs } from "./args.js";
import { UsageError, describeFsError, userInput } from "./errors.js";
import { toHexString } from "./format.js";
import { BUILD_HELP } from "./help.js";
import type { CliIo } from "./io.js";

/** The frame kinds `build` makes. */
export const BUILD_KINDS = ["garp", "probe", "arp-request", "arp-reply", "ns", "na", "una"] as const;
/** One of {@link BUILD_KINDS}. */
export type BuildKind = (typeof BUILD_KINDS)[number];

const BUILD_OPTIONS: OptionSpec = {
  mac: { type: "string" },
  ip: { type: "string" },
  "target-ip": { type: "string" },
  source: { type: "string" },
  target: { type: "string" },
  operation: { type: "string" },
  tha: { type: "string" },
  nonce: { type: "string" },
  solicitation: { type: "string" },
  request: { type: "string" },
  "peer-mac": { type: "string" },
  router: { type: "boolean" },
  "no-override": { type: "boolean" },
  vlan: { type: "string", multiple: true },
  hex: { type: "boolean" },
  out: { type: "string" },
};

/** A VLAN tag as the builders take it. */
export interface CliVlanTag {
  id: number;
  priority?: number;
  tpid?: number;
}

/** Parses `--vlan ID[:PCP][/TPID]` (TPID in hex, e.g. 0x88a8). */
export function parseVlan(text: string): CliVlanTag {
  const m = /^(\d{1,4})(?::(\d))?(?:\/(0x[0-9a-f]{1,4}|[0-9a-f]{4}))?$/i.exec(text.trim());
  const bad = (): UsageError => new UsageError(`--vlan ${JSON.stringify(text)}: expected ID[:PCP][/TPID], ID 0-4095, PCP 0-7, e.g. 100:5 or 200/0x88a8`);
  if (m === null) throw bad();
  const id = Number(m[1]);
  if (id > 4095) throw bad();
  const tag: CliVlanTag = { id };
  if (m[2] !== undefined) {
    const priority = Number(m[2]);
    if (priority > 7) throw bad();
    tag.priority = priority;
  }
  if (m[3] !== undefined) tag.tpid = parseInt(m[3].replace(/^0x/i, ""), 16);
  return tag;
}

/** Runs `arp-ndp build`. */
export async function runBuild(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs("build", args, BUILD_OPTIONS, true);
  if (flag(values, "help")) {
    await io.stdout(BUILD_HELP);
    return 0;
  }
  const kind = positionals[0];
  if (kind === undefined) throw new UsageError(`build: missing KIND (${BUILD_KINDS.join(", ")}; see arp-ndp build --help)`);
  if (!(BUILD_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`build: unknown kind ${JSON.stringify(kind)} (expected ${BUILD_KINDS.join(", ")})`);
  }
  if (positionals.length > 1) throw new UsageError(`build: unexpected argument ${JSON.stringify(positionals[1])}`);
  const frame = buildFrame(kind as BuildKind, values);
  const out = stringOption(values, "out");
  if (out !== undefined) await writeCaptureFile(path.resolve(io.cwd, out), out, [{ data: frame, timestamp: BigInt(Date.now()) * 1_000_000n }]);
  if (out === undefined || flag(values, "hex")) await io.stdout(`${toHexString(frame)}\n`);
  return 0;
}

function required(values: ParsedArgs["values"], name: string, kind: string): string {
  const v = stringOption(values, name);
  if (v === undefined) throw new UsageError(`build ${kind}: --${name} is required (see arp-ndp build --help)`);
  return v;
}

function macOption(values: ParsedArgs["values"], name: string, kind: string): string {
  const text = required(values, name, kind);
  userInput(`--${name}`, () => parseMac(text));
  return text;
}

function ipv4Option(values: ParsedArgs["values"], name: string, kind: string): string {
  const text = required(values, name, kind);
  userInput(`--${name}`, () => parseIpv4(text));
  return text;
}

function ipv6Text(text: string, name: string): string {
  userInput(`--${name}`, () => parseIpv6(text));
  return text;
}

function hexOption(values: ParsedArgs["values"], name: string, kind: string): Uint8Array {
  const text = required(values, name, kind);
  const bytes = fromHex(text);
  if (bytes === undefined || bytes.length === 0) throw new UsageError(`--${name}: not a hex string (e.g. 0123456789ab)`);
  return bytes;
}

/** Options that make no sense for a kind are refused rather than silently ignored. */
const ALLOWED: Readonly<Record<BuildKind, readonly string[]>> = {
  garp: ["mac", "ip", "operation", "tha"],
  probe: ["mac", "ip"],
  "arp-request": ["mac", "ip", "target-ip"],
  "arp-reply": ["mac", "request"],
  ns: ["mac", "ip", "source", "target", "nonce"],
  na: ["mac", "solicitation", "router", "no-override", "source", "target", "ip", "peer-mac"],
  una: ["mac", "ip", "source", "router", "no-override"],
};
const COMMON = new Set(["help", "vlan", "hex", "out"]);

/** Builds the frame `kind` describes from the parsed options. */
export function buildFrame(kind: BuildKind, values: ParsedArgs["values"]): Uint8Array {
  for (const name of Object.keys(values)) {
    if (values[name] !== undefined && !COMMON.has(name) && !ALLOWED[kind].includes(name)) {
      throw new UsageError(`build ${kind}: option --${name} does not apply (see arp-ndp build --help)`);
    }
  }
  const vlans = stringList(values, "vlan").map(parseVlan);
  const vlan = vlans.length === 0 ? {} : { vlan: vlans.length === 1 ? vlans[0]! : vlans };
  const mac = macOption(values, "mac", kind);
  const build = (f: () => Uint8Array): Uint8Array => userInput(`build ${kind}`, f);
  switch (kind) {
    case "garp": {
      const ip = ipv4Option(values, "ip", kind);
      const operation = stringOption(values, "operation") ?? "request";
      if (operation !== "request" && operation !== "reply") {
        throw new UsageError(`--operation ${JSON.stringify(operation)}: expected request or reply`);
      }
      const tha = stringOption(values, "tha");
      if (tha !== undefined && !["zero", "broadcast", "sender"].includes(tha)) userInput("--tha", () => parseMac(tha));
      return build(() => buildGratuitousArp({ mac, ip, operation, ...(tha !== undefined ? { targetHardwareAddress: tha } : {}), ...vlan }));
    }
    case "probe":
      return build(() => buildArpProbe({ mac, ip: ipv4Option(values, "ip", kind), ...vlan }));
    case "arp-request":
      return build(() => buildArpRequest({ mac, ip: ipv4Option(values, "ip", kind), targetIp: ipv4Option(values, "target-ip", kind), ...vlan }));
    case "arp-reply": {
      const request = hexOption(values, "request", kind);
      if (vlans.length > 0) throw new UsageError("build arp-reply: --vlan does not apply (the reply copies the request's VLAN tags)");
      return userInput("--request", () => buildArpReply({ request, mac }));
    }
    case "ns": {
      const target = ipv6Text(required(values, "target", kind), "target");
      const sourceText = stringOption(values, "source") ?? stringOption(values, "ip");
      const source = sourceText !== undefined ? ipv6Text(sourceText, stringOption(values, "source") !== undefined ? "source" : "ip") : linkLocalFromMac(mac);
      const nonceText = stringOption(values, "nonce");
      const nonce = nonceText === undefined ? undefined : hexOption(values, "nonce", kind);
      return build(() => buildNeighborSolicitation({ mac, source, target, ...(nonce !== undefined ? { nonce } : {}), ...vlan }));
    }
    case "na": {
      const solicitation = solicitationFor(values, kind);
      return userInput(stringOption(values, "solicitation") !== undefined ? "--solicitation" : `build ${kind}`, () =>
        buildNeighborAdvertisement({
          solicitation,
          mac,
          override: !flag(values, "no-override"),
          router: flag(values, "router"),
          ...vlan,
        }),
      );
    }
    case "una": {
      const ip = ipv6Text(required(values, "ip", kind), "ip");
      const sourceText = stringOption(values, "source");
      const source = sourceText === undefined ? undefined : ipv6Text(sourceText, "source");
      return build(() =>
        buildUnsolicitedNeighborAdvertisement({
          mac,
          ip,
          ...(source !== undefined ? { source } : {}),
          router: flag(values, "router"),
          override: !flag(values, "no-override"),
          ...vlan,
        }),
      );
    }
  }
}

/**
 * The NS an `na` answers: `--solicitation HEX`, or one built from `--source` (the solicitor's address,
 * :: for DAD), `--peer-mac` (the solicitor's MAC) and `--target` (default `--ip`): the address asked for.
 */
function solicitationFor(values: ParsedArgs["values"], kind: string): Uint8Array {
  if (stringOption(values, "solicitation") !== undefined) {
    for (const other of ["source", "target", "ip", "peer-mac"]) {
      if (stringOption(values, other) !== undefined) throw new UsageError(`build na: give --solicitation or --source/--target/--peer-mac, not both`);
    }
    return hexOption(values, "solicitation", kind);
  }
  if (stringOption(values, "source") === undefined) {
    throw new UsageError("build na: --solicitation HEX is required (or --source, --peer-mac and --target to make one; see arp-ndp build --help)");
  }
  const source = ipv6Text(required(values, "source", kind), "source");
  const peer = macOption(values, "peer-mac", kind);
  const targetText = stringOption(values, "target") ?? stringOption(values, "ip");
  if (targetText === undefined) throw new UsageError("build na: --target (the address solicited) is required");
  const target = ipv6Text(targetText, stringOption(values, "target") !== undefined ? "target" : "ip");
  return userInput(`build ${kind}`, () => buildNeighborSolicitation({ mac: peer, source, target }));
}

/** Writes records as pcapng or pcap, chosen by the file's extension; creates nothing but the file. */
export async function writeCaptureFile(file: string, shown: string, records: readonly CaptureWriteRecord[]): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  let bytes: Uint8Array;
  if (ext === ".pcapng") bytes = writePcapng(records);
  else if (ext === ".pcap") bytes = writePcap(records);
  else throw new UsageError(`--out ${shown}: unknown capture format ${JSON.stringify(ext || "(no extension)")} (use .pcapng or .pcap)`);
  try {
    await writeFile(file, bytes);
  } catch (error) {
    const message = describeFsError(error);
    if (message !== undefined) throw new UsageError(`cannot write ${shown}: ${message}`);
    throw error;
  }
}

/** Creates the folder a file goes in. */
export async function ensureParent(file: string, shown: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    const message = describeFsError(error);
    if (message !== undefined) throw new UsageError(`cannot create the folder of ${shown}: ${message}`);
    throw error;
  }
}

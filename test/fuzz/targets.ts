/**
 * Fuzz targets: each runs one decoder (or a pair, for differential checks) over `bytes[offset, end)`.
 *
 * A target returns normally, throws a `FrameError` (an accepted outcome: the input was refused), or throws
 * anything else (a crash). Differential and round-trip disagreements throw a {@link FuzzFailure}, which is a
 * crash too. `fingerprint` runs the decoder again and returns a canonical text of what it produced, so the
 * runner can check that the result does not depend on the guard bytes around the input.
 *
 * Modules are found by export name in their folder (src/arp/*.ts, src/capture/*.ts, ...) and loaded
 * with dynamic `import()`, so a target is simply absent until its colleague's module lands; a module that
 * exists but fails to load for another reason is an error.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isFrameError } from "../../src/errors.js";

/** A check the fuzzer makes failed (differential disagreement, round trip, guard dependence). */
export class FuzzFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FuzzFailure";
  }
}

/** Input families: what a sample is, and so where its decoders start. */
export type Family = "frame" | "cooked" | "arp" | "ipv6" | "icmpv6" | "capture" | "hex";

/** One fuzz target. */
export interface Target {
  /** Stable name, used in reports and crasher file names. */
  readonly name: string;
  readonly family: Family;
  /** Runs the decoder(s) and all checks; true when the input was accepted (decoded), false when refused. */
  run(bytes: Uint8Array, offset: number, end: number): boolean;
  /** A canonical text of the decoder's result (or its FrameError, offset made relative). */
  fingerprint(bytes: Uint8Array, offset: number, end: number): string;
}

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

type Exports = Record<string, unknown>;

/** Every export of every `.ts` module in `src/<folder>` (later files do not override earlier names). */
async function folderExports(folder: string, skip: readonly string[] = []): Promise<{ exports: Exports; missing: string[] }> {
  const dir = path.join(SRC, folder);
  const exports: Exports = {};
  const missing: string[] = [];
  if (!existsSync(dir)) return { exports, missing: [folder] };
  const files = folder === "." ? ["frame.ts"] : readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !skip.includes(f));
  for (const file of files.sort()) {
    const full = path.join(dir, file);
    if (!existsSync(full)) {
      missing.push(`${folder}/${file}`);
      continue;
    }
    try {
      const mod = (await import(pathToFileURL(full).href)) as Exports;
      for (const [k, v] of Object.entries(mod)) if (!(k in exports)) exports[k] = v;
    } catch (error) {
      // A module that imports a colleague's module which has not landed yet: wait for it.
      const code = (error as { code?: unknown }).code;
      if (code === "ERR_MODULE_NOT_FOUND") missing.push(`${folder}/${file} (${(error as Error).message.split("\n")[0] ?? ""})`);
      else throw error;
    }
  }
  return { exports, missing };
}

function fn<T>(exports: Exports, name: string): T | undefined {
  const v = exports[name];
  return typeof v === "function" ? (v as T) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Result canonicalisation
// ---------------------------------------------------------------------------------------------------

function hex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += (b[i] ?? 0).toString(16).padStart(2, "0");
  return s;
}

/** JSON with byte arrays as hex and bigints as text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Uint8Array) return `0x${hex(v)}`;
    if (typeof v === "bigint") return `${v}n`;
    return v;
  });
}

/** Runs `f`; returns its canonical result, or the FrameError with its offset relative to `base`. */
function outcome(base: number, f: () => unknown): string {
  try {
    return canonical(f());
  } catch (error) {
    if (isFrameError(error)) return `FrameError ${error.code} ${error.layer} @${error.offset < 0 ? -1 : error.offset - base}`;
    throw error;
  }
}

/** Calls `f`, which may throw only a FrameError; returns its value or undefined. */
function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    if (isFrameError(error)) return undefined;
    throw error;
  }
}

/**
 * Like {@link attempt}, and a refusal must point into the input: `FrameError.offset` in `[offset, end]`
 * (absolute, as the conventions say), or -1 when no byte is to blame.
 */
function attemptWithin<T>(what: string, offset: number, end: number, f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    if (!isFrameError(error)) throw error;
    if (error.offset !== -1 && !(error.offset >= offset && error.offset <= end)) {
      fail(`${what}: FrameError offset outside the input`, `${error.offset} not in [${offset}, ${end}] (${error.code} ${error.layer})`);
    }
    return undefined;
  }
}

function fail(what: string, detail: string): never {
  throw new FuzzFailure(`${what}: ${detail}`);
}

function expectSame(what: string, a: unknown, b: unknown): void {
  if (a !== b) fail(what, `${String(a)} !== ${String(b)}`);
}

const PAIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function macText(mac: number): string {
  const hi = Math.floor(mac / 0x1000000);
  const lo = mac % 0x1000000;
  return `${PAIRS[hi >>> 16]}:${PAIRS[(hi >>> 8) & 0xff]}:${PAIRS[hi & 0xff]}:${PAIRS[lo >>> 16]}:${PAIRS[(lo >>> 8) & 0xff]}:${PAIRS[lo & 0xff]}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function formatIpv4Number(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

// ---------------------------------------------------------------------------------------------------
// Structural signatures the fuzzer relies on (checked against the real modules by use, at run time)
// ---------------------------------------------------------------------------------------------------

interface RangeView {
  reset(bytes: Uint8Array, offset?: number, end?: number): number;
  errorOffset: number;
}
type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

interface EthernetViewLike extends RangeView {
  vlanCount: number;
  destinationMac: number;
  sourceMac: number;
  payloadOffset: number;
  payloadEnd: number;
  protocol: number;
  vlanId(i: number): number;
}
interface DecodedEthernetLike {
  ethernet: { destination: string; source: string; vlans: unknown[]; etherType: number };
  protocol: number;
  payloadOffset: number;
  payloadEnd: number;
}
interface ArpViewLike extends RangeView {
  end: number;
  [key: string]: unknown;
}
interface ArpPacketLike {
  [key: string]: unknown;
}
interface Ipv6ViewLike extends RangeView {
  payloadEnd: number;
  upperLayerProtocol: number;
  upperLayerOffset: number;
  extensionHeaderCount: number;
  version: number;
  payloadLength: number;
  hopLimit: number;
  sourceOffset: number;
  destinationOffset: number;
}
interface DecodedIpv6Like {
  ipv6: { payloadLength: number; hopLimit: number; version: number };
  extensionHeaders: unknown[];
  upperLayerProtocol: number;
  payloadOffset: number;
  payloadEnd: number;
}
interface NdpViewLike {
  reset(bytes: Uint8Array, ipv6Offset: number, icmpOffset: number, icmpEnd: number): number;
  errorOffset: number;
  optionCount: number;
  type: number;
  router: boolean;
  solicited: boolean;
  override: boolean;
  reserved: number;
  targetOffset: number;
  targetEquals(address: Uint8Array, offset?: number): boolean;
  hasSourceLinkLayer: boolean;
  hasTargetLinkLayer: boolean;
  sourceLinkLayerMac: number;
  targetLinkLayerMac: number;
  verifyChecksum(): boolean;
  options(cursor: OptionCursorLike): OptionCursorLike;
}
interface OptionCursorLike {
  reset(bytes: Uint8Array, start?: number, end?: number): number;
  next(): boolean;
  error: number;
  errorOffset: number;
  type: number;
  length: number;
  dataOffset: number;
  dataLength: number;
}
type NdpDecode = (bytes: Uint8Array, ipv6Offset?: number, icmpOffset?: number, icmpEnd?: number) => unknown;
interface NdpMessageLike {
  kind: string;
  targetAddress: string;
  options: unknown[];
  router?: boolean;
  solicited?: boolean;
  override?: boolean;
}
interface FrameViewLike extends RangeView {
  kind: number;
  end: number;
  errorLayer: string;
  ethernet: EthernetViewLike;
  arp: ArpViewLike;
  ipv6: Ipv6ViewLike;
  icmpv6: RangeView & { type: number; code: number; checksum: number };
  ndp: NdpViewLike;
  resetLink(bytes: Uint8Array, linkType: number, offset?: number, end?: number): number;
  verifyChecksum(): boolean;
  toObject(): unknown;
}
interface DecodedFrameLike {
  ethernet?: { destination: string; source: string; vlans: unknown[] };
  arp?: ArpPacketLike;
  ipv6?: { version: number; hopLimit: number };
  icmpv6?: { type: number; code: number; checksum: number; checksumValid: boolean };
  ndp?: NdpMessageLike;
  trailer: Uint8Array;
}
interface CaptureCursorLike {
  reset(bytes: Uint8Array, offset?: number, end?: number): number;
  next(): boolean;
  dataOffset: number;
  captureLength: number;
  linkType: number;
  errorCode: number;
  errorOffset: number;
}
type CaptureRead = (bytes: Uint8Array, options?: { onTruncated?: "throw" | "stop" }) => Iterable<{ data: Uint8Array; linkType: number }>;

// ---------------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------------

/** Which modules were found, and which are still missing. */
export interface LoadedTargets {
  targets: Target[];
  missing: string[];
}

const FRAME_KIND_ARP = 1;
const FRAME_KIND_IPV6 = 2;
const FRAME_KIND_ICMPV6 = 3;
const FRAME_KIND_NS = 4;

/** Loads every target whose module exists. */
export async function loadTargets(): Promise<LoadedTargets> {
  const targets: Target[] = [];
  const missing: string[] = [];
  const load = async (folder: string, skip: readonly string[] = []): Promise<Exports> => {
    const r = await folderExports(folder, skip);
    missing.push(...r.missing);
    return r.exports;
  };
  const eth = await load("ethernet");
  const address = await load("address");
  const parseIpv6 = fn<(text: string) => Uint8Array>(address, "parseIpv6");
  const arp = await load("arp");
  const ipv6 = await load("ipv6");
  const ndp = await load("ndp");
  const frame = await load(".");
  const capture = await load("capture", ["node.ts"]);

  // ---- Ethernet --------------------------------------------------------------------------------
  const decodeEthernet = fn<(b: Uint8Array, o?: number, e?: number) => DecodedEthernetLike>(eth, "decodeEthernet");
  const EthernetView = fn<new () => EthernetViewLike>(eth, "EthernetView");
  if (decodeEthernet !== undefined && EthernetView !== undefined) {
    const view = new EthernetView();
    targets.push({
      name: "ethernet",
      family: "frame",
      run(bytes, offset, end) {
        const code = view.reset(bytes, offset, end);
        const decoded = attemptWithin("decodeEthernet", offset, end, () => decodeEthernet(bytes, offset, end));
        expectSame("EthernetView.reset === 0 iff decodeEthernet succeeds", code === 0, decoded !== undefined);
        if (decoded === undefined) return false;
        expectSame("ethernet destination", macText(view.destinationMac), decoded.ethernet.destination);
        expectSame("ethernet source", macText(view.sourceMac), decoded.ethernet.source);
        expectSame("ethernet vlan count", view.vlanCount, decoded.ethernet.vlans.length);
        expectSame("ethernet payloadOffset", view.payloadOffset, decoded.payloadOffset);
        expectSame("ethernet payloadEnd", view.payloadEnd, decoded.payloadEnd);
        if (!(decoded.payloadOffset >= offset && decoded.payloadOffset <= decoded.payloadEnd && decoded.payloadEnd <= end)) {
          fail("ethernet payload range", `[${decoded.payloadOffset}, ${decoded.payloadEnd}) outside [${offset}, ${end})`);
        }
        return true;
      },
      fingerprint: (bytes, offset, end) => {
        return outcome(offset, () => {
          const d = decodeEthernet(bytes, offset, end);
          return { ...d, payloadOffset: d.payloadOffset - offset, payloadEnd: d.payloadEnd - offset };
        });
      },
    });
  }

  // ---- ARP ---------------------------------------------------------------------------------------
  const decodeArp = fn<(b: Uint8Array, o?: number, e?: number) => ArpPacketLike>(arp, "decodeArp");
  const tryDecodeArp = fn<(b: Uint8Array, o?: number, e?: number) => Result>(arp, "tryDecodeArp");
  const ArpView = fn<new () => ArpViewLike>(arp, "ArpView");
  const encodeArp = fn<(p: ArpPacketLike) => Uint8Array>(arp, "encodeArp");
  const arpEncodingLength = fn<(p: ArpPacketLike) => number>(arp, "arpEncodingLength");
  const validateArp = fn<(p: ArpPacketLike) => unknown[]>(arp, "validateArp");
  if (decodeArp !== undefined) {
    const view = ArpView !== undefined ? new ArpView() : undefined;
    targets.push({
      name: "arp",
      family: "arp",
      run(bytes, offset, end) {
        const decoded = attemptWithin("decodeArp", offset, end, () => decodeArp(bytes, offset, end));
        if (tryDecodeArp !== undefined) expectSame("tryDecodeArp.ok iff decodeArp succeeds", tryDecodeArp(bytes, offset, end).ok, decoded !== undefined);
        if (view !== undefined) {
          const code = view.reset(bytes, offset, end);
          expectSame("ArpView.reset === 0 iff decodeArp succeeds", code === 0, decoded !== undefined);
          if (code === 0) arpViewAgrees(view, decoded, offset, end);
        }
        if (decoded === undefined) return false;
        if (validateArp !== undefined) validateArp(decoded);
        if (encodeArp !== undefined) {
          // encode ∘ decode: the decoded packet re-encodes to the very bytes of the message
          const encoded = encodeArp(decoded);
          const length = view !== undefined ? view.end - offset : encoded.length;
          if (arpEncodingLength !== undefined) expectSame("arpEncodingLength", arpEncodingLength(decoded), encoded.length);
          if (!sameBytes(encoded, bytes.subarray(offset, offset + length))) {
            fail("encodeArp(decodeArp(bytes)) differs from the message bytes", `${hex(encoded)} vs ${hex(bytes.subarray(offset, offset + length))}`);
          }
        }
        return true;
      },
      fingerprint: (bytes, offset, end) => outcome(offset, () => decodeArp(bytes, offset, end)),
    });
  }

  // ---- IPv6 --------------------------------------------------------------------------------------
  const decodeIpv6 = fn<(b: Uint8Array, o?: number, e?: number) => DecodedIpv6Like>(ipv6, "decodeIpv6");
  const Ipv6View = fn<new () => Ipv6ViewLike>(ipv6, "Ipv6View");
  const tryDecodeIpv6 = fn<(b: Uint8Array, o?: number, e?: number) => Result>(ipv6, "tryDecodeIpv6");
  if (decodeIpv6 !== undefined && Ipv6View !== undefined) {
    const view = new Ipv6View();
    targets.push({
      name: "ipv6",
      family: "ipv6",
      run(bytes, offset, end) {
        const code = view.reset(bytes, offset, end);
        const decoded = attemptWithin("decodeIpv6", offset, end, () => decodeIpv6(bytes, offset, end));
        expectSame("Ipv6View.reset === 0 iff decodeIpv6 succeeds", code === 0, decoded !== undefined);
        if (tryDecodeIpv6 !== undefined) expectSame("tryDecodeIpv6.ok iff decodeIpv6 succeeds", tryDecodeIpv6(bytes, offset, end).ok, decoded !== undefined);
        if (decoded === undefined) return false;
        expectSame("ipv6 payloadEnd", view.payloadEnd, decoded.payloadEnd);
        expectSame("ipv6 upper-layer offset", view.upperLayerOffset, decoded.payloadOffset);
        expectSame("ipv6 upper-layer protocol", view.upperLayerProtocol, decoded.upperLayerProtocol);
        expectSame("ipv6 extension count", view.extensionHeaderCount, decoded.extensionHeaders.length);
        expectSame("ipv6 hop limit", view.hopLimit, decoded.ipv6.hopLimit);
        if (!(decoded.payloadOffset >= offset + 40 && decoded.payloadOffset <= decoded.payloadEnd && decoded.payloadEnd <= end)) {
          fail("ipv6 payload range", `[${decoded.payloadOffset}, ${decoded.payloadEnd}) outside [${offset + 40}, ${end})`);
        }
        return true;
      },
      fingerprint: (bytes, offset, end) =>
        outcome(offset, () => {
          const d = decodeIpv6(bytes, offset, end);
          return [d.ipv6, d.extensionHeaders.length, d.upperLayerProtocol, d.payloadOffset - offset, d.payloadEnd - offset];
        }),
    });
  }

  // ---- NDP (NS/NA) and the option cursor ---------------------------------------------------------
  const decodeNdp = fn<NdpDecode>(ndp, "decodeNdp");
  const NdpView = fn<new () => NdpViewLike>(ndp, "NdpView");
  const tryDecodeNdp = fn<(b: Uint8Array, ip?: number, icmp?: number, e?: number) => Result>(ndp, "tryDecodeNdp");
  const encodeNdp = fn<(m: unknown) => Uint8Array>(ndp, "encodeNdp");
  const NdpOptionCursor = fn<new () => OptionCursorLike>(ndp, "NdpOptionCursor");
  const decodeNdpOptions = fn<(b: Uint8Array, s?: number, e?: number) => unknown[]>(ndp, "decodeNdpOptions");
  if (decodeNdp !== undefined && NdpView !== undefined) {
    const view = new NdpView();
    const cursor = NdpOptionCursor !== undefined ? new NdpOptionCursor() : undefined;
    // icmpv6 family: the message alone (no IPv6 header, ipv6Offset -1); ipv6 family: IPv6 header + message
    const ndpRun = (bytes: Uint8Array, ipOffset: number, icmpOffset: number, end: number): boolean => {
      const code = view.reset(bytes, ipOffset, icmpOffset, end);
      let refused = false; // decodeNdp returns undefined for ICMPv6 types other than NS/NA: not a refusal
      const decoded = attemptWithin("decodeNdp", icmpOffset, end, () => {
        refused = true;
        const value = decodeNdp(bytes, ipOffset, icmpOffset, end) as NdpMessageLike | undefined;
        refused = false;
        return value;
      });
      if (tryDecodeNdp !== undefined) expectSame("tryDecodeNdp.ok iff decodeNdp does not throw", tryDecodeNdp(bytes, ipOffset, icmpOffset, end).ok, !refused);
      const type = icmpOffset < end && icmpOffset >= 0 ? (bytes[icmpOffset] ?? -1) : -1;
      const isNdp = type === 135 || type === 136;
      if (code === 0) {
        if (decoded === undefined || decoded === null) fail("NdpView ok but decodeNdp gave nothing", `type ${type}`);
        expectSame("ndp kind", decoded.kind, view.type === 135 ? "neighbor-solicitation" : "neighbor-advertisement");
        expectSame("ndp option count", decoded.options.length, view.optionCount);
        if (decoded.kind === "neighbor-advertisement") {
          expectSame("ndp R flag", decoded.router, view.router);
          expectSame("ndp S flag", decoded.solicited, view.solicited);
          expectSame("ndp O flag", decoded.override, view.override);
        }
        if (view.hasSourceLinkLayer) void view.sourceLinkLayerMac;
        if (view.hasTargetLinkLayer) void view.targetLinkLayerMac;
        view.verifyChecksum();
        if (cursor !== undefined) {
          view.options(cursor);
          let n = 0;
          while (cursor.next()) n++;
          expectSame("option cursor walks optionCount options", n, view.optionCount);
          expectSame("option cursor clean end", cursor.error, 0);
        }
        if (encodeNdp !== undefined) {
          const icmpCode = bytes[icmpOffset + 1] ?? 0;
          const checksum = ((bytes[icmpOffset + 2] ?? 0) << 8) | (bytes[icmpOffset + 3] ?? 0);
          const encoded = encodeNdp({ ...decoded, code: icmpCode, checksum });
          const original = bytes.subarray(icmpOffset, end);
          if (!sameBytes(encoded, original)) fail("encodeNdp(decodeNdp(bytes)) differs from the message bytes", `${hex(encoded)} vs ${hex(original)}`);
        }
      } else if (decoded !== undefined) {
        fail("NdpView failed but decodeNdp succeeded", `code ${code}`);
      } else if (!isNdp && code !== 5 && icmpOffset < end) {
        // not NS/NA must be UNSUPPORTED (5), unless the range itself is bad
        fail("non-NS/NA type not UNSUPPORTED", `type ${type} code ${code}`);
      }
      return code === 0;
    };
    targets.push({
      name: "ndp",
      family: "icmpv6",
      run: (bytes, offset, end) => ndpRun(bytes, -1, offset, end),
      fingerprint: (bytes, offset, end) => outcome(offset, () => decodeNdp(bytes, -1, offset, end) ?? null),
    });
    targets.push({
      name: "ndp-in-ipv6",
      family: "ipv6",
      run: (bytes, offset, end) => ndpRun(bytes, offset, Math.min(offset + 40, end), end),
      fingerprint: (bytes, offset, end) => outcome(offset, () => decodeNdp(bytes, offset, Math.min(offset + 40, end), end) ?? null),
    });
  }
  if (NdpOptionCursor !== undefined && decodeNdpOptions !== undefined) {
    const cursor = new NdpOptionCursor();
    const optionsAt = (bytes: Uint8Array, offset: number, end: number): number => {
      const type = bytes[offset] ?? 0;
      const start = type === 133 ? 8 : type === 134 ? 16 : type === 137 ? 40 : 24;
      return offset + Math.min(start, end - offset);
    };
    targets.push({
      name: "ndp-options",
      family: "icmpv6",
      run(bytes, offset, end) {
        const start = optionsAt(bytes, offset, end);
        cursor.reset(bytes, start, end);
        let n = 0;
        let last = start - 1;
        while (cursor.next()) {
          n++;
          if (!(cursor.dataOffset > last && cursor.dataOffset + cursor.dataLength <= end)) {
            fail("option cursor out of range or not progressing", `dataOffset ${cursor.dataOffset} length ${cursor.dataLength}`);
          }
          last = cursor.dataOffset;
        }
        const decoded = attemptWithin("decodeNdpOptions", start, end, () => decodeNdpOptions(bytes, start, end));
        expectSame("cursor clean end iff decodeNdpOptions succeeds", cursor.error === 0, decoded !== undefined);
        if (decoded !== undefined) expectSame("option count", decoded.length, n);
        return decoded !== undefined;
      },
      fingerprint: (bytes, offset, end) => outcome(offset, () => decodeNdpOptions(bytes, optionsAt(bytes, offset, end), end)),
    });
  }

  // ---- Whole frames --------------------------------------------------------------------------------
  const decodeFrame = fn<(b: Uint8Array, o?: number | { offset?: number; end?: number; linkType?: number }, e?: number) => DecodedFrameLike>(frame, "decodeFrame");
  const tryDecodeFrame = fn<(b: Uint8Array, o?: number | { offset?: number; end?: number; linkType?: number }, e?: number) => Result>(frame, "tryDecodeFrame");
  const FrameView = fn<new () => FrameViewLike>(frame, "FrameView");
  const validateFrame = fn<(f: unknown) => unknown[]>(frame, "validateFrame");
  if (decodeFrame !== undefined && tryDecodeFrame !== undefined && FrameView !== undefined) {
    const view = new FrameView();
    let accepted = 0;
    targets.push({
      name: "frame",
      family: "frame",
      run(bytes, offset, end) {
        const code = view.reset(bytes, offset, end);
        const result = tryDecodeFrame(bytes, offset, end);
        expectSame("FrameView.reset === 0 iff tryDecodeFrame.ok", code === 0, result.ok);
        if (!result.ok) {
          if (!isFrameError(result.error)) fail("tryDecodeFrame error is not a FrameError", String(result.error));
          const e = result.error;
          expectSame("FrameError.offset === FrameView.errorOffset", e.offset, view.errorOffset);
          if (!(e.offset >= offset && e.offset <= end)) fail("FrameError offset outside the frame", `${e.offset} not in [${offset}, ${end}]`);
          return false;
        }
        const f = result.value as DecodedFrameLike;
        frameViewAgrees(view, f);
        if ((++accepted & 7) === 0 && canonical(view.toObject()) !== canonical(f)) fail("FrameView.toObject() differs from decodeFrame()", "");
        if (f.ndp !== undefined && parseIpv6 !== undefined && !view.ndp.targetEquals(parseIpv6(f.ndp.targetAddress), 0)) {
          fail("ndp target: NdpView.targetEquals(decoded targetAddress) is false", f.ndp.targetAddress);
        }
        if (validateFrame !== undefined) {
          validateFrame(f);
          validateFrame(bytes.subarray(offset, end));
        }
        return true;
      },
      fingerprint: (bytes, offset, end) => outcome(offset, () => decodeFrame(bytes, offset, end)),
    });
    targets.push({
      name: "frame-cooked",
      family: "cooked",
      run(bytes, offset, end) {
        // the first byte of a cooked sample says which link type it is fuzzed as
        const linkType = (bytes[offset] ?? 0) & 1 ? 276 : 113;
        const start = Math.min(offset + 1, end);
        const code = view.resetLink(bytes, linkType, start, end);
        const result = tryDecodeFrame(bytes, { linkType, offset: start, end });
        expectSame("FrameView.resetLink === 0 iff tryDecodeFrame({linkType}).ok", code === 0, result.ok);
        if (result.ok) {
          frameViewAgrees(view, result.value as DecodedFrameLike);
          if (validateFrame !== undefined) validateFrame(result.value);
        }
        return result.ok;
      },
      fingerprint: (bytes, offset, end) =>
        outcome(offset, () => decodeFrame(bytes, { linkType: (bytes[offset] ?? 0) & 1 ? 276 : 113, offset: Math.min(offset + 1, end), end })),
    });
  }

  // ---- Captures (whole files) --------------------------------------------------------------------
  const readers: [string, CaptureRead | undefined][] = [
    ["readPcap", fn<CaptureRead>(capture, "readPcap")],
    ["readPcapng", fn<CaptureRead>(capture, "readPcapng")],
    ["readCapture", fn<CaptureRead>(capture, "readCapture")],
  ];
  for (const [name, read] of readers) {
    if (read === undefined) continue;
    const frameView = FrameView !== undefined ? new FrameView() : undefined;
    const readAll = (bytes: Uint8Array, offset: number, end: number, stop: boolean): unknown[] => {
      const out: unknown[] = [];
      const input = bytes.subarray(offset, end); // the readers take whole files (no offset/end)
      for (const r of read(input, stop ? { onTruncated: "stop" } : undefined)) {
        if (!(r.data.buffer === input.buffer && r.data.byteOffset >= input.byteOffset && r.data.byteOffset + r.data.length <= input.byteOffset + input.length)) {
          fail(`${name} record data outside the input`, `byteOffset ${r.data.byteOffset} length ${r.data.length}`);
        }
        out.push([r.linkType, r.data.length]);
        if (frameView !== undefined && name === "readCapture") frameView.resetLink(r.data, r.linkType);
        if (out.length > 10_000_000) fail(`${name} yields without end`, "more than 10^7 records");
      }
      return out;
    };
    targets.push({
      name,
      family: "capture",
      run(bytes, offset, end) {
        const all = attemptWithin(name, 0, end - offset, () => readAll(bytes, offset, end, false));
        const stopped = attempt(() => readAll(bytes, offset, end, true));
        if (all !== undefined && stopped === undefined) fail(`${name}: onTruncated "stop" throws where "throw" did not`, "");
        if (all !== undefined && stopped !== undefined) expectSame(`${name}: record count with onTruncated stop`, stopped.length, all.length);
        return all !== undefined;
      },
      fingerprint: (bytes, offset, end) => outcome(offset, () => readAll(bytes, offset, end, false)),
    });
  }
  const cursors: [string, (new () => CaptureCursorLike) | undefined, CaptureRead | undefined][] = [
    ["PcapCursor", fn<new () => CaptureCursorLike>(capture, "PcapCursor"), fn<CaptureRead>(capture, "readPcap")],
    ["PcapngCursor", fn<new () => CaptureCursorLike>(capture, "PcapngCursor"), fn<CaptureRead>(capture, "readPcapng")],
  ];
  for (const [name, Cursor, read] of cursors) {
    if (Cursor === undefined) continue;
    const cursor = new Cursor();
    targets.push({
      name,
      family: "capture",
      run(bytes, offset, end) {
        // the cursor takes offset/end: it must agree with the generator over the same bytes as a file
        let n = 0;
        if (cursor.reset(bytes, offset, end) === 0) {
          let last = -1;
          while (cursor.next()) {
            n++;
            if (!(cursor.dataOffset > last && cursor.dataOffset >= offset && cursor.dataOffset + cursor.captureLength <= end)) {
              fail(`${name} record out of range or not progressing`, `dataOffset ${cursor.dataOffset} length ${cursor.captureLength}`);
            }
            last = cursor.dataOffset;
          }
        }
        if (read !== undefined) {
          let m = 0;
          attempt(() => {
            for (const _ of read(bytes.subarray(offset, end), { onTruncated: "stop" })) m++;
          });
          expectSame(`${name} record count equals the generator's`, n, m);
        }
        return cursor.errorCode === 0;
      },
      fingerprint: (bytes, offset, end) =>
        outcome(offset, () => {
          const recs: number[] = [cursor.reset(bytes, offset, end)];
          while (cursor.next()) recs.push(cursor.dataOffset - offset, cursor.captureLength, cursor.linkType);
          recs.push(cursor.errorCode, cursor.errorOffset < 0 ? -1 : cursor.errorOffset - offset);
          return recs;
        }),
    });
  }
  const parseHexDump = fn<(text: string) => unknown>(capture, "parseHexDump");
  if (parseHexDump !== undefined) {
    const decoder = new TextDecoder();
    targets.push({
      name: "parseHexDump",
      family: "hex",
      run(bytes, offset, end) {
        parseHexDumpChecked(parseHexDump, decoder.decode(bytes.subarray(offset, end)));
        return true;
      },
      fingerprint: (bytes, offset, end) => outcome(offset, () => parseHexDump(decoder.decode(bytes.subarray(offset, end)))),
    });
  }
  const parseHex = fn<(text: string) => Uint8Array>(capture, "parseHex");
  if (parseHex !== undefined) {
    const decoder = new TextDecoder();
    targets.push({
      name: "parseHex",
      family: "hex",
      run(bytes, offset, end) {
        parseHexDumpChecked(parseHex, decoder.decode(bytes.subarray(offset, end)));
        return true;
      },
      fingerprint: (bytes, offset, end) => outcome(offset, () => parseHex(decoder.decode(bytes.subarray(offset, end)))),
    });
  }
  if (process.env.ARP_NDP_FUZZ_SELFTEST !== undefined) targets.push(...selfTestTargets(process.env.ARP_NDP_FUZZ_SELFTEST));
  return { targets, missing };
}

/**
 * Deliberately broken targets that prove the runner's machinery (ARP_NDP_FUZZ_SELFTEST=crash,slow,hang,guard):
 * a TypeError, a 20 ms call, an endless loop, and a read outside `[offset, end)`. Never loaded otherwise.
 */
function selfTestTargets(which: string): Target[] {
  const out: Target[] = [];
  const picked = (bytes: Uint8Array, offset: number, end: number): boolean => end - offset > 3 && bytes[offset + 3] === 0x42;
  if (which.includes("crash")) {
    out.push({
      name: "selftest-crash",
      family: "frame",
      run: (bytes, offset, end) => {
        if (picked(bytes, offset, end)) throw new TypeError("selftest: a decoder bug");
        return true;
      },
      fingerprint: () => "",
    });
  }
  if (which.includes("slow")) {
    out.push({
      name: "selftest-slow",
      family: "frame",
      run: (bytes, offset, end) => {
        if (picked(bytes, offset, end)) for (const t0 = performance.now(); performance.now() - t0 < 20; );
        return true;
      },
      fingerprint: () => "",
    });
  }
  if (which.includes("hang")) {
    out.push({
      name: "selftest-hang",
      family: "frame",
      run: (bytes, offset, end) => {
        if (picked(bytes, offset, end) && bytes[offset + 4] === 0x42) for (;;);
        return true;
      },
      fingerprint: () => "",
    });
  }
  if (which.includes("guard")) {
    out.push({
      name: "selftest-guard",
      family: "frame",
      run: () => true,
      fingerprint: (bytes, _offset, end) => String(bytes[end] ?? -1), // reads one byte past the end
    });
  }
  return out;
}

/** parseHexDump gives frames (Uint8Array[]), never more bytes than half the characters it read. */
function parseHexDumpChecked(parse: (text: string) => unknown, text: string): void {
  const out = parse(text);
  const frames = Array.isArray(out) ? (out as unknown[]) : [out];
  let total = 0;
  for (const f of frames) {
    if (!(f instanceof Uint8Array)) fail("parseHexDump returned something other than byte arrays", String(f));
    total += f.length;
  }
  if (total > text.length / 2) fail("parseHexDump returned more bytes than the text holds", `${total} bytes from ${text.length} characters`);
}

/** An ArpView that reset fine agrees with the decoded packet on what both expose. */
function arpViewAgrees(view: ArpViewLike, decoded: ArpPacketLike | undefined, offset: number, end: number): void {
  if (decoded === undefined) return;
  if (!(view.end > offset && view.end <= end)) fail("ArpView.end outside the input", `${view.end} not in (${offset}, ${end}]`);
  for (const key of ["hardwareType", "protocolType", "hardwareLength", "protocolLength", "operation", "opcode"]) {
    if (key in decoded && key in view && typeof view[key] === "number") expectSame(`arp ${key}`, view[key], decoded[key]);
  }
  // Ethernet/IPv4 fast path: addresses as numbers must match the decoded text
  if (decoded.hardwareLength === 6 && decoded.protocolLength === 4 && decoded.protocolType === 0x0800) {
    for (const [num, text] of [
      ["senderMac", "senderHardwareAddress"],
      ["targetMac", "targetHardwareAddress"],
    ] as const) {
      if (typeof view[num] === "number" && typeof decoded[text] === "string") expectSame(`arp ${num}`, macText(view[num] as number), decoded[text]);
    }
    for (const [num, text] of [
      ["senderIpv4", "senderProtocolAddress"],
      ["targetIpv4", "targetProtocolAddress"],
    ] as const) {
      if (typeof view[num] === "number" && typeof decoded[text] === "string") {
        expectSame(`arp ${num}`, formatIpv4Number(view[num] as number), decoded[text]);
      }
    }
  }
}

/** A FrameView that reset fine agrees with decodeFrame's object: kind, addresses, checksum verdict. */
function frameViewAgrees(view: FrameViewLike, f: DecodedFrameLike): void {
  const kind = view.kind;
  expectSame("frame kind ARP iff .arp", kind === FRAME_KIND_ARP, f.arp !== undefined);
  expectSame("frame kind ≥ IPV6 iff .ipv6", kind >= FRAME_KIND_IPV6, f.ipv6 !== undefined);
  expectSame("frame kind ≥ ICMPV6 iff .icmpv6", kind >= FRAME_KIND_ICMPV6, f.icmpv6 !== undefined);
  expectSame("frame kind NS/NA iff .ndp", kind >= FRAME_KIND_NS, f.ndp !== undefined);
  if (f.ethernet !== undefined && view.ethernet.vlanCount === f.ethernet.vlans.length) {
    expectSame("frame destination MAC", macText(view.ethernet.destinationMac), f.ethernet.destination);
    expectSame("frame source MAC", macText(view.ethernet.sourceMac), f.ethernet.source);
  } else if (f.ethernet !== undefined) {
    fail("frame vlan count", `${view.ethernet.vlanCount} vs ${f.ethernet.vlans.length}`);
  }
  if (f.icmpv6 !== undefined) {
    expectSame("checksum verdict: FrameView.verifyChecksum() === icmpv6.checksumValid", view.verifyChecksum(), f.icmpv6.checksumValid);
    expectSame("icmpv6 type", view.icmpv6.type, f.icmpv6.type);
    expectSame("icmpv6 checksum", view.icmpv6.checksum, f.icmpv6.checksum);
  } else {
    expectSame("no ICMPv6: verifyChecksum() is false", view.verifyChecksum(), false);
  }
  if (f.arp !== undefined) arpViewAgrees(view.arp, f.arp, 0, Number.MAX_SAFE_INTEGER);
  if (f.ndp !== undefined) {
    expectSame("ndp kind", f.ndp.kind, kind === FRAME_KIND_NS ? "neighbor-solicitation" : "neighbor-advertisement");
    expectSame("ndp option count", f.ndp.options.length, view.ndp.optionCount);
  }
}

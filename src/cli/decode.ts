/**
 * `arp-ndp decode FILE|-`: a pcap, pcapng or hex-dump input → one summary line (or JSON object) per frame.
 *
 * Files are streamed record by record (a 1 GB capture is never held in memory); standard input is read
 * whole. The format is recognised by its first bytes: a pcap or pcapng magic number, else text that
 * `parseHexDump` reads (tcpdump -xx, Wireshark hex dump or hex stream).
 *
 * @packageDocumentation
 */
import { open } from "node:fs/promises";
import path from "node:path";
import { isFrameError } from "../errors.js";
import { parseHexDump, readCapture } from "../capture/index.js";
import { readCaptureFile } from "../capture/node.js";
import { flag, parseCommandArgs, stringList, type OptionSpec } from "./args.js";
import { UsageError, describeFsError, stripLayer } from "./errors.js";
import { analyseFrame, formatFrameJson, formatFrameLine, type FrameRecord } from "./format.js";
import { DECODE_HELP } from "./help.js";
import { LineWriter, type CliIo } from "./io.js";

/** Which frames `--filter` keeps. */
export type FrameFilter = "arp" | "ndp" | "invalid";
const FILTERS: readonly FrameFilter[] = ["arp", "ndp", "invalid"];

/** How to print decoded frames. */
export interface DecodeOutputOptions {
  /** One JSON object per line instead of a summary line. */
  json: boolean;
  /** Keep only frames matching one of these (all frames when empty). */
  filters: readonly FrameFilter[];
  /** Frames between progress reports on a terminal (default {@link PROGRESS_EVERY}). */
  progressEvery?: number;
}

/** The fields of a capture record the CLI uses (what `readCapture` / `readCaptureFile` yield). */
export interface InputRecord {
  timestamp: bigint;
  originalLength: number;
  data: Uint8Array;
  linkType: number;
}

/** Frames between two progress reports on a terminal. */
export const PROGRESS_EVERY = 100_000;

const DECODE_OPTIONS: OptionSpec = {
  json: { type: "boolean" },
  filter: { type: "string", multiple: true },
};

/** Runs `arp-ndp decode`. */
export async function runDecode(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs("decode", args, DECODE_OPTIONS, true);
  if (flag(values, "help")) {
    await io.stdout(DECODE_HELP);
    return 0;
  }
  const filters = parseFilters(stringList(values, "filter"));
  if (positionals.length === 0) throw new UsageError("decode: missing FILE (use - for standard input; see arp-ndp decode --help)");
  if (positionals.length > 1) throw new UsageError(`decode: one input at a time, got ${positionals.length}`);
  const input = positionals[0]!;
  const output: DecodeOutputOptions = { json: flag(values, "json"), filters };
  const writer = new LineWriter(io);
  const name = input === "-" ? "standard input" : input;
  const records = input === "-" ? recordsFromBytes(await io.readStdin(), name) : await recordsFromFile(path.resolve(io.cwd, input), input);
  try {
    await printFrames(records, writer, output, io);
  } catch (error) {
    await writer.flush();
    if (isFrameError(error) && isCaptureLayer(error.layer)) throw new UsageError(`cannot decode ${name}: ${error.message}`);
    const fsMessage = describeFsError(error);
    if (fsMessage !== undefined) throw new UsageError(`cannot read ${name}: ${fsMessage}`);
    throw error;
  }
  return 0;
}

function isCaptureLayer(layer: string): boolean {
  return layer === "pcap" || layer === "pcapng" || layer === "hex";
}

function parseFilters(list: readonly string[]): FrameFilter[] {
  const out: FrameFilter[] = [];
  for (const item of list.flatMap((s) => s.split(","))) {
    const name = item.trim().toLowerCase();
    if (!(FILTERS as readonly string[]).includes(name)) {
      throw new UsageError(`decode: unknown filter ${JSON.stringify(item)} (expected ${FILTERS.join(", ")})`);
    }
    out.push(name as FrameFilter);
  }
  return out;
}

const PCAP_MAGICS: ReadonlySet<number> = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1]);
const PCAPNG_MAGIC = 0x0a0d0d0a;

/** True when the bytes start like a pcap or pcapng file. */
export function looksLikeCapture(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const magic = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  return magic === PCAPNG_MAGIC || PCAP_MAGICS.has(magic);
}

/** True when the bytes could be a hex dump: text without control characters other than whitespace. */
function looksLikeText(head: Uint8Array): boolean {
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  }
  return true;
}

/** Records of an in-memory input (standard input): a capture, or a hex dump. */
export function recordsFromBytes(bytes: Uint8Array, name: string): Iterable<InputRecord> {
  if (looksLikeCapture(bytes)) return readCapture(bytes);
  return recordsFromHex(bytes, name);
}

function recordsFromHex(bytes: Uint8Array, name: string): InputRecord[] {
  const unknown = (): UsageError => new UsageError(`cannot decode ${name}: unknown format (not pcap, pcapng or a hex dump)`);
  if (bytes.length === 0) throw new UsageError(`cannot decode ${name}: empty input`);
  if (!looksLikeText(bytes.subarray(0, 4096))) throw unknown();
  let frames: Uint8Array[];
  try {
    frames = parseHexDump(new TextDecoder().decode(bytes));
  } catch (error) {
    if (isFrameError(error)) throw new UsageError(`cannot decode ${name}: ${stripLayer(error.message)}`);
    throw error;
  }
  if (frames.length === 0) throw unknown();
  return frames.map((data) => ({ timestamp: 0n, originalLength: data.length, data, linkType: 1 }));
}

async function recordsFromFile(file: string, shown: string): Promise<AsyncIterable<InputRecord> | Iterable<InputRecord>> {
  let head: Uint8Array;
  let size: number;
  try {
    const handle = await open(file, "r");
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
      size = stat.size;
      const buffer = new Uint8Array(Math.min(4096, size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const message = describeFsError(error);
    if (message !== undefined) throw new UsageError(`cannot read ${shown}: ${message}`);
    throw error;
  }
  if (looksLikeCapture(head)) return readCaptureFile(file);
  if (size === 0) throw new UsageError(`cannot decode ${shown}: empty file`);
  if (!looksLikeText(head) || size > 256 * 1024 * 1024) {
    throw new UsageError(`cannot decode ${shown}: unknown format (not pcap, pcapng or a hex dump)`);
  }
  const handle = await open(file, "r");
  try {
    return recordsFromHex(new Uint8Array(await handle.readFile()), shown);
  } finally {
    await handle.close();
  }
}

/** True when the frame passes the filters. */
function selected(filters: readonly FrameFilter[], a: { isArp: boolean; isNdp: boolean; isInvalid: boolean }): boolean {
  if (filters.length === 0) return true;
  for (const f of filters) {
    if (f === "arp" ? a.isArp : f === "ndp" ? a.isNdp : a.isInvalid) return true;
  }
  return false;
}

/**
 * Decodes, validates and prints every record (the engine of `decode` and `demo`). Frame numbers and
 * relative times count every record, selected or not (as tshark's display filter does).
 * @returns the number of records read.
 */
export async function printFrames(
  records: AsyncIterable<InputRecord> | Iterable<InputRecord>,
  writer: LineWriter,
  options: DecodeOutputOptions,
  io: CliIo,
): Promise<number> {
  let number = 0;
  let first: bigint | undefined;
  let progressShown = false;
  const every = options.progressEvery ?? PROGRESS_EVERY;
  try {
    for await (const r of records) {
      number++;
      first ??= r.timestamp;
      const record: FrameRecord = {
        number,
        timestamp: r.timestamp,
        relative: r.timestamp - first,
        originalLength: r.originalLength,
        data: r.data,
        linkType: r.linkType,
      };
      const analysis = analyseFrame(record);
      if (selected(options.filters, analysis)) await writer.line(options.json ? formatFrameJson(analysis) : formatFrameLine(analysis));
      if (io.stderrIsTty && number % every === 0) {
        await writer.flush();
        io.stderr(`\rarp-ndp: ${number.toLocaleString("en-US")} frames…`);
        progressShown = true;
      }
    }
  } finally {
    if (progressShown) io.stderr("\r\x1b[K");
  }
  await writer.flush();
  return number;
}

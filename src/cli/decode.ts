/**
 * `arp-ndp decode FILE|-`: a pcap, pcapng or hex-dump input → one summary line (or JSON object) per frame.
 *
 * Every input is streamed (a file, a FIFO, a device or standard input; a capture record by record, a hex
 * dump line by line), so a 1 GB input is never held in memory. The format is recognised by its first
 * bytes: a pcap or pcapng magic number, else text that `parseHexDump` reads (tcpdump -xx, Wireshark hex
 * dump or hex stream).
 *
 * @packageDocumentation
 */
import path from "node:path";
import { CAPTURE_LINK_TYPE } from "../capture/link-types.js";
import { isFrameError } from "../errors.js";
import { flag, parseCommandArgs, stringList, stringOption, type OptionSpec } from "./args.js";
import { UsageError, describeFsError } from "./errors.js";
import { fileChunks, inputRecords, type InputRecord } from "./input.js";

export type { InputRecord };
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

/** Frames between two progress reports on a terminal. */
export const PROGRESS_EVERY = 100_000;

const DECODE_OPTIONS: OptionSpec = {
  json: { type: "boolean" },
  filter: { type: "string", multiple: true },
  "link-type": { type: "string" },
};

/** `--link-type` names (tcpdump.org LINKTYPE_ values); a number from 0 to 65535 is taken too. */
const LINK_TYPE_NAMES: Readonly<Record<string, number>> = {
  ethernet: CAPTURE_LINK_TYPE.ETHERNET,
  sll: CAPTURE_LINK_TYPE.LINUX_SLL,
  sll2: CAPTURE_LINK_TYPE.LINUX_SLL2,
  raw: CAPTURE_LINK_TYPE.RAW,
};

function parseLinkType(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const named = LINK_TYPE_NAMES[text.toLowerCase()];
  if (named !== undefined) return named;
  if (/^\d{1,5}$/.test(text) && Number(text) <= 0xffff) return Number(text);
  throw new UsageError(`decode: unknown link type ${JSON.stringify(text)} (expected ${Object.keys(LINK_TYPE_NAMES).join(", ")} or a number from 0 to 65535)`);
}

/** Runs `arp-ndp decode`. */
export async function runDecode(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs("decode", args, DECODE_OPTIONS, true);
  if (flag(values, "help")) {
    await io.stdout(DECODE_HELP);
    return 0;
  }
  const filters = parseFilters(stringList(values, "filter"));
  const linkType = parseLinkType(stringOption(values, "link-type"));
  if (positionals.length === 0) throw new UsageError("decode: missing FILE (use - for standard input; see arp-ndp decode --help)");
  if (positionals.length > 1) throw new UsageError(`decode: one input at a time, got ${positionals.length}`);
  const input = positionals[0]!;
  const output: DecodeOutputOptions = { json: flag(values, "json"), filters };
  const writer = new LineWriter(io);
  const name = input === "-" ? "standard input" : input;
  const chunks = input === "-" ? io.stdin() : await fileChunks(path.resolve(io.cwd, input), input);
  const records = inputRecords(chunks, name, { linkType, file: input !== "-" });
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

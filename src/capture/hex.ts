/**
 * Frames from text: what people paste into bug reports. Wireshark's "Copy as Hex Stream" and
 * "Copy as Hex Dump", `tshark -x`, `tcpdump -xx` / `-XX` (with their packet summary lines), and
 * `hexdump -C` / `xxd` output.
 *
 * @packageDocumentation
 */
import { FrameError } from "../errors.js";
import { fromHex } from "../internal/bytes.js";
import { CAPTURE_LINK_TYPE } from "./link-types.js";

/**
 * Bytes of one frame written as hex: a continuous hex stream (Wireshark "Copy as Hex Stream") or pairs
 * separated by whitespace, `:`, `-` or `.` ("ff:ff:ff:ff:ff:ff 02 00 ..."). Offset columns are not
 * understood here: use {@link parseHexDump} for dumps.
 *
 * Throws `FrameError` `INVALID_FIELD` (layer `"hex"`, offset = index of the line in `text`) naming the
 * first line with a character that is not hex, or when the digits are odd in number or absent.
 */
export function parseHex(text: string): Uint8Array {
  const bytes = fromHex(text);
  if (bytes !== undefined && bytes.length > 0) return bytes;
  let start = 0;
  let lineNumber = 1;
  for (const line of text.split("\n")) {
    const bad = /[^0-9a-fA-F\s:.-]/.exec(line);
    if (bad !== null) {
      throw hexError(start, lineNumber, `'${bad[0]}' is not a hex digit or separator`);
    }
    start += line.length + 1;
    lineNumber++;
  }
  throw hexError(-1, 0, bytes === undefined ? "odd number of hex digits" : "no hex digits");
}

const TCPDUMP_LINE = /^\s*0x([0-9a-fA-F]+):(.*)$/;
const OFFSET_LINE = /^([0-9a-fA-F]{4,8})(?:(:)|\s{2,}|\t)(.*)$/;
const OFFSET_ONLY = /^[0-9a-fA-F]{4,8}:?$/;
const STREAM_LINE = /^[0-9a-fA-F\s:.-]+$/;
const HEX_TOKEN = /^(?:[0-9a-fA-F]{2})+$/;
/** A shell prompt before a command (`$ tcpdump …`, `% …`, `user@host:~# …`, `PS C:\> …`). */
const PROMPT = /^(?:[$%>]|PS [^>]*>|[\w.-]+@[\w.-]+(?::\S*)?[$#%])\s/;
/** What tcpdump and tshark print around a dump, on stderr or stdout, that people paste with it. */
const BANNER =
  /^(?:reading from file |listening on |tcpdump: |dropped privs to |Capturing on |Running as user |tshark: |\d+ packets? (?:captured|received by filter|dropped by (?:kernel|interface)))/;
/** tcpdump's banner names the link type: `…, link-type LINUX_SLL2 (Linux cooked v2), …`. */
const BANNER_LINK_TYPE = /link-type ([A-Z0-9_]+)/;

/**
 * tcpdump's names of the link types its banner can announce (pcap-linktype(7)), for the ones
 * `decodeFrame` reads.
 */
const TCPDUMP_LINK_TYPES: Readonly<Record<string, number>> = {
  EN10MB: CAPTURE_LINK_TYPE.ETHERNET,
  LINUX_SLL: CAPTURE_LINK_TYPE.LINUX_SLL,
  LINUX_SLL2: CAPTURE_LINK_TYPE.LINUX_SLL2,
  RAW: CAPTURE_LINK_TYPE.RAW,
  IPV4: CAPTURE_LINK_TYPE.IPV4,
  IPV6: CAPTURE_LINK_TYPE.IPV6,
  IPOIB: CAPTURE_LINK_TYPE.IPOIB,
};

type FrameKind = "offsets" | "stream";

/** Options of {@link readHexDump} (and of the CLI's streamed hex input). */
export interface ReadHexDumpOptions {
  /**
   * The link type of every frame (a {@link CAPTURE_LINK_TYPE} value). Default: the one a pasted tcpdump
   * banner names (`listening on any, link-type LINUX_SLL2 …`), else Ethernet.
   */
  linkType?: number | undefined;
  /** The longest line accepted, in characters (default {@link DEFAULT_MAX_HEX_LINE_LENGTH}). */
  maxLineLength?: number | undefined;
}

/** Default {@link ReadHexDumpOptions.maxLineLength}: 16 MiB of text (an 8 MiB frame as one hex stream). */
export const DEFAULT_MAX_HEX_LINE_LENGTH = 16 * 1024 * 1024;

/** One frame of a hex dump, with the link type it was given or announced with. */
export interface HexDumpRecord {
  /** The frame's bytes. */
  data: Uint8Array;
  /** Its link type (see {@link ReadHexDumpOptions.linkType}). */
  linkType: number;
}

/**
 * The line-by-line engine of {@link parseHexDump}, {@link readHexDump} and the CLI's streamed input: give
 * it lines in order with {@link HexDumpParser.line}, then call {@link HexDumpParser.end}; finished frames
 * are pushed onto `out`. Memory: the current frame and at most one held-back line.
 * @internal
 */
export class HexDumpParser {
  private bytes = new Uint8Array(256);
  private length = 0;
  private kind: FrameKind | undefined;
  private skipping = false; // inside a non-frame tshark data source
  private linkType: number;
  private readonly fixedLinkType: boolean;
  private readonly maxLineLength: number;
  // A line that is neither hex nor a known banner: a tcpdump packet summary if the next non-blank line is
  // tcpdump data at offset 0, else an error.
  private pending: { start: number; number: number } | undefined;
  private number = 0;
  private start = 0;

  constructor(
    private readonly out: HexDumpRecord[],
    options: ReadHexDumpOptions | undefined,
  ) {
    const linkType = options?.linkType;
    if (linkType !== undefined && !(Number.isInteger(linkType) && linkType >= 0 && linkType <= 0xffff)) {
      throw new FrameError("INVALID_FIELD", "hex", -1, "linkType must be an integer from 0 to 65535");
    }
    this.linkType = linkType ?? CAPTURE_LINK_TYPE.ETHERNET;
    this.fixedLinkType = linkType !== undefined;
    const max = options?.maxLineLength ?? DEFAULT_MAX_HEX_LINE_LENGTH;
    if (!(Number.isInteger(max) && max > 0)) throw new FrameError("INVALID_FIELD", "hex", -1, "maxLineLength must be a positive integer");
    this.maxLineLength = max;
  }

  /** Reads the next line (without its `\n`; a trailing `\r` is white space like any other). */
  line(raw: string): void {
    const start = this.start;
    const number = ++this.number;
    this.start += raw.length + 1;
    if (raw.length > this.maxLineLength) {
      throw hexError(start, number, `is longer than ${this.maxLineLength} characters (maxLineLength)`);
    }
    const line = raw.trimEnd();
    const trimmed = line.trimStart();
    if (trimmed === "") {
      this.finish();
      this.skipping = false;
      return;
    }
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      const m = TCPDUMP_LINE.exec(line);
      if (m === null || parseInt(m[1] ?? "", 16) !== 0) {
        throw hexError(pending.start, pending.number, "is neither hex data nor a packet header followed by tcpdump -x data");
      }
      this.finish(); // it was a tcpdump packet summary line
      this.skipping = false;
    }
    if (trimmed.startsWith("#") && !PROMPT.test(trimmed)) return; // a comment
    if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
      this.finish(); // a markdown fence
      return;
    }
    const tcpdump = TCPDUMP_LINE.exec(line);
    const dump = tcpdump === null ? OFFSET_LINE.exec(line) : null;
    if (tcpdump !== null || dump !== null) {
      if (this.skipping) return;
      let offset: number;
      let hexPart: string;
      if (tcpdump !== null) {
        offset = parseInt(tcpdump[1] ?? "", 16);
        // tcpdump separates groups by one space and the -XX ASCII column by two.
        hexPart = beforeGap(tcpdump[2] ?? "", 2);
      } else {
        offset = parseInt(dump?.[1] ?? "", 16);
        let rest = dump?.[3] ?? "";
        // hexdump -C puts its ASCII column between bars.
        const bar = rest.indexOf("|");
        if (bar >= 0 && rest.endsWith("|")) rest = rest.slice(0, bar);
        // xxd puts two spaces before its ASCII column, tshark three (its bytes are one space apart),
        // hexdump -C two between its 8-byte halves.
        hexPart = beforeGap(rest, dump?.[2] === ":" ? 2 : 3);
      }
      if (offset === 0 && this.length > 0) this.finish();
      if (this.kind === "stream") throw hexError(start, number, "an offset line follows hex-stream lines without a blank line");
      if (offset !== this.length) {
        throw hexError(
          start,
          number,
          `offset 0x${offset.toString(16)} does not follow the ${this.length} bytes before it` +
            (this.length === 0 ? " (a frame must start at offset 0)" : ""),
        );
      }
      this.kind = "offsets";
      this.appendTokens(hexPart, start, number);
      return;
    }
    if (OFFSET_ONLY.test(trimmed)) return; // hexdump -C / xxd end marker: the total length
    if (STREAM_LINE.test(line)) {
      if (this.skipping) return;
      if (this.kind === "offsets") throw hexError(start, number, "a hex-stream line follows offset lines without a blank line");
      const bytes = fromHex(line);
      if (bytes === undefined) throw hexError(start, number, "odd number of hex digits");
      // A hex stream is one frame per line (Wireshark's "Copy as Hex Stream" is one line).
      this.finish();
      this.append(bytes);
      this.kind = "stream";
      this.finish();
      return;
    }
    const source = dataSource(trimmed);
    if (source !== undefined) {
      this.finish();
      this.skipping = !source.startsWith("Frame");
      return;
    }
    if (BANNER.test(trimmed)) {
      const name = BANNER_LINK_TYPE.exec(trimmed)?.[1];
      const linkType = name === undefined ? undefined : TCPDUMP_LINK_TYPES[name];
      if (linkType !== undefined && !this.fixedLinkType) this.linkType = linkType;
      return;
    }
    if (PROMPT.test(trimmed)) return; // the command that printed the dump
    this.pending = { start, number };
  }

  /** Ends the input: the last frame is finished. */
  end(): void {
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      throw hexError(pending.start, pending.number, "is neither hex data nor a packet header followed by tcpdump -x data");
    }
    this.finish();
  }

  private finish(): void {
    if (this.length > 0) this.out.push({ data: this.bytes.slice(0, this.length), linkType: this.linkType });
    this.length = 0;
    this.kind = undefined;
  }

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  private append(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  private appendTokens(hexPart: string, start: number, number: number): void {
    if (hexPart === "") return;
    for (const token of hexPart.split(/\s+/)) {
      if (!HEX_TOKEN.test(token)) throw hexError(start, number, `'${token}' is not a group of hex byte pairs`);
      this.room(token.length >> 1);
      for (let k = 0; k < token.length; k += 2) this.bytes[this.length++] = parseInt(token.slice(k, k + 2), 16);
    }
  }
}

/** `text` trimmed, up to its first run of `gap` or more spaces (where an ASCII column starts). */
function beforeGap(text: string, gap: number): string {
  const s = text.trim();
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      if (++run >= gap) return s.slice(0, i - run + 1).trimEnd();
    } else run = 0;
  }
  return s;
}

/** The name of a tshark data-source header (`Frame (60 bytes):`, `Reassembled TCP (3 bytes):`), or undefined. */
function dataSource(line: string): string | undefined {
  // Scanned by hand from the end: a regular expression here (`(.+?)\s*\(`) took quadratic time on long
  // whitespace runs.
  if (!(line.endsWith(" bytes):") || line.endsWith(" byte):"))) return undefined;
  const open = line.lastIndexOf("(");
  if (open <= 0) return undefined;
  const count = line.slice(open + 1, line.lastIndexOf(" "));
  if (!/^\d+$/.test(count)) return undefined;
  return line.slice(0, open).trimEnd();
}

/**
 * The frames of a hex dump, in order. Understands, and tells apart line by line:
 *
 * - Wireshark "Copy as Hex Stream": hex digits without offsets (`ffffffffffff0200...`), one frame per
 *   line (pairs may be separated by spaces, `:`, `-` or `.`);
 * - `tcpdump -xx` (and `-x`, `-XX`): `\t0x0000:  ffff ffff ...` lines, the ASCII column of `-XX` ignored;
 *   a packet summary line (`12:00:00.000000 ARP, Request who-has ...`) starts a new frame;
 * - `tshark -x` and Wireshark "Copy as Hex Dump": `0000  ff ff ... ff   ..ascii..`; blank lines (or a
 *   `Frame (60 bytes):` header) separate frames, other data sources (`Reassembled ...`) are skipped;
 * - `hexdump -C` and `xxd`: 8-digit offsets, the `|ascii|` or ASCII column ignored.
 *
 * What comes pasted around a dump is skipped: tcpdump's and tshark's banners and counts (`listening on …`,
 * `reading from file …`, `2 packets captured`), markdown fences, shell prompts with their command, and
 * lines starting with `#`. Within a frame each offset must equal the number of bytes before it (offset 0
 * starts a new frame), so a missing or garbled line is reported, not silently merged. Time and memory are
 * linear in the text.
 *
 * Throws `FrameError` `INVALID_FIELD` (layer `"hex"`, offset = index of the line's first character in
 * `text`) whose message names the line number and what is wrong with it. {@link readHexDump} gives the
 * frames with their link type.
 */
export function parseHexDump(text: string): Uint8Array[] {
  return readHexDump(text).map((r) => r.data);
}

/**
 * The frames of a hex dump (as {@link parseHexDump} reads it), each with its link type: the one given in
 * `options.linkType`, else the one a pasted tcpdump banner announces (`tcpdump -i any -xx` prints
 * `listening on any, link-type LINUX_SLL2 …`), else Ethernet. Pass each to
 * `decodeFrame(record.data, { linkType: record.linkType })`.
 * @throws FrameError `INVALID_FIELD` as {@link parseHexDump}, or for a bad option.
 */
export function readHexDump(text: string, options?: ReadHexDumpOptions): HexDumpRecord[] {
  const out: HexDumpRecord[] = [];
  const parser = new HexDumpParser(out, options);
  let from = 0;
  for (;;) {
    const newline = text.indexOf("\n", from);
    const end = newline < 0 ? text.length : newline;
    parser.line(text.slice(from, end));
    if (newline < 0) break;
    from = newline + 1;
  }
  parser.end();
  return out;
}

function hexError(offset: number, line: number, message: string): FrameError {
  return new FrameError("INVALID_FIELD", "hex", offset, line > 0 ? `line ${line}: ${message}` : message);
}

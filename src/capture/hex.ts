/**
 * Frames from text: what people paste into bug reports. Wireshark's "Copy as Hex Stream" and
 * "Copy as Hex Dump", `tshark -x`, `tcpdump -xx` / `-XX` (with their packet summary lines), and
 * `hexdump -C` / `xxd` output.
 *
 * @packageDocumentation
 */
import { FrameError } from "../errors.js";
import { fromHex } from "../internal/bytes.js";

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
const SOURCE_HEADER = /^(.+?)\s*\((\d+) bytes?\):$/;
const HEX_TOKEN = /^(?:[0-9a-fA-F]{2})+$/;

type FrameKind = "offsets" | "stream";

/**
 * The frames of a hex dump, in order. Understands, and tells apart line by line:
 *
 * - Wireshark "Copy as Hex Stream": hex digits without offsets (`ffffffffffff0200...`), possibly
 *   wrapped over several lines; consecutive lines are one frame, a blank line separates frames;
 * - `tcpdump -xx` (and `-x`, `-XX`): `\t0x0000:  ffff ffff ...` lines, the ASCII column of `-XX` ignored;
 *   a packet summary line (`12:00:00.000000 ARP, Request who-has ...`) starts a new frame;
 * - `tshark -x` and Wireshark "Copy as Hex Dump": `0000  ff ff ... ff   ..ascii..`; blank lines (or a
 *   `Frame (60 bytes):` header) separate frames, other data sources (`Reassembled ...`) are skipped;
 * - `hexdump -C` and `xxd`: 8-digit offsets, the `|ascii|` or ASCII column ignored.
 *
 * Within a frame each offset must equal the number of bytes before it (offset 0 starts a new frame), so a
 * missing or garbled line is reported, not silently merged. Lines starting with `#` are comments.
 *
 * Throws `FrameError` `INVALID_FIELD` (layer `"hex"`, offset = index of the line's first character in
 * `text`) whose message names the line number and what is wrong with it.
 */
export function parseHexDump(text: string): Uint8Array[] {
  const lines = text.split(/\r?\n/);
  const frames: Uint8Array[] = [];
  let current: number[] = [];
  let kind: FrameKind | undefined;
  let skipping = false; // inside a non-frame tshark data source
  let lineStart = 0;

  const finish = (): void => {
    if (current.length > 0) frames.push(Uint8Array.from(current));
    current = [];
    kind = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const start = lineStart;
    lineStart += raw.length + 1;
    const line = raw.trimEnd();
    const number = i + 1;
    if (line.trim() === "") {
      finish();
      skipping = false;
      continue;
    }
    if (line.trimStart().startsWith("#")) continue;

    const tcpdump = TCPDUMP_LINE.exec(line);
    const dump = tcpdump === null ? OFFSET_LINE.exec(line) : null;
    if (tcpdump !== null || dump !== null) {
      if (skipping) continue;
      let offset: number;
      let hexPart: string;
      if (tcpdump !== null) {
        offset = parseInt(tcpdump[1] ?? "", 16);
        // tcpdump separates groups by one space and the -XX ASCII column by two.
        hexPart = (tcpdump[2] ?? "").trim().split(/\s{2,}/)[0] ?? "";
      } else {
        offset = parseInt(dump?.[1] ?? "", 16);
        let rest = (dump?.[3] ?? "").replace(/\s*\|.*\|$/, "");
        // xxd puts two spaces before its ASCII column, tshark three (its bytes are one space apart),
        // hexdump -C two between its 8-byte halves (its ASCII column was between bars, removed above).
        rest = rest.trim();
        hexPart = (dump?.[2] === ":" ? rest.split(/\s{2,}/)[0] : rest.split(/\s{3,}/)[0]) ?? "";
      }
      if (offset === 0 && current.length > 0) finish();
      if (kind === "stream") throw hexError(start, number, "an offset line follows hex-stream lines without a blank line");
      if (offset !== current.length) {
        throw hexError(
          start,
          number,
          `offset 0x${offset.toString(16)} does not follow the ${current.length} bytes before it` +
            (current.length === 0 ? " (a frame must start at offset 0)" : ""),
        );
      }
      kind = "offsets";
      appendTokens(current, hexPart, start, number);
      continue;
    }
    if (OFFSET_ONLY.test(line.trim())) continue; // hexdump -C / xxd end marker: the total length
    if (STREAM_LINE.test(line)) {
      if (skipping) continue;
      if (kind === "offsets") throw hexError(start, number, "a hex-stream line follows offset lines without a blank line");
      const bytes = fromHex(line);
      if (bytes === undefined) throw hexError(start, number, "odd number of hex digits");
      kind = "stream";
      for (let k = 0; k < bytes.length; k++) current.push(bytes[k] ?? 0);
      continue;
    }
    const source = SOURCE_HEADER.exec(line.trim());
    if (source !== null) {
      finish();
      skipping = !(source[1] ?? "").startsWith("Frame");
      continue;
    }
    if (/^reading from file /.test(line)) continue; // tcpdump's banner, if pasted
    if (startsTcpdumpFrame(lines, i + 1)) {
      finish(); // a tcpdump packet summary line
      skipping = false;
      continue;
    }
    throw hexError(start, number, "is neither hex data nor a packet header followed by tcpdump -x data");
  }
  finish();
  return frames;
}

/** True when the next non-blank line after `from` is a tcpdump data line at offset 0. */
function startsTcpdumpFrame(lines: readonly string[], from: number): boolean {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const m = TCPDUMP_LINE.exec(line);
    return m !== null && parseInt(m[1] ?? "", 16) === 0;
  }
  return false;
}

function appendTokens(out: number[], hexPart: string, start: number, number: number): void {
  if (hexPart === "") return;
  for (const token of hexPart.split(/\s+/)) {
    if (!HEX_TOKEN.test(token)) throw hexError(start, number, `'${token}' is not a group of hex byte pairs`);
    for (let k = 0; k < token.length; k += 2) out.push(parseInt(token.slice(k, k + 2), 16));
  }
}

function hexError(offset: number, line: number, message: string): FrameError {
  return new FrameError("INVALID_FIELD", "hex", offset, line > 0 ? `line ${line}: ${message}` : message);
}

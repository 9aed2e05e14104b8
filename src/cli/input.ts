/**
 * `arp-ndp decode`'s input, streamed whatever it is: a regular file, a FIFO or `<(…)`, `/dev/stdin`, a
 * character device, or standard input. The format is told from the first bytes: a pcap or pcapng magic
 * number goes to the stream reader, text to the line-by-line hex-dump parser; memory stays at about one
 * chunk plus one record (or one line of text), whatever the input's size.
 *
 * @packageDocumentation
 */
import { open } from "node:fs/promises";
import { readCaptureStream, type CaptureChunkSource } from "../capture/read.js";
import { DEFAULT_MAX_HEX_LINE_LENGTH, HexDumpParser, type HexDumpRecord } from "../capture/hex.js";
import { isFrameError } from "../errors.js";
import { UsageError, describeFsError, stripLayer } from "./errors.js";

/** The fields of a record the CLI uses (what the capture readers yield). */
export interface InputRecord {
  timestamp: bigint;
  originalLength: number;
  data: Uint8Array;
  linkType: number;
}

/** Bytes read at a time from a file, FIFO or device. */
const CHUNK_SIZE = 1024 * 1024;
/** How much of the start is looked at to tell text from binary. */
const HEAD_LENGTH = 4096;

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

/** The chunks of a file, FIFO or device, read by one handle (opened first, so a missing file fails here). */
export async function fileChunks(file: string, shown: string): Promise<AsyncIterable<Uint8Array>> {
  try {
    const handle = await open(file, "r");
    const stat = await handle.stat().catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    if (stat.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error("directory"), { code: "EISDIR" });
    }
    return readHandle(handle, shown);
  } catch (error) {
    const message = describeFsError(error);
    if (message !== undefined) throw new UsageError(`cannot read ${shown}: ${message}`);
    throw error;
  }
}

async function* readHandle(handle: import("node:fs/promises").FileHandle, shown: string): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      // A fresh buffer per chunk: records and frames may alias it after the loop moves on.
      const buffer = new Uint8Array(CHUNK_SIZE);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, CHUNK_SIZE, null));
      } catch (error) {
        const message = describeFsError(error);
        if (message !== undefined) throw new UsageError(`cannot read ${shown}: ${message}`);
        throw error;
      }
      if (bytesRead === 0) return;
      yield bytesRead === CHUNK_SIZE ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** How to read the frames of an input. */
export interface InputOptions {
  /** The link type of every frame (`--link-type`); default: the capture's, or a hex dump's banner's, or Ethernet. */
  linkType?: number | undefined;
  /** The input is a named file (a path, even a FIFO's): "empty file" rather than "empty input". */
  file?: boolean | undefined;
}

/**
 * The records of an input given as chunks: a capture (streamed) or a hex dump (parsed line by line).
 * @throws UsageError for an empty input, an unknown format or a malformed hex dump.
 */
export async function* inputRecords(source: AsyncIterable<Uint8Array>, name: string, options: InputOptions = {}): AsyncGenerator<InputRecord> {
  const iterator = source[Symbol.asyncIterator]();
  // Gather the head: at least 4 bytes for a magic number, up to HEAD_LENGTH to tell text from binary.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < HEAD_LENGTH) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    if (next.value.length === 0) continue;
    head.push(next.value);
    headLength += next.value.length;
    if (headLength >= 4 && looksLikeCapture(first(head, 4))) break;
  }
  const rest: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      yield* head;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    },
  };
  if (headLength === 0) throw new UsageError(`cannot decode ${name}: empty ${options.file === true ? "file" : "input"}`);
  const start = first(head, HEAD_LENGTH);
  if (looksLikeCapture(start)) {
    const linkType = options.linkType;
    for await (const record of readCaptureStream(rest as CaptureChunkSource)) {
      if (linkType !== undefined) record.linkType = linkType;
      yield record;
    }
    return;
  }
  if (!looksLikeText(start)) {
    await iterator.return?.();
    throw new UsageError(`cannot decode ${name}: unknown format (not pcap, pcapng or a hex dump)`);
  }
  yield* hexRecords(rest, name, options.linkType);
}

function first(chunks: readonly Uint8Array[], n: number): Uint8Array {
  if (chunks.length === 1 || (chunks[0] !== undefined && chunks[0].length >= n)) return chunks[0]!.subarray(0, n);
  const out = new Uint8Array(Math.min(n, chunks.reduce((k, c) => k + c.length, 0)));
  let p = 0;
  for (const c of chunks) {
    if (p >= out.length) break;
    const part = c.subarray(0, out.length - p);
    out.set(part, p);
    p += part.length;
  }
  return out;
}

async function* hexRecords(source: AsyncIterable<Uint8Array>, name: string, linkType: number | undefined): AsyncGenerator<InputRecord> {
  const frames: HexDumpRecord[] = [];
  const parser = new HexDumpParser(frames, { linkType });
  const decoder = new TextDecoder();
  let partial = "";
  let count = 0;
  const drain = function* (): Generator<InputRecord> {
    for (const f of frames) yield { timestamp: 0n, originalLength: f.data.length, data: f.data, linkType: f.linkType };
    count += frames.length;
    frames.length = 0;
  };
  try {
    for await (const chunk of source) {
      let text = partial + decoder.decode(chunk, { stream: true });
      let from = 0;
      for (let newline = text.indexOf("\n"); newline >= 0; newline = text.indexOf("\n", from)) {
        parser.line(text.slice(from, newline));
        from = newline + 1;
      }
      partial = from === 0 ? text : text.slice(from);
      text = "";
      if (partial.length > DEFAULT_MAX_HEX_LINE_LENGTH) parser.line(partial); // refuses it: memory stays bounded
      yield* drain();
    }
    const last = partial + decoder.decode();
    if (last.length > 0) parser.line(last);
    parser.end();
    yield* drain();
  } catch (error) {
    if (isFrameError(error)) throw new UsageError(`cannot decode ${name}: ${stripLayer(error.message)}`);
    throw error;
  }
  if (count === 0) throw new UsageError(`cannot decode ${name}: unknown format (not pcap, pcapng or a hex dump)`);
}

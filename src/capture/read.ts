/**
 * Format detection and the portable streaming reader: pcap or pcapng, from a whole buffer or from chunks
 * (a Web `ReadableStream<Uint8Array>`, any `AsyncIterable<Uint8Array>` such as a Node file stream).
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode } from "../errors.js";
import { readU32, readU32Le } from "../internal/bytes.js";
import { PCAP_MAGIC_MICROSECONDS, PCAP_MAGIC_NANOSECONDS, PcapCursor, readPcap } from "./pcap.js";
import { PCAPNG_BLOCK_TYPE, PcapngCursor, readPcapng } from "./pcapng.js";
import { configureCursor, cursorError, recordOf, type CaptureRecord, type ReadCaptureOptions, type RecordCursor } from "./record.js";

/** The two capture file formats. */
export type CaptureFormat = "pcap" | "pcapng";

/**
 * The format of a capture from its first 4 bytes (its magic number), or undefined when they are neither
 * a pcap magic (draft-ietf-opsawg-pcap §4, either byte order, µs or ns) nor a pcapng Section Header Block
 * type (draft-ietf-opsawg-pcapng §4.1).
 */
export function detectCaptureFormat(bytes: Uint8Array, offset = 0): CaptureFormat | undefined {
  if (!(offset >= 0 && bytes.length - offset >= 4)) return undefined;
  const be = readU32(bytes, offset);
  if (be === PCAPNG_BLOCK_TYPE.SECTION_HEADER) return "pcapng";
  const le = readU32Le(bytes, offset);
  if (be === PCAP_MAGIC_MICROSECONDS || be === PCAP_MAGIC_NANOSECONDS) return "pcap";
  if (le === PCAP_MAGIC_MICROSECONDS || le === PCAP_MAGIC_NANOSECONDS) return "pcap";
  return undefined;
}

/**
 * Reads a pcap or pcapng file held in memory, telling them apart by magic number; see {@link readPcap}
 * and {@link readPcapng} for the records and errors. Bytes that are neither throw `FrameError`
 * `INVALID_FIELD` (layer `"pcap"`, offset 0); fewer than 4 bytes throw `TRUNCATED`.
 */
export function readCapture(bytes: Uint8Array, options?: ReadCaptureOptions): Generator<CaptureRecord, void, undefined> {
  const format = detectCaptureFormat(bytes);
  if (format === "pcapng") return readPcapng(bytes, options);
  if (format === "pcap") return readPcap(bytes, options);
  return failing(bytes.length < 4 ? "TRUNCATED" : "INVALID_FIELD", options);
}

function* failing(code: "TRUNCATED" | "INVALID_FIELD", options: ReadCaptureOptions | undefined): Generator<CaptureRecord, void, undefined> {
  if (code === "TRUNCATED" && options?.onTruncated === "stop") return;
  throw new FrameError(code, "pcap", 0, code === "TRUNCATED" ? "file is too short for a magic number" : "not a pcap or pcapng file");
}

/** {@link readCapture} collected into an array. */
export function readCaptureAll(bytes: Uint8Array, options?: ReadCaptureOptions): CaptureRecord[] {
  return Array.from(readCapture(bytes, options));
}

/** The part of a Web `ReadableStream<Uint8Array>` the stream reader uses (the core has no DOM types). */
export interface ReadableStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
    releaseLock(): void;
    cancel?(reason?: unknown): Promise<void>;
  };
}

/** Where the stream reader gets its bytes: chunks in file order, of any sizes. */
export type CaptureChunkSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | ReadableStreamLike;

/** Options of {@link readCaptureStream} (those of every reader; `maxRecordLength` bounds its memory). */
export type ReadCaptureStreamOptions = ReadCaptureOptions;

const EMPTY = new Uint8Array(0);

/**
 * Reads a pcap or pcapng capture from chunks (a file read piece by piece, a `fetch` body, a Node
 * stream), yielding the same records as {@link readCapture} with the same errors, whose offsets are
 * file offsets. Memory stays at about one chunk plus one record, whatever the file size.
 *
 * Each record's `data` aliases the chunk it lies in when it lies in one (no copy); a record that
 * straddles chunks is copied once into a buffer of its own. The reader never writes to a chunk or reuses
 * a buffer, so `data` stays valid after the iteration moves on, but it keeps its chunk alive: `slice()`
 * the few records you keep from a large file. Chunks must not be modified or reused by the source after
 * they are handed over (Node's `fs` streams and `FileHandle.read` into fresh buffers are fine).
 */
export async function* readCaptureStream(
  source: CaptureChunkSource,
  options?: ReadCaptureStreamOptions,
): AsyncGenerator<CaptureRecord, void, undefined> {
  const chunks = new ChunkQueue(source);
  const stopOnTruncated = options?.onTruncated === "stop";
  try {
    // Detect the format from the first 4 bytes, then let the cursor read its header.
    let buffer = await chunks.gather(EMPTY, 4);
    let base = 0;
    const format = detectCaptureFormat(buffer);
    if (format === undefined) {
      if (buffer.length < 4 && stopOnTruncated) return;
      throw new FrameError(
        buffer.length < 4 ? "TRUNCATED" : "INVALID_FIELD",
        "pcap",
        0,
        buffer.length < 4 ? "file is too short for a magic number" : "not a pcap or pcapng file",
      );
    }
    const layer = format;
    let cursor: RecordCursor & { reset(bytes: Uint8Array): number };
    cursor = format === "pcap" ? new PcapCursor() : new PcapngCursor();
    configureCursor(cursor, options);
    for (;;) {
      const code = cursor.reset(buffer);
      if (code === 0) break;
      if (code !== ViewErrorCode.TRUNCATED || chunks.done) {
        if (code === ViewErrorCode.TRUNCATED && stopOnTruncated) return;
        throw cursorError(code, layer, cursor.errorOffset, cursor.errorReason);
      }
      buffer = await chunks.gather(buffer, cursor.neededLength);
    }
    for (;;) {
      while (cursor.next()) yield recordOf(cursor);
      const code = cursor.errorCode;
      if (code === 0) {
        // The buffer ended on a record boundary: continue with the next chunk, without copying.
        base += buffer.length;
        const next = await chunks.take();
        if (next === undefined) return;
        buffer = next;
        cursor.feed(buffer);
        continue;
      }
      if (code !== ViewErrorCode.TRUNCATED) throw cursorError(code, layer, cursor.errorOffset, cursor.errorReason, base);
      const start = cursor.errorOffset;
      const needed = cursor.neededLength; // at most maxRecordLength: the cursor refuses longer ones
      const rest = buffer.subarray(start);
      if (chunks.done) {
        if (stopOnTruncated) return;
        throw cursorError(code, layer, start, cursor.errorReason, base);
      }
      base += start;
      buffer = await chunks.gather(rest, needed);
      if (buffer.length < needed && chunks.done) {
        if (stopOnTruncated) return;
        throw cursorError(code, layer, 0, cursor.errorReason, base);
      }
      cursor.feed(buffer);
    }
  } finally {
    await chunks.close();
  }
}

/** Pulls chunks from any source, with a one-chunk push-back for the unused tail of a split chunk. */
class ChunkQueue {
  done = false;
  private pending: Uint8Array | undefined;
  private readonly next: () => Promise<Uint8Array | undefined>;
  private readonly closer: () => Promise<void>;

  constructor(source: CaptureChunkSource) {
    if (isReadableStream(source)) {
      const reader = source.getReader();
      this.next = async () => {
        const r = await reader.read();
        return r.done ? undefined : (r.value ?? EMPTY);
      };
      this.closer = async () => {
        if (!this.done && reader.cancel !== undefined) await reader.cancel();
        reader.releaseLock();
      };
    } else {
      const iterator =
        Symbol.asyncIterator in source
          ? (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
          : (source as Iterable<Uint8Array>)[Symbol.iterator]();
      this.next = async () => {
        const r = await iterator.next();
        return r.done === true ? undefined : r.value;
      };
      this.closer = async () => {
        if (!this.done && iterator.return !== undefined) await iterator.return();
      };
    }
  }

  /** The next non-empty chunk, or undefined at the end. */
  async take(): Promise<Uint8Array | undefined> {
    if (this.pending !== undefined) {
      const p = this.pending;
      this.pending = undefined;
      return p;
    }
    while (!this.done) {
      const chunk = await this.next();
      if (chunk === undefined) {
        this.done = true;
        return undefined;
      }
      if (!(chunk instanceof Uint8Array)) {
        throw new FrameError("INVALID_FIELD", "pcap", -1, "a capture stream chunk is not a Uint8Array");
      }
      if (chunk.length > 0) return chunk;
    }
    return undefined;
  }

  /**
   * `head` followed by enough chunk bytes to make `needed` bytes (fewer only at the end of the source),
   * copied into one new buffer; the unused rest of the last chunk is kept for `take`. When `head` is empty
   * and one chunk suffices, that chunk is returned as it is.
   */
  async gather(head: Uint8Array, needed: number): Promise<Uint8Array> {
    if (head.length >= needed) return head;
    const parts: Uint8Array[] = [];
    let have = head.length;
    while (have < needed) {
      const chunk = await this.take();
      if (chunk === undefined) break;
      if (head.length === 0 && parts.length === 0 && chunk.length >= needed) return chunk;
      const use = Math.min(chunk.length, needed - have);
      parts.push(use === chunk.length ? chunk : chunk.subarray(0, use));
      if (use < chunk.length) this.pending = chunk.subarray(use);
      have += use;
    }
    const out = new Uint8Array(have);
    out.set(head, 0);
    let p = head.length;
    for (const part of parts) {
      out.set(part, p);
      p += part.length;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.closer();
  }
}

function isReadableStream(source: CaptureChunkSource): source is ReadableStreamLike {
  return typeof (source as Partial<ReadableStreamLike>).getReader === "function";
}

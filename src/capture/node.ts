/**
 * Capture files on disk, for Node.js (the package subpath `arp-ndp/capture/node`; the only capture module
 * that imports Node built-ins). Reading goes through the portable {@link readCaptureStream}, a chunk at a
 * time, so a capture of any size is read in about one chunk of memory.
 *
 * @packageDocumentation
 */
import { open, writeFile } from "node:fs/promises";
import { readCaptureStream, type ReadCaptureStreamOptions } from "./read.js";
import type { CaptureRecord, CaptureWriteRecord } from "./record.js";
import { writePcap, type WritePcapOptions } from "./pcap.js";
import { writePcapng, type WritePcapngOptions } from "./pcapng.js";

/** Options of {@link readCaptureFile}. */
export interface ReadCaptureFileOptions extends ReadCaptureStreamOptions {
  /** Bytes read from the file at a time (default 1 MiB). */
  chunkSize?: number | undefined;
  /** Stops the reading (the generator then rejects with the signal's reason). */
  signal?: AbortSignal | undefined;
}

/** Default {@link ReadCaptureFileOptions.chunkSize}: 1 MiB. */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

/**
 * Reads a pcap or pcapng file (detected by its magic number) record by record, `chunkSize` bytes at a
 * time. Records and errors are those of {@link readCaptureStream} (offsets are file offsets). Each chunk
 * is read into a fresh buffer that is never reused, so a record's `data` (a view of its chunk, or its own
 * copy when it straddles two chunks) stays valid; keep a `slice()` of it rather than the view to let the
 * chunk be collected.
 *
 * ```ts
 * for await (const record of readCaptureFile("boot.pcap")) {
 *   const frame = decodeFrame(record.data, { linkType: record.linkType });
 * }
 * ```
 */
export async function* readCaptureFile(
  path: string | URL,
  options: ReadCaptureFileOptions = {},
): AsyncGenerator<CaptureRecord, void, undefined> {
  yield* readCaptureStream(readFileChunks(path, options.chunkSize ?? DEFAULT_CHUNK_SIZE, options.signal), options);
}

/**
 * The bytes of a file as a sequence of fresh `Uint8Array` chunks of at most `chunkSize` bytes (plain
 * `Uint8Array`s, not `Buffer`s). The file is closed when the iteration ends, early or not.
 */
export async function* readFileChunks(
  path: string | URL,
  chunkSize: number = DEFAULT_CHUNK_SIZE,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, not ${chunkSize}`);
  const handle = await open(path, "r");
  try {
    let remaining = (await handle.stat()).size;
    for (;;) {
      signal?.throwIfAborted();
      // Size the buffer to what is left (a small file does not cost a whole chunk); read on past the
      // stat size in case the file grows.
      const size = Math.min(chunkSize, remaining > 0 ? remaining : 65_536);
      const buffer = new Uint8Array(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) return;
      remaining -= filled;
      yield filled === size ? buffer : buffer.subarray(0, filled);
      if (filled < size) return;
    }
  } finally {
    await handle.close();
  }
}

/** Options of {@link writeCaptureFile}. */
export type WriteCaptureFileOptions =
  | ({ format?: "pcap" | undefined } & WritePcapOptions)
  | ({ format: "pcapng" } & WritePcapngOptions);

/**
 * Writes frames to a capture file for Wireshark, in the format the file's name says: pcapng for
 * `.pcapng` (or `.ntar`), classic pcap otherwise; `format` overrides the name. See {@link writePcap} and
 * {@link writePcapng} for the options.
 */
export async function writeCaptureFile(
  path: string | URL,
  records: Iterable<CaptureWriteRecord>,
  options: WriteCaptureFileOptions = {},
): Promise<void> {
  const name = typeof path === "string" ? path : path.pathname;
  const format = options.format ?? (/\.(pcapng|ntar)$/i.test(name) ? "pcapng" : "pcap");
  const bytes = format === "pcapng" ? writePcapng(records, options as WritePcapngOptions) : writePcap(records, options as WritePcapOptions);
  await writeFile(path, bytes);
}

/**
 * What the capture readers yield and the writers take, shared by the pcap and pcapng modules.
 *
 * @packageDocumentation
 */
import { FrameError, ViewErrorCode, frameErrorCodeOf, type FrameLayer } from "../errors.js";
import { writeU16, writeU16Le, writeU32, writeU32Le } from "../internal/bytes.js";

/**
 * One packet record of a capture file (a pcap record, or a pcapng Enhanced, Simple or obsolete Packet
 * Block).
 *
 * `timestamp` is the primary time field: nanoseconds since 1970-01-01T00:00:00Z as a `bigint`, exact
 * for every resolution a file can declare. Split it with `timestamp / 1_000_000_000n` (seconds) and
 * `timestamp % 1_000_000_000n` (nanoseconds), or use {@link splitTimestamp}.
 */
export interface CaptureRecord {
  /** Nanoseconds since the Unix epoch (0n for a pcapng Simple Packet Block, which has no time). */
  timestamp: bigint;
  /** Length of the packet on the wire; `data.length` is smaller when the capture cut it (snap length). */
  originalLength: number;
  /**
   * The captured bytes. From `readPcap`/`readPcapng`/`readCapture` this is a `subarray` of the input
   * (no copy: writing to it writes to the file bytes); from `readCaptureStream` it aliases the chunk
   * that held it (see there).
   */
  data: Uint8Array;
  /** The LINKTYPE_ value of the record's interface (see {@link CAPTURE_LINK_TYPE}); 1 is Ethernet. */
  linkType: number;
  /** pcapng: the Interface Description Block index within its section; classic pcap: always 0. */
  interface: number;
}

/**
 * A record to write: a bare frame (`Uint8Array`), or an object with the frame and, optionally, its
 * timestamp (ns since the epoch), original length, and (pcapng) interface index. A record read by
 * `readCapture` is accepted as it is, so read → write round-trips.
 *
 * Records without a timestamp get one from their position: the n-th record written (from 0) gets
 * n microseconds after the epoch, so Wireshark shows them in order, 1 µs apart.
 */
export type CaptureWriteRecord =
  | Uint8Array
  | {
      readonly data: Uint8Array;
      readonly timestamp?: bigint | undefined;
      readonly originalLength?: number | undefined;
      /** pcapng only: which interface (IDB index) the record belongs to; 0 by default. */
      readonly interface?: number | undefined;
      /** The record's link type; a writer checks it agrees with the interface it writes the record to. */
      readonly linkType?: number | undefined;
    };

/** What a reader does when the bytes end in the middle of a record or block. */
export type TruncatedPolicy = "throw" | "stop";

/** Options of every capture reader. */
export interface ReadCaptureOptions {
  /**
   * When the input ends inside a record (a capture cut short, a download still running): `"throw"`
   * (the default) yields every complete record, then throws a `FrameError` `TRUNCATED` whose `offset` is
   * where the incomplete record starts; `"stop"` ends the iteration quietly there instead.
   */
  onTruncated?: TruncatedPolicy | undefined;
  /**
   * Refuse (`BAD_LENGTH`) records whose captured length exceeds the file's or interface's snap length.
   * Off by default, as in libpcap, which accepts such records (some writers store a wrong snap length);
   * a captured length above the original length is always refused.
   */
  strictSnapLength?: boolean | undefined;
  /**
   * The longest record (pcap: 16 + captured length) or block (pcapng) accepted, default 64 MiB
   * ({@link DEFAULT_MAX_RECORD_LENGTH}); a longer one is `BAD_LENGTH`. This keeps a corrupted length
   * field from making the stream reader buffer the rest of a large file, and gives the in-memory and
   * stream readers the same verdict on the same bytes.
   */
  maxRecordLength?: number | undefined;
}

/** Default {@link ReadCaptureOptions.maxRecordLength}: 64 MiB. */
export const DEFAULT_MAX_RECORD_LENGTH = 64 * 1024 * 1024;

/** Timestamp resolution of a written file. */
export type CaptureResolution = "microseconds" | "nanoseconds";

/** `{ seconds, nanoseconds }` of a record timestamp (floor division, so nanoseconds is in [0, 1e9)). */
export function splitTimestamp(timestamp: bigint): { seconds: number; nanoseconds: number } {
  let seconds = timestamp / NS_PER_SECOND;
  let nanoseconds = timestamp % NS_PER_SECOND;
  if (nanoseconds < 0n) {
    seconds -= 1n;
    nanoseconds += NS_PER_SECOND;
  }
  return { seconds: Number(seconds), nanoseconds: Number(nanoseconds) };
}

/** @internal */
export const NS_PER_SECOND = 1_000_000_000n;

/**
 * The shared shape of the allocation-free record cursors ({@link PcapCursor}, {@link PcapngCursor}) that
 * the generators and the stream reader drive.
 * @internal
 */
export interface RecordCursor {
  readonly bytes: Uint8Array;
  readonly dataOffset: number;
  readonly captureLength: number;
  readonly originalLength: number;
  readonly linkType: number;
  readonly interfaceId: number;
  readonly errorCode: number;
  readonly errorOffset: number;
  readonly errorReason: string;
  readonly neededLength: number;
  maxRecordLength: number;
  strictSnapLength: boolean;
  next(): boolean;
  feed(bytes: Uint8Array, offset?: number, end?: number): void;
  timestampNanoseconds(): bigint;
}

/** Applies the reader options to a cursor. @internal */
export function configureCursor(c: RecordCursor, options: ReadCaptureOptions | undefined): void {
  c.strictSnapLength = options?.strictSnapLength === true;
  c.maxRecordLength = options?.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
}

/** The record object for the cursor's current record (`data` aliases the cursor's bytes). @internal */
export function recordOf(c: RecordCursor): CaptureRecord {
  const start = c.dataOffset;
  return {
    timestamp: c.timestampNanoseconds(),
    originalLength: c.originalLength,
    data: c.bytes.subarray(start, start + c.captureLength),
    linkType: c.linkType,
    interface: c.interfaceId,
  };
}

/** The `FrameError` for a cursor's (or reset's) error code; `base` shifts offsets to file offsets. @internal */
export function cursorError(code: number, layer: FrameLayer, offset: number, reason: string, base = 0): FrameError {
  return new FrameError(frameErrorCodeOf(code), layer, offset + base, reason);
}

/**
 * Runs a cursor over a whole buffer as a generator: every complete record, then the end, a `TRUNCATED`
 * per `onTruncated`, or the first fault as a `FrameError`.
 * @internal
 */
export function* iterateCursor(
  c: RecordCursor,
  layer: FrameLayer,
  options: ReadCaptureOptions | undefined,
): Generator<CaptureRecord, void, undefined> {
  while (c.next()) yield recordOf(c);
  const code = c.errorCode;
  if (code === 0) return;
  if (code === 1 && options?.onTruncated === "stop") return;
  throw cursorError(code, layer, c.errorOffset, c.errorReason);
}

/**
 * The body of `readPcap`/`readPcapng`: configures the cursor, reads the file header (a header cut short
 * ends quietly under `onTruncated: "stop"`), then yields every record. @internal
 */
export function* readWithCursor(
  c: RecordCursor & { reset(bytes: Uint8Array): number },
  layer: FrameLayer,
  bytes: Uint8Array,
  options: ReadCaptureOptions | undefined,
): Generator<CaptureRecord, void, undefined> {
  configureCursor(c, options);
  const code = c.reset(bytes);
  if (code !== 0) {
    if (code === ViewErrorCode.TRUNCATED && options?.onTruncated === "stop") return;
    throw cursorError(code, layer, c.errorOffset, c.errorReason);
  }
  yield* iterateCursor(c, layer, options);
}

/** Normalises a write record; `index` is its position (for the default timestamp). @internal */
export function writeRecordParts(
  record: CaptureWriteRecord,
  index: number,
): { data: Uint8Array; timestamp: bigint; originalLength: number; interface: number; linkType: number | undefined } {
  if (record instanceof Uint8Array) {
    return { data: record, timestamp: BigInt(index) * 1000n, originalLength: record.length, interface: 0, linkType: undefined };
  }
  return {
    data: record.data,
    timestamp: record.timestamp ?? BigInt(index) * 1000n,
    originalLength: record.originalLength ?? record.data.length,
    interface: record.interface ?? 0,
    linkType: record.linkType,
  };
}

/** Writes a uint32 in the chosen byte order. @internal */
export function writeU32In(b: Uint8Array, off: number, v: number, littleEndian: boolean): void {
  if (littleEndian) writeU32Le(b, off, v);
  else writeU32(b, off, v);
}

/** Writes a uint16 in the chosen byte order. @internal */
export function writeU16In(b: Uint8Array, off: number, v: number, littleEndian: boolean): void {
  if (littleEndian) writeU16Le(b, off, v);
  else writeU16(b, off, v);
}

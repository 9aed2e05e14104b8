/**
 * Classic pcap capture files (libpcap's savefile format), read and written.
 *
 * Specification: draft-ietf-opsawg-pcap, "PCAP Capture File Format"
 * (https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/), §4 File Header and §5 Packet Record;
 * libpcap's pcap-savefile(5) for the reader's tolerances.
 *
 * A file is a 24-byte header then records of a 16-byte header and the captured bytes. All fields are in
 * the writer's byte order, which the magic number tells: 0xA1B2C3D4 (microsecond timestamps) or
 * 0xA1B23C4D (nanosecond timestamps), read in either order.
 *
 * @packageDocumentation
 */
import { ViewErrorCode, invalidField, type FrameLayer } from "../errors.js";
import { readU16, readU16Le, readU32, readU32Le } from "../internal/bytes.js";
import { CAPTURE_LINK_TYPE } from "./link-types.js";
import {
  DEFAULT_MAX_RECORD_LENGTH,
  NS_PER_SECOND,
  readWithCursor,
  writeRecordParts,
  writeU16In,
  writeU32In,
  type CaptureRecord,
  type CaptureResolution,
  type CaptureWriteRecord,
  type ReadCaptureOptions,
  type RecordCursor,
} from "./record.js";

/** Magic number of a pcap file with microsecond timestamps (draft-ietf-opsawg-pcap §4). */
export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
/** Magic number of a pcap file with nanosecond timestamps (draft-ietf-opsawg-pcap §4). */
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
/** Length of the pcap file header. */
export const PCAP_HEADER_LENGTH = 24;
/** Length of a pcap packet record header. */
export const PCAP_RECORD_HEADER_LENGTH = 16;
/**
 * The largest captured length the reader accepts above a file's snap length (libpcap's
 * `MAXIMUM_SNAPLEN`): libpcap tolerates records longer than the declared snap length up to this bound.
 */
export const PCAP_MAXIMUM_SNAP_LENGTH = 262_144;

const EMPTY = new Uint8Array(0);

/**
 * An allocation-free cursor over the records of a classic pcap file held in memory (the hot path:
 * reading a million-record capture with a `FrameView` allocates nothing).
 *
 * ```ts
 * const c = new PcapCursor();
 * if (c.reset(bytes) !== 0) throw new Error(c.errorReason);
 * while (c.next()) frameView.resetLink(c.bytes, c.linkType, c.dataOffset, c.dataOffset + c.captureLength);
 * if (c.errorCode !== 0) console.log(`stopped at ${c.errorOffset}: ${c.errorReason}`);
 * ```
 *
 * `reset` and `next` never throw: `reset` returns a {@link ViewErrorCode} (0 when the header is good);
 * `next` returns false at the end of the bytes (`errorCode` 0) or at a fault (`errorCode`, `errorOffset`
 * and `errorReason` say which and where; `TRUNCATED` means the bytes end inside the record at
 * `errorOffset`, which needs `neededLength` bytes from there). Offsets are indices into `bytes`.
 *
 * Spec: draft-ietf-opsawg-pcap §4 (file header) and §5 (packet record).
 */
export class PcapCursor implements RecordCursor {
  /** The bytes being read (the last ones given to `reset` or `feed`). */
  bytes: Uint8Array = EMPTY;
  /** Where the next record starts. */
  position = 0;
  /** End of the readable bytes. */
  end = 0;
  /** True when the file's fields are little-endian. */
  littleEndian = true;
  /** True for a nanosecond-resolution file (magic 0xA1B23C4D). */
  nanosecondResolution = false;
  /** File format version (2.4 in every file written since 1998). */
  majorVersion = 0;
  /** Minor version. */
  minorVersion = 0;
  /** The header's snap length (the longest captured length the writer meant to store). */
  snapLength = 0;
  /** The LINKTYPE_ value: the low 16 bits of the header's link-type field (draft §4, "LinkType"). */
  linkType = 0;
  /** The header's whole link-type field (FCS length and flag bits in the top bits). */
  linkTypeField = 0;
  /** pcap has one interface: always 0. */
  readonly interfaceId = 0;
  /** With `true`, a record longer than `snapLength` is `BAD_LENGTH` (default: tolerated like libpcap). */
  strictSnapLength = false;
  /** Records longer than this (16 + captured length) are `BAD_LENGTH` (default 64 MiB). */
  maxRecordLength: number = DEFAULT_MAX_RECORD_LENGTH;

  /** Offset of the current record's 16-byte header. */
  recordOffset = 0;
  /** Offset of the current record's captured bytes. */
  dataOffset = 0;
  /** Number of captured bytes of the current record (incl_len). */
  captureLength = 0;
  /** Length of the current packet on the wire (orig_len). */
  originalLength = 0;
  /** Timestamp seconds since the epoch (unsigned 32-bit). */
  timestampSeconds = 0;
  /** Microseconds, or nanoseconds when {@link PcapCursor.nanosecondResolution} is true. */
  timestampFraction = 0;

  /** The last fault: a {@link ViewErrorCode}, 0 after a clean end. */
  errorCode: number = ViewErrorCode.OK;
  /** Where the last fault is (index into `bytes`), -1 when none. */
  errorOffset = -1;
  /** A constant text saying what the fault is ("" when none). */
  errorReason = "";
  /** After a `TRUNCATED`: how many bytes from `errorOffset` the record needs. */
  neededLength = 0;

  /**
   * Reads the file header at `bytes[offset]` and positions the cursor on the first record.
   * Returns 0 or a {@link ViewErrorCode}: `TRUNCATED` (fewer than 24 bytes), `INVALID_FIELD` (not a pcap
   * magic number), `UNSUPPORTED` (major version other than 2).
   */
  reset(bytes: Uint8Array, offset = 0, end: number = bytes.length): number {
    this.bytes = bytes;
    this.end = Math.min(end, bytes.length);
    this.position = offset;
    this.errorCode = 0;
    this.errorOffset = -1;
    this.errorReason = "";
    this.neededLength = 0;
    if (!(offset >= 0 && this.end - offset >= PCAP_HEADER_LENGTH)) {
      return this.fail(ViewErrorCode.TRUNCATED, Math.max(0, offset), "file header needs 24 bytes", PCAP_HEADER_LENGTH);
    }
    const magic = readU32(bytes, offset);
    if (magic === PCAP_MAGIC_MICROSECONDS || magic === PCAP_MAGIC_NANOSECONDS) this.littleEndian = false;
    else if (readU32Le(bytes, offset) === PCAP_MAGIC_MICROSECONDS || readU32Le(bytes, offset) === PCAP_MAGIC_NANOSECONDS) {
      this.littleEndian = true;
    } else return this.fail(ViewErrorCode.INVALID_FIELD, offset, "not a pcap magic number", 0);
    const le = this.littleEndian;
    this.nanosecondResolution = (le ? readU32Le(bytes, offset) : magic) === PCAP_MAGIC_NANOSECONDS;
    this.majorVersion = le ? readU16Le(bytes, offset + 4) : readU16(bytes, offset + 4);
    this.minorVersion = le ? readU16Le(bytes, offset + 6) : readU16(bytes, offset + 6);
    if (this.majorVersion !== 2) return this.fail(ViewErrorCode.UNSUPPORTED, offset + 4, "major version is not 2", 0);
    this.snapLength = le ? readU32Le(bytes, offset + 16) : readU32(bytes, offset + 16);
    this.linkTypeField = le ? readU32Le(bytes, offset + 20) : readU32(bytes, offset + 20);
    this.linkType = this.linkTypeField & 0xffff;
    this.position = offset + PCAP_HEADER_LENGTH;
    return 0;
  }

  /**
   * Continues with more bytes of the same file (after the header was read by `reset`): the next record
   * starts at `bytes[offset]`. Used by the stream reader; keeps the header's byte order and link type.
   */
  feed(bytes: Uint8Array, offset = 0, end: number = bytes.length): void {
    this.bytes = bytes;
    this.position = offset;
    this.end = Math.min(end, bytes.length);
    this.errorCode = 0;
    this.errorOffset = -1;
    this.errorReason = "";
    this.neededLength = 0;
  }

  /** Moves to the next record; false at the end of the bytes or at a fault (see `errorCode`). */
  next(): boolean {
    const b = this.bytes;
    const p = this.position;
    const remaining = this.end - p;
    if (remaining <= 0) {
      this.errorCode = 0;
      return false;
    }
    if (remaining < PCAP_RECORD_HEADER_LENGTH) {
      return this.fail(ViewErrorCode.TRUNCATED, p, "record header is cut short", PCAP_RECORD_HEADER_LENGTH) === 0;
    }
    let seconds: number, fraction: number, captureLength: number, originalLength: number;
    if (this.littleEndian) {
      seconds = readU32Le(b, p);
      fraction = readU32Le(b, p + 4);
      captureLength = readU32Le(b, p + 8);
      originalLength = readU32Le(b, p + 12);
    } else {
      seconds = readU32(b, p);
      fraction = readU32(b, p + 4);
      captureLength = readU32(b, p + 8);
      originalLength = readU32(b, p + 12);
    }
    if (captureLength > originalLength) {
      return this.fail(ViewErrorCode.BAD_LENGTH, p + 8, "captured length exceeds the original length", 0) === 0;
    }
    if (
      captureLength > this.snapLength &&
      (this.strictSnapLength || captureLength > PCAP_MAXIMUM_SNAP_LENGTH)
    ) {
      return this.fail(ViewErrorCode.BAD_LENGTH, p + 8, "captured length exceeds the snap length", 0) === 0;
    }
    if (PCAP_RECORD_HEADER_LENGTH + captureLength > this.maxRecordLength) {
      return this.fail(ViewErrorCode.BAD_LENGTH, p + 8, "record is longer than maxRecordLength", 0) === 0;
    }
    if (remaining - PCAP_RECORD_HEADER_LENGTH < captureLength) {
      return (
        this.fail(ViewErrorCode.TRUNCATED, p, "record data is cut short", PCAP_RECORD_HEADER_LENGTH + captureLength) === 0
      );
    }
    this.recordOffset = p;
    this.dataOffset = p + PCAP_RECORD_HEADER_LENGTH;
    this.captureLength = captureLength;
    this.originalLength = originalLength;
    this.timestampSeconds = seconds;
    this.timestampFraction = fraction;
    this.position = p + PCAP_RECORD_HEADER_LENGTH + captureLength;
    return true;
  }

  /** The current record's timestamp in nanoseconds since the epoch (allocates a bigint). */
  timestampNanoseconds(): bigint {
    const fraction = this.nanosecondResolution ? this.timestampFraction : this.timestampFraction * 1000;
    return BigInt(this.timestampSeconds) * NS_PER_SECOND + BigInt(fraction);
  }

  private fail(code: number, offset: number, reason: string, needed: number): number {
    this.errorCode = code;
    this.errorOffset = offset;
    this.errorReason = reason;
    this.neededLength = needed;
    return code;
  }
}

/**
 * Reads the records of a classic pcap file held in memory (all four magic numbers: µs or ns, little- or
 * big-endian). Each record's `data` is a `subarray` of `bytes` (no copy).
 *
 * Throws (while iterating) only `FrameError` with layer `"pcap"`: `INVALID_FIELD` for a bad magic,
 * `UNSUPPORTED` for a major version other than 2, `BAD_LENGTH` when a record's captured length exceeds
 * its original length (or the snap length, beyond libpcap's tolerance; see
 * {@link ReadCaptureOptions.strictSnapLength}), `TRUNCATED` after the last complete record when the
 * file ends inside one (unless `onTruncated: "stop"`). The `offset` is the byte in `bytes`.
 *
 * Spec: draft-ietf-opsawg-pcap §4, §5.
 */
export function* readPcap(bytes: Uint8Array, options?: ReadCaptureOptions): Generator<CaptureRecord, void, undefined> {
  yield* readWithCursor(new PcapCursor(), "pcap", bytes, options);
}

/** {@link readPcap} collected into an array. */
export function readPcapAll(bytes: Uint8Array, options?: ReadCaptureOptions): CaptureRecord[] {
  return Array.from(readPcap(bytes, options));
}

/** Options of the pcap writers. */
export interface WritePcapOptions {
  /** LINKTYPE_ value of the file; default: the first record's `linkType`, else Ethernet (1). */
  linkType?: number | undefined;
  /** Timestamp resolution: `"microseconds"` (default, magic 0xA1B2C3D4) or `"nanoseconds"` (0xA1B23C4D). */
  resolution?: CaptureResolution | undefined;
  /** Snap length of the header; default 262144, or the longest record if longer (writePcap). */
  snapLength?: number | undefined;
  /** Write big-endian fields (default little-endian, as on x86 and ARM hosts). */
  bigEndian?: boolean | undefined;
}

/**
 * An incremental pcap writer for streaming: `header()` once, then `record(r)` per frame, each returning
 * the bytes to append (write them to a file or a socket as they come).
 *
 * ```ts
 * const w = new PcapWriter({ resolution: "nanoseconds" });
 * out.write(w.header());
 * for (const frame of frames) out.write(w.record(frame));
 * ```
 *
 * Spec: draft-ietf-opsawg-pcap §4, §5.
 */
export class PcapWriter {
  /** The file's link type. */
  readonly linkType: number;
  /** The file's snap length: longer records are refused. */
  readonly snapLength: number;
  /** True when timestamps are written in nanoseconds. */
  readonly nanosecondResolution: boolean;
  /** True for big-endian output. */
  readonly bigEndian: boolean;
  /** Records written so far (the next record without a timestamp gets this many µs). */
  count = 0;

  constructor(options: WritePcapOptions = {}) {
    this.linkType = checkLinkType(options.linkType ?? CAPTURE_LINK_TYPE.ETHERNET);
    this.snapLength = checkU32(options.snapLength ?? PCAP_MAXIMUM_SNAP_LENGTH, "snap length");
    this.nanosecondResolution = options.resolution === "nanoseconds";
    this.bigEndian = options.bigEndian === true;
  }

  /** The 24-byte file header. */
  header(): Uint8Array {
    const out = new Uint8Array(PCAP_HEADER_LENGTH);
    this.headerInto(out, 0);
    return out;
  }

  /** The encoded length of a record. */
  recordLength(record: CaptureWriteRecord): number {
    return PCAP_RECORD_HEADER_LENGTH + (record instanceof Uint8Array ? record.length : record.data.length);
  }

  /** One record (16-byte header and the frame), as bytes to append. */
  record(record: CaptureWriteRecord): Uint8Array {
    const out = new Uint8Array(this.recordLength(record));
    this.recordInto(record, out, 0);
    return out;
  }

  /** Writes the file header at `out[offset]`; returns the end offset. @internal */
  headerInto(out: Uint8Array, offset: number): number {
    const le = !this.bigEndian;
    writeU32In(out, offset, this.nanosecondResolution ? PCAP_MAGIC_NANOSECONDS : PCAP_MAGIC_MICROSECONDS, le);
    writeU16In(out, offset + 4, 2, le);
    writeU16In(out, offset + 6, 4, le);
    writeU32In(out, offset + 8, 0, le);
    writeU32In(out, offset + 12, 0, le);
    writeU32In(out, offset + 16, this.snapLength, le);
    writeU32In(out, offset + 20, this.linkType, le);
    return offset + PCAP_HEADER_LENGTH;
  }

  /** Writes one record at `out[offset]` (the caller sized `out`); returns the end offset. @internal */
  recordInto(record: CaptureWriteRecord, out: Uint8Array, offset: number): number {
    const r = writeRecordParts(record, this.count);
    if (r.linkType !== undefined && r.linkType !== this.linkType) {
      throw invalidField("pcap", `record ${this.count} has link type ${r.linkType}, the file ${this.linkType}`);
    }
    if (r.data.length > this.snapLength) {
      throw invalidField("pcap", `record ${this.count} is ${r.data.length} bytes, over the snap length ${this.snapLength}`);
    }
    checkOriginalLength(r.originalLength, r.data.length, this.count, "pcap");
    if (r.timestamp < 0n || r.timestamp >= 0x1_0000_0000n * NS_PER_SECOND) {
      throw invalidField("pcap", `record ${this.count} timestamp ${r.timestamp} ns is outside the pcap range (0 to 2^32 s)`);
    }
    const seconds = Number(r.timestamp / NS_PER_SECOND);
    const ns = Number(r.timestamp % NS_PER_SECOND);
    const le = !this.bigEndian;
    writeU32In(out, offset, seconds, le);
    writeU32In(out, offset + 4, this.nanosecondResolution ? ns : Math.floor(ns / 1000), le);
    writeU32In(out, offset + 8, r.data.length, le);
    writeU32In(out, offset + 12, r.originalLength, le);
    out.set(r.data, offset + PCAP_RECORD_HEADER_LENGTH);
    this.count++;
    return offset + PCAP_RECORD_HEADER_LENGTH + r.data.length;
  }
}

/**
 * Writes frames as a classic pcap file (Ethernet link type and microsecond timestamps unless told),
 * ready for Wireshark or `tcpdump -r`. Bare `Uint8Array` frames get timestamps 0, 1 µs, 2 µs, ...
 * Throws `FrameError` `INVALID_FIELD` (layer `"pcap"`) for a timestamp outside 0..2^32 s, an original
 * length below the frame length, or records of different link types.
 *
 * Spec: draft-ietf-opsawg-pcap §4, §5.
 */
export function writePcap(records: Iterable<CaptureWriteRecord>, options: WritePcapOptions = {}): Uint8Array {
  const list = Array.from(records);
  let longest = 0;
  let size = PCAP_HEADER_LENGTH;
  for (const r of list) {
    const length = r instanceof Uint8Array ? r.length : r.data.length;
    if (length > longest) longest = length;
    size += PCAP_RECORD_HEADER_LENGTH + length;
  }
  const first = list[0];
  const linkType = options.linkType ?? (first !== undefined && !(first instanceof Uint8Array) ? first.linkType : undefined);
  const writer = new PcapWriter({
    ...options,
    linkType: linkType ?? CAPTURE_LINK_TYPE.ETHERNET,
    snapLength: options.snapLength ?? Math.max(PCAP_MAXIMUM_SNAP_LENGTH, longest),
  });
  const out = new Uint8Array(size);
  let offset = writer.headerInto(out, 0);
  for (const r of list) offset = writer.recordInto(r, out, offset);
  return out;
}

/** @internal */
export function checkOriginalLength(originalLength: number, dataLength: number, index: number, layer: "pcap" | "pcapng"): void {
  if (!Number.isInteger(originalLength) || originalLength < dataLength || originalLength > 0xffff_ffff) {
    throw invalidField(layer, `record ${index} original length ${originalLength} is below its ${dataLength} bytes or not a uint32`);
  }
}

/** @internal */
export function checkLinkType(linkType: number, layer: FrameLayer = "pcap"): number {
  if (!Number.isInteger(linkType) || linkType < 0 || linkType > 0xffff) {
    throw invalidField(layer, `link type ${linkType} is not a 16-bit value`);
  }
  return linkType;
}

/** @internal */
export function checkU32(value: number, what: string, layer: FrameLayer = "pcap"): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw invalidField(layer, `${what} ${value} is not a uint32`);
  return value;
}

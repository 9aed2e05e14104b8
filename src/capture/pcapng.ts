/**
 * pcapng capture files, read and written.
 *
 * Specification: draft-ietf-opsawg-pcapng, "PCAP Now Generic (pcapng) Capture File Format"
 * (https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/): §3 general block structure, §3.5
 * options, §4.1 Section Header Block, §4.2 Interface Description Block (`if_tsresol`, `if_tsoffset`),
 * §4.3 Enhanced Packet Block, §4.4 Simple Packet Block, Appendix (obsolete) Packet Block.
 *
 * A file is a sequence of blocks `type, total length, body, total length`, each a multiple of 4 bytes.
 * A Section Header Block starts every section and fixes its byte order (byte-order magic 0x1A2B3C4D);
 * Interface Description Blocks number the section's interfaces from 0; packet blocks refer to them.
 *
 * @packageDocumentation
 */
import { ViewErrorCode, invalidField } from "../errors.js";
import { readU16, readU16Le, readU32, readU32Le, readU8 } from "../internal/bytes.js";
import { CAPTURE_LINK_TYPE } from "./link-types.js";
import { checkLinkType, checkOriginalLength, checkU32 } from "./pcap.js";
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

/** pcapng block types this library reads or writes (draft-ietf-opsawg-pcapng §4, §10.1). */
export const PCAPNG_BLOCK_TYPE = {
  /** Section Header Block (§4.1); its value reads the same in both byte orders. */
  SECTION_HEADER: 0x0a0d0d0a,
  /** Interface Description Block (§4.2). */
  INTERFACE_DESCRIPTION: 1,
  /** Packet Block, obsolete (Appendix A). */
  PACKET: 2,
  /** Simple Packet Block (§4.4). */
  SIMPLE_PACKET: 3,
  /** Name Resolution Block (§4.5); skipped by the reader. */
  NAME_RESOLUTION: 4,
  /** Interface Statistics Block (§4.6); skipped by the reader. */
  INTERFACE_STATISTICS: 5,
  /** Enhanced Packet Block (§4.3). */
  ENHANCED_PACKET: 6,
} as const;

/** The Section Header Block's byte-order magic (§4.1), read in the writer's byte order. */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** One interface of a pcapng section, from its Interface Description Block (§4.2). */
export interface PcapngInterface {
  /** LINKTYPE_ value of the interface's packets. */
  readonly linkType: number;
  /** Snap length; 0 means no limit. */
  readonly snapLength: number;
  /** `if_tsresol`: timestamps count units of `base ** -exponent` seconds (default 10^-6). */
  readonly timestampBase: 2 | 10;
  /** See `timestampBase`. */
  readonly timestampExponent: number;
  /** `if_tsoffset`: seconds added to every timestamp of the interface (default 0). */
  readonly timestampOffsetSeconds: bigint;
}

interface InterfaceState extends PcapngInterface {
  readonly multiply: bigint;
  readonly divide: bigint;
  readonly shift: bigint;
  readonly offsetNs: bigint;
}

const EMPTY = new Uint8Array(0);
const MIN_BLOCK = 12;

/**
 * An allocation-free cursor over the packet records of a pcapng file held in memory: it walks the
 * blocks, tracks sections and interfaces, skips blocks it does not need, and stops on each Enhanced,
 * Simple or obsolete Packet Block. Only an Interface Description Block allocates (its interface entry).
 *
 * `reset` and `next` never throw, like {@link PcapCursor}: `next` returns false at the end of the bytes
 * (`errorCode` 0) or at a fault (`errorCode`/`errorOffset`/`errorReason`; `TRUNCATED` means the bytes end
 * inside the block at `errorOffset`, which needs `neededLength` bytes).
 *
 * Every block must be at least 12 bytes long, so each step moves forward: reading ends in time on any
 * input.
 *
 * Spec: draft-ietf-opsawg-pcapng §3, §4.1-§4.4.
 */
export class PcapngCursor implements RecordCursor {
  /** The bytes being read. */
  bytes: Uint8Array = EMPTY;
  /** Where the next block starts. */
  position = 0;
  /** End of the readable bytes. */
  end = 0;
  /** Byte order of the current section. */
  littleEndian = true;
  /** Index of the current section (0 for the first), -1 before the first Section Header Block. */
  sectionIndex = -1;
  /** Version of the current section (1.0). */
  majorVersion = 0;
  /** Minor version. */
  minorVersion = 0;
  /** The interfaces of the current section, by IDB index. */
  interfaces: PcapngInterface[] = [];
  /** With `true`, a packet longer than its interface's (non-zero) snap length is `BAD_LENGTH`. */
  strictSnapLength = false;
  /** Blocks longer than this are `BAD_LENGTH` (default 64 MiB). */
  maxRecordLength: number = DEFAULT_MAX_RECORD_LENGTH;

  /** Offset of the current packet block. */
  blockOffset = 0;
  /** Type of the current packet block (6, 3 or 2). */
  blockType = 0;
  /** The current packet's interface (IDB index in its section). */
  interfaceId = 0;
  /** The current packet's interface link type. */
  linkType = 0;
  /** Offset of the current packet's captured bytes. */
  dataOffset = 0;
  /** Number of captured bytes. */
  captureLength = 0;
  /** Length of the packet on the wire. */
  originalLength = 0;
  /** High 32 bits of the 64-bit timestamp (in the interface's units; 0 for a Simple Packet Block). */
  timestampHigh = 0;
  /** Low 32 bits of the timestamp. */
  timestampLow = 0;

  /** The last fault: a {@link ViewErrorCode}, 0 after a clean end. */
  errorCode: number = ViewErrorCode.OK;
  /** Where the last fault is (index into `bytes`), -1 when none. */
  errorOffset = -1;
  /** A constant text saying what the fault is. */
  errorReason = "";
  /** After a `TRUNCATED`: how many bytes from `errorOffset` the block needs. */
  neededLength = 0;

  private states: InterfaceState[] = [];

  /**
   * Starts reading a pcapng file at `bytes[offset]`. Returns 0, or `TRUNCATED` (under 4 bytes) or
   * `INVALID_FIELD` (the first block is not a Section Header Block).
   */
  reset(bytes: Uint8Array, offset = 0, end: number = bytes.length): number {
    this.bytes = bytes;
    this.end = Math.min(end, bytes.length);
    this.position = offset;
    this.sectionIndex = -1;
    this.interfaces = [];
    this.states = [];
    this.clearError();
    if (!(offset >= 0 && this.end - offset >= 4)) return this.fail(ViewErrorCode.TRUNCATED, Math.max(0, offset), "file is too short", 4);
    if (readU32(bytes, offset) !== PCAPNG_BLOCK_TYPE.SECTION_HEADER) {
      return this.fail(ViewErrorCode.INVALID_FIELD, offset, "not a pcapng file (no Section Header Block)", 0);
    }
    return 0;
  }

  /** Continues with more bytes of the same file: the next block starts at `bytes[offset]`. */
  feed(bytes: Uint8Array, offset = 0, end: number = bytes.length): void {
    this.bytes = bytes;
    this.position = offset;
    this.end = Math.min(end, bytes.length);
    this.clearError();
  }

  /** Moves to the next packet block; false at the end of the bytes or at a fault (see `errorCode`). */
  next(): boolean {
    const b = this.bytes;
    for (;;) {
      const p = this.position;
      const remaining = this.end - p;
      if (remaining <= 0) {
        this.errorCode = 0;
        return false;
      }
      if (remaining < MIN_BLOCK) return this.stop(ViewErrorCode.TRUNCATED, p, "block header is cut short", MIN_BLOCK);
      const type = this.u32(p);
      if (type === PCAPNG_BLOCK_TYPE.SECTION_HEADER) {
        const bom = readU32(b, p + 8);
        if (bom === PCAPNG_BYTE_ORDER_MAGIC) this.littleEndian = false;
        else if (bom === 0x4d3c2b1a) this.littleEndian = true;
        else return this.stop(ViewErrorCode.INVALID_FIELD, p + 8, "bad byte-order magic in Section Header Block", 0);
      } else if (this.sectionIndex < 0) {
        return this.stop(ViewErrorCode.INVALID_FIELD, p, "block before the first Section Header Block", 0);
      }
      const length = this.u32(p + 4);
      if (length < MIN_BLOCK || (length & 3) !== 0) {
        return this.stop(ViewErrorCode.BAD_LENGTH, p + 4, "block length is under 12 or not a multiple of 4", 0);
      }
      if (length > this.maxRecordLength) return this.stop(ViewErrorCode.BAD_LENGTH, p + 4, "block is longer than maxRecordLength", 0);
      if (remaining < length) return this.stop(ViewErrorCode.TRUNCATED, p, "block is cut short", length);
      const blockEnd = p + length;
      if (this.u32(blockEnd - 4) !== length) {
        return this.stop(ViewErrorCode.BAD_LENGTH, blockEnd - 4, "trailing block length differs from the leading one", 0);
      }
      switch (type) {
        case PCAPNG_BLOCK_TYPE.SECTION_HEADER: {
          if (length < 28) return this.stop(ViewErrorCode.BAD_LENGTH, p + 4, "Section Header Block is under 28 bytes", 0);
          const major = this.u16(p + 12);
          if (major !== 1) return this.stop(ViewErrorCode.UNSUPPORTED, p + 12, "section major version is not 1", 0);
          this.majorVersion = major;
          this.minorVersion = this.u16(p + 14);
          this.sectionIndex++;
          this.interfaces = [];
          this.states = [];
          break;
        }
        case PCAPNG_BLOCK_TYPE.INTERFACE_DESCRIPTION: {
          if (length < 20) return this.stop(ViewErrorCode.BAD_LENGTH, p + 4, "Interface Description Block is under 20 bytes", 0);
          if (!this.readInterface(p, blockEnd)) return false;
          break;
        }
        case PCAPNG_BLOCK_TYPE.ENHANCED_PACKET:
        case PCAPNG_BLOCK_TYPE.PACKET: {
          if (length < 32) return this.stop(ViewErrorCode.BAD_LENGTH, p + 4, "packet block is under 32 bytes", 0);
          const enhanced = type === PCAPNG_BLOCK_TYPE.ENHANCED_PACKET;
          const id = enhanced ? this.u32(p + 8) : this.u16(p + 8);
          const state = this.states[id];
          if (state === undefined) return this.stop(ViewErrorCode.INVALID_FIELD, p + 8, "packet refers to an undefined interface", 0);
          const captureLength = this.u32(p + 20);
          const originalLength = this.u32(p + 24);
          if (captureLength > length - 32) {
            return this.stop(ViewErrorCode.BAD_LENGTH, p + 20, "captured length overruns the block", 0);
          }
          if (!this.checkLengths(captureLength, originalLength, state, p + 20)) return false;
          this.record(p, type, id, state, p + 28, captureLength, originalLength);
          this.timestampHigh = this.u32(p + 12);
          this.timestampLow = this.u32(p + 16);
          this.position = blockEnd;
          return true;
        }
        case PCAPNG_BLOCK_TYPE.SIMPLE_PACKET: {
          if (length < 16) return this.stop(ViewErrorCode.BAD_LENGTH, p + 4, "Simple Packet Block is under 16 bytes", 0);
          const state = this.states[0];
          if (state === undefined) return this.stop(ViewErrorCode.INVALID_FIELD, p, "Simple Packet Block without an interface 0", 0);
          const originalLength = this.u32(p + 8);
          const captureLength =
            state.snapLength !== 0 && state.snapLength < originalLength ? state.snapLength : originalLength;
          if (captureLength > length - 16) {
            return this.stop(ViewErrorCode.BAD_LENGTH, p + 8, "packet length overruns the Simple Packet Block", 0);
          }
          this.record(p, type, 0, state, p + 12, captureLength, originalLength);
          this.timestampHigh = 0;
          this.timestampLow = 0;
          this.position = blockEnd;
          return true;
        }
        default:
          break; // Name Resolution, Interface Statistics, Decryption Secrets, custom, unknown: skipped
      }
      this.position = blockEnd;
    }
  }

  /**
   * The current packet's timestamp in nanoseconds since the epoch, from the interface's `if_tsresol` and
   * `if_tsoffset` (allocates bigints). A Simple Packet Block has none: 0n plus the offset.
   */
  timestampNanoseconds(): bigint {
    const state = this.states[this.interfaceId];
    const high = this.timestampHigh;
    const units =
      high < 0x20_0000 ? BigInt(high * 0x1_0000_0000 + this.timestampLow) : (BigInt(high) << 32n) | BigInt(this.timestampLow);
    if (state === undefined) return units * 1000n;
    let ns = units * state.multiply;
    if (state.divide !== 1n) ns /= state.divide;
    if (state.shift !== 0n) ns >>= state.shift;
    return state.offsetNs === 0n ? ns : ns + state.offsetNs;
  }

  private record(
    p: number,
    type: number,
    id: number,
    state: InterfaceState,
    dataOffset: number,
    captureLength: number,
    originalLength: number,
  ): void {
    this.blockOffset = p;
    this.blockType = type;
    this.interfaceId = id;
    this.linkType = state.linkType;
    this.dataOffset = dataOffset;
    this.captureLength = captureLength;
    this.originalLength = originalLength;
  }

  private checkLengths(captureLength: number, originalLength: number, state: InterfaceState, at: number): boolean {
    if (captureLength > originalLength) {
      return this.stop(ViewErrorCode.BAD_LENGTH, at, "captured length exceeds the original length", 0);
    }
    if (this.strictSnapLength && state.snapLength !== 0 && captureLength > state.snapLength) {
      return this.stop(ViewErrorCode.BAD_LENGTH, at, "captured length exceeds the snap length", 0);
    }
    return true;
  }

  private readInterface(p: number, blockEnd: number): boolean {
    const b = this.bytes;
    const linkType = this.u16(p + 8);
    const snapLength = this.u32(p + 12);
    let resolution = 6;
    let offsetSeconds = 0n;
    const stop = blockEnd - 4;
    let q = p + 16;
    while (stop - q >= 4) {
      const code = this.u16(q);
      const length = this.u16(q + 2);
      if (code === 0) break; // opt_endofopt
      if (length > stop - q - 4) return this.stop(ViewErrorCode.BAD_LENGTH, q + 2, "interface option overruns its block", 0);
      if (code === 9 && length >= 1) resolution = readU8(b, q + 4);
      else if (code === 14 && length >= 8) {
        const first = this.u32(q + 4);
        const second = this.u32(q + 8);
        const hi = this.littleEndian ? second : first;
        const lo = this.littleEndian ? first : second;
        offsetSeconds = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
      }
      q += 4 + ((length + 3) & ~3);
    }
    const base2 = (resolution & 0x80) !== 0;
    const exponent = resolution & 0x7f;
    let multiply = 1n;
    let divide = 1n;
    let shift = 0n;
    if (base2) {
      multiply = NS_PER_SECOND;
      shift = BigInt(exponent);
    } else if (exponent <= 9) multiply = 10n ** BigInt(9 - exponent);
    else divide = 10n ** BigInt(exponent - 9);
    const state: InterfaceState = {
      linkType,
      snapLength,
      timestampBase: base2 ? 2 : 10,
      timestampExponent: exponent,
      timestampOffsetSeconds: offsetSeconds,
      multiply,
      divide,
      shift,
      offsetNs: offsetSeconds * NS_PER_SECOND,
    };
    this.states.push(state);
    this.interfaces.push({
      linkType,
      snapLength,
      timestampBase: state.timestampBase,
      timestampExponent: exponent,
      timestampOffsetSeconds: offsetSeconds,
    });
    return true;
  }

  private u32(off: number): number {
    return this.littleEndian ? readU32Le(this.bytes, off) : readU32(this.bytes, off);
  }

  private u16(off: number): number {
    return this.littleEndian ? readU16Le(this.bytes, off) : readU16(this.bytes, off);
  }

  private clearError(): void {
    this.errorCode = 0;
    this.errorOffset = -1;
    this.errorReason = "";
    this.neededLength = 0;
  }

  private fail(code: number, offset: number, reason: string, needed: number): number {
    this.errorCode = code;
    this.errorOffset = offset;
    this.errorReason = reason;
    this.neededLength = needed;
    return code;
  }

  private stop(code: number, offset: number, reason: string, needed: number): false {
    this.fail(code, offset, reason, needed);
    return false;
  }
}

/**
 * Reads the packet records of a pcapng file held in memory: every section (each with its own byte
 * order and interfaces), Enhanced, Simple and obsolete Packet Blocks; other blocks are skipped by their
 * length. Each record's `data` is a `subarray` of `bytes` (no copy); `interface` is the IDB index within
 * its section.
 *
 * Throws (while iterating) only `FrameError` with layer `"pcapng"` and the byte `offset` in `bytes`:
 * `BAD_LENGTH` for a block length under 12, not a multiple of 4, or whose trailing copy differs, and for
 * a packet length that overruns its block or exceeds the original length; `INVALID_FIELD` for a bad
 * magic or a packet on an undefined interface; `UNSUPPORTED` for a section version other than 1.x;
 * `TRUNCATED` after the last complete record when the file ends inside a block (unless
 * `onTruncated: "stop"`).
 *
 * Spec: draft-ietf-opsawg-pcapng §3, §4.1-§4.4.
 */
export function* readPcapng(bytes: Uint8Array, options?: ReadCaptureOptions): Generator<CaptureRecord, void, undefined> {
  yield* readWithCursor(new PcapngCursor(), "pcapng", bytes, options);
}

/** {@link readPcapng} collected into an array. */
export function readPcapngAll(bytes: Uint8Array, options?: ReadCaptureOptions): CaptureRecord[] {
  return Array.from(readPcapng(bytes, options));
}

/** One interface to declare in a written pcapng file. */
export interface PcapngInterfaceOptions {
  /** LINKTYPE_ value (default Ethernet, 1). */
  linkType?: number | undefined;
  /** Snap length (default 0: no limit). */
  snapLength?: number | undefined;
  /** `if_name`, shown by Wireshark. */
  name?: string | undefined;
}

/** Options of the pcapng writers. */
export interface WritePcapngOptions {
  /** Link type of the single interface when `interfaces` is not given (default Ethernet, 1). */
  linkType?: number | undefined;
  /** Timestamp resolution, written as `if_tsresol` (6 or 9): `"microseconds"` (default) or `"nanoseconds"`. */
  resolution?: CaptureResolution | undefined;
  /** Snap length of the single interface when `interfaces` is not given (default 0: no limit). */
  snapLength?: number | undefined;
  /** Write a big-endian section (default little-endian). */
  bigEndian?: boolean | undefined;
  /**
   * The section's interfaces; a record's `interface` (default 0) indexes this list. Without it,
   * `writePcapng` declares interfaces 0..n from the records' `interface` and `linkType` fields, and
   * `PcapngWriter` declares one interface.
   */
  interfaces?: readonly PcapngInterfaceOptions[] | undefined;
  /** `shb_userappl` text (default "arp-ndp"); "" writes none. */
  application?: string | undefined;
}

interface WriterInterface {
  linkType: number;
  snapLength: number;
  name: Uint8Array | undefined;
}

/**
 * An incremental pcapng writer: `header()` gives the Section Header Block and the Interface Description
 * Blocks, `record(r)` one Enhanced Packet Block per frame.
 *
 * Spec: draft-ietf-opsawg-pcapng §4.1-§4.3.
 */
export class PcapngWriter {
  /** True when timestamps are written in nanoseconds (`if_tsresol` 9). */
  readonly nanosecondResolution: boolean;
  /** True for a big-endian section. */
  readonly bigEndian: boolean;
  /** Records written so far (the next record without a timestamp gets this many µs). */
  count = 0;
  private readonly interfaceList: WriterInterface[];
  private readonly application: Uint8Array;

  constructor(options: WritePcapngOptions = {}) {
    this.nanosecondResolution = options.resolution === "nanoseconds";
    this.bigEndian = options.bigEndian === true;
    const declared = options.interfaces ?? [{ linkType: options.linkType, snapLength: options.snapLength }];
    if (declared.length === 0) throw invalidField("pcapng", "a pcapng file needs at least one interface");
    this.interfaceList = declared.map((i) => ({
      linkType: checkLinkType(i.linkType ?? CAPTURE_LINK_TYPE.ETHERNET, "pcapng"),
      snapLength: checkU32(i.snapLength ?? 0, "snap length", "pcapng"),
      name: i.name === undefined ? undefined : encodeUtf8(i.name),
    }));
    this.application = encodeUtf8(options.application ?? "arp-ndp");
  }

  /** The Section Header Block and one Interface Description Block per interface. */
  header(): Uint8Array {
    const out = new Uint8Array(this.headerLength());
    this.headerInto(out, 0);
    return out;
  }

  /** One Enhanced Packet Block. */
  record(record: CaptureWriteRecord): Uint8Array {
    const out = new Uint8Array(this.recordLength(record));
    this.recordInto(record, out, 0);
    return out;
  }

  /** Encoded length of the header blocks. */
  headerLength(): number {
    let n = 28 + (this.application.length > 0 ? 4 + pad4(this.application.length) + 4 : 0);
    for (const i of this.interfaceList) n += 20 + 8 + (i.name !== undefined ? 4 + pad4(i.name.length) : 0) + 4;
    return n;
  }

  /** Encoded length of a record's Enhanced Packet Block. */
  recordLength(record: CaptureWriteRecord): number {
    return 32 + pad4(record instanceof Uint8Array ? record.length : record.data.length);
  }

  /** Writes the header blocks at `out[offset]`; returns the end offset. @internal */
  headerInto(out: Uint8Array, offset: number): number {
    const le = !this.bigEndian;
    const app = this.application;
    const shbLength = 28 + (app.length > 0 ? 4 + pad4(app.length) + 4 : 0);
    let p = offset;
    writeU32In(out, p, PCAPNG_BLOCK_TYPE.SECTION_HEADER, le);
    writeU32In(out, p + 4, shbLength, le);
    writeU32In(out, p + 8, PCAPNG_BYTE_ORDER_MAGIC, le);
    writeU16In(out, p + 12, 1, le);
    writeU16In(out, p + 14, 0, le);
    writeU32In(out, p + 16, 0xffff_ffff, le); // section length -1: not given
    writeU32In(out, p + 20, 0xffff_ffff, le);
    p += 24;
    if (app.length > 0) {
      p = writeOption(out, p, 4, app, le); // shb_userappl
      p = writeOption(out, p, 0, EMPTY, le); // opt_endofopt
    }
    writeU32In(out, p, shbLength, le);
    p += 4;
    for (const i of this.interfaceList) {
      const length = 20 + 8 + (i.name !== undefined ? 4 + pad4(i.name.length) : 0) + 4;
      writeU32In(out, p, PCAPNG_BLOCK_TYPE.INTERFACE_DESCRIPTION, le);
      writeU32In(out, p + 4, length, le);
      writeU16In(out, p + 8, i.linkType, le);
      writeU16In(out, p + 10, 0, le);
      writeU32In(out, p + 12, i.snapLength, le);
      p += 16;
      if (i.name !== undefined) p = writeOption(out, p, 2, i.name, le); // if_name
      p = writeOption(out, p, 9, this.nanosecondResolution ? RESOLUTION_NS : RESOLUTION_US, le); // if_tsresol
      p = writeOption(out, p, 0, EMPTY, le);
      writeU32In(out, p, length, le);
      p += 4;
    }
    return p;
  }

  /** Writes one Enhanced Packet Block at `out[offset]` (the caller sized `out`); returns the end offset. @internal */
  recordInto(record: CaptureWriteRecord, out: Uint8Array, offset: number): number {
    const r = writeRecordParts(record, this.count);
    const iface = this.interfaceList[r.interface];
    if (iface === undefined || !Number.isInteger(r.interface)) {
      throw invalidField("pcapng", `record ${this.count} is on interface ${r.interface}, which is not declared`);
    }
    if (r.linkType !== undefined && r.linkType !== iface.linkType) {
      throw invalidField("pcapng", `record ${this.count} has link type ${r.linkType}, its interface ${iface.linkType}`);
    }
    if (iface.snapLength !== 0 && r.data.length > iface.snapLength) {
      throw invalidField("pcapng", `record ${this.count} is ${r.data.length} bytes, over the snap length ${iface.snapLength}`);
    }
    checkOriginalLength(r.originalLength, r.data.length, this.count, "pcapng");
    const units = this.nanosecondResolution ? r.timestamp : r.timestamp / 1000n;
    if (r.timestamp < 0n || units >= 1n << 64n) {
      throw invalidField("pcapng", `record ${this.count} timestamp ${r.timestamp} ns is negative or too large`);
    }
    const le = !this.bigEndian;
    const length = 32 + pad4(r.data.length);
    writeU32In(out, offset, PCAPNG_BLOCK_TYPE.ENHANCED_PACKET, le);
    writeU32In(out, offset + 4, length, le);
    writeU32In(out, offset + 8, r.interface, le);
    writeU32In(out, offset + 12, Number(units >> 32n), le);
    writeU32In(out, offset + 16, Number(units & 0xffff_ffffn), le);
    writeU32In(out, offset + 20, r.data.length, le);
    writeU32In(out, offset + 24, r.originalLength, le);
    out.set(r.data, offset + 28);
    const padEnd = offset + 28 + pad4(r.data.length);
    out.fill(0, offset + 28 + r.data.length, padEnd);
    writeU32In(out, padEnd, length, le);
    this.count++;
    return offset + length;
  }
}

/**
 * Writes frames as a pcapng file (one section; Ethernet and microseconds unless told), ready for
 * Wireshark. Bare `Uint8Array` frames get timestamps 0, 1 µs, 2 µs, ... Without `options.interfaces`,
 * interfaces 0..n are declared from the records' `interface` and `linkType` fields (so a capture read
 * with {@link readPcapng} writes back with its interfaces), else from `options.linkType`.
 * Throws `FrameError` `INVALID_FIELD` (layer `"pcapng"`) for a negative timestamp, an original length
 * below the frame length, a record on an undeclared interface, or a link type that disagrees with it.
 *
 * Spec: draft-ietf-opsawg-pcapng §4.1-§4.3.
 */
export function writePcapng(records: Iterable<CaptureWriteRecord>, options: WritePcapngOptions = {}): Uint8Array {
  const list = Array.from(records);
  let interfaces = options.interfaces;
  if (interfaces === undefined) {
    const fallback = options.linkType ?? CAPTURE_LINK_TYPE.ETHERNET;
    const linkTypes: (number | undefined)[] = [undefined];
    for (const r of list) {
      if (r instanceof Uint8Array) continue;
      const id = r.interface ?? 0;
      if (!Number.isInteger(id) || id < 0 || id > 0xffff) throw invalidField("pcapng", `interface ${id} is out of range`);
      while (linkTypes.length <= id) linkTypes.push(undefined);
      if (linkTypes[id] === undefined) linkTypes[id] = r.linkType;
    }
    interfaces = linkTypes.map((linkType) => ({ linkType: linkType ?? fallback, snapLength: options.snapLength }));
  }
  const writer = new PcapngWriter({ ...options, interfaces });
  let size = writer.headerLength();
  for (const r of list) size += writer.recordLength(r);
  const out = new Uint8Array(size);
  let offset = writer.headerInto(out, 0);
  for (const r of list) offset = writer.recordInto(r, out, offset);
  return out;
}

const RESOLUTION_US = new Uint8Array([6]);
const RESOLUTION_NS = new Uint8Array([9]);

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function writeOption(out: Uint8Array, p: number, code: number, value: Uint8Array, le: boolean): number {
  writeU16In(out, p, code, le);
  writeU16In(out, p + 2, value.length, le);
  out.set(value, p + 4);
  const end = p + 4 + pad4(value.length);
  out.fill(0, p + 4 + value.length, end);
  return end;
}

/** UTF-8 bytes of a string (the core has no TextEncoder type; lone surrogates become U+FFFD). */
function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0) ?? 0xfffd;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  if (bytes.length > 0xffff) throw invalidField("pcapng", "option text is longer than 65535 bytes");
  return new Uint8Array(bytes);
}

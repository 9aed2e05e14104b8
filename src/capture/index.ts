/**
 * Capture file I/O (portable: no Node built-ins; the file helpers are in `./node.ts`).
 *
 * @packageDocumentation
 */
export { CAPTURE_LINK_TYPE, type CaptureLinkType } from "./link-types.js";
export {
  DEFAULT_MAX_RECORD_LENGTH,
  splitTimestamp,
  type CaptureRecord,
  type CaptureResolution,
  type CaptureWriteRecord,
  type ReadCaptureOptions,
  type TruncatedPolicy,
} from "./record.js";
export {
  PCAP_HEADER_LENGTH,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_MAGIC_NANOSECONDS,
  PCAP_MAXIMUM_SNAP_LENGTH,
  PCAP_RECORD_HEADER_LENGTH,
  PcapCursor,
  PcapWriter,
  readPcap,
  readPcapAll,
  writePcap,
  type WritePcapOptions,
} from "./pcap.js";
export {
  PCAPNG_BLOCK_TYPE,
  PCAPNG_BYTE_ORDER_MAGIC,
  PcapngCursor,
  PcapngWriter,
  readPcapng,
  readPcapngAll,
  writePcapng,
  type PcapngInterface,
  type PcapngInterfaceOptions,
  type WritePcapngOptions,
} from "./pcapng.js";
export {
  detectCaptureFormat,
  readCapture,
  readCaptureAll,
  readCaptureStream,
  type CaptureChunkSource,
  type CaptureFormat,
  type ReadCaptureStreamOptions,
  type ReadableStreamLike,
} from "./read.js";
export { DEFAULT_MAX_HEX_LINE_LENGTH, parseHex, parseHexDump, readHexDump, type HexDumpRecord, type ReadHexDumpOptions } from "./hex.js";

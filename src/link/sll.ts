/**
 * Linux "cooked" capture headers, which `tcpdump -i any` writes instead of Ethernet headers:
 * SLL (LINKTYPE_LINUX_SLL, 113, 16 bytes) and SLL2 (LINKTYPE_LINUX_SLL2, 276, 20 bytes), as specified
 * on tcpdump.org's link-type pages. Their protocol field is an EtherType, so ARP and IPv6 follow as on
 * Ethernet.
 *
 * @packageDocumentation
 */
import { ViewErrorCode } from "../errors.js";
import { hexJoin, readU16, readU32, readU8 } from "../internal/bytes.js";
import { CAPTURE_LINK_TYPE } from "../capture/link-types.js";

/** Length of an SLL (v1) header. */
export const SLL_HEADER_LENGTH = 16;
/** Length of an SLL2 header. */
export const SLL2_HEADER_LENGTH = 20;

/** A decoded Linux cooked-capture header (v1 or v2). */
export interface SllHeader {
  /** 1 for LINKTYPE_LINUX_SLL, 2 for LINKTYPE_LINUX_SLL2. */
  version: 1 | 2;
  /** Packet type: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us. */
  packetType: number;
  /** ARPHRD_ type of the interface (1 = Ethernet). */
  hardwareType: number;
  /** Link-layer address of the sender, lowercase hex joined by ":" (a MAC on Ethernet). */
  source: string;
  /** The protocol field: an EtherType (0x0806 ARP, 0x86dd IPv6). */
  protocol: number;
  /** Interface index (SLL2 only; 0 for SLL). */
  interfaceIndex: number;
}

const EMPTY = new Uint8Array(0);

/** An allocation-free view of an SLL or SLL2 header; `reset` returns 0 or a view error code. */
export class SllView {
  /** The bytes last given to `reset`. */
  bytes: Uint8Array = EMPTY;
  /** Offset of the header. */
  start = 0;
  /** 1 (SLL) or 2 (SLL2). */
  version: 1 | 2 = 1;
  /** The protocol field (an EtherType). */
  protocol = 0;
  /** Offset of the payload. */
  payloadOffset = 0;
  /** Offset just past the payload. */
  payloadEnd = 0;
  /** Where the last failed `reset` found its fault. */
  errorOffset = -1;

  /** Parses the header at `bytes[offset]` of a record of link type 113 or 276. */
  reset(bytes: Uint8Array, linkType: number, offset = 0, end = bytes.length): number {
    if (this.bytes !== bytes) this.bytes = bytes; // see FrameView: no write barrier when unchanged
    this.start = offset;
    this.payloadEnd = end;
    this.errorOffset = -1;
    const v2 = linkType === CAPTURE_LINK_TYPE.LINUX_SLL2;
    const length = v2 ? SLL2_HEADER_LENGTH : SLL_HEADER_LENGTH;
    if (!(offset >= 0 && end <= bytes.length && end - offset >= length)) {
      this.errorOffset = Math.max(0, Math.min(offset, bytes.length));
      return ViewErrorCode.TRUNCATED;
    }
    this.version = v2 ? 2 : 1;
    this.protocol = readU16(bytes, v2 ? offset : offset + 14);
    this.payloadOffset = offset + length;
    return 0;
  }

  /** The header as a plain object (allocates). */
  toHeader(): SllHeader {
    const b = this.bytes;
    const s = this.start;
    if (this.version === 2) {
      const addressLength = Math.min(readU8(b, s + 11), 8);
      return {
        version: 2,
        packetType: readU8(b, s + 10),
        hardwareType: readU16(b, s + 8),
        source: hexJoin(b, s + 12, addressLength, ":"),
        protocol: this.protocol,
        interfaceIndex: readU32(b, s + 4),
      };
    }
    const addressLength = Math.min(readU16(b, s + 4), 8);
    return {
      version: 1,
      packetType: readU16(b, s),
      hardwareType: readU16(b, s + 2),
      source: hexJoin(b, s + 6, addressLength, ":"),
      protocol: this.protocol,
      interfaceIndex: 0,
    };
  }
}

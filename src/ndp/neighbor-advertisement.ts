/**
 * Neighbor Advertisement (RFC 4861 §4.4), ICMPv6 type 136, at the ICMPv6 message level: the decoded
 * shape, the message decoder and the encoder. Full frames are built by `buildNeighborAdvertisement`
 * and `buildUnsolicitedNeighborAdvertisement`.
 *
 * @packageDocumentation
 */
import { type DecodeResult, attemptDecode } from "../errors.js";
import type { Ipv6AddressInput } from "../address/ipv6.js";
import type { NdpOption, NdpOptionInput } from "./options.js";
import { decodeNdpOfType, encodeNdp, encodeNdpInto, ndpEncodingLength } from "./ndp.js";

/** A decoded Neighbor Advertisement (RFC 4861 §4.4). */
export interface NeighborAdvertisement {
  /** Discriminant of {@link NdpMessage}. */
  kind: "neighbor-advertisement";
  /** R: the sender is a router (bit 0x80 of the byte after the checksum). */
  router: boolean;
  /** S: sent in response to a Neighbor Solicitation (0x40). */
  solicited: boolean;
  /** O: the advertisement should override an existing cache entry (0x20). */
  override: boolean;
  /** The 29 reserved bits after R, S and O, as on the wire (kept, never checked). */
  reserved: number;
  /** Target Address, RFC 5952 text. */
  targetAddress: string;
  /** Options in wire order; byte fields alias the decoded input. */
  options: NdpOption[];
}

/** A Neighbor Advertisement to encode (RFC 4861 §4.4). A decoded {@link NeighborAdvertisement} is one. */
export interface NeighborAdvertisementInput {
  /** Optional discriminant (required by the generic `encodeNdp`). */
  kind?: "neighbor-advertisement";
  /** R flag (default false). */
  router?: boolean;
  /** S flag (default false). */
  solicited?: boolean;
  /** O flag (default false at this level; the builders default it to true, RFC 4861 §7.2.4). */
  override?: boolean;
  /** The 29 reserved bits (default 0; any 29-bit value, for fuzzing). */
  reserved?: number;
  /** Target Address: text or 16 bytes. */
  targetAddress: Ipv6AddressInput;
  /** Options, written in order and padded to 8-octet units (RFC 4861 §4.6). */
  options?: readonly NdpOptionInput[];
  /** ICMPv6 code (default 0; receivers drop any other, RFC 4861 §7.1.2). */
  code?: number;
  /** Checksum field (default 0: the frame builders compute it over the pseudo-header). */
  checksum?: number;
}

/**
 * Decodes the ICMPv6 message `bytes[icmpOffset, icmpEnd)` as a Neighbor Advertisement (RFC 4861 §4.4).
 * @throws FrameError (layer `ndp`): `UNSUPPORTED` when the type is not 136, `TRUNCATED` under 24 bytes,
 *   `BAD_OPTION` at a malformed option.
 */
export function decodeNeighborAdvertisement(bytes: Uint8Array, icmpOffset = 0, icmpEnd = bytes?.length): NeighborAdvertisement {
  return decodeNdpOfType(bytes, icmpOffset, icmpEnd, 136) as NeighborAdvertisement;
}

/** {@link decodeNeighborAdvertisement} that never throws. */
export function tryDecodeNeighborAdvertisement(bytes: Uint8Array, icmpOffset = 0, icmpEnd = bytes?.length): DecodeResult<NeighborAdvertisement> {
  return attemptDecode(() => decodeNeighborAdvertisement(bytes, icmpOffset, icmpEnd));
}

/** Exact number of bytes {@link encodeNeighborAdvertisementInto} writes: 24 plus the padded options. */
export function neighborAdvertisementEncodingLength(input: NeighborAdvertisementInput): number {
  return ndpEncodingLength({ ...input, kind: "neighbor-advertisement" });
}

/**
 * Encodes a Neighbor Advertisement ICMPv6 message (RFC 4861 §4.4) at `offset`; returns the end offset.
 * The checksum field is `input.checksum` or 0 (the frame builders compute it).
 * @throws FrameError `INVALID_FIELD` or `BUFFER_TOO_SMALL`, before anything is written.
 */
export function encodeNeighborAdvertisementInto(input: NeighborAdvertisementInput, out: Uint8Array, offset = 0): number {
  return encodeNdpInto({ ...input, kind: "neighbor-advertisement" }, out, offset);
}

/** Encodes a Neighbor Advertisement ICMPv6 message into a new array (see {@link encodeNeighborAdvertisementInto}). */
export function encodeNeighborAdvertisement(input: NeighborAdvertisementInput): Uint8Array {
  return encodeNdp({ ...input, kind: "neighbor-advertisement" });
}


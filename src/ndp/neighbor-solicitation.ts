/**
 * Neighbor Solicitation (RFC 4861 §4.3), ICMPv6 type 135, at the ICMPv6 message level: the decoded
 * shape, the message decoder and the encoder. Full frames are built by `buildNeighborSolicitation`.
 *
 * @packageDocumentation
 */
import { type DecodeResult, attemptDecode } from "../errors.js";
import type { Ipv6AddressInput } from "../address/ipv6.js";
import type { NdpOption, NdpOptionInput } from "./options.js";
import { decodeNdpOfType, encodeNdp, encodeNdpInto, ndpEncodingLength } from "./ndp.js";

/** A decoded Neighbor Solicitation (RFC 4861 §4.3). */
export interface NeighborSolicitation {
  /** Discriminant of {@link NdpMessage}. */
  kind: "neighbor-solicitation";
  /** The 32 reserved bits as on the wire (0 from a conforming sender; kept, never checked). */
  reserved: number;
  /** Target Address, RFC 5952 text. */
  targetAddress: string;
  /** Options in wire order; byte fields alias the decoded input. */
  options: NdpOption[];
}

/** A Neighbor Solicitation to encode (RFC 4861 §4.3). A decoded {@link NeighborSolicitation} is one. */
export interface NeighborSolicitationInput {
  /** Optional discriminant (required by the generic `encodeNdp`). */
  kind?: "neighbor-solicitation";
  /** Target Address: text or 16 bytes. */
  targetAddress: Ipv6AddressInput;
  /** Options, written in order and padded to 8-octet units (RFC 4861 §4.6). */
  options?: readonly NdpOptionInput[];
  /** The 32 reserved bits (default 0; any value, for fuzzing). */
  reserved?: number;
  /** ICMPv6 code (default 0; receivers drop any other, RFC 4861 §7.1.1). */
  code?: number;
  /** Checksum field (default 0: the frame builders compute it over the pseudo-header). */
  checksum?: number;
}

/**
 * Decodes the ICMPv6 message `bytes[icmpOffset, icmpEnd)` as a Neighbor Solicitation (RFC 4861 §4.3).
 * @throws FrameError (layer `ndp`): `UNSUPPORTED` when the type is not 135, `TRUNCATED` under 24 bytes,
 *   `BAD_OPTION` at a malformed option.
 */
export function decodeNeighborSolicitation(bytes: Uint8Array, icmpOffset = 0, icmpEnd = bytes?.length): NeighborSolicitation {
  return decodeNdpOfType(bytes, icmpOffset, icmpEnd, 135) as NeighborSolicitation;
}

/** {@link decodeNeighborSolicitation} that never throws. */
export function tryDecodeNeighborSolicitation(bytes: Uint8Array, icmpOffset = 0, icmpEnd = bytes?.length): DecodeResult<NeighborSolicitation> {
  return attemptDecode(() => decodeNeighborSolicitation(bytes, icmpOffset, icmpEnd));
}

/** Exact number of bytes {@link encodeNeighborSolicitationInto} writes: 24 plus the padded options. */
export function neighborSolicitationEncodingLength(input: NeighborSolicitationInput): number {
  return ndpEncodingLength({ ...input, kind: "neighbor-solicitation" });
}

/**
 * Encodes a Neighbor Solicitation ICMPv6 message (RFC 4861 §4.3) at `offset`; returns the end offset.
 * The checksum field is `input.checksum` or 0 (the frame builders compute it).
 * @throws FrameError `INVALID_FIELD` or `BUFFER_TOO_SMALL`, before anything is written.
 */
export function encodeNeighborSolicitationInto(input: NeighborSolicitationInput, out: Uint8Array, offset = 0): number {
  return encodeNdpInto({ ...input, kind: "neighbor-solicitation" }, out, offset);
}

/** Encodes a Neighbor Solicitation ICMPv6 message into a new array (see {@link encodeNeighborSolicitationInto}). */
export function encodeNeighborSolicitation(input: NeighborSolicitationInput): Uint8Array {
  return encodeNdp({ ...input, kind: "neighbor-solicitation" });
}


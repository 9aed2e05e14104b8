/**
 * Declared layouts (buffer-layout) of the IPv6 fixed header (RFC 8200 §3), the ICMPv6 header
 * (RFC 4443 §2.1) and the fixed part of Neighbor Solicitation / Advertisement (RFC 4861 §4.3, §4.4).
 *
 * The executable specification and a test oracle: their `offsetOf`/`span` must equal the core's
 * constants and their decode must agree with the core decoders. buffer-layout works on Node `Buffer`
 * only (wrap bytes with `Buffer.from(bytes)`) and does not check lengths: never on the hot path.
 *
 * @packageDocumentation
 */
import * as BufferLayout from "buffer-layout";
import type { DeclaredLayout } from "./types.js";

/** The IPv6 fixed header's fields as {@link IPV6_HEADER_LAYOUT} decodes them. */
export interface Ipv6HeaderLayoutFields {
  /** First 32-bit word: Version (4 bits), Traffic Class (8), Flow Label (20), most significant first. */
  word0: { version: number; trafficClass: number; flowLabel: number };
  /** Payload Length. */
  payloadLength: number;
  /** Next Header. */
  nextHeader: number;
  /** Hop Limit. */
  hopLimit: number;
  /** Source Address (16 bytes). */
  source: Uint8Array;
  /** Destination Address (16 bytes). */
  destination: Uint8Array;
}

function ipv6Word0(): BufferLayout.Layout {
  const word = BufferLayout.bits(BufferLayout.u32be(), true, "word0");
  // msb = true: the first field added takes the most significant bits, as on the wire.
  word.addField(4, "version");
  word.addField(8, "trafficClass");
  word.addField(20, "flowLabel");
  return word;
}

/** The IPv6 fixed header, 40 bytes (RFC 8200 §3). */
export const IPV6_HEADER_LAYOUT: DeclaredLayout<Ipv6HeaderLayoutFields> = BufferLayout.struct<Ipv6HeaderLayoutFields>([
  ipv6Word0(),
  BufferLayout.u16be("payloadLength"),
  BufferLayout.u8("nextHeader"),
  BufferLayout.u8("hopLimit"),
  BufferLayout.blob(16, "source"),
  BufferLayout.blob(16, "destination"),
]);

/** The ICMPv6 header's fields as {@link ICMPV6_HEADER_LAYOUT} decodes them. */
export interface Icmpv6HeaderLayoutFields {
  /** Message type. */
  type: number;
  /** Code. */
  code: number;
  /** Checksum. */
  checksum: number;
}

/** The ICMPv6 header, 4 bytes (RFC 4443 §2.1). */
export const ICMPV6_HEADER_LAYOUT: DeclaredLayout<Icmpv6HeaderLayoutFields> = BufferLayout.struct<Icmpv6HeaderLayoutFields>([
  BufferLayout.u8("type"),
  BufferLayout.u8("code"),
  BufferLayout.u16be("checksum"),
]);

/** The fixed part of an NS or NA as {@link NEIGHBOR_FIXED_LAYOUT} decodes it. */
export interface NeighborFixedLayoutFields extends Icmpv6HeaderLayoutFields {
  /**
   * The 32 bits after the checksum: all reserved in an NS (RFC 4861 §4.3); in an NA the Router (0x80000000),
   * Solicited (0x40000000) and Override (0x20000000) flags, then 29 reserved bits (RFC 4861 §4.4).
   */
  flagsReserved: number;
  /** Target Address (16 bytes). */
  target: Uint8Array;
}

/** The 24-byte fixed part of a Neighbor Solicitation or Advertisement (RFC 4861 §4.3, §4.4); options follow. */
export const NEIGHBOR_FIXED_LAYOUT: DeclaredLayout<NeighborFixedLayoutFields> = BufferLayout.struct<NeighborFixedLayoutFields>([
  BufferLayout.u8("type"),
  BufferLayout.u8("code"),
  BufferLayout.u16be("checksum"),
  BufferLayout.u32be("flagsReserved"),
  BufferLayout.blob(16, "target"),
]);

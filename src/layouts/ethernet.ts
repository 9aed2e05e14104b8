/**
 * buffer-layout declarations of the Ethernet II header (IEEE 802.3 §3.1.1) and of an 802.1Q/802.1ad
 * VLAN tag (IEEE 802.1Q §9.6): the executable specification of what `EthernetView`, `decodeEthernet`
 * and `encodeEthernet` read and write, and their test oracle.
 *
 * buffer-layout works on Node `Buffer`s only (wrap bytes with `Buffer.from(bytes)`), decodes a short
 * buffer without complaint and costs about 500 ns per header: never on the hot path, never imported
 * by the core.
 *
 * @packageDocumentation
 */
import { bits, blob, struct, u16be, type Layout } from "buffer-layout";
import type { DeclaredLayout } from "./types.js";

/** The fields of the untagged Ethernet II header as {@link ETHERNET_HEADER_LAYOUT} decodes them. */
export interface EthernetHeaderFields {
  /** Destination MAC (6 bytes). */
  dst: Uint8Array;
  /** Source MAC (6 bytes). */
  src: Uint8Array;
  /**
   * The type/length field: an EtherType (≥ 0x0600), a VLAN TPID when a tag follows (the tag then sits
   * where this field is, see {@link VLAN_TAG_LAYOUT}), or an IEEE 802.3 length (≤ 1500).
   */
  etherType: number;
}

/**
 * The 14-byte Ethernet II header (IEEE 802.3 §3.1.1, RFC 894): destination, source, type.
 * With VLAN tags, each 4-byte {@link VLAN_TAG_LAYOUT} is inserted at offset 12 (before the type).
 */
export const ETHERNET_HEADER_LAYOUT: DeclaredLayout<EthernetHeaderFields> = struct<EthernetHeaderFields>([
  blob(6, "dst"),
  blob(6, "src"),
  u16be("etherType"),
]);

/** The fields of one VLAN tag as {@link VLAN_TAG_LAYOUT} decodes them. */
export interface VlanTagFields {
  /** Tag protocol identifier: 0x8100 (802.1Q C-tag), 0x88a8 (802.1ad S-tag), 0x9100 (legacy QinQ). */
  tpid: number;
  /** Tag control information: PCP (3 bits), DEI (1 bit), VID (12 bits), most significant first. */
  tci: number;
}

/** One 4-byte 802.1Q/802.1ad tag (IEEE 802.1Q §9.6): TPID, then TCI. */
export const VLAN_TAG_LAYOUT: DeclaredLayout<VlanTagFields> = struct<VlanTagFields>([u16be("tpid"), u16be("tci")]);

/** The fields of one VLAN tag as {@link VLAN_TAG_BITS_LAYOUT} decodes them: the TCI split into its parts. */
export interface VlanTagBitsFields {
  /** Tag protocol identifier. */
  tpid: number;
  /** The TCI's parts (IEEE 802.1Q §9.6). */
  tci: {
    /** Priority code point, 0-7. */
    priority: number;
    /** Drop eligible indicator. */
    dropEligible: boolean;
    /** VLAN identifier, 0-4095. */
    id: number;
  };
}

function tciBits(): Layout {
  // msb = true: the first field added takes the most significant bits, as on the wire.
  const tci = bits(u16be(), true, "tci");
  tci.addField(3, "priority");
  tci.addBoolean("dropEligible");
  tci.addField(12, "id");
  return tci;
}

/** {@link VLAN_TAG_LAYOUT} with the TCI declared bit by bit: PCP (3), DEI (1), VID (12) (IEEE 802.1Q §9.6). */
export const VLAN_TAG_BITS_LAYOUT: DeclaredLayout<VlanTagBitsFields> = struct<VlanTagBitsFields>([u16be("tpid"), tciBits()]);

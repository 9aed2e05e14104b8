/**
 * Ethernet constants: EtherTypes (IEEE 802 numbers, IANA registry), tag protocol identifiers and sizes.
 *
 * @packageDocumentation
 */

/** EtherTypes this library dispatches on (IEEE 802.3 §3.2.6 type field). */
export const ETHER_TYPE = {
  /** Internet Protocol version 4 (RFC 894). */
  IPV4: 0x0800,
  /** Address Resolution Protocol (RFC 826). */
  ARP: 0x0806,
  /** Reverse ARP (RFC 903). */
  RARP: 0x8035,
  /** IEEE 802.1Q customer VLAN tag (C-tag). */
  VLAN: 0x8100,
  /** Internet Protocol version 6 (RFC 2464 §3). */
  IPV6: 0x86dd,
  /** IEEE 802.1ad service VLAN tag (S-tag, "QinQ"). */
  QINQ: 0x88a8,
  /** Pre-standard QinQ tag still seen on some switches. */
  QINQ_LEGACY: 0x9100,
} as const;
/** One of the {@link ETHER_TYPE} values (any 16-bit number can appear on the wire). */
export type EtherType = (typeof ETHER_TYPE)[keyof typeof ETHER_TYPE];

/** Destination, source and type: the untagged Ethernet II header (IEEE 802.3 §3.1.1). */
export const ETHERNET_HEADER_LENGTH = 14;
/** Length of one 802.1Q/802.1ad tag (TPID + TCI). */
export const VLAN_TAG_LENGTH = 4;
/** Smallest Ethernet payload (IEEE 802.3 §4.4.2: 64-byte minimum frame less header and FCS). */
export const MIN_PAYLOAD_LENGTH = 46;
/** Smallest untagged frame without FCS, as captures show it (14 + 46). */
export const MIN_FRAME_LENGTH = 60;
/** Length of the frame check sequence (CRC-32). */
export const FCS_LENGTH = 4;
/** Type/length values up to this are an IEEE 802.3 length, not an EtherType (IEEE 802.3 §3.2.6). */
export const MAX_8023_LENGTH = 1500;
/** Largest VLAN identifier (IEEE 802.1Q §9.6: 12 bits; 4095 is reserved but seen on the wire). */
export const MAX_VLAN_ID = 4095;
/** Largest priority code point (3 bits). */
export const MAX_VLAN_PRIORITY = 7;

/** The Ethernet broadcast address, ff:ff:ff:ff:ff:ff. */
export const BROADCAST_MAC_TEXT = "ff:ff:ff:ff:ff:ff";

/** True when a 16-bit type field value is a VLAN tag protocol identifier this library unwraps. */
export function isVlanTpid(type: number): boolean {
  return type === ETHER_TYPE.VLAN || type === ETHER_TYPE.QINQ || type === ETHER_TYPE.QINQ_LEGACY;
}

/**
 * ARP constants: operation codes, hardware types and sizes (RFC 826, IANA "Address Resolution Protocol
 * (ARP) Parameters" registry).
 *
 * @packageDocumentation
 */

/**
 * ARP operation codes (the `ar$op` field, RFC 826; IANA ARP "Operation Codes" registry).
 * Decoders keep any 16-bit value; these are the ones with a name.
 */
export const ARP_OPERATION = {
  /** ARP request, "who has TPA? tell SPA" (RFC 826). */
  REQUEST: 1,
  /** ARP reply, "SPA is at SHA" (RFC 826). */
  REPLY: 2,
  /** Reverse ARP request (RFC 903), carried with EtherType 0x8035. */
  RARP_REQUEST: 3,
  /** Reverse ARP reply (RFC 903). */
  RARP_REPLY: 4,
  /** Inverse ARP request (RFC 2390 §7.2). */
  INARP_REQUEST: 8,
  /** Inverse ARP reply (RFC 2390 §7.2). */
  INARP_REPLY: 9,
  /** ARP NAK (RFC 1577 §8.7, ATMARP). */
  ARP_NAK: 10,
} as const;
/** One of the named {@link ARP_OPERATION} values (the wire may carry any 16-bit number). */
export type ArpOperation = (typeof ARP_OPERATION)[keyof typeof ARP_OPERATION];

/**
 * ARP hardware types (the `ar$hrd` field, RFC 826; IANA ARP "Hardware Types" registry).
 */
export const ARP_HARDWARE_TYPE = {
  /** Ethernet (10 Mb and every later speed), 6-byte addresses (RFC 826). */
  ETHERNET: 1,
  /** IEEE 802 networks (RFC 1042), as used by ARP over LLC/SNAP; Linux accepts it on Ethernet too. */
  IEEE802: 6,
  /** ARCNET (RFC 1201). */
  ARCNET: 7,
  /** Frame Relay (RFC 2390). */
  FRAME_RELAY: 15,
  /** Fibre Channel (RFC 4338). */
  FIBRE_CHANNEL: 18,
  /** IEEE 1394.1995 (RFC 2734). */
  IEEE1394: 24,
  /** InfiniBand, 20-byte hardware addresses (RFC 4391). */
  INFINIBAND: 32,
} as const;
/** One of the named {@link ARP_HARDWARE_TYPE} values (the wire may carry any 16-bit number). */
export type ArpHardwareType = (typeof ARP_HARDWARE_TYPE)[keyof typeof ARP_HARDWARE_TYPE];

/** The fixed part of every ARP message: htype, ptype, hlen, plen, oper (RFC 826). */
export const ARP_HEADER_LENGTH = 8;

/** An ARP message for Ethernet (hlen 6) and IPv4 (plen 4): 8 + 2·(6 + 4) bytes (RFC 826). */
export const ARP_ETHERNET_IPV4_LENGTH = 28;

/** Protocol type of IPv4 in ARP (`ar$pro`, the EtherType 0x0800, RFC 826). */
export const ARP_PROTOCOL_IPV4 = 0x0800;

/** Protocol type of IPv6 in ARP-style messages (the EtherType 0x86dd); RFC 826 leaves it open, some tools use it. */
export const ARP_PROTOCOL_IPV6 = 0x86dd;

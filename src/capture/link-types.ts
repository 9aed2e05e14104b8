/**
 * Link-layer header types of capture files: the `LINKTYPE_` values that the pcap file header and the
 * pcapng Interface Description Block carry, as registered at https://www.tcpdump.org/linktypes.html
 * (and in draft-ietf-opsawg-pcaplinktype). The capture readers only report the value; `decodeFrame`
 * decides what it can decode.
 *
 * @packageDocumentation
 */

/**
 * The link types this library meets in ARP and Neighbor Discovery captures (tcpdump.org linktypes).
 * Any other 16-bit value is passed through as a plain number.
 */
export const CAPTURE_LINK_TYPE = {
  /** LINKTYPE_ETHERNET (1): IEEE 802.3 Ethernet, Ethernet II and 802.3 with LLC. */
  ETHERNET: 1,
  /** LINKTYPE_RAW (101): a raw IPv4 or IPv6 packet, no link-layer header. */
  RAW: 101,
  /** LINKTYPE_LINUX_SLL (113): Linux "cooked" capture v1, a 16-byte pseudo-header (`tcpdump -i any`). */
  LINUX_SLL: 113,
  /** LINKTYPE_IPV4 (228): a raw IPv4 packet. */
  IPV4: 228,
  /** LINKTYPE_IPV6 (229): a raw IPv6 packet. */
  IPV6: 229,
  /** LINKTYPE_IPOIB (242): IP over InfiniBand (RFC 4391), a 4-byte header then the payload. */
  IPOIB: 242,
  /** LINKTYPE_LINUX_SLL2 (276): Linux "cooked" capture v2, a 20-byte pseudo-header. */
  LINUX_SLL2: 276,
} as const;

/** One of the {@link CAPTURE_LINK_TYPE} values. Records type their link type as `number`. */
export type CaptureLinkType = (typeof CAPTURE_LINK_TYPE)[keyof typeof CAPTURE_LINK_TYPE];

/**
 * Neighbor Discovery constants: option types (RFC 4861 §4.6, RFC 3971 §5.3.2), message sizes, flag bits
 * and the well-known addresses an NS/NA speaker sends to.
 *
 * @packageDocumentation
 */

/**
 * Neighbor Discovery option types this library names (IANA "IPv6 Neighbor Discovery Option Formats").
 * Any other type byte decodes as a raw option and round-trips unchanged.
 */
export const NDP_OPTION_TYPE = {
  /** Source Link-Layer Address (RFC 4861 §4.6.1), in NS, RS, RA. */
  SOURCE_LINK_LAYER_ADDRESS: 1,
  /** Target Link-Layer Address (RFC 4861 §4.6.1), in NA and Redirect. */
  TARGET_LINK_LAYER_ADDRESS: 2,
  /** Prefix Information (RFC 4861 §4.6.2), in RA. */
  PREFIX_INFORMATION: 3,
  /** Redirected Header (RFC 4861 §4.6.3). */
  REDIRECTED_HEADER: 4,
  /** MTU (RFC 4861 §4.6.4). */
  MTU: 5,
  /** Nonce (RFC 3971 §5.3.2), used by DAD probes for loopback detection (RFC 7527 §4.2). */
  NONCE: 14,
} as const;
/** One of the {@link NDP_OPTION_TYPE} values (any byte can appear on the wire). */
export type NdpOptionType = (typeof NDP_OPTION_TYPE)[keyof typeof NDP_OPTION_TYPE];

/** Options are measured in units of 8 octets (RFC 4861 §4.6). */
export const NDP_OPTION_UNIT = 8;

/** Largest option: a length byte of 255 units, 2040 bytes (RFC 4861 §4.6). */
export const NDP_MAX_OPTION_LENGTH = 255 * NDP_OPTION_UNIT;

/** Type, code, checksum, 4 bytes of flags/reserved and the 16-byte target: the fixed part of NS and NA (RFC 4861 §4.3, §4.4). */
export const NDP_FIXED_LENGTH = 24;

/** Offset of the Target Address in an NS or NA message (RFC 4861 §4.3, §4.4). */
export const NDP_TARGET_OFFSET = 8;

/** NA Router flag: bit 0x80 of the byte after the checksum (RFC 4861 §4.4). */
export const NA_FLAG_ROUTER = 0x80;
/** NA Solicited flag: bit 0x40 of the byte after the checksum (RFC 4861 §4.4). */
export const NA_FLAG_SOLICITED = 0x40;
/** NA Override flag: bit 0x20 of the byte after the checksum (RFC 4861 §4.4). */
export const NA_FLAG_OVERRIDE = 0x20;
/** Mask of the 29 reserved bits of the NA flags word, after R, S and O (RFC 4861 §4.4). */
export const NA_RESERVED_MASK = 0x1fff_ffff;

/** The hop limit every Neighbor Discovery message is sent with and must arrive with (RFC 4861 §7.1.1, §7.1.2). */
export const NDP_HOP_LIMIT = 255;

/** Length of a link-layer address option carrying an Ethernet MAC: 1 unit (RFC 2464 §6). */
export const ETHERNET_LINK_LAYER_OPTION_UNITS = 1;

/** ff02::1, the all-nodes link-local multicast group (RFC 4291 §2.7.1), where unsolicited NAs go. */
export const ALL_NODES_MULTICAST = "ff02::1";

/** 33:33:00:00:00:01, the Ethernet MAC of ff02::1 (RFC 2464 §7), as a 48-bit integer. */
export const ALL_NODES_MULTICAST_MAC = 0x3333_0000_0001;

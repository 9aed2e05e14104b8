/**
 * IPv6 constants (RFC 8200): header size, field offsets, Next Header values and well-known addresses.
 *
 * @packageDocumentation
 */

/** Length of the IPv6 fixed header (RFC 8200 §3). */
export const IPV6_HEADER_LENGTH = 40;

/** Offset of the Payload Length field in the fixed header (RFC 8200 §3). */
export const IPV6_PAYLOAD_LENGTH_OFFSET = 4;
/** Offset of the Next Header field in the fixed header (RFC 8200 §3). */
export const IPV6_NEXT_HEADER_OFFSET = 6;
/** Offset of the Hop Limit field in the fixed header (RFC 8200 §3). */
export const IPV6_HOP_LIMIT_OFFSET = 7;
/** Offset of the Source Address in the fixed header (RFC 8200 §3). */
export const IPV6_SOURCE_OFFSET = 8;
/** Offset of the Destination Address in the fixed header (RFC 8200 §3). */
export const IPV6_DESTINATION_OFFSET = 24;

/** Largest Payload Length the 16-bit field can carry; larger payloads need a jumbogram (RFC 2675). */
export const IPV6_MAX_PAYLOAD_LENGTH = 0xffff;

/** Length of a Fragment header (RFC 8200 §4.5). */
export const IPV6_FRAGMENT_HEADER_LENGTH = 8;

/**
 * Most extension headers {@link Ipv6View} walks before it stops and reports the next one as the upper
 * layer. RFC 8200 §4.1 recommends at most one of each (two Destination Options), about 7; real stacks stop
 * far earlier than the 8191 a 64 KiB payload could hold.
 */
export const IPV6_MAX_EXTENSION_HEADERS = 32;

/**
 * IPv6 Next Header values (IANA "Assigned Internet Protocol Numbers") this library names: the extension
 * headers of RFC 8200 §4 and the upper layers a Neighbor Discovery speaker meets.
 */
export const NEXT_HEADER = {
  /** Hop-by-Hop Options header (RFC 8200 §4.3). */
  HOP_BY_HOP: 0,
  /** TCP (RFC 9293). */
  TCP: 6,
  /** UDP (RFC 768). */
  UDP: 17,
  /** Routing header (RFC 8200 §4.4). */
  ROUTING: 43,
  /** Fragment header (RFC 8200 §4.5). */
  FRAGMENT: 44,
  /** Encapsulating Security Payload (RFC 4303): the rest is encrypted, the walk stops. */
  ESP: 50,
  /** Authentication Header (RFC 4302 §2.2): length in 4-octet units minus 2. */
  AUTHENTICATION: 51,
  /** ICMPv6 (RFC 4443), which carries Neighbor Discovery (RFC 4861). */
  ICMPV6: 58,
  /** No Next Header (RFC 8200 §4.7). */
  NO_NEXT_HEADER: 59,
  /** Destination Options header (RFC 8200 §4.6). */
  DESTINATION_OPTIONS: 60,
} as const;
/** One of the {@link NEXT_HEADER} values (any byte can appear on the wire). */
export type NextHeader = (typeof NEXT_HEADER)[keyof typeof NEXT_HEADER];

/**
 * ff02::1, the all-nodes link-local multicast group (RFC 4291 §2.7.1), as 16 bytes. Shared: never write
 * into it (copy it with `slice()` first).
 */
export const ALL_NODES_MULTICAST_BYTES: Uint8Array = Uint8Array.of(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

/** ff02::2, the all-routers link-local multicast group (RFC 4291 §2.7.1), as 16 bytes. Shared: never write into it. */
export const ALL_ROUTERS_MULTICAST_BYTES: Uint8Array = Uint8Array.of(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2);

/** ::, the unspecified address (RFC 4291 §2.5.2), the source of a DAD probe, as 16 bytes. Shared: never write into it. */
export const UNSPECIFIED_ADDRESS_BYTES: Uint8Array = new Uint8Array(16);

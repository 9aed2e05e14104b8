/**
 * The kinds of frame a {@link FrameView} tells apart. A module of its own, below `frame.ts`, so that the
 * builders that take a `FrameView` as the frame they answer can check its kind without importing the
 * frame layer.
 */

/** What a {@link FrameView} found in its frame. */
export const FRAME_KIND = {
  /** Ethernet only: a protocol this library does not decode. */
  OTHER: 0,
  /** ARP or RARP. */
  ARP: 1,
  /** IPv6 whose upper layer is not ICMPv6 (or is not reachable). */
  IPV6: 2,
  /** ICMPv6 other than NS/NA (RS, RA, Redirect, echo, errors). */
  ICMPV6: 3,
  /** Neighbor Solicitation (RFC 4861 §4.3). */
  NEIGHBOR_SOLICITATION: 4,
  /** Neighbor Advertisement (RFC 4861 §4.4). */
  NEIGHBOR_ADVERTISEMENT: 5,
} as const;
/** One of the {@link FRAME_KIND} values. */
export type FrameKind = (typeof FRAME_KIND)[keyof typeof FRAME_KIND];

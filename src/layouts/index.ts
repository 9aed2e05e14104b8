/**
 * `arp-ndp/layouts`: buffer-layout declarations of every fixed header, the executable specification of
 * the wire formats and the test oracle of the core decoders and encoders.
 *
 * These work on Node `Buffer`s only (wrap bytes with `Buffer.from(bytes)`), do not check lengths and cost
 * about 500 ns per header: use the core's views and decoders to handle frames, these to read or check the
 * specification. The core never imports this subpath.
 *
 * @packageDocumentation
 */
export type { DeclaredLayout } from "./types.js";
export {
  ETHERNET_HEADER_LAYOUT,
  VLAN_TAG_BITS_LAYOUT,
  VLAN_TAG_LAYOUT,
  type EthernetHeaderFields,
  type VlanTagBitsFields,
  type VlanTagFields,
} from "./ethernet.js";
export {
  ARP_ETHERNET_IPV4_LAYOUT,
  ARP_FIXED_HEADER_LAYOUT,
  type ArpEthernetIpv4Fields,
  type ArpFixedHeaderFields,
} from "./arp.js";
// The NS/NA fixed part lives with the IPv6 and ICMPv6 headers in ./ipv6.ts (there is no ./ndp.ts).
export {
  ICMPV6_HEADER_LAYOUT,
  IPV6_HEADER_LAYOUT,
  NEIGHBOR_FIXED_LAYOUT,
  type Icmpv6HeaderLayoutFields,
  type Ipv6HeaderLayoutFields,
  type NeighborFixedLayoutFields,
} from "./ipv6.js";

/**
 * Multicast derivations a speaker needs: the solicited-node group of an IPv6 address, the Ethernet
 * multicast MAC of an IPv6 or IPv4 group, and the modified EUI-64 link-local address of a MAC.
 *
 * @packageDocumentation
 */
import { invalidField } from "../errors.js";
import { copyBytes, fillBytes } from "../internal/bytes.js";
import { formatMac, macToBytes, type MacAddressInput } from "./mac.js";
import { IPV4_LENGTH, parseIpv4 } from "./ipv4.js";
import { IPV6_LENGTH, formatIpv6, ipv6ToBytes, parseIpv6, type Ipv6AddressInput } from "./ipv6.js";

/** The 13-byte prefix ff02::1:ff00:0/104 of every solicited-node multicast address (RFC 4291 §2.7.1). */
const SOLICITED_NODE_PREFIX = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff] as const;

/**
 * Writes the solicited-node multicast address of the 16-byte address at `source[sourceOffset]` into
 * `out[offset]`: ff02::1:ff00:0/104 followed by its low 24 bits (RFC 4291 §2.7.1). Allocates nothing.
 */
export function writeSolicitedNodeMulticast(out: Uint8Array, offset: number, source: Uint8Array, sourceOffset: number): void {
  for (let i = 0; i < 13; i++) out[offset + i] = SOLICITED_NODE_PREFIX[i]!;
  out[offset + 13] = source[sourceOffset + 13]!;
  out[offset + 14] = source[sourceOffset + 14]!;
  out[offset + 15] = source[sourceOffset + 15]!;
}

/**
 * The solicited-node multicast address of an IPv6 address (RFC 4291 §2.7.1), as RFC 5952 text:
 * `solicitedNodeMulticast("2001:db8::f0") === "ff02::1:ff00:f0"`.
 * @throws FrameError `INVALID_FIELD` when the input is not an IPv6 address.
 */
export function solicitedNodeMulticast(address: Ipv6AddressInput): string {
  const source = typeof address === "string" ? parseIpv6(address) : ipv6ToBytes(address, "address");
  const out = new Uint8Array(IPV6_LENGTH);
  writeSolicitedNodeMulticast(out, 0, source, 0);
  return formatIpv6(out);
}

/** True when the 16 bytes at `offset` are a solicited-node multicast address, ff02::1:ffXX:XXXX (RFC 4291 §2.7.1). */
export function isSolicitedNodeMulticast(bytes: Uint8Array, offset = 0): boolean {
  for (let i = 0; i < 13; i++) if (bytes[offset + i] !== SOLICITED_NODE_PREFIX[i]) return false;
  return true;
}

/**
 * Writes the Ethernet MAC of the IPv6 multicast group at `group[groupOffset]` into `out[offset]`:
 * 33:33 followed by the group's low 32 bits (RFC 2464 §7). Allocates nothing.
 */
export function writeIpv6MulticastMac(out: Uint8Array, offset: number, group: Uint8Array, groupOffset: number): void {
  out[offset] = 0x33;
  out[offset + 1] = 0x33;
  copyBytes(group, groupOffset + 12, out, offset + 2, 4);
}

/**
 * Writes the Ethernet MAC of an IPv4 multicast group (a uint32) into `out[offset]`: 01:00:5e, a zero bit,
 * then the group's low 23 bits (RFC 1112 §6.4).
 */
export function writeIpv4MulticastMac(out: Uint8Array, offset: number, group: number): void {
  out[offset] = 0x01;
  out[offset + 1] = 0x00;
  out[offset + 2] = 0x5e;
  out[offset + 3] = (group >>> 16) & 0x7f;
  out[offset + 4] = (group >>> 8) & 0xff;
  out[offset + 5] = group & 0xff;
}

/**
 * The Ethernet multicast MAC of an IPv6 group (RFC 2464 §7) or IPv4 group (RFC 1112 §6.4):
 * `multicastMac("ff02::1:ff00:f0") === "33:33:ff:00:00:f0"`, `multicastMac("224.0.0.251") === "01:00:5e:00:00:fb"`.
 * Text with a ':' (or 16 bytes) is IPv6, dotted text (or 4 bytes) is IPv4.
 * @throws FrameError `INVALID_FIELD` when the input is not an address, or not a multicast one.
 */
export function multicastMac(group: string | Uint8Array): string {
  const mac = new Uint8Array(6);
  const isV6 = typeof group === "string" ? group.includes(":") : group.length === IPV6_LENGTH;
  if (isV6) {
    const bytes = typeof group === "string" ? parseIpv6(group) : group;
    if (bytes[0] !== 0xff) throw invalidField("address", `not an IPv6 multicast address: ${describe(group)}`);
    writeIpv6MulticastMac(mac, 0, bytes, 0);
  } else {
    if (typeof group !== "string" && group.length !== IPV4_LENGTH) {
      throw invalidField("address", `a multicast group must be 4 or 16 bytes, got ${group.length}`);
    }
    const v4 = typeof group === "string" ? parseIpv4(group) : ((group[0]! << 24) | (group[1]! << 16) | (group[2]! << 8) | group[3]!) >>> 0;
    if (v4 >>> 28 !== 0xe) throw invalidField("address", `not an IPv4 multicast address: ${describe(group)}`);
    writeIpv4MulticastMac(mac, 0, v4);
  }
  return formatMac(mac);
}

function describe(input: string | Uint8Array): string {
  return typeof input === "string" ? JSON.stringify(input) : `${input.length} bytes`;
}

/**
 * Writes the link-local address fe80::/64 with the modified EUI-64 interface identifier of a 6-byte MAC
 * (RFC 4291 Appendix A: ff:fe in the middle, universal/local bit inverted) into `out[offset]`.
 */
export function writeLinkLocalFromMac(out: Uint8Array, offset: number, mac: Uint8Array, macOffset: number): void {
  out[offset] = 0xfe;
  out[offset + 1] = 0x80;
  fillBytes(out, offset + 2, 6, 0);
  out[offset + 8] = mac[macOffset]! ^ 0x02;
  out[offset + 9] = mac[macOffset + 1]!;
  out[offset + 10] = mac[macOffset + 2]!;
  out[offset + 11] = 0xff;
  out[offset + 12] = 0xfe;
  out[offset + 13] = mac[macOffset + 3]!;
  out[offset + 14] = mac[macOffset + 4]!;
  out[offset + 15] = mac[macOffset + 5]!;
}

/**
 * The link-local IPv6 address a host derives from its MAC with modified EUI-64 (RFC 4291 Appendix A,
 * RFC 4862 §5.3): `linkLocalFromMac("02:00:00:00:00:01") === "fe80::ff:fe00:1"`.
 * @throws FrameError `INVALID_FIELD` when the input is not a MAC address.
 */
export function linkLocalFromMac(mac: MacAddressInput): string {
  const out = new Uint8Array(IPV6_LENGTH);
  writeLinkLocalFromMac(out, 0, macToBytes(mac, "mac"), 0);
  return formatIpv6(out);
}

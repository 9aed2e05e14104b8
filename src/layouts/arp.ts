/**
 * buffer-layout declarations of the ARP headers (RFC 826): the executable specification and a test
 * oracle for `ArpView`/`decodeArp`/`encodeArp`. buffer-layout works on Node `Buffer`s only and does not
 * check lengths: never on the hot path.
 *
 * @packageDocumentation
 */
import { blob, struct, u16be, u32be, u8 } from "buffer-layout";
import type { DeclaredLayout } from "./types.js";

/** The fields of the 8-byte fixed ARP header. */
export interface ArpFixedHeaderFields {
  /** `ar$hrd`. */
  hardwareType: number;
  /** `ar$pro`. */
  protocolType: number;
  /** `ar$hln`. */
  hardwareLength: number;
  /** `ar$pln`. */
  protocolLength: number;
  /** `ar$op`. */
  operation: number;
}

/** The fields of a 28-byte Ethernet/IPv4 ARP message (addresses as raw bytes and uint32). */
export interface ArpEthernetIpv4Fields extends ArpFixedHeaderFields {
  /** `ar$sha`, 6 bytes. */
  senderHardwareAddress: Uint8Array;
  /** `ar$spa` as a uint32. */
  senderProtocolAddress: number;
  /** `ar$tha`, 6 bytes. */
  targetHardwareAddress: Uint8Array;
  /** `ar$tpa` as a uint32. */
  targetProtocolAddress: number;
}

/** RFC 826 fixed header, 8 bytes: htype u16, ptype u16, hlen u8, plen u8, oper u16 (network order). */
export const ARP_FIXED_HEADER_LAYOUT: DeclaredLayout<ArpFixedHeaderFields> = struct<ArpFixedHeaderFields>([
  u16be("hardwareType"),
  u16be("protocolType"),
  u8("hardwareLength"),
  u8("protocolLength"),
  u16be("operation"),
]);

/** RFC 826 message for Ethernet (hlen 6) and IPv4 (plen 4), 28 bytes. */
export const ARP_ETHERNET_IPV4_LAYOUT: DeclaredLayout<ArpEthernetIpv4Fields> = struct<ArpEthernetIpv4Fields>([
  u16be("hardwareType"),
  u16be("protocolType"),
  u8("hardwareLength"),
  u8("protocolLength"),
  u16be("operation"),
  blob(6, "senderHardwareAddress"),
  u32be("senderProtocolAddress"),
  blob(6, "targetHardwareAddress"),
  u32be("targetProtocolAddress"),
]);

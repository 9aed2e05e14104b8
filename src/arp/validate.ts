/**
 * Strict checks and classification of decoded ARP messages. Decoders are lenient; this is where the
 * receive rules of RFC 826, RFC 5227 and the Linux kernel (net/ipv4/arp.c `arp_rcv`, `arp_process`) live.
 *
 * @packageDocumentation
 */
import { ETHER_TYPE } from "../ethernet/constants.js";
import type { EthernetHeader } from "../ethernet/ethernet.js";
import type { Violation } from "../validate-types.js";
import { bytesEqual, isZero } from "../internal/bytes.js";
import { ArpView, type ArpPacket } from "./arp.js";
import { ARP_HARDWARE_TYPE, ARP_OPERATION, ARP_PROTOCOL_IPV4 } from "./constants.js";

/**
 * What an ARP message is, by RFC 5227 and RFC 826 terms:
 * - `"probe"`: a request with SPA 0.0.0.0 and a non-zero TPA (RFC 5227 §2.1.1, address conflict detection);
 * - `"announcement"`: a request with SPA = TPA (RFC 5227 §2.3; the usual "gratuitous ARP");
 * - `"gratuitous-reply"`: a reply with SPA = TPA (RFC 2002 §4.6 / RFC 5227 §3). Whatever its THA: Linux
 *   only treats it as gratuitous when THA = SHA as well (see `buildGratuitousArp`);
 * - `"request"`, `"reply"`: any other operation 1 or 2;
 * - `"other"`: any other operation (RARP, InARP, ...).
 * SPA = TPA compares the raw bytes and needs plen > 0; the probe test needs an IPv4 message (ptype
 * 0x0800, plen 4).
 */
export type ArpKind = "probe" | "announcement" | "gratuitous-reply" | "request" | "reply" | "other";

/**
 * Classifies a decoded ARP message, or a view after a successful `reset` (allocation-free), as
 * {@link ArpKind}: probe, announcement, gratuitous reply, plain request or reply, other.
 */
export function classifyArp(arp: ArpPacket | ArpView): ArpKind {
  if (arp instanceof ArpView) return classifyView(arp);
  const op = arp.operation;
  if (op !== ARP_OPERATION.REQUEST && op !== ARP_OPERATION.REPLY) return "other";
  const sameAddress = arp.protocolLength > 0 && arp.senderProtocolAddress === arp.targetProtocolAddress;
  if (op === ARP_OPERATION.REPLY) return sameAddress ? "gratuitous-reply" : "reply";
  if (arp.protocolType === ARP_PROTOCOL_IPV4 && arp.protocolLength === 4 && arp.senderProtocolAddress === "0.0.0.0") {
    return arp.targetProtocolAddress === "0.0.0.0" ? "request" : "probe";
  }
  return sameAddress ? "announcement" : "request";
}

function classifyView(v: ArpView): ArpKind {
  const op = v.operation;
  if (op !== ARP_OPERATION.REQUEST && op !== ARP_OPERATION.REPLY) return "other";
  const plen = v.protocolLength;
  const b = v.bytes;
  const sameAddress = plen > 0 && bytesEqual(b, v.senderProtocolOffset, b, v.targetProtocolOffset, plen);
  if (op === ARP_OPERATION.REPLY) return sameAddress ? "gratuitous-reply" : "reply";
  if (v.protocolType === ARP_PROTOCOL_IPV4 && plen === 4 && isZero(b, v.senderProtocolOffset, 4)) {
    return sameAddress ? "request" : "probe";
  }
  return sameAddress ? "announcement" : "request";
}

const IPV4_TEXT = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The uint32 of dotted-quad text as decodeArp writes it, or -1. */
function ipv4Value(text: string): number {
  const m = IPV4_TEXT.exec(text);
  if (m === null) return -1;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

/**
 * The rules {@link validateArp} applies, each with the RFC section (or the Linux function) it comes from:
 * the `rfc` of every violation is read from here.
 */
export const ARP_RULES = {
  "arp-hardware-length": "RFC 826; Linux arp_rcv",
  "arp-protocol-length": "RFC 826; Linux arp_rcv",
  "arp-hardware-type": "RFC 1042; Linux arp_process",
  "arp-protocol-type": "RFC 826; Linux arp_process",
  "rarp-operation": "RFC 903",
  "arp-operation": "RFC 826; Linux arp_process",
  "arp-sender-hardware-multicast": "RFC 1812 §3.3.2",
  "arp-sender-multicast": "RFC 1122 §3.2.1.3",
  "arp-target-multicast": "Linux arp_process (ipv4_is_multicast)",
  "arp-target-loopback": "Linux arp_process (ipv4_is_loopback)",
} as const;
/** One of the {@link ARP_RULES} ids. */
export type ArpRule = keyof typeof ARP_RULES;

/** True when MAC text's first byte has the I/G (group) bit set: multicast or broadcast. */
function isGroupMacText(text: string): boolean {
  const first = parseInt(text.slice(0, 2), 16);
  return Number.isInteger(first) && (first & 1) === 1;
}

/**
 * Checks a decoded ARP message (and, when given, the Ethernet header it came in) against the rules a
 * receiver applies, each finding citing its source. Empty when a Linux host would process the message.
 *
 * Rules (rule id: condition → source):
 * - `arp-hardware-length`: hlen ≠ 6 for hardware type 1/6 or on an Ethernet frame (RFC 826 48-bit Ethernet
 *   addresses; Linux `arp_rcv` drops `ar_hln != dev->addr_len`); hlen ≠ 20 for InfiniBand (RFC 4391).
 * - `arp-protocol-length`: plen ≠ 4 for protocol type 0x0800 (RFC 826; Linux `arp_rcv` drops `ar_pln != 4`).
 * - `arp-hardware-type`: on an Ethernet frame, hardware type not 1 or 6 (Linux `arp_process`, after RFC 1042).
 * - `arp-protocol-type`: on an Ethernet frame, protocol type not 0x0800 (Linux `arp_process` resolves IPv4 only).
 * - `arp-operation`: not 1 or 2 (RFC 826; Linux `arp_process` "understand only these message types"), or,
 *   in a frame of EtherType 0x8035, not 3 or 4 (`rarp-operation`, RFC 903).
 * - `arp-target-multicast`, `arp-target-loopback`: TPA in 224.0.0.0/4 or 127.0.0.0/8 (Linux
 *   `arp_process`: `ipv4_is_multicast(tip)`, `ipv4_is_loopback(tip)` unless `route_localnet`).
 * - `arp-sender-multicast`: SPA in 224.0.0.0/4 or 255.255.255.255, never a valid source (RFC 1122 §3.2.1.3).
 * - `arp-sender-hardware-multicast`: a 6-byte SHA with the group bit (multicast or broadcast), which
 *   RFC 1812 §3.3.2 forbids routers to believe.
 * IPv4 rules apply only to ARP (not RARP) messages with protocol type 0x0800 and plen 4.
 */
export function validateArp(arp: ArpPacket, ethernet?: EthernetHeader): Violation[] {
  const violations: Violation[] = [];
  const etherType = ethernet === undefined ? undefined : (ethernet.llc?.protocolId ?? ethernet.etherType);
  const isRarp = etherType === ETHER_TYPE.RARP;
  const htype = arp.hardwareType;
  const hlen = arp.hardwareLength;
  const plen = arp.protocolLength;
  const ethernetHardware = htype === ARP_HARDWARE_TYPE.ETHERNET || htype === ARP_HARDWARE_TYPE.IEEE802;
  if ((ethernetHardware || ethernet !== undefined) && hlen !== 6) {
    violations.push({
      rule: "arp-hardware-length",
      rfc: ARP_RULES["arp-hardware-length"],
      message: `hardware address length is ${hlen}, not 6 (Ethernet)`,
    });
  } else if (htype === ARP_HARDWARE_TYPE.INFINIBAND && ethernet === undefined && hlen !== 20) {
    violations.push({ rule: "arp-hardware-length", rfc: ARP_RULES["arp-hardware-length"], message: `hardware address length is ${hlen}, not 20 (InfiniBand, RFC 4391 §4)` });
  }
  if (arp.protocolType === ARP_PROTOCOL_IPV4 && plen !== 4) {
    violations.push({ rule: "arp-protocol-length", rfc: ARP_RULES["arp-protocol-length"], message: `protocol address length is ${plen}, not 4 (IPv4)` });
  }
  if (ethernet !== undefined && !ethernetHardware) {
    violations.push({
      rule: "arp-hardware-type",
      rfc: ARP_RULES["arp-hardware-type"],
      message: `hardware type ${htype} on an Ethernet link (1 or 6 expected)`,
    });
  }
  if (ethernet !== undefined && arp.protocolType !== ARP_PROTOCOL_IPV4) {
    violations.push({
      rule: "arp-protocol-type",
      rfc: ARP_RULES["arp-protocol-type"],
      message: `protocol type 0x${arp.protocolType.toString(16).padStart(4, "0")} is not IPv4 (0x0800)`,
    });
  }
  const op = arp.operation;
  if (isRarp) {
    if (op !== ARP_OPERATION.RARP_REQUEST && op !== ARP_OPERATION.RARP_REPLY) {
      violations.push({ rule: "rarp-operation", rfc: ARP_RULES["rarp-operation"], message: `RARP operation ${op} is neither 3 (request) nor 4 (reply)` });
    }
    return violations;
  }
  if (op !== ARP_OPERATION.REQUEST && op !== ARP_OPERATION.REPLY) {
    violations.push({ rule: "arp-operation", rfc: ARP_RULES["arp-operation"], message: `operation ${op} is neither 1 (request) nor 2 (reply)` });
  }
  if (hlen === 6 && (ethernetHardware || ethernet !== undefined) && isGroupMacText(arp.senderHardwareAddress)) {
    violations.push({
      rule: "arp-sender-hardware-multicast",
      rfc: ARP_RULES["arp-sender-hardware-multicast"],
      message: `sender hardware address ${arp.senderHardwareAddress} is a group (multicast or broadcast) address`,
    });
  }
  if (arp.protocolType !== ARP_PROTOCOL_IPV4 || plen !== 4) return violations;
  const spa = ipv4Value(arp.senderProtocolAddress);
  const tpa = ipv4Value(arp.targetProtocolAddress);
  if (spa >= 0 && (spa >>> 28 === 0xe || spa === 0xffff_ffff)) {
    violations.push({
      rule: "arp-sender-multicast",
      rfc: ARP_RULES["arp-sender-multicast"],
      message: `sender protocol address ${arp.senderProtocolAddress} is multicast or broadcast`,
    });
  }
  if (tpa >= 0 && tpa >>> 28 === 0xe) {
    violations.push({
      rule: "arp-target-multicast",
      rfc: ARP_RULES["arp-target-multicast"],
      message: `target protocol address ${arp.targetProtocolAddress} is multicast`,
    });
  }
  if (tpa >= 0 && tpa >>> 24 === 127) {
    violations.push({
      rule: "arp-target-loopback",
      rfc: ARP_RULES["arp-target-loopback"],
      message: `target protocol address ${arp.targetProtocolAddress} is a loopback address`,
    });
  }
  return violations;
}

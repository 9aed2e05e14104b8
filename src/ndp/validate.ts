/**
 * Strict validation of Neighbor Solicitations and Advertisements: the receive checks of RFC 4861 §7.1.1
 * and §7.1.2 as the Linux kernel applies them (`ndisc_rcv`: hop limit and code; `ndisc_recv_ns`,
 * `ndisc_recv_na`: length, multicast target, DAD destination and SLLA, solicited multicast NA;
 * `ndisc_parse_options`: zero-length options; `ndisc_opt_addr_data`: link-layer option length; the
 * checksum is checked by `icmpv6_rcv` before any of them), plus the IPv6 header fields they rest on.
 *
 * Decoders stay lenient; this is where a frame a conforming host would drop is told apart, with the
 * reason and the RFC section.
 *
 * @packageDocumentation
 */
import type { Violation } from "../validate-types.js";
import type { EthernetHeader } from "../ethernet/ethernet.js";
import type { Ipv6Header } from "../ipv6/ipv6.js";
import { NEXT_HEADER } from "../ipv6/constants.js";
import { IPV6_LENGTH, isIpv6Multicast, isIpv6Unspecified, parseIpv6 } from "../address/ipv6.js";
import { isSolicitedNodeMulticast } from "../address/multicast.js";
import { ICMPV6_TYPE, type Icmpv6Header } from "./icmpv6.js";
import { NDP_FIXED_LENGTH, NDP_HOP_LIMIT, NDP_OPTION_TYPE } from "./constants.js";
import type { NdpMessage } from "./ndp.js";

/** What {@link validateNdp} looks at: the decoded layers of one frame (`decodeFrame`'s result is one). */
export interface NdpValidationInput {
  /** Ethernet header, when the frame came over Ethernet: enables the link-layer option length rule. */
  ethernet?: EthernetHeader;
  /** The IPv6 fixed header (absent for a frame that is not IPv6: no rule applies). */
  ipv6?: Ipv6Header | undefined;
  /** The ICMPv6 header, with `checksumValid` computed over the pseudo-header (absent: no rule applies). */
  icmpv6?: Icmpv6Header | undefined;
  /** The decoded NS/NA (absent when it did not decode: then only the header rules run). */
  ndp?: NdpMessage;
  /**
   * ICMPv6 message length in bytes. Defaults to the IPv6 Payload Length when the fixed header's Next
   * Header is ICMPv6 (no extension headers).
   */
  icmpv6Length?: number;
}

/**
 * The solicitation an advertisement answers, for the rules that need both (pass the decoded NS frame,
 * `decodeFrame`'s result is one): a solicited NA answering a multicast NS must carry a Target Link-Layer
 * Address option (RFC 4861 §4.4), and must be for the NS's target (RFC 4861 §7.2.4).
 */
export interface NdpSolicitationContext {
  /** The NS's IPv6 header (its destination says whether the NS was multicast). */
  ipv6: Ipv6Header;
  /** The NS itself (its target is compared with the NA's), when known. */
  ndp?: NdpMessage;
}

/**
 * The rules {@link validateNdp} applies, by id, with the section each violation cites: `ns` when the
 * message is a Neighbor Solicitation, `na` when it is an Advertisement (a rule without one of them does
 * not apply to that message). The `rfc` of every violation is read from here.
 */
export const NDP_RULES = {
  "ipv6-version": { ns: "RFC 8200 §3", na: "RFC 8200 §3" },
  "ipv6-payload-length": { ns: "RFC 8200 §3", na: "RFC 8200 §3" },
  "ndp-hop-limit": { ns: "RFC 4861 §7.1.1", na: "RFC 4861 §7.1.2" },
  "ndp-code": { ns: "RFC 4861 §7.1.1", na: "RFC 4861 §7.1.2" },
  "ndp-checksum": { ns: "RFC 4861 §7.1.1 (RFC 4443 §2.3)", na: "RFC 4861 §7.1.2 (RFC 4443 §2.3)" },
  "ndp-length": { ns: "RFC 4861 §7.1.1", na: "RFC 4861 §7.1.2" },
  "ndp-target-multicast": { ns: "RFC 4861 §7.1.1", na: "RFC 4861 §7.1.2" },
  "ndp-option-length-zero": { ns: "RFC 4861 §7.1.1 (§4.6)", na: "RFC 4861 §7.1.2 (§4.6)" },
  "ndp-link-layer-option-length": { ns: "RFC 2464 §6 (RFC 4861 §4.6.1)", na: "RFC 2464 §6 (RFC 4861 §4.6.1)" },
  "ndp-dad-destination": { ns: "RFC 4861 §7.1.1" },
  "ndp-dad-source-link-layer": { ns: "RFC 4861 §7.1.1" },
  "ndp-solicited-multicast": { na: "RFC 4861 §7.1.2" },
  "ndp-missing-target-link-layer": { na: "RFC 4861 §4.4" },
  "ndp-target-mismatch": { na: "RFC 4861 §7.2.4" },
} as const satisfies Record<string, { readonly ns?: string; readonly na?: string }>;
/** One of the {@link NDP_RULES} ids. */
export type NdpRule = keyof typeof NDP_RULES;

function bytesOf(text: string): Uint8Array | undefined {
  try {
    return parseIpv6(text);
  } catch {
    return undefined;
  }
}

/**
 * Checks a decoded NS or NA frame against the receive rules of RFC 4861 §7.1.1 (NS) and §7.1.2 (NA), as
 * Linux's `ndisc_rcv` enforces them, and returns every violation (empty when a conforming host would
 * accept the message). Rules (ids in {@link NDP_RULES}):
 *
 * | rule | checks |
 * |---|---|
 * | `ipv6-version` | IPv6 Version is 6 (RFC 8200 §3) |
 * | `ipv6-payload-length` | Payload Length equals the ICMPv6 length when there are no extension headers (RFC 8200 §3; only when `icmpv6Length` is given) |
 * | `ndp-hop-limit` | Hop Limit is 255 (§7.1.1, §7.1.2; Linux `ndisc_rcv`) |
 * | `ndp-code` | ICMP Code is 0 |
 * | `ndp-checksum` | ICMP checksum is valid (`icmpv6.checksumValid`) |
 * | `ndp-length` | ICMP length is 24 or more octets |
 * | `ndp-target-multicast` | Target Address is not multicast |
 * | `ndp-option-length-zero` | every option has a length > 0 |
 * | `ndp-link-layer-option-length` | on Ethernet, link-layer address options are 1 unit (RFC 2464 §6; Linux `ndisc_opt_addr_data` drops others) |
 * | `ndp-dad-destination` | an NS from :: goes to a solicited-node multicast address |
 * | `ndp-dad-source-link-layer` | an NS from :: carries no Source Link-Layer Address option |
 * | `ndp-solicited-multicast` | an NA to a multicast address has S = 0 |
 * | `ndp-missing-target-link-layer` | a solicited NA answering a multicast NS carries a Target Link-Layer Address (§4.4; needs `solicitation`) |
 * | `ndp-target-mismatch` | the NA's target is the NS's target (§7.2.4; needs `solicitation.ndp`) |
 *
 * @param frame the decoded frame (Ethernet optional; without `ndp` only the header rules run).
 * @param solicitation the decoded NS this NA answers, when known: enables the last two rules.
 */
export function validateNdp(frame: NdpValidationInput, solicitation?: NdpSolicitationContext): Violation[] {
  const violations: Violation[] = [];
  const { ipv6, icmpv6, ndp } = frame;
  // Any decoded frame may be given (`validateNdp(decodeFrame(bytes))`): ARP and other frames have none.
  if (ipv6 === undefined || icmpv6 === undefined) return violations;
  const type = icmpv6.type;
  if (type !== ICMPV6_TYPE.NEIGHBOR_SOLICITATION && type !== ICMPV6_TYPE.NEIGHBOR_ADVERTISEMENT) return violations;
  const isNs = type === ICMPV6_TYPE.NEIGHBOR_SOLICITATION;
  const what = isNs ? "Neighbor Solicitation" : "Neighbor Advertisement";
  const message = isNs ? "ns" : "na";
  const add = (rule: NdpRule, text: string): void => {
    const sections: { readonly ns?: string; readonly na?: string } = NDP_RULES[rule];
    violations.push({ rule, rfc: sections[message] ?? "", message: text });
  };

  if (ipv6.version !== 6) add("ipv6-version", `IPv6 Version field is ${ipv6.version}, not 6`);
  const plain = ipv6.nextHeader === NEXT_HEADER.ICMPV6;
  if (frame.icmpv6Length !== undefined && plain && ipv6.payloadLength !== frame.icmpv6Length) {
    add("ipv6-payload-length", `Payload Length ${ipv6.payloadLength} differs from the ${frame.icmpv6Length}-byte ICMPv6 message`);
  }
  if (ipv6.hopLimit !== NDP_HOP_LIMIT) {
    add("ndp-hop-limit", `${what} with Hop Limit ${ipv6.hopLimit}, not 255: it may have been forwarded from off-link`);
  }
  if (icmpv6.code !== 0) add("ndp-code", `${what} with ICMP Code ${icmpv6.code}, not 0`);
  if (!icmpv6.checksumValid) {
    add("ndp-checksum", `ICMPv6 checksum 0x${icmpv6.checksum.toString(16).padStart(4, "0")} does not verify over the pseudo-header`);
  }
  const icmpLength = frame.icmpv6Length ?? (plain ? ipv6.payloadLength : undefined);
  if (icmpLength !== undefined && icmpLength < NDP_FIXED_LENGTH) {
    add("ndp-length", `ICMP length ${icmpLength} is under the 24 octets of a ${what}`);
  }
  if (ndp === undefined) return violations;

  const target = bytesOf(ndp.targetAddress);
  if (target !== undefined && isIpv6Multicast(target, 0)) {
    add("ndp-target-multicast", `Target Address ${ndp.targetAddress} is a multicast address`);
  }
  let hasSourceLinkLayer = false;
  let hasTargetLinkLayer = false;
  for (let i = 0; i < ndp.options.length; i++) {
    const option = ndp.options[i]!;
    if (option.length === 0) {
      add("ndp-option-length-zero", `option ${i} (type ${option.type}) has length 0`);
    }
    if (option.type === NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS) hasSourceLinkLayer = true;
    if (option.type === NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS) hasTargetLinkLayer = true;
    const isLinkLayer = option.type === NDP_OPTION_TYPE.SOURCE_LINK_LAYER_ADDRESS || option.type === NDP_OPTION_TYPE.TARGET_LINK_LAYER_ADDRESS;
    if (isLinkLayer && frame.ethernet !== undefined && option.length !== 1) {
      add(
        "ndp-link-layer-option-length",
        `${option.type === 1 ? "Source" : "Target"} Link-Layer Address option ${i} is ${option.length} units long; an Ethernet address takes 1`,
      );
    }
  }

  const source = bytesOf(ipv6.source);
  const destination = bytesOf(ipv6.destination);
  if (ndp.kind === "neighbor-solicitation") {
    if (source !== undefined && isIpv6Unspecified(source, 0)) {
      if (destination !== undefined && !isSolicitedNodeMulticast(destination, 0)) {
        add("ndp-dad-destination", `NS from :: (DAD) sent to ${ipv6.destination}, not to a solicited-node multicast address`);
      }
      if (hasSourceLinkLayer) {
        add("ndp-dad-source-link-layer", "NS from :: (DAD) carries a Source Link-Layer Address option");
      }
    }
    return violations;
  }

  if (ndp.solicited && destination !== undefined && isIpv6Multicast(destination, 0)) {
    add("ndp-solicited-multicast", `NA to multicast ${ipv6.destination} has the Solicited flag set`);
  }
  if (solicitation !== undefined) {
    const nsDestination = bytesOf(solicitation.ipv6.destination);
    if (ndp.solicited && !hasTargetLinkLayer && nsDestination !== undefined && isIpv6Multicast(nsDestination, 0)) {
      add("ndp-missing-target-link-layer", `solicited NA answering a multicast NS (to ${solicitation.ipv6.destination}) carries no Target Link-Layer Address option`);
    }
    const nsTarget = solicitation.ndp === undefined ? undefined : bytesOf(solicitation.ndp.targetAddress);
    if (nsTarget !== undefined && target !== undefined && !sameAddress(nsTarget, target)) {
      add("ndp-target-mismatch", `NA target ${ndp.targetAddress} is not the NS target ${solicitation.ndp?.targetAddress ?? ""}`);
    }
  }
  return violations;
}

function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < IPV6_LENGTH; i++) if (a[i] !== b[i]) return false;
  return true;
}

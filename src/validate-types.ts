/**
 * The shape of a strict-validation finding, shared by `validateArp` and `validateNdp`.
 *
 * Decoders are lenient (they keep whatever the wire carries); validators are strict and return a list of
 * these, one per broken rule, each citing the RFC section (or kernel behaviour) it comes from.
 *
 * @packageDocumentation
 */

/**
 * One rule a decoded message breaks.
 *
 * - `rule`: a stable kebab-case id (e.g. `"arp-hardware-length"`, `"ndp-hop-limit"`), for filtering.
 * - `rfc`: where the rule comes from, e.g. `"RFC 826"`, `"RFC 4861 §7.1.2"`.
 * - `message`: a human-readable sentence naming the offending value.
 */
export interface Violation {
  /** Stable kebab-case rule id. */
  readonly rule: string;
  /** The RFC section (or other reference) the rule comes from. */
  readonly rfc: string;
  /** What is wrong, with the offending value. */
  readonly message: string;
}

import fc from "fast-check";
import type { VlanTagInput } from "../../src/ethernet/vlan.js";

/** The TPIDs this library unwraps: 802.1Q, 802.1ad and the pre-standard 0x9100. */
export const VLAN_TPIDS = [0x8100, 0x88a8, 0x9100] as const;

/** A VLAN tag with every field drawn (TPID, PCP, DEI, VID). */
export const vlanTagArb: fc.Arbitrary<Required<VlanTagInput>> = fc.record({
  tpid: fc.constantFrom(...VLAN_TPIDS),
  priority: fc.integer({ min: 0, max: 7 }),
  dropEligible: fc.boolean(),
  id: fc.integer({ min: 0, max: 4095 }),
});

/** A VLAN tag as a builder takes it: the VID always, the other fields sometimes (their defaults otherwise). */
export const vlanTagInputArb: fc.Arbitrary<VlanTagInput> = fc.record(
  {
    id: fc.integer({ min: 0, max: 4095 }),
    priority: fc.integer({ min: 0, max: 7 }),
    dropEligible: fc.boolean(),
    tpid: fc.constantFrom(...VLAN_TPIDS),
  },
  { requiredKeys: ["id"] },
);

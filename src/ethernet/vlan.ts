/**
 * IEEE 802.1Q (C-tag, TPID 0x8100) and 802.1ad (S-tag, TPID 0x88a8) VLAN tags.
 *
 * A tag is a 16-bit TPID followed by the 16-bit TCI: priority code point (3 bits), drop eligible
 * indicator (1 bit), VLAN identifier (12 bits) (IEEE 802.1Q §9.6).
 *
 * @packageDocumentation
 */
import { invalidField } from "../errors.js";
import { writeU16 } from "../internal/bytes.js";
import { ETHER_TYPE, MAX_VLAN_ID, MAX_VLAN_PRIORITY } from "./constants.js";

/** A decoded VLAN tag, outermost first in a frame's `vlans` (IEEE 802.1Q §9.6). */
export interface VlanTag {
  /** Tag protocol identifier: 0x8100 (802.1Q), 0x88a8 (802.1ad) or 0x9100. */
  tpid: number;
  /** Priority code point, 0-7. */
  priority: number;
  /** Drop eligible indicator (DEI, formerly CFI). */
  dropEligible: boolean;
  /** VLAN identifier, 0-4095 (0 = priority tag only, 4095 reserved: both decoded as they are). */
  id: number;
}

/**
 * A VLAN tag to encode. `tpid` defaults to 0x8100 for a single tag; with two or more tags the outer ones
 * default to 0x88a8 (802.1ad QinQ) and the innermost to 0x8100.
 */
export interface VlanTagInput {
  /** VLAN identifier, 0-4095. */
  id: number;
  /** Priority code point, 0-7 (default 0). */
  priority?: number;
  /** Drop eligible indicator (default false). */
  dropEligible?: boolean;
  /** Tag protocol identifier (default: see above). Any 16-bit value is accepted, for fuzzing. */
  tpid?: number;
}

/** Builders' `vlan` option: one tag, or a stack of tags outermost first. */
export type VlanOption = VlanTagInput | readonly VlanTagInput[];

const NO_TAGS: readonly VlanTagInput[] = [];
const NO_TAG: VlanTagInput = { id: 0 };
const ONE_TAG: VlanTagInput[] = [NO_TAG];

/**
 * Normalises a builder's `vlan` option to a list (outermost first) without allocating: a single tag comes
 * back in a shared one-element array that is valid until the next call, so use the list at once (every
 * builder does) and call {@link releaseVlanList} when done, so the shared array holds no caller's object.
 * @internal
 */
export function vlanList(option: VlanOption | undefined): readonly VlanTagInput[] {
  if (option === undefined) return NO_TAGS;
  if (isTagList(option)) return option;
  ONE_TAG[0] = option;
  return ONE_TAG;
}

/** Drops the caller's tag from the array {@link vlanList} shares. @internal */
export function releaseVlanList(): void {
  ONE_TAG[0] = NO_TAG;
}

/** Number of tags a builder's `vlan` option stands for. @internal */
export function vlanTagCount(option: VlanOption | undefined): number {
  if (option === undefined) return 0;
  return isTagList(option) ? option.length : 1;
}

function isTagList(option: VlanOption): option is readonly VlanTagInput[] {
  return Array.isArray(option);
}

/**
 * Checks tags against IEEE 802.1Q §9.6 ranges: VID 0-4095, PCP 0-7, TPID 16 bits.
 * @throws FrameError `INVALID_FIELD` naming the tag and field.
 */
export function checkVlanTags(tags: readonly VlanTagInput[]): void {
  for (let i = 0; i < tags.length; i++) checkVlanTag(tags[i]!, i);
}

function checkVlanTag(tag: VlanTagInput, i: number): void {
  if (!Number.isInteger(tag.id) || tag.id < 0 || tag.id > MAX_VLAN_ID) {
    throw invalidField("vlan", `VLAN id must be an integer 0-${MAX_VLAN_ID}, got ${tag.id} (tag ${i})`);
  }
  const priority = tag.priority ?? 0;
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_VLAN_PRIORITY) {
    throw invalidField("vlan", `VLAN priority must be an integer 0-${MAX_VLAN_PRIORITY}, got ${priority} (tag ${i})`);
  }
  if (tag.tpid !== undefined && (!Number.isInteger(tag.tpid) || tag.tpid < 0 || tag.tpid > 0xffff)) {
    throw invalidField("vlan", `VLAN TPID must be a 16-bit integer, got ${tag.tpid} (tag ${i})`);
  }
}

/**
 * Checks a builder's `vlan` option (one tag or a stack) against IEEE 802.1Q §9.6 ranges, allocating nothing.
 * @throws FrameError `INVALID_FIELD` naming the tag and field.
 * @internal
 */
export function checkVlanOption(option: VlanOption | undefined): void {
  if (option === undefined) return;
  if (isTagList(option)) checkVlanTags(option);
  else checkVlanTag(option, 0);
}

/**
 * Writes the tags of a builder's `vlan` option (IEEE 802.1Q §9.6) at `offset` and returns the offset after
 * them. Ranges and capacity have been checked by the caller ({@link checkVlanOption}).
 * @internal
 */
export function writeVlanOption(out: Uint8Array, offset: number, option: VlanOption | undefined): number {
  if (option === undefined) return offset;
  if (!isTagList(option)) {
    writeVlanTag(out, offset, option, 0, 1);
    return offset + 4;
  }
  for (let i = 0; i < option.length; i++) writeVlanTag(out, offset + 4 * i, option[i]!, i, option.length);
  return offset + 4 * option.length;
}

/** The TPID a tag gets by default at `index` in a stack of `count` tags: 0x8100 (IEEE 802.1Q C-tag) innermost, 0x88a8 (IEEE 802.1ad S-tag) outside it. */
export function defaultTpid(index: number, count: number): number {
  return index === count - 1 ? ETHER_TYPE.VLAN : ETHER_TYPE.QINQ;
}

/** Writes one 4-byte tag, TPID then TCI (IEEE 802.1Q §9.6), at `offset`. The caller has checked ranges and capacity. */
export function writeVlanTag(out: Uint8Array, offset: number, tag: VlanTagInput, index: number, count: number): void {
  writeU16(out, offset, tag.tpid ?? defaultTpid(index, count));
  writeU16(out, offset + 2, ((tag.priority ?? 0) << 13) | (tag.dropEligible === true ? 0x1000 : 0) | tag.id);
}

/** Splits a TCI into PCP (3 bits), DEI (1) and VID (12), IEEE 802.1Q §9.6. */
export function vlanTagFromTci(tpid: number, tci: number): VlanTag {
  return { tpid, priority: tci >>> 13, dropEligible: (tci & 0x1000) !== 0, id: tci & 0x0fff };
}

import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAPTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";
import { isFrameError, ViewErrorCode, type FrameError } from "../../src/errors.js";
import { fromHex, toHex } from "../../src/internal/bytes.js";
import {
  EthernetView,
  computeEthernetFcs,
  decodeEthernet,
  encodeEthernet,
  encodeEthernetInto,
  ethernetEncodingLength,
  ethernetFrameLength,
  ethernetHeaderLength,
  finishEthernetFrame,
  verifyEthernetFcs,
  writeEthernetHeader,
  type DecodedEthernet,
  type EthernetFrameInput,
} from "../../src/ethernet/ethernet.js";
import {
  ETHERNET_HEADER_LENGTH,
  ETHER_TYPE,
  FCS_LENGTH,
  MAX_8023_LENGTH,
  MAX_VLAN_ID,
  MAX_VLAN_PRIORITY,
  MIN_FRAME_LENGTH,
  MIN_PAYLOAD_LENGTH,
  VLAN_TAG_LENGTH,
  isVlanTpid,
} from "../../src/ethernet/constants.js";
import { checkVlanTags, defaultTpid, vlanList, vlanTagFromTci, writeVlanTag } from "../../src/ethernet/vlan.js";

const hex = (text: string): Uint8Array => {
  const bytes = fromHex(text);
  if (bytes === undefined) throw new Error(`bad hex in test: ${text}`);
  return bytes;
};

function caught(f: () => unknown): FrameError {
  try {
    f();
  } catch (e) {
    if (isFrameError(e)) return e;
    throw new Error(`expected a FrameError, got ${String(e)}`);
  }
  throw new Error("expected a FrameError, nothing was thrown");
}

/** What the view says about a frame, in decodeEthernet's shape: the two tiers must agree. */
function viewSummary(bytes: Uint8Array, offset = 0, end = bytes.length): DecodedEthernet | number {
  const view = new EthernetView();
  const code = view.reset(bytes, offset, end);
  if (code !== 0) return code;
  const vlans = Array.from({ length: view.vlanCount }, (_, i) => ({
    tpid: view.vlanTpid(i),
    priority: view.vlanPriority(i),
    dropEligible: view.vlanDropEligible(i),
    id: view.vlanId(i),
  }));
  const decoded = decodeEthernet(bytes, offset, end);
  expect(view.destinationMac).toBe(Number.parseInt(decoded.ethernet.destination.replaceAll(":", ""), 16));
  expect(view.sourceMac).toBe(Number.parseInt(decoded.ethernet.source.replaceAll(":", ""), 16));
  expect(view.headerLength).toBe(ETHERNET_HEADER_LENGTH + VLAN_TAG_LENGTH * view.vlanCount);
  expect(view.isLlc).toBe(decoded.ethernet.llc !== undefined);
  expect(view.toHeader()).toEqual(decoded.ethernet);
  return {
    ethernet: { ...decoded.ethernet, vlans, etherType: view.etherType },
    protocol: view.protocol,
    payloadOffset: view.payloadOffset,
    payloadEnd: view.payloadEnd,
  };
}

const ARP_PAYLOAD = hex("0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202");

describe("decodeEthernet: known frames", () => {
  it("untagged ARP request with padding (RFC 826 over Ethernet II)", () => {
    const frame = encodeEthernet({ destination: "ff:ff:ff:ff:ff:ff", source: "02:00:00:00:00:01", etherType: ETHER_TYPE.ARP, payload: ARP_PAYLOAD });
    expect(frame.length).toBe(60);
    const d = decodeEthernet(frame);
    expect(d).toEqual({
      ethernet: { destination: "ff:ff:ff:ff:ff:ff", source: "02:00:00:00:00:01", etherType: 0x0806, vlans: [] },
      protocol: 0x0806,
      payloadOffset: 14,
      payloadEnd: 60, // the 18 padding bytes are kept in the payload range
    });
    expect(viewSummary(frame)).toEqual(d);
  });

  it("two stacked 802.1Q tags with PCP and DEI (libpcap++ ArpRequestWithVlan.dat)", () => {
    const frame = hex(
      "ffffffffffffca030db4001c8100b29a810040c808060001080006040001ca03 0db4001cc0a802c8000000000000c0a802fe",
    );
    const d = decodeEthernet(frame);
    expect(d.ethernet).toEqual({
      destination: "ff:ff:ff:ff:ff:ff",
      source: "ca:03:0d:b4:00:1c",
      etherType: 0x0806,
      vlans: [
        { tpid: 0x8100, priority: 5, dropEligible: true, id: 666 }, // TCI 0xb29a
        { tpid: 0x8100, priority: 2, dropEligible: false, id: 200 }, // TCI 0x40c8
      ],
    });
    expect(d.payloadOffset).toBe(22);
    expect(d.payloadEnd).toBe(50);
    expect(viewSummary(frame)).toEqual(d);
    // and it re-encodes byte for byte (no padding: it is 50 bytes with 28 of ARP)
    const again = encodeEthernet({
      destination: d.ethernet.destination,
      source: d.ethernet.source,
      etherType: d.ethernet.etherType,
      vlans: d.ethernet.vlans,
      payload: frame.subarray(d.payloadOffset),
      minimumPayloadLength: 0,
    });
    expect(toHex(again)).toBe(toHex(frame));
  });

  it("1, 2 and 3 stacked tags in captures cut under 60 bytes (suricata-verify detect-arp-03-vlan)", () => {
    const frames = readPcapFrames(path.join(CAPTURES_DIR, "arp_stacked_vlan_1to3_tags_truncated.pcap"));
    expect(frames.map((f) => f.data.length)).toEqual([46, 50, 54]);
    const ids = [[6], [1, 10], [1, 10, 100]];
    frames.forEach((f, i) => {
      const d = decodeEthernet(f.data);
      expect(d.ethernet.destination).toBe("ff:ff:ff:ff:ff:ff");
      expect(d.ethernet.source).toBe("00:01:02:03:04:05");
      expect(d.ethernet.vlans).toEqual(ids[i]!.map((id) => ({ tpid: 0x8100, priority: 0, dropEligible: false, id })));
      expect(d.ethernet.etherType).toBe(ETHER_TYPE.ARP);
      expect(d.protocol).toBe(ETHER_TYPE.ARP);
      expect(d.payloadOffset).toBe(14 + 4 * (i + 1));
      expect(d.payloadEnd).toBe(f.data.length);
      expect(d.payloadEnd - d.payloadOffset).toBe(28);
      expect(viewSummary(f.data)).toEqual(d);
    });
  });

  it("802.1ad S-tag over 802.1Q C-tag (tcpdump 802.1ad_QinQ.pcap)", () => {
    const frames = readPcapFrames(path.join(CAPTURES_DIR, "arp_qinq_8021ad.pcap"));
    expect(frames).toHaveLength(2);
    for (const f of frames) {
      const d = decodeEthernet(f.data);
      expect(d.ethernet.vlans).toEqual([
        { tpid: 0x88a8, priority: 0, dropEligible: false, id: 200 },
        { tpid: 0x8100, priority: 0, dropEligible: false, id: 2001 },
      ]);
      expect(d.ethernet.etherType).toBe(ETHER_TYPE.ARP);
      expect(d.payloadOffset).toBe(22);
      expect(d.payloadEnd).toBe(64);
      expect(viewSummary(f.data)).toEqual(d);
    }
    expect(decodeEthernet(frames[0]!.data).ethernet.source).toBe("00:20:d2:5a:fb:3f");
    expect(decodeEthernet(frames[1]!.data).ethernet.destination).toBe("00:20:d2:5a:fb:3f");
    expect(decodeEthernet(frames[1]!.data).ethernet.source).toBe("00:80:ea:81:88:63");
  });

  it("802.1Q VLAN 123 with PCP 7 (zeek icmp_dot1q.pcap)", () => {
    const frames = readPcapFrames(path.join(CAPTURES_DIR, "arp_dot1q_vlan_gratuitous.pcap"));
    // tshark -T fields -e vlan.priority: frames 4 and 7 carry PCP 7, the others 0; all VLAN 123.
    frames.forEach((f, i) => {
      const d = decodeEthernet(f.data);
      expect(d.ethernet.vlans).toEqual([{ tpid: 0x8100, priority: i === 3 || i === 6 ? 7 : 0, dropEligible: false, id: 123 }]);
      expect(viewSummary(f.data)).toEqual(d);
    });
  });

  it("IEEE 802.3 length frame with LLC/SNAP carrying ARP (zeek snap-arp.pcapng)", () => {
    const frames = readPcapFrames(path.join(CAPTURES_DIR, "arp_8022_snap_hwtype6.pcapng"));
    expect(frames).toHaveLength(4);
    for (const f of frames) {
      expect(f.data.length).toBe(60);
      const d = decodeEthernet(f.data);
      expect(d.ethernet.etherType).toBe(36); // the 802.3 length: 8 bytes of LLC/SNAP + 28 of ARP
      expect(d.ethernet.llc).toEqual({ dsap: 0xaa, ssap: 0xaa, control: 0x03, oui: 0, protocolId: 0x0806 });
      expect(d.protocol).toBe(ETHER_TYPE.ARP);
      expect(d.payloadOffset).toBe(22);
      expect(d.payloadEnd).toBe(50); // the 10 bytes after the length are padding, not payload
      expect(viewSummary(f.data)).toEqual(d);
    }
  });

  it("plain LLC without SNAP (802.1D BPDU): protocol -1, no OUI", () => {
    const frame = hex("0180c2000000 020000000001 0026 424203 0000000000");
    const d = decodeEthernet(frame);
    expect(d.ethernet.llc).toEqual({ dsap: 0x42, ssap: 0x42, control: 0x03 });
    expect(d.protocol).toBe(-1);
    expect(d.payloadOffset).toBe(17);
    expect(d.payloadEnd).toBe(frame.length); // length 0x26 runs past the captured bytes: cut at the end
    expect(viewSummary(frame)).toEqual(d);
  });

  it("SNAP with a non-zero OUI: the protocol id is not an EtherType (-1), both kept raw", () => {
    const frame = hex("ffffffffffff 020000000001 0010 aaaa03 00000c 2000 0102030405060708");
    const d = decodeEthernet(frame);
    expect(d.ethernet.llc).toEqual({ dsap: 0xaa, ssap: 0xaa, control: 3, oui: 0x00000c, protocolId: 0x2000 });
    expect(d.protocol).toBe(-1);
    expect(d.payloadOffset).toBe(22);
    expect(d.payloadEnd).toBe(30);
  });

  it("SNAP header cut by the 802.3 length falls back to plain LLC", () => {
    const frame = hex("ffffffffffff 020000000001 0005 aaaa03 0000 000000");
    const d = decodeEthernet(frame);
    expect(d.ethernet.llc).toEqual({ dsap: 0xaa, ssap: 0xaa, control: 3 });
    expect(d.protocol).toBe(-1);
    expect(d.payloadOffset).toBe(17);
    expect(d.payloadEnd).toBe(19);
  });

  it("a tagged 802.3 frame: tags first, then the length and LLC", () => {
    const frame = hex("ffffffffffff 020000000001 8100 0064 0024 aaaa03 000000 0806").slice();
    const padded = new Uint8Array(64);
    padded.set(frame);
    const d = decodeEthernet(padded);
    expect(d.ethernet.vlans).toEqual([{ tpid: 0x8100, priority: 0, dropEligible: false, id: 100 }]);
    expect(d.protocol).toBe(0x0806);
    expect(d.payloadOffset).toBe(26);
    expect(d.payloadEnd).toBe(18 + 36);
  });

  it("lenient: VID 0 (priority tag), VID 4095, the 0x9100 TPID, 1501..1535 as an EtherType, FCS kept", () => {
    const frame = encodeEthernet({
      destination: 0xffffffffffff,
      source: 0x020000000001,
      etherType: 0x05dd,
      vlans: [{ tpid: 0x9100, id: 4095 }, { id: 0, priority: 7 }],
      payload: ARP_PAYLOAD,
      fcs: true,
    });
    const d = decodeEthernet(frame);
    expect(d.ethernet.vlans).toEqual([
      { tpid: 0x9100, priority: 0, dropEligible: false, id: 4095 },
      { tpid: 0x8100, priority: 7, dropEligible: false, id: 0 },
    ]);
    expect(d.ethernet.etherType).toBe(0x05dd);
    expect(d.ethernet.llc).toBeUndefined();
    expect(d.protocol).toBe(0x05dd);
    expect(d.payloadEnd).toBe(frame.length); // padding and FCS stay in the payload range
    expect(frame.length).toBe(22 + 46 + 4);
    expect(verifyEthernetFcs(frame)).toBe(true);
  });

  it("decodes inside a larger buffer (offset, end) and reports absolute offsets", () => {
    const frame = encodeEthernet({ destination: 1, source: 2, etherType: 0x86dd, vlans: [{ id: 5 }], payload: new Uint8Array(3), minimumPayloadLength: 0 });
    const big = new Uint8Array(frame.length + 20).fill(0x81);
    big.set(frame, 7);
    const d = decodeEthernet(big, 7, 7 + frame.length);
    expect(d.ethernet.vlans).toHaveLength(1);
    expect(d.payloadOffset).toBe(7 + 18);
    expect(d.payloadEnd).toBe(7 + frame.length);
    expect(viewSummary(big, 7, 7 + frame.length)).toEqual(d);
  });
});

describe("decodeEthernet: faults", () => {
  it.each([0, 1, 13])("a %i-byte frame is TRUNCATED in layer ethernet at its start", (length) => {
    const bytes = new Uint8Array(length + 5);
    const e = caught(() => decodeEthernet(bytes, 5));
    expect(e.code).toBe("TRUNCATED");
    expect(e.layer).toBe("ethernet");
    expect(e.offset).toBe(5);
  });

  it("a tag cut short is TRUNCATED in layer vlan at the tag's TPID", () => {
    // second tag: TPID at 16, only 3 bytes after it
    const frame = hex("ffffffffffff 020000000001 8100 0001 8100 00");
    for (const [bytes, at] of [
      [frame, 16],
      [frame.subarray(0, 19), 16],
      [frame.subarray(0, 17), 12],
      [hex("ffffffffffff 020000000001 8100 0001"), 12],
      [hex("ffffffffffff 020000000001 88a8 00"), 12],
    ] as const) {
      const e = caught(() => decodeEthernet(bytes));
      expect(e.code).toBe("TRUNCATED");
      expect(e.layer).toBe("vlan");
      expect(e.offset).toBe(at);
      const v = new EthernetView();
      expect(v.reset(bytes)).toBe(ViewErrorCode.TRUNCATED);
      expect(v.errorOffset).toBe(at);
      expect(v.errorLayer).toBe("vlan");
    }
  });

  it("an LLC header cut short is TRUNCATED in layer llc; a length below 3 is BAD_LENGTH", () => {
    let e = caught(() => decodeEthernet(hex("ffffffffffff 020000000001 0010 aaaa")));
    expect([e.code, e.layer, e.offset]).toEqual(["TRUNCATED", "llc", 14]);
    e = caught(() => decodeEthernet(hex("ffffffffffff 020000000001 0002 aaaa03 0000")));
    expect([e.code, e.layer, e.offset]).toEqual(["BAD_LENGTH", "llc", 12]);
    e = caught(() => decodeEthernet(hex("ffffffffffff 020000000001 8100 0001 0000 aaaa03")));
    expect([e.code, e.layer, e.offset]).toEqual(["BAD_LENGTH", "llc", 16]);
    const v = new EthernetView();
    expect(v.reset(hex("ffffffffffff 020000000001 0000 aaaa03"))).toBe(ViewErrorCode.BAD_LENGTH);
  });

  it("the view refuses bounds outside the buffer or not integers, without throwing", () => {
    const frame = new Uint8Array(60);
    const v = new EthernetView();
    expect(v.reset(frame, 50, 60)).toBe(ViewErrorCode.TRUNCATED); // a range inside the array, too short
    expect(v.errorOffset).toBe(50);
    expect(() => decodeEthernet(frame, 50, 60)).toThrow(expect.objectContaining({ name: "FrameError", code: "TRUNCATED", offset: 50 }));
    for (const [offset, end] of [
      [-1, 60],
      [0, 61],
      [30, 20],
      [Number.NaN, 60],
      [0, Number.NaN],
      [0.5, 60],
      [0, 59.5],
      [Number.POSITIVE_INFINITY, 60],
    ] as const) {
      // Not a range of integers inside the array: INVALID_FIELD, in both forms, with no byte to blame.
      expect(v.reset(frame, offset, end)).toBe(ViewErrorCode.INVALID_FIELD);
      expect(v.errorOffset).toBe(-1);
      expect(() => decodeEthernet(frame, offset, end)).toThrow(expect.objectContaining({ name: "FrameError", code: "INVALID_FIELD", offset: -1 }));
    }
  });

  it("a failed reset leaves nothing of the previous frame", () => {
    const v = new EthernetView();
    expect(v.reset(hex("ffffffffffff 020000000001 8100 0064 0024 aaaa03 000000 0806 00"))).toBe(0);
    expect(v.reset(new Uint8Array(3))).toBe(ViewErrorCode.TRUNCATED);
    expect([v.vlanCount, v.etherType, v.protocol, v.isLlc, v.payloadOffset, v.payloadEnd]).toEqual([0, 0, 0, false, 0, 0]);
  });
});

describe("encodeEthernet", () => {
  const base: EthernetFrameInput = { destination: "ff:ff:ff:ff:ff:ff", source: "02:00:00:00:00:01", etherType: ETHER_TYPE.ARP, payload: ARP_PAYLOAD };

  it("pads to 60 bytes untagged, 64 with one tag, 68 with two (46-byte minimum payload)", () => {
    expect(encodeEthernet(base).length).toBe(MIN_FRAME_LENGTH);
    expect(encodeEthernet({ ...base, vlans: [{ id: 1 }] }).length).toBe(64);
    expect(encodeEthernet({ ...base, vlans: [{ id: 1 }, { id: 2 }] }).length).toBe(68);
    expect(encodeEthernet({ ...base, payload: new Uint8Array(46) }).length).toBe(60);
    expect(encodeEthernet({ ...base, payload: new Uint8Array(47) }).length).toBe(61);
    expect(encodeEthernet({ ...base, payload: new Uint8Array(1500) }).length).toBe(1514);
  });

  it("writes the exact bytes of an untagged frame", () => {
    expect(toHex(encodeEthernet(base))).toBe(
      "ffffffffffff020000000001" + "0806" + toHex(ARP_PAYLOAD) + "00".repeat(18),
    );
  });

  it("writes TPID and TCI (PCP << 13 | DEI << 12 | VID), with QinQ defaults", () => {
    const one = encodeEthernet({ ...base, vlans: [{ id: 666, priority: 5, dropEligible: true }] });
    expect(toHex(one.subarray(12, 18))).toBe("8100b29a0806");
    const two = encodeEthernet({ ...base, vlans: [{ id: 200 }, { id: 2001 }] });
    expect(toHex(two.subarray(12, 22))).toBe("88a800c8810007d10806");
    const three = encodeEthernet({ ...base, vlans: [{ id: 1 }, { id: 10 }, { id: 100, tpid: 0x9100 }] });
    expect(toHex(three.subarray(12, 26))).toBe("88a8000188a8000a910000640806");
    const max = encodeEthernet({ ...base, vlans: [{ id: MAX_VLAN_ID, priority: MAX_VLAN_PRIORITY, dropEligible: true, tpid: 0xffff }] });
    expect(toHex(max.subarray(12, 18))).toBe("ffffffff0806");
  });

  it("minimumPayloadLength 0 leaves a runt (for fuzzing); a larger minimum pads further", () => {
    expect(encodeEthernet({ ...base, minimumPayloadLength: 0 }).length).toBe(14 + 28);
    expect(encodeEthernet({ ...base, payload: undefined as never, minimumPayloadLength: 0 }).length).toBe(14);
    const { payload: _omit, ...noPayload } = base;
    expect(encodeEthernet({ ...noPayload, minimumPayloadLength: 0 }).length).toBe(14);
    expect(encodeEthernet({ ...base, minimumPayloadLength: 100 }).length).toBe(114);
  });

  it.each([
    [{ vlans: [{ id: 4096 }] }, "4096"],
    [{ vlans: [{ id: -1 }] }, "-1"],
    [{ vlans: [{ id: 1.5 }] }, "1.5"],
    [{ vlans: [{ id: Number.NaN }] }, "NaN"],
    [{ vlans: [{ id: 1 }, { id: 1, priority: 8 }] }, "tag 1"],
    [{ vlans: [{ id: 1, priority: -1 }] }, "priority"],
    [{ vlans: [{ id: 1, tpid: 0x10000 }] }, "TPID"],
    [{ vlans: [{ id: 1, tpid: -1 }] }, "TPID"],
    [{ etherType: 0x10000 }, "EtherType"],
    [{ etherType: -1 }, "EtherType"],
    [{ etherType: 1.5 }, "EtherType"],
    [{ minimumPayloadLength: -1 }, "minimumPayloadLength"],
    [{ minimumPayloadLength: 0.5 }, "minimumPayloadLength"],
    [{ fcs: 2 ** 32 }, "fcs"],
    [{ fcs: -1 }, "fcs"],
    [{ destination: "02:00:00:00:00" }, '"02:00:00:00:00"'],
    [{ source: 2 ** 48 }, "source"],
    [{ source: new Uint8Array(5) }, "source"],
  ] as [Partial<EthernetFrameInput>, string][])("refuses %o with INVALID_FIELD, writing nothing", (patch, needle) => {
    const input = { ...base, ...patch };
    const out = new Uint8Array(100).fill(0x55);
    const e = caught(() => encodeEthernetInto(input, out, 3));
    expect(e.code).toBe("INVALID_FIELD");
    expect(e.message).toContain(needle);
    expect(out.every((b) => b === 0x55)).toBe(true);
    expect(() => encodeEthernet(input)).toThrow(expect.objectContaining({ code: "INVALID_FIELD" }));
  });

  it("BUFFER_TOO_SMALL before writing anything", () => {
    for (const [size, offset] of [
      [59, 0],
      [60, 1],
      [100, 41],
      [0, 0],
      [100, -1],
    ] as const) {
      const out = new Uint8Array(size).fill(0x55);
      const e = caught(() => encodeEthernetInto(base, out, offset));
      expect(e.code).toBe("BUFFER_TOO_SMALL");
      expect(e.offset).toBe(offset);
      expect(out.every((b) => b === 0x55)).toBe(true);
    }
    expect(encodeEthernetInto(base, new Uint8Array(100), 40)).toBe(100);
  });

  it("a non-integer output offset is INVALID_FIELD", () => {
    expect(caught(() => encodeEthernetInto(base, new Uint8Array(100), 0.5)).code).toBe("INVALID_FIELD");
  });

  it("writes into a dirty buffer at an offset exactly what it writes into a clean one, and nothing else", () => {
    const input: EthernetFrameInput = { ...base, vlans: [{ id: 7, priority: 3 }], payload: new Uint8Array(5).fill(9), fcs: true };
    const clean = encodeEthernet(input);
    const dirty = new Uint8Array(clean.length + 10).fill(0xaa);
    expect(encodeEthernetInto(input, dirty, 4)).toBe(4 + clean.length);
    expect(toHex(dirty.subarray(4, 4 + clean.length))).toBe(toHex(clean));
    expect(dirty.subarray(0, 4).every((b) => b === 0xaa)).toBe(true);
    expect(dirty.subarray(4 + clean.length).every((b) => b === 0xaa)).toBe(true);
  });

  it("takes MACs as text, bytes or numbers alike", () => {
    const a = encodeEthernet({ ...base, destination: "33:33:00:00:00:01", source: "02-00-00-00-00-01" });
    const b = encodeEthernet({ ...base, destination: 0x333300000001, source: hex("020000000001") });
    const c = encodeEthernet({ ...base, destination: "3333.0000.0001", source: 0x020000000001 });
    expect(toHex(a)).toBe(toHex(b));
    expect(toHex(a)).toBe(toHex(c));
  });

  it("ethernetEncodingLength / ethernetFrameLength / ethernetHeaderLength are exact", () => {
    expect(ethernetEncodingLength(base)).toBe(60);
    expect(ethernetEncodingLength({ ...base, vlans: [{ id: 1 }], fcs: 0 })).toBe(68);
    expect(ethernetEncodingLength({ ...base, fcs: false })).toBe(60);
    expect(ethernetFrameLength(0, 28)).toBe(60);
    expect(ethernetFrameLength(1, 28)).toBe(64);
    expect(ethernetFrameLength(2, 100, 46, true)).toBe(22 + 100 + 4);
    expect(ethernetFrameLength(0, 0, 0)).toBe(14);
    expect(ethernetHeaderLength(3)).toBe(26);
  });
});

describe("frame check sequence (IEEE 802.3 §3.2.9)", () => {
  // Frames built by encodeEthernet and checked once with tshark 4.0.17:
  //   tshark -o eth.fcs:Always -o eth.check_fcs:TRUE -T fields -e eth.fcs -e eth.fcs.status
  // status 1 (good) for the first, third and fourth; 0 (bad, "should be 0x51a78d1c") for the second.
  // tshark shows eth.fcs as the wire bytes read big-endian: 0x51a78d1c for a CRC value of 0x1c8da751.
  const TSHARK_VERIFIED = {
    untagged: "ffffffffffff02000000000108060001080006040001020000000001c0000201000000000000c000020200000000000000000000000000000000000051a78d1c",
    wrongFcs: "ffffffffffff02000000000108060001080006040001020000000001c0000201000000000000c000020200000000000000000000000000000000000078563412",
    qinq: "ffffffffffff02000000000188a8a06481001fff08060001080006040001020000000001c0000201000000000000c0000202000000000000000000000000000000000000e39e368e",
    oneTag: "ffffffffffff0200000000018100e00708060001080006040001020000000001c0000201000000000000c00002020000000000000000000000000000000000002561fa0c",
  };
  const base: EthernetFrameInput = { destination: "ff:ff:ff:ff:ff:ff", source: "02:00:00:00:00:01", etherType: ETHER_TYPE.ARP, payload: ARP_PAYLOAD };

  it("fcs: true computes the CRC-32 that tshark verifies", () => {
    expect(toHex(encodeEthernet({ ...base, fcs: true }))).toBe(TSHARK_VERIFIED.untagged);
    expect(toHex(encodeEthernet({ ...base, fcs: true, vlans: [{ id: 100, priority: 5, tpid: 0x88a8 }, { id: 4095, dropEligible: true }] }))).toBe(
      TSHARK_VERIFIED.qinq,
    );
    expect(toHex(encodeEthernet({ ...base, fcs: true, vlans: [{ id: 7, priority: 7 }] }))).toBe(TSHARK_VERIFIED.oneTag);
    expect(encodeEthernet({ ...base, fcs: true, vlans: [{ id: 7 }] }).length).toBe(64 + FCS_LENGTH);
  });

  it("fcs: <number> is written as given, least significant byte first like a computed one", () => {
    expect(toHex(encodeEthernet({ ...base, fcs: 0x12345678 }))).toBe(TSHARK_VERIFIED.wrongFcs);
    const frame = encodeEthernet({ ...base, fcs: 0 });
    expect(toHex(frame.subarray(60))).toBe("00000000");
    // passing the computed value by hand gives the same frame as fcs: true
    const unsealed = encodeEthernet(base);
    expect(toHex(encodeEthernet({ ...base, fcs: computeEthernetFcs(unsealed) }))).toBe(TSHARK_VERIFIED.untagged);
    expect(computeEthernetFcs(unsealed)).toBe(0x1c8da751);
  });

  it("verifyEthernetFcs: true for good frames, false for a wrong FCS, any flipped bit, or a short frame", () => {
    for (const text of [TSHARK_VERIFIED.untagged, TSHARK_VERIFIED.qinq, TSHARK_VERIFIED.oneTag]) {
      const frame = hex(text);
      expect(verifyEthernetFcs(frame)).toBe(true);
      for (let bit = 0; bit < frame.length * 8; bit += 7) {
        const flipped = frame.slice();
        flipped[bit >>> 3] = flipped[bit >>> 3]! ^ (1 << (bit & 7));
        expect(verifyEthernetFcs(flipped)).toBe(false);
      }
    }
    expect(verifyEthernetFcs(hex(TSHARK_VERIFIED.wrongFcs))).toBe(false);
    expect(verifyEthernetFcs(new Uint8Array(17))).toBe(false);
    expect(verifyEthernetFcs(new Uint8Array(60), 0, 61)).toBe(false);
    expect(verifyEthernetFcs(new Uint8Array(60), -1)).toBe(false);
    expect(verifyEthernetFcs(new Uint8Array(60), Number.NaN)).toBe(false);
  });

  it("verifies a frame inside a larger buffer", () => {
    const frame = hex(TSHARK_VERIFIED.oneTag);
    const big = new Uint8Array(frame.length + 9).fill(0x33);
    big.set(frame, 5);
    expect(verifyEthernetFcs(big, 5, 5 + frame.length)).toBe(true);
    expect(verifyEthernetFcs(big, 5, 6 + frame.length)).toBe(false);
    expect(computeEthernetFcs(big, 5, 5 + frame.length - 4)).toBe(computeEthernetFcs(frame, 0, frame.length - 4));
  });
});

describe("building blocks used by the builders", () => {
  it("writeEthernetHeader + finishEthernetFrame make the same frame as encodeEthernetInto", () => {
    const out = new Uint8Array(80).fill(0xaa);
    const tags = vlanList({ id: 9, priority: 1 });
    checkVlanTags(tags);
    const p = writeEthernetHeader(out, 2, "ff:ff:ff:ff:ff:ff", 0x020000000001, tags, ETHER_TYPE.ARP);
    expect(p).toBe(2 + 18);
    out.set(ARP_PAYLOAD, p);
    const end = finishEthernetFrame(out, 2, p, p + ARP_PAYLOAD.length, MIN_PAYLOAD_LENGTH, true);
    expect(end).toBe(2 + 64 + 4);
    const expected = encodeEthernet({ destination: "ff:ff:ff:ff:ff:ff", source: 0x020000000001, etherType: ETHER_TYPE.ARP, vlans: [{ id: 9, priority: 1 }], payload: ARP_PAYLOAD, fcs: true });
    expect(toHex(out.subarray(2, end))).toBe(toHex(expected));
    expect(verifyEthernetFcs(out, 2, end)).toBe(true);
  });

  it("vlanList normalises one tag, a stack, or none", () => {
    expect(vlanList(undefined)).toEqual([]);
    expect(vlanList({ id: 1 })).toEqual([{ id: 1 }]);
    const stack = [{ id: 1 }, { id: 2 }];
    expect(vlanList(stack)).toBe(stack);
  });

  it("defaultTpid: 0x8100 innermost, 0x88a8 outside it", () => {
    expect(defaultTpid(0, 1)).toBe(0x8100);
    expect(defaultTpid(0, 2)).toBe(0x88a8);
    expect(defaultTpid(1, 2)).toBe(0x8100);
    expect(defaultTpid(0, 3)).toBe(0x88a8);
  });

  it("writeVlanTag / vlanTagFromTci are inverse on every TCI", () => {
    const out = new Uint8Array(4);
    for (let tci = 0; tci <= 0xffff; tci += 0x0101) {
      const tag = vlanTagFromTci(0x8100, tci);
      writeVlanTag(out, 0, tag, 0, 1);
      expect((out[2]! << 8) | out[3]!).toBe(tci);
    }
    expect(vlanTagFromTci(0x88a8, 0xb29a)).toEqual({ tpid: 0x88a8, priority: 5, dropEligible: true, id: 666 });
  });

  it("constants", () => {
    expect([ETHERNET_HEADER_LENGTH, VLAN_TAG_LENGTH, MIN_PAYLOAD_LENGTH, MIN_FRAME_LENGTH, FCS_LENGTH, MAX_8023_LENGTH]).toEqual([14, 4, 46, 60, 4, 1500]);
    expect([0x8100, 0x88a8, 0x9100].every(isVlanTpid)).toBe(true);
    expect([0x0800, 0x0806, 0x86dd, 0x8035, 0].some(isVlanTpid)).toBe(false);
  });
});

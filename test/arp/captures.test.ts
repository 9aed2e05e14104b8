import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { CAPTURES_DIR, FIXTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames, type TestFrame } from "../helpers/pcap.js";
import { ArpView, decodeArp, encodeArp, tryDecodeArp, type ArpPacket } from "../../src/arp/arp.js";
import { EthernetView } from "../../src/ethernet/ethernet.js";
import { SllView } from "../../src/link/sll.js";
import { toHex } from "../../src/internal/bytes.js";

/** [frame, htype, ptype, hlen, plen, op, sha, spa, tha, tpa, malformed] as tshark 4.0.17 dissected it. */
type TsharkRow = [number, number | null, number | null, number | null, number | null, number | null, string | null, string | null, string | null, string | null, number];

interface TsharkFixture {
  generatedBy: string;
  files: Record<string, TsharkRow[]>;
}

// Generated once with test/fixtures/arp/tshark-fields.py (see its docstring for the command).
const fixture = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "arp/tshark-arp-fields.json"), "utf8")) as TsharkFixture;

const IPOIB_LINK_TYPE = 242;
/** LINKTYPE_IPOIB: a 40-byte pseudo-header (source/destination QPN and GID), then the 4-byte IPoIB header. */
const IPOIB_ARP_OFFSET = 44;

function frames(file: string): TestFrame[] {
  return readPcapFrames(path.join(CAPTURES_DIR, file));
}

/** Where the ARP message of a captured frame lies, found without decodeFrame. */
function arpRange(frame: TestFrame): [number, number] {
  if (frame.linkType === 1) {
    const eth = new EthernetView();
    expect(eth.reset(frame.data)).toBe(0);
    return [eth.payloadOffset, eth.payloadEnd];
  }
  if (frame.linkType === IPOIB_LINK_TYPE) {
    expect(toHex(frame.data.subarray(40, 44))).toBe("08060000");
    return [IPOIB_ARP_OFFSET, frame.data.length];
  }
  const sll = new SllView();
  expect(sll.reset(frame.data, frame.linkType)).toBe(0);
  return [sll.payloadOffset, sll.payloadEnd];
}

function fields(arp: ArpPacket): unknown[] {
  return [
    arp.hardwareType,
    arp.protocolType,
    arp.hardwareLength,
    arp.protocolLength,
    arp.operation,
    arp.senderHardwareAddress,
    arp.senderProtocolAddress,
    arp.targetHardwareAddress,
    arp.targetProtocolAddress,
  ];
}

describe("every ARP frame of the public captures agrees with tshark", () => {
  // Decode failures per file: only frames tshark calls [Malformed Packet] may fail, and these counts pin it.
  const expectedFailures: Record<string, number> = { "arp_malformed_fuzz_oobr.pcap": 82 };

  for (const [file, rows] of Object.entries(fixture.files)) {
    it(`${file} (${rows.length} frames)`, () => {
      const all = frames(file);
      let failures = 0;
      for (const row of rows) {
        const frame = all[row[0] - 1];
        expect(frame, `frame ${row[0]}`).toBeDefined();
        if (frame === undefined) continue;
        const [start, end] = arpRange(frame);
        const result = tryDecodeArp(frame.data, start, end);
        if (!result.ok) {
          failures++;
          expect(row[10], `frame ${row[0]} fails here (${result.error.message}) but tshark found it well-formed`).toBe(1);
          expect(result.error).toMatchObject({ code: "TRUNCATED", layer: "arp" });
          expect(result.error.offset).toBeGreaterThanOrEqual(start);
          expect(result.error.offset).toBeLessThanOrEqual(end);
          continue;
        }
        const ours = fields(result.value);
        for (let i = 0; i < 9; i++) {
          const theirs = row[i + 1];
          // tshark shows no address field for a zero-length address; we give "".
          if (theirs === null) expect(typeof ours[i] === "string" ? ours[i] : null, `frame ${row[0]} field ${i}`).toSatisfy((v) => v === null || v === "");
          else expect(ours[i], `frame ${row[0]} field ${i}`).toBe(theirs);
        }
        // What decodes also re-encodes to the same message bytes.
        expect(encodeArp(result.value)).toEqual(frame.data.subarray(start, start + encodeArp(result.value).length));
      }
      expect(failures).toBe(expectedFailures[file] ?? 0);
    });
  }
});

describe("specific captures", () => {
  it("arp_request_reply.pcapng: a 42-byte unpadded request and a 46-byte reply with 4 non-zero trailing bytes", () => {
    const [request, reply] = frames("arp_request_reply.pcapng");
    if (request === undefined || reply === undefined) throw new Error("capture changed");
    expect(request.data.length).toBe(42);
    expect(decodeArp(request.data, 14)).toEqual({
      hardwareType: 1,
      protocolType: 0x0800,
      hardwareLength: 6,
      protocolLength: 4,
      operation: 1,
      senderHardwareAddress: "00:16:ce:6e:8b:24",
      senderProtocolAddress: "192.168.0.114",
      targetHardwareAddress: "00:00:00:00:00:00",
      targetProtocolAddress: "192.168.0.1",
    });
    expect(reply.data.length).toBe(46);
    const view = new ArpView();
    expect(view.reset(reply.data, 14)).toBe(0);
    expect(view.end).toBe(42);
    expect(reply.data.subarray(42).some((b) => b !== 0)).toBe(true);
    expect(view.operation).toBe(2);
    expect(view.senderIpv4).toBe(0xc0a80001);
    expect(view.senderMac).toBe(0x0013460b22ba);
    expect(view.targetMac).toBe(0x0016ce6e8b24);
  });

  it("arp_qinq_8021ad.pcap: S-VLAN 200 (0x88a8) over C-VLAN 2001 (0x8100), request and reply", () => {
    const [request, reply] = frames("arp_qinq_8021ad.pcap");
    if (request === undefined || reply === undefined) throw new Error("capture changed");
    const eth = new EthernetView();
    expect(eth.reset(request.data)).toBe(0);
    expect(eth.vlanCount).toBe(2);
    expect([eth.vlanTpid(0), eth.vlanId(0), eth.vlanTpid(1), eth.vlanId(1)]).toEqual([0x88a8, 200, 0x8100, 2001]);
    expect(eth.payloadOffset).toBe(22);
    expect(decodeArp(request.data, eth.payloadOffset)).toMatchObject({
      operation: 1,
      senderHardwareAddress: "00:20:d2:5a:fb:3f",
      senderProtocolAddress: "172.21.79.97",
      targetProtocolAddress: "172.21.79.100",
    });
    expect(decodeArp(reply.data, 22)).toMatchObject({ operation: 2, senderHardwareAddress: "00:80:ea:81:88:63", targetProtocolAddress: "172.21.79.97" });
  });

  it("arp_ipoib_bigendian.pcap: InfiniBand ARP, htype 32, hlen 20, after the IPoIB header", () => {
    const all = frames("arp_ipoib_bigendian.pcap");
    const request = all[5];
    if (request === undefined) throw new Error("capture changed");
    expect(request.linkType).toBe(IPOIB_LINK_TYPE);
    const arp = decodeArp(request.data, IPOIB_ARP_OFFSET);
    expect(arp).toEqual({
      hardwareType: 32,
      protocolType: 0x0800,
      hardwareLength: 20,
      protocolLength: 4,
      operation: 1,
      senderHardwareAddress: "80:00:00:4f:fe:80:00:00:00:00:00:00:00:10:e0:00:01:4a:d2:11",
      senderProtocolAddress: "192.168.56.10",
      targetHardwareAddress: "00:ff:ff:ff:ff:10:40:1b:00:00:00:00:00:00:00:00:ff:ff:ff:ff",
      targetProtocolAddress: "192.168.56.24",
    });
    const view = new ArpView();
    expect(view.reset(request.data, IPOIB_ARP_OFFSET)).toBe(0);
    expect(view.end).toBe(request.data.length);
    expect(view.targetIpv4).toBe(0xc0a83818);
  });

  it("arp_oversized_hlen_plen_255.pcap: hlen 255 and plen 255 messages decode without trouble", () => {
    const all = frames("arp_oversized_hlen_plen_255.pcap");
    const expected = [
      [255, 4],
      [255, 4],
      [6, 255],
      [6, 255],
      [255, 255],
      [255, 255],
    ];
    const view = new ArpView();
    all.forEach((frame, i) => {
      expect(view.reset(frame.data, 14)).toBe(0);
      expect([view.hardwareLength, view.protocolLength]).toEqual(expected[i]);
      expect(view.end - 14).toBe(8 + 2 * (view.hardwareLength + view.protocolLength));
      expect(view.end).toBeLessThanOrEqual(frame.data.length);
    });
    expect(all[4]?.data.length).toBe(14 + 1028);
  });

  it("rarp_request_reply.pcapng: RARP operations 3 and 4 over EtherType 0x8035", () => {
    const [request, reply] = frames("rarp_request_reply.pcapng");
    if (request === undefined || reply === undefined) throw new Error("capture changed");
    const eth = new EthernetView();
    expect(eth.reset(request.data)).toBe(0);
    expect(eth.protocol).toBe(0x8035);
    expect(decodeArp(request.data, 14)).toMatchObject({ operation: 3, senderProtocolAddress: "0.0.0.0" });
    expect(decodeArp(reply.data, 14)).toMatchObject({ operation: 4, targetProtocolAddress: "10.1.1.100" });
  });
});

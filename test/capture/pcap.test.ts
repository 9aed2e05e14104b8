import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CAPTURE_LINK_TYPE,
  PcapCursor,
  PcapWriter,
  readCapture,
  readCaptureAll,
  readPcap,
  readPcapAll,
  splitTimestamp,
  writePcap,
} from "../../src/capture/index.js";
import { CAPTURES_DIR, FIXTURES_DIR } from "../helpers/paths.js";
import { readPcapFrames } from "../helpers/pcap.js";
import { catchFrameError, epochToNs, load } from "./helpers.js";

/**
 * tshark's frame.time_epoch, frame.len and frame.cap_len of every shared capture, recorded ONCE by
 * test/fixtures/captures/generate.sh (tshark 4.0.17): the tests compare against this file, they do not
 * run tshark.
 */
const TSHARK = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "captures/tshark-fields.json"), "utf8")) as Record<
  string,
  [string, number, number][]
>;

/** Frame counts from the table in test/fixtures/public/README.md. */
const README_COUNTS: Record<string, number> = {
  "arp_request_reply.pcapng": 2,
  "arp_gratuitous_announcement.pcapng": 1,
  "arp_dot1q_vlan_gratuitous.pcap": 15,
  "arp_qinq_8021ad.pcap": 2,
  "arp_stacked_vlan_1to3_tags_truncated.pcap": 3,
  "arp_malformed_fuzz_oobr.pcap": 2282,
  "arp_too_long_tha_truncated.pcap": 1,
  "arp_oversized_hlen_plen_255.pcap": 6,
  "rarp_truncated_snaplen22.pcap": 1,
  "rarp_request_reply.pcapng": 2,
  "arp_ipoib_bigendian.pcap": 30,
  "mixed_arp_probe_announce_ndp_dad_boot.pcap": 1350,
  "ndp_dad_ns_unsolicited_na_ra_rs.pcap": 20,
  "ndp_short_options_malformed.pcap": 16,
  "ndp_ns_dad_nonce.pcap": 1,
  "ndp_ra_routeinfo_rdnss_dnssl.pcap": 2,
  "ndp_ra_pref64.pcap": 4,
  "ndp_ns_na_solicited_lla.pcapng": 7,
  "arp_linux_sll.pcap": 12,
  "arp_8022_snap_hwtype6.pcapng": 4,
  "ndp_ra_dnssl_malformed.pcap": 2,
  "ndp_ra_advinterval_hainfo_rdnss_dnssl.pcap": 5,
  "ndp_solicited_na_no_tlla.pcap": 49,
  "ipv6_bad_version_with_dad_ns.pcap": 4,
};

const LINK_TYPES: Record<string, number> = {
  "arp_ipoib_bigendian.pcap": CAPTURE_LINK_TYPE.IPOIB,
  "arp_linux_sll.pcap": CAPTURE_LINK_TYPE.LINUX_SLL,
};

describe("the shared captures", () => {
  it("are all in the README table (and the fixture covers them)", () => {
    expect(Object.keys(TSHARK).sort()).toEqual(Object.keys(README_COUNTS).sort());
  });

  for (const [name, count] of Object.entries(README_COUNTS)) {
    it(`${name}: ${count} frames, link type, timestamps and lengths as tshark reads them`, () => {
      const bytes = load(path.join(CAPTURES_DIR, name));
      const records = readCaptureAll(bytes);
      expect(records).toHaveLength(count);
      const expected = TSHARK[name] ?? [];
      expect(records.map((r) => [r.timestamp, r.originalLength, r.data.length])).toEqual(
        expected.map(([t, len, cap]) => [epochToNs(t), len, cap]),
      );
      for (const r of records) expect(r.linkType).toBe(LINK_TYPES[name] ?? CAPTURE_LINK_TYPE.ETHERNET);
      // Same bytes as the independent test reader, and aliasing the file (no copy).
      const independent = readPcapFrames(path.join(CAPTURES_DIR, name));
      expect(records.map((r) => Array.from(r.data))).toEqual(independent.map((f) => Array.from(f.data)));
      for (const r of records) expect(r.data.buffer).toBe(bytes.buffer);
    });
  }

  it("arp_ipoib_bigendian.pcap is a big-endian µs file of link type 242", () => {
    const c = new PcapCursor();
    expect(c.reset(load(path.join(CAPTURES_DIR, "arp_ipoib_bigendian.pcap")))).toBe(0);
    expect(c.littleEndian).toBe(false);
    expect(c.nanosecondResolution).toBe(false);
    expect(c.linkType).toBe(242);
    expect([c.majorVersion, c.minorVersion]).toEqual([2, 4]);
  });

  it("arp_linux_sll.pcap records start with a 16-byte SLL header whose protocol is ARP", () => {
    for (const r of readPcap(load(path.join(CAPTURES_DIR, "arp_linux_sll.pcap")))) {
      expect(r.linkType).toBe(113);
      expect((r.data[14]! << 8) | r.data[15]!).toBe(0x0806); // SLL v1: protocol at offset 14
      expect((r.data[2]! << 8) | r.data[3]!).toBe(1); // ARPHRD_ETHER
    }
  });

  it("rarp_truncated_snaplen22.pcap: a record cut by a 22-byte snap length keeps its original length", () => {
    const [r] = readPcapAll(load(path.join(CAPTURES_DIR, "rarp_truncated_snaplen22.pcap")));
    expect(r?.data.length).toBe(22);
    expect(r?.originalLength).toBe(65570); // a fuzzed length, as tshark reports it too
  });
});

describe("nanosecond pcap (editcap -F nsecpcap fixture)", () => {
  it("reads the same records as the µs original, timestamps in ns", () => {
    const ns = load(path.join(FIXTURES_DIR, "captures/ndp_dad_ns_unsolicited_na_ra_rs.nsec.pcap"));
    const us = load(path.join(CAPTURES_DIR, "ndp_dad_ns_unsolicited_na_ra_rs.pcap"));
    const c = new PcapCursor();
    expect(c.reset(ns)).toBe(0);
    expect(c.nanosecondResolution).toBe(true);
    const a = readPcapAll(ns);
    const b = readPcapAll(us);
    expect(a).toHaveLength(20);
    expect(a.map((r) => [r.timestamp, r.originalLength, Array.from(r.data)])).toEqual(
      b.map((r) => [r.timestamp, r.originalLength, Array.from(r.data)]),
    );
  });
});

const FRAME_A = Uint8Array.from({ length: 60 }, (_, i) => i);
const FRAME_B = Uint8Array.from({ length: 42 }, (_, i) => 255 - i);

describe("all four magic numbers", () => {
  for (const bigEndian of [false, true]) {
    for (const resolution of ["microseconds", "nanoseconds"] as const) {
      it(`${bigEndian ? "big" : "little"}-endian, ${resolution}`, () => {
        const ts = 1_700_000_000_123_456_789n;
        const file = writePcap([{ data: FRAME_A, timestamp: ts, originalLength: 100 }, FRAME_B], {
          bigEndian,
          resolution,
        });
        const magic = resolution === "nanoseconds" ? [0xa1, 0xb2, 0x3c, 0x4d] : [0xa1, 0xb2, 0xc3, 0xd4];
        expect(Array.from(file.subarray(0, 4))).toEqual(bigEndian ? magic : magic.reverse());
        const [a, b] = readPcapAll(file);
        expect(a?.timestamp).toBe(resolution === "nanoseconds" ? ts : 1_700_000_000_123_456_000n);
        expect(a?.originalLength).toBe(100);
        expect(Array.from(a?.data ?? [])).toEqual(Array.from(FRAME_A));
        expect(b?.timestamp).toBe(1000n); // second bare frame: 1 µs
        expect(b?.interface).toBe(0);
        expect(b?.linkType).toBe(1);
      });
    }
  }
});

describe("record length checks", () => {
  const file = (): Uint8Array => writePcap([FRAME_A, FRAME_B], { snapLength: 65535 });
  const setU32Le = (b: Uint8Array, off: number, v: number): void => {
    new DataView(b.buffer, b.byteOffset).setUint32(off, v, true);
  };

  it("caplen > original length is BAD_LENGTH at the record's caplen field", () => {
    const b = file();
    const second = 24 + 16 + 60;
    setU32Le(b, second + 12, 41); // orig_len 41 < caplen 42
    const seen: number[] = [];
    const e = catchFrameError(() => {
      for (const r of readPcap(b)) seen.push(r.data.length);
    });
    expect(seen).toEqual([60]);
    expect([e.code, e.layer, e.offset]).toEqual(["BAD_LENGTH", "pcap", second + 8]);
  });

  it("caplen > snaplen is tolerated up to 262144 (like libpcap), refused with strictSnapLength", () => {
    const b = file();
    setU32Le(b, 16, 50); // snap length 50 < 60
    expect(readPcapAll(b)).toHaveLength(2);
    const e = catchFrameError(() => readPcapAll(b, { strictSnapLength: true }));
    expect([e.code, e.offset]).toEqual(["BAD_LENGTH", 24 + 8]);
  });

  it("a captured length beyond 262144 and the snap length is BAD_LENGTH, not a huge allocation", () => {
    const b = file();
    setU32Le(b, 24 + 8, 0x7fff_ffff);
    setU32Le(b, 24 + 12, 0x7fff_ffff);
    expect(catchFrameError(() => readPcapAll(b)).code).toBe("BAD_LENGTH");
  });

  it("a file cut inside a record: all complete records, then TRUNCATED at the record (or a quiet stop)", () => {
    const b = file();
    for (const cut of [24 + 16 + 60 + 1, 24 + 16 + 60 + 15, 24 + 16 + 60 + 16, b.length - 1]) {
      const seen: number[] = [];
      const e = catchFrameError(() => {
        for (const r of readPcap(b.subarray(0, cut))) seen.push(r.data.length);
      });
      expect(seen).toEqual([60]);
      expect([e.code, e.layer, e.offset]).toEqual(["TRUNCATED", "pcap", 24 + 16 + 60]);
      expect(readPcapAll(b.subarray(0, cut), { onTruncated: "stop" })).toHaveLength(1);
    }
  });

  it("header faults", () => {
    expect(catchFrameError(() => readPcapAll(new Uint8Array(10))).code).toBe("TRUNCATED");
    expect(readPcapAll(file().subarray(0, 20), { onTruncated: "stop" })).toEqual([]);
    expect(catchFrameError(() => readPcapAll(new Uint8Array(24))).code).toBe("INVALID_FIELD");
    const v = file();
    v[4] = 3;
    expect(catchFrameError(() => readPcapAll(v)).code).toBe("UNSUPPORTED");
    expect(readPcapAll(file().subarray(0, 24))).toEqual([]);
    expect(catchFrameError(() => readCaptureAll(new Uint8Array([1, 2, 3, 4, 5]))).code).toBe("INVALID_FIELD");
    expect(catchFrameError(() => readCaptureAll(new Uint8Array([1, 2]))).code).toBe("TRUNCATED");
  });
});

describe("PcapCursor", () => {
  it("walks records by offset, with raw timestamp fields, and reports a clean end", () => {
    const b = writePcap([{ data: FRAME_A, timestamp: 5_000_000_007n }, FRAME_B], { resolution: "nanoseconds" });
    const c = new PcapCursor();
    expect(c.reset(b)).toBe(0);
    expect(c.next()).toBe(true);
    expect([c.recordOffset, c.dataOffset, c.captureLength, c.originalLength]).toEqual([24, 40, 60, 60]);
    expect([c.timestampSeconds, c.timestampFraction]).toEqual([5, 7]);
    expect(c.timestampNanoseconds()).toBe(5_000_000_007n);
    expect(c.next()).toBe(true);
    expect(c.dataOffset).toBe(24 + 16 + 60 + 16);
    expect(c.next()).toBe(false);
    expect(c.errorCode).toBe(0);
  });

  it("never throws, and reports a truncation with the bytes the record needs", () => {
    const b = writePcap([FRAME_A]);
    const c = new PcapCursor();
    expect(c.reset(b.subarray(0, 50))).toBe(0);
    expect(c.next()).toBe(false);
    expect([c.errorCode, c.errorOffset, c.neededLength]).toEqual([1, 24, 76]);
    expect(c.reset(new Uint8Array(3))).toBe(1);
  });
});

describe("writers", () => {
  it("PcapWriter pieces concatenate to what writePcap writes", () => {
    const w = new PcapWriter({ linkType: CAPTURE_LINK_TYPE.LINUX_SLL, snapLength: 262144 });
    const parts = [w.header(), w.record(FRAME_A), w.record(FRAME_B)];
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      joined.set(p, o);
      o += p.length;
    }
    expect(joined).toEqual(writePcap([FRAME_A, FRAME_B], { linkType: 113 }));
    expect(readPcapAll(joined).map((r) => r.linkType)).toEqual([113, 113]);
  });

  it("takes the link type from the records read, so read → write round-trips", () => {
    const bytes = load(path.join(CAPTURES_DIR, "arp_linux_sll.pcap"));
    const again = writePcap(readPcap(bytes));
    expect(readPcapAll(again).map((r) => [r.timestamp, r.linkType, r.originalLength, Array.from(r.data)])).toEqual(
      readPcapAll(bytes).map((r) => [r.timestamp, r.linkType, r.originalLength, Array.from(r.data)]),
    );
  });

  it("refuses what pcap cannot hold, with INVALID_FIELD", () => {
    const bad = [
      () => writePcap([{ data: FRAME_A, timestamp: -1n }]),
      () => writePcap([{ data: FRAME_A, timestamp: 4_294_967_296n * 1_000_000_000n }]),
      () => writePcap([{ data: FRAME_A, originalLength: 59 }]),
      () => writePcap([{ data: FRAME_A, linkType: 1 }, { data: FRAME_B, linkType: 113 }]),
      () => writePcap([FRAME_A], { snapLength: 10 }),
      () => writePcap([FRAME_A], { linkType: 70000 }),
    ];
    for (const f of bad) expect([catchFrameError(f).code, catchFrameError(f).layer]).toEqual(["INVALID_FIELD", "pcap"]);
  });

  it("splitTimestamp gives seconds and nanoseconds", () => {
    expect(splitTimestamp(1_700_000_000_123_456_789n)).toEqual({ seconds: 1_700_000_000, nanoseconds: 123_456_789 });
    expect(splitTimestamp(-1n)).toEqual({ seconds: -1, nanoseconds: 999_999_999 });
  });
});

describe("readCapture", () => {
  it("detects pcap and pcapng", () => {
    expect(Array.from(readCapture(writePcap([FRAME_A])))).toHaveLength(1);
    expect(readCaptureAll(load(path.join(CAPTURES_DIR, "arp_request_reply.pcapng")))).toHaveLength(2);
  });
});

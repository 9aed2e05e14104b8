import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  PcapngCursor,
  PcapngWriter,
  readCaptureAll,
  readPcapng,
  readPcapngAll,
  writePcapng,
  type CaptureRecord,
} from "../../src/capture/index.js";
import { CAPTURES_DIR, FIXTURES_DIR } from "../helpers/paths.js";
import { catchFrameError, load } from "./helpers.js";

/** A pcapng block: type, total length, body padded to 4, total length (hand-made, for odd cases). */
function block(type: number, body: readonly number[], le = true): number[] {
  const padded = [...body, ...new Array<number>((4 - (body.length % 4)) % 4).fill(0)];
  const length = 12 + padded.length;
  return [...u32(type, le), ...u32(length, le), ...padded, ...u32(length, le)];
}
function u32(v: number, le = true): number[] {
  const b = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return le ? b.reverse() : b;
}
function u16(v: number, le = true): number[] {
  const b = [(v >>> 8) & 255, v & 255];
  return le ? b.reverse() : b;
}
function shb(le = true): number[] {
  return block(0x0a0d0d0a, [...u32(0x1a2b3c4d, le), ...u16(1, le), ...u16(0, le), ...u32(0xffffffff), ...u32(0xffffffff)], le);
}
function option(code: number, value: readonly number[], le = true): number[] {
  return [...u16(code, le), ...u16(value.length, le), ...value, ...new Array<number>((4 - (value.length % 4)) % 4).fill(0)];
}
function idb(linkType: number, snapLength: number, options: readonly number[] = [], le = true): number[] {
  return block(1, [...u16(linkType, le), 0, 0, ...u32(snapLength, le), ...options], le);
}
function epb(iface: number, tsHigh: number, tsLow: number, data: readonly number[], orig = data.length, le = true): number[] {
  return block(6, [...u32(iface, le), ...u32(tsHigh, le), ...u32(tsLow, le), ...u32(data.length, le), ...u32(orig, le), ...data], le);
}
const bytes = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());
const DATA = [1, 2, 3, 4, 5];
const summary = (rs: CaptureRecord[]): unknown[] => rs.map((r) => [r.timestamp, r.interface, r.linkType, r.originalLength, Array.from(r.data)]);

describe("shared pcapng captures", () => {
  it("arp_8022_snap_hwtype6.pcapng has 2 IDBs; its frames alternate between them", () => {
    const file = load(path.join(CAPTURES_DIR, "arp_8022_snap_hwtype6.pcapng"));
    const c = new PcapngCursor();
    expect(c.reset(file)).toBe(0);
    const ids: number[] = [];
    while (c.next()) ids.push(c.interfaceId);
    expect(c.errorCode).toBe(0);
    expect(c.interfaces).toHaveLength(2);
    expect(c.interfaces.map((i) => [i.linkType, i.timestampBase, i.timestampExponent])).toEqual([
      [1, 10, 6],
      [1, 10, 6],
    ]);
    expect(ids).toEqual([0, 1, 0, 1]);
  });

  it("the big-endian fixture (our writer, checked with tshark by generate.sh) reads as the original", () => {
    const be = load(path.join(FIXTURES_DIR, "captures/arp_8022_snap_hwtype6.be.pcapng"));
    const c = new PcapngCursor();
    expect(c.reset(be)).toBe(0);
    expect(c.next()).toBe(true);
    expect(c.littleEndian).toBe(false);
    expect(c.interfaces.map((i) => i.timestampExponent)).toEqual([9, 9]);
    const original = readCaptureAll(load(path.join(CAPTURES_DIR, "arp_8022_snap_hwtype6.pcapng")));
    expect(summary(readPcapngAll(be))).toEqual(summary(original));
  });

  it("read → write (LE and BE, µs and ns) → read keeps every record of every shared pcapng", () => {
    for (const name of ["arp_request_reply.pcapng", "ndp_ns_na_solicited_lla.pcapng", "rarp_request_reply.pcapng"]) {
      const records = readPcapngAll(load(path.join(CAPTURES_DIR, name)));
      for (const bigEndian of [false, true]) {
        for (const resolution of ["microseconds", "nanoseconds"] as const) {
          expect(summary(readPcapngAll(writePcapng(records, { bigEndian, resolution })))).toEqual(summary(records));
        }
      }
    }
  });
});

describe("sections, interfaces and timestamps", () => {
  it("each section has its own byte order and interfaces", () => {
    const file = bytes(
      shb(true),
      idb(1, 0),
      epb(0, 0, 1, DATA),
      shb(false),
      idb(113, 0, [], false),
      idb(1, 0, [], false),
      epb(1, 0, 2, DATA, 9, false),
      epb(0, 0, 3, DATA, 5, false),
    );
    expect(readPcapngAll(file).map((r) => [r.interface, r.linkType, r.timestamp, r.originalLength])).toEqual([
      [0, 1, 1000n, 5],
      [1, 1, 2000n, 9],
      [0, 113, 3000n, 5],
    ]);
  });

  it("interfaces do not survive a new section", () => {
    const file = bytes(shb(), idb(1, 0), idb(1, 0), shb(), idb(1, 0), epb(1, 0, 0, DATA));
    const e = catchFrameError(() => readPcapngAll(file));
    expect([e.code, e.layer, e.offset]).toEqual(["INVALID_FIELD", "pcapng", file.length - 40 + 8]);
  });

  it("if_tsresol as a power of 10 or of 2, and if_tsoffset", () => {
    const units = 0x1_2345_6789; // > 2^32: exercises the high word
    const hi = Math.floor(units / 2 ** 32);
    const lo = units >>> 0;
    const cases: [number[], bigint][] = [
      [[], BigInt(units) * 1000n], // default 10^-6
      [option(9, [9]), BigInt(units)],
      [option(9, [3]), BigInt(units) * 1_000_000n],
      [option(9, [12]), BigInt(units) / 1000n],
      [option(9, [0x80 | 10]), (BigInt(units) * 1_000_000_000n) >> 10n], // 2^-10 s
      [[...option(9, [9]), ...option(14, [...u32(100), ...u32(0)])], BigInt(units) + 100_000_000_000n],
      [[...option(14, [...u32(0xffffffff), ...u32(0xffffffff)])], BigInt(units) * 1000n - 1_000_000_000n], // -1 s
    ];
    for (const [opts, expected] of cases) {
      const file = bytes(shb(), idb(1, 0, [...opts, ...option(0, [])]), epb(0, hi, lo, DATA));
      expect(readPcapngAll(file)[0]?.timestamp).toBe(expected);
    }
  });

  it("Simple Packet Blocks use interface 0 and the smaller of original length and snap length", () => {
    const spb = (orig: number, data: number[]): number[] => block(3, [...u32(orig), ...data]);
    const file = bytes(shb(), idb(1, 4), spb(5, [1, 2, 3, 4]), idb(1, 0));
    const [r] = readPcapngAll(file);
    expect([r?.interface, r?.timestamp, r?.originalLength, Array.from(r?.data ?? [])]).toEqual([0, 0n, 5, [1, 2, 3, 4]]);
    const unlimited = readPcapngAll(bytes(shb(), idb(1, 0), spb(5, DATA)));
    expect(Array.from(unlimited[0]?.data ?? [])).toEqual(DATA);
    expect(catchFrameError(() => readPcapngAll(bytes(shb(), idb(1, 0), spb(9, DATA)))).code).toBe("BAD_LENGTH");
    expect(catchFrameError(() => readPcapngAll(bytes(shb(), spb(5, DATA)))).code).toBe("INVALID_FIELD");
  });

  it("obsolete Packet Blocks (type 2) are read like EPBs with a 16-bit interface id", () => {
    const opb = block(2, [...u16(1), ...u16(0), ...u32(0), ...u32(7), ...u32(5), ...u32(6), ...DATA]);
    const [r] = readPcapngAll(bytes(shb(), idb(1, 0), idb(105, 0), opb));
    expect([r?.interface, r?.linkType, r?.timestamp, r?.originalLength]).toEqual([1, 105, 7000n, 6]);
  });

  it("unknown, statistics and name-resolution blocks are skipped by length", () => {
    const file = bytes(shb(), block(0x0bad, [9, 9, 9]), idb(1, 0), block(4, [0, 0, 0, 0]), block(5, u32(0).concat(u32(0), u32(0))), epb(0, 0, 0, DATA));
    expect(readPcapngAll(file)).toHaveLength(1);
  });
});

describe("lying block lengths", () => {
  const good = (): Uint8Array => bytes(shb(), idb(1, 0), epb(0, 0, 0, DATA), epb(0, 0, 0, DATA));
  const epbAt = 28 + 20;
  const setU32 = (b: Uint8Array, off: number, v: number): void => new DataView(b.buffer).setUint32(off, v, true);

  const cases: [string, (b: Uint8Array) => void, string, number][] = [
    ["not a multiple of 4", (b) => setU32(b, epbAt + 4, 38), "BAD_LENGTH", epbAt + 4],
    ["under 12", (b) => setU32(b, epbAt + 4, 8), "BAD_LENGTH", epbAt + 4],
    ["zero", (b) => setU32(b, epbAt + 4, 0), "BAD_LENGTH", epbAt + 4],
    ["beyond the file", (b) => setU32(b, epbAt + 4, 0x1000), "TRUNCATED", epbAt],
    ["trailing length differs", (b) => setU32(b, epbAt + 36, 44), "BAD_LENGTH", epbAt + 36],
    ["captured length overruns the block", (b) => setU32(b, epbAt + 20, 9), "BAD_LENGTH", epbAt + 20],
    ["captured length > original length", (b) => setU32(b, epbAt + 24, 4), "BAD_LENGTH", epbAt + 20],
    ["undefined interface", (b) => setU32(b, epbAt + 8, 1), "INVALID_FIELD", epbAt + 8],
    ["bad byte-order magic", (b) => setU32(b, 8, 0x12345678), "INVALID_FIELD", 8],
    ["section version 2", (b) => (b[12] = 2), "UNSUPPORTED", 12],
  ];
  for (const [name, mutate, code, offset] of cases) {
    it(`${name}: ${code}`, () => {
      const b = good();
      mutate(b);
      const e = catchFrameError(() => readPcapngAll(b));
      expect(e.code).toBe(code);
      expect(e.layer).toBe("pcapng");
      if (offset !== 0) expect(e.offset).toBe(offset);
    });
  }

  it("a file cut inside a block: complete records first, then TRUNCATED at the block (or a stop)", () => {
    const b = good();
    for (const cut of [epbAt + 40 + 1, epbAt + 40 + 11, epbAt + 40 + 12, b.length - 1]) {
      let n = 0;
      const e = catchFrameError(() => {
        for (const _ of readPcapng(b.subarray(0, cut))) n++;
      });
      expect(n).toBe(1);
      expect([e.code, e.offset]).toEqual(["TRUNCATED", epbAt + 40]);
      expect(readPcapngAll(b.subarray(0, cut), { onTruncated: "stop" })).toHaveLength(1);
    }
  });

  it("an IDB option that overruns its block: BAD_LENGTH at its length field", () => {
    const file = bytes(shb(), block(1, [...u16(1), 0, 0, ...u32(0), ...u16(9), ...u16(40), 6, 0, 0, 0]), epb(0, 0, 0, DATA));
    const e = catchFrameError(() => readPcapngAll(file));
    expect([e.code, e.offset]).toEqual(["BAD_LENGTH", 28 + 16 + 2]);
  });

  it("not a pcapng file", () => {
    expect(catchFrameError(() => readPcapngAll(new Uint8Array(16))).code).toBe("INVALID_FIELD");
    expect(catchFrameError(() => readPcapngAll(new Uint8Array(2))).code).toBe("TRUNCATED");
  });
});

describe("pcapng writers", () => {
  it("PcapngWriter pieces equal writePcapng with the same interfaces", () => {
    const interfaces = [{ linkType: 1, name: "eth0 ✓" }, { linkType: 276, snapLength: 128 }];
    const w = new PcapngWriter({ interfaces, resolution: "nanoseconds" });
    const records = [{ data: Uint8Array.from(DATA), interface: 1, timestamp: 5n }, Uint8Array.from(DATA)];
    const parts = [w.header(), ...records.map((r) => w.record(r))];
    const joined = Uint8Array.from(parts.flatMap((p) => Array.from(p)));
    expect(joined).toEqual(writePcapng(records, { interfaces, resolution: "nanoseconds" }));
    expect(readPcapngAll(joined).map((r) => [r.interface, r.linkType, r.timestamp])).toEqual([
      [1, 276, 5n],
      [0, 1, 1000n],
    ]);
    expect(joined.length % 4).toBe(0);
  });

  it("refuses undeclared interfaces, disagreeing link types, negative timestamps", () => {
    const data = Uint8Array.from(DATA);
    for (const f of [
      () => new PcapngWriter().record({ data, interface: 1 }),
      () => new PcapngWriter({ linkType: 113 }).record({ data, linkType: 1 }),
      () => writePcapng([{ data, timestamp: -5n }]),
      () => writePcapng([{ data, originalLength: 2 }]),
      () => writePcapng([{ data, interface: 0, linkType: 1 }, { data, interface: 0, linkType: 113 }]),
      () => new PcapngWriter({ interfaces: [] }),
    ]) {
      expect([catchFrameError(f).code, catchFrameError(f).layer]).toEqual(["INVALID_FIELD", "pcapng"]);
    }
  });
});

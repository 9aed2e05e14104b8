import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHex, parseHexDump, readCaptureAll } from "../../src/capture/index.js";
import { CAPTURES_DIR, FIXTURES_DIR } from "../helpers/paths.js";
import { catchFrameError, load } from "./helpers.js";

// Real tool output, recorded by test/fixtures/captures/generate.sh (tcpdump 4.99.3, tshark 4.0.17).
const CASES: [string, string][] = [
  ["arp_request_reply", "arp_request_reply.pcapng"],
  ["arp_linux_sll", "arp_linux_sll.pcap"],
  ["ndp_ns_na_solicited_lla", "ndp_ns_na_solicited_lla.pcapng"],
];

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

describe("parseHexDump on real tool output", () => {
  for (const [base, capture] of CASES) {
    const frames = readCaptureAll(load(path.join(CAPTURES_DIR, capture))).map((r) => hex(r.data));
    for (const tool of ["tcpdump-xx", "tcpdump-XX", "tshark-x"]) {
      it(`${base}.${tool}.txt gives the capture's ${frames.length} frames`, () => {
        const text = readFileSync(path.join(FIXTURES_DIR, `captures/${base}.${tool}.txt`), "utf8");
        expect(parseHexDump(text).map(hex)).toEqual(frames);
      });
    }
  }
});

const ARP = "ffffffffffff020000000001080600010800060400010200000000010a0000010000000000000a000002";

describe("parseHexDump formats", () => {
  it("Wireshark hex streams: one per paragraph, wrapped lines joined", () => {
    const text = `${ARP}\n\n${ARP.slice(0, 40)}\n${ARP.slice(40)}\n`;
    expect(parseHexDump(text).map(hex)).toEqual([ARP, ARP]);
  });

  it("tcpdump -xx with its summary lines, odd final byte count", () => {
    const text = [
      "12:00:00.000000 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
      "\t0x0000:  ffff ffff ffff 0200 0000 0001 0806 0001",
      "\t0x0010:  08",
      "12:00:00.000001 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
      "\t0x0000:  ffff",
    ].join("\n");
    expect(parseHexDump(text).map(hex)).toEqual(["ffffffffffff020000000001080600010800".slice(0, 34), "ffff"]);
  });

  it("tshark -x: ASCII column ignored even when it looks like hex; offsets restart per frame", () => {
    const text = [
      "0000  61 62 63 64 65 66 30 31 32 33 34 35 36 37 38 39   abcdef0123456789",
      "0010  61 62                                             ab",
      "0000  ff ff   ..",
    ].join("\n");
    expect(parseHexDump(text).map(hex)).toEqual(["6162636465663031323334353637383961 62".replace(" ", ""), "ffff"]);
  });

  it("tshark data-source headers: Frame kept, reassembled data skipped", () => {
    const text = [
      "Frame (2 bytes):",
      "0000  aa bb   ..",
      "",
      "Reassembled TCP (3 bytes):",
      "0000  01 02 03   ...",
    ].join("\n");
    expect(parseHexDump(text).map(hex)).toEqual(["aabb"]);
  });

  it("hexdump -C and xxd", () => {
    const hd = [
      "00000000  ff ff ff ff ff ff 02 00  00 00 00 01 08 06 00 01  |................|",
      "00000010  61 62                                             |ab|",
      "00000012",
    ].join("\n");
    expect(parseHexDump(hd).map(hex)).toEqual(["ffffffffffff0200000000010806000161 62".replace(" ", "")]);
    const xxd = ["00000000: ffff ffff ffff 0200 0000 0001 0806 0001  ................", "00000010: 6162                                     ab"].join("\n");
    expect(parseHexDump(xxd).map(hex)).toEqual(["ffffffffffff0200000000010806000161 62".replace(" ", "")]);
  });

  it("CRLF line ends, comments and empty text", () => {
    expect(parseHexDump("# a frame\r\n0000  01 02\r\n").map(hex)).toEqual(["0102"]);
    expect(parseHexDump("")).toEqual([]);
    expect(parseHexDump("\n\n")).toEqual([]);
  });
});

describe("parseHexDump errors name the line", () => {
  const cases: [string, string, number][] = [
    ["0000  01 02\n0020  03", "line 2", 12],
    ["0010  01 02", "line 1", 0],
    ["ffff\nhello world", "line 2", 5],
    ["0000  01 0g", "line 1", 0],
    ["abc", "line 1", 0],
    ["0000  01 02\nff", "line 2", 12],
    ["some text\n0000  01", "line 1", 0],
  ];
  for (const [text, line, offset] of cases) {
    it(JSON.stringify(text), () => {
      const e = catchFrameError(() => parseHexDump(text));
      expect([e.code, e.layer, e.offset]).toEqual(["INVALID_FIELD", "hex", offset]);
      expect(e.message).toContain(line);
    });
  }
});

describe("parseHex", () => {
  it("takes any whitespace, colon, dash or dot separated hex", () => {
    expect(hex(parseHex(ARP))).toBe(ARP);
    expect(hex(parseHex("ff:ff:ff ff-ff.ff\n02 00"))).toBe("ffffffffffff0200");
  });

  it("names the bad line, or says the digits are odd or absent", () => {
    const e = catchFrameError(() => parseHex("ffff\nff zz"));
    expect([e.code, e.layer, e.offset]).toEqual(["INVALID_FIELD", "hex", 5]);
    expect(e.message).toContain("line 2");
    expect(catchFrameError(() => parseHex("fff")).message).toContain("odd");
    expect(catchFrameError(() => parseHex("  ")).message).toContain("no hex");
  });
});

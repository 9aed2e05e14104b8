/**
 * buildGratuitousArpInto's word path (issue #3): an untagged, broadcast announcement with a 6-byte MAC
 * and the address as a number or 4 bytes is checked and written in words. These properties hold it to the
 * general path (the same MAC as a number, or a VLAN list, never takes the word path) for requests and
 * replies, over a dirty buffer at an offset.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fcOptions } from "../helpers/fc.js";
import { toHex } from "../../src/internal/bytes.js";
import { buildGratuitousArpInto } from "../../src/arp/builders.js";

const macBytes = fc.uint8Array({ minLength: 6, maxLength: 6 });
const ipNumber = fc.integer({ min: 0, max: 0xffff_ffff });

function macNumber(mac: Uint8Array): number {
  return mac.reduce((n, b) => n * 256 + b, 0);
}

describe("the gratuitous ARP word path writes what the general path writes", () => {
  it("for a request or a reply, the address as a number, 4 bytes or text", () => {
    fc.assert(
      fc.property(macBytes, ipNumber, fc.constantFrom(undefined, "request" as const, "reply" as const), fc.constantFrom("number", "bytes", "text"), fc.integer({ min: 0, max: 7 }), (mac, ip, operation, form, offset) => {
        const ipInput =
          form === "number" ? ip : form === "bytes" ? new Uint8Array([ip >>> 24, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff]) : [ip >>> 24, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff].join(".");
        const op = operation === undefined ? {} : { operation };
        const expected = new Uint8Array(60);
        expect(buildGratuitousArpInto({ ...op, mac: macNumber(mac), ip: ipInput }, expected, 0)).toBe(60);
        const out = new Uint8Array(offset + 64).fill(0xc3);
        expect(buildGratuitousArpInto({ ...op, mac, ip: ipInput }, out, offset)).toBe(offset + 60);
        expect(toHex(out.subarray(offset, offset + 60))).toBe(toHex(expected));
        expect(toHex(out.subarray(offset + 60))).toBe("c3c3c3c3");
      }),
      fcOptions({ numRuns: 500 }),
    );
  });

  it("refuses what the general path refuses, before writing", () => {
    const out = new Uint8Array(60).fill(7);
    for (const ip of [-1, 2 ** 32, 1.5, Number.NaN]) {
      expect(() => buildGratuitousArpInto({ mac: new Uint8Array(6), ip }, out)).toThrow(expect.objectContaining({ code: "INVALID_FIELD" }));
      expect(() => buildGratuitousArpInto({ mac: 0, ip }, out)).toThrow(expect.objectContaining({ code: "INVALID_FIELD" }));
    }
    expect(() => buildGratuitousArpInto({ mac: new Uint8Array(6), ip: 1, operation: "nope" as "reply" }, out)).toThrow(expect.objectContaining({ code: "INVALID_FIELD" }));
    expect(() => buildGratuitousArpInto({ mac: new Uint8Array(6), ip: 1 }, new Uint8Array(59))).toThrow(expect.objectContaining({ code: "BUFFER_TOO_SMALL" }));
    expect(out.every((b) => b === 7)).toBe(true);
  });
});

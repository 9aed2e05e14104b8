import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readPcapFrames } from "../helpers/pcap.js";
import { CAPTURES_DIR, FIXTURES_DIR } from "../helpers/paths.js";
import { toHex } from "../../src/internal/bytes.js";
import { isFrameError } from "../../src/errors.js";
import { decodeEthernet } from "../../src/ethernet/ethernet.js";
import { decodeIpv6 } from "../../src/ipv6/ipv6.js";
import { decodeIcmpv6 } from "../../src/ndp/icmpv6.js";
import { NdpView, decodeNdp } from "../../src/ndp/ndp.js";
import { validateNdp } from "../../src/ndp/validate.js";

/** Ethernet → IPv6 → ICMPv6 offsets of a captured frame (decodeFrame is the lead's; this stays independent). */
function locate(frame: Uint8Array) {
  const eth = decodeEthernet(frame);
  const ip = decodeIpv6(frame, eth.payloadOffset, eth.payloadEnd);
  return { eth, ip, ipv6Offset: eth.payloadOffset, icmpOffset: ip.payloadOffset, icmpEnd: ip.payloadEnd };
}

/** The decoded layers validateNdp takes. */
function decodedNdpFrame(frame: Uint8Array) {
  const at = locate(frame);
  const ndp = decodeNdp(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd);
  if (ndp === undefined) throw new Error("not NS/NA");
  return { ethernet: at.eth.ethernet, ipv6: at.ip.ipv6, icmpv6: decodeIcmpv6(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd), ndp };
}

function frames(name: string): Uint8Array[] {
  return readPcapFrames(path.join(CAPTURES_DIR, name)).map((f) => f.data);
}

type TsharkFrame = Record<string, string | string[] | undefined>;

function fixture(name: string): TsharkFrame[] {
  const parsed = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "ndp", `${name}.tshark.json`), "utf8")) as { frames: TsharkFrame[] };
  return parsed.frames;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

describe("NS/NA decode agrees with tshark on every NS/NA frame of the public captures", () => {
  const captures: [string, string][] = [
    ["ndp_ns_na_solicited_lla", "ndp_ns_na_solicited_lla.pcapng"],
    ["ndp_ns_dad_nonce", "ndp_ns_dad_nonce.pcap"],
    ["ndp_dad_ns_unsolicited_na_ra_rs", "ndp_dad_ns_unsolicited_na_ra_rs.pcap"],
    ["ndp_short_options_malformed", "ndp_short_options_malformed.pcap"],
    ["ndp_solicited_na_no_tlla", "ndp_solicited_na_no_tlla.pcap"],
  ];
  for (const [name, file] of captures) {
    it(file, () => {
      const all = frames(file);
      const expected = fixture(name);
      expect(expected.length).toBeGreaterThan(0);
      for (const t of expected) {
        const frame = all[Number(t["frame.number"]) - 1]!;
        const at = locate(frame);
        const view = new NdpView();
        const code = view.reset(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd);
        const label = `${file} frame ${String(t["frame.number"])}`;
        if (t["_ws.malformed"] !== undefined) {
          // tshark marks the message malformed: we refuse it with a FrameError where the data runs out.
          expect(code, label).not.toBe(0);
          expect(() => decodeNdp(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd), label).toThrow();
          continue;
        }
        expect(code, label).toBe(0);
        expect(view.type, label).toBe(Number(t["icmpv6.type"]));
        expect(view.code, label).toBe(Number(t["icmpv6.code"]));
        expect(view.checksum, label).toBe(Number(t["icmpv6.checksum"]));
        expect(view.verifyChecksum(), label).toBe(t["icmpv6.checksum.status"] === "1");
        const message = decodeNdp(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd)!;
        if (message.kind === "neighbor-solicitation") {
          expect(message.targetAddress, label).toBe(t["icmpv6.nd.ns.target_address"]);
          expect(message.reserved, label).toBe(parseInt(String(t["icmpv6.reserved"]), 16));
        } else {
          expect(message.targetAddress, label).toBe(t["icmpv6.nd.na.target_address"]);
          expect([message.router, message.solicited, message.override], label).toEqual([
            t["icmpv6.nd.na.flag.r"] === "1",
            t["icmpv6.nd.na.flag.s"] === "1",
            t["icmpv6.nd.na.flag.o"] === "1",
          ]);
          expect(message.reserved, label).toBe(Number(t["icmpv6.nd.na.flag.rsv"]));
        }
        expect(message.options.map((o) => String(o.type)), label).toEqual(list(t["icmpv6.opt.type"]));
        expect(message.options.map((o) => String(o.length)), label).toEqual(list(t["icmpv6.opt.length"]));
        const lla = message.options.flatMap((o) => ("linkLayerAddress" in o ? [o.linkLayerAddress] : []));
        expect(lla, label).toEqual(list(t["icmpv6.opt.linkaddr"]));
        const nonces = message.options.flatMap((o) => ("nonce" in o ? [toHex(o.nonce)] : []));
        expect(nonces, label).toEqual(list(t["icmpv6.opt.nonce"]));
      }
    });
  }
});

describe("known answers from captures", () => {
  it("the Linux NS/NA pair: fields and checksums 0x44b7 / 0x8beb, both valid", () => {
    const [ns, na] = frames("ndp_ns_na_solicited_lla.pcapng");
    const view = new NdpView();
    let at = locate(ns!);
    expect(view.reset(ns!, at.ipv6Offset, at.icmpOffset, at.icmpEnd)).toBe(0);
    expect(view.isSolicitation).toBe(true);
    expect(view.checksum).toBe(0x44b7);
    expect(view.verifyChecksum()).toBe(true);
    expect(view.sourceLinkLayerMac).toBe(0x000c292f8031);
    expect(decodeNdp(ns!, at.ipv6Offset)).toEqual({
      kind: "neighbor-solicitation",
      reserved: 0,
      targetAddress: "2001:db8:1:2::1000",
      options: [{ type: 1, length: 1, linkLayerAddress: "00:0c:29:2f:80:31" }],
    });
    at = locate(na!);
    expect(view.reset(na!, at.ipv6Offset, at.icmpOffset, at.icmpEnd)).toBe(0);
    expect([view.checksum, view.verifyChecksum(), view.solicited, view.override, view.router]).toEqual([0x8beb, true, true, true, false]);
    expect(view.targetLinkLayerMac).toBe(0x000c291fa755);
    expect(decodeNdp(na!, at.ipv6Offset)).toEqual({
      kind: "neighbor-advertisement",
      router: false,
      solicited: true,
      override: true,
      reserved: 0,
      targetAddress: "2001:db8:1:2::1000",
      options: [{ type: 2, length: 1, linkLayerAddress: "00:0c:29:1f:a7:55" }],
    });
  });

  it("the nonce DAD NS (RFC 7527): source ::, no SLLA, nonce 6069604c0aaa", () => {
    const [frame] = frames("ndp_ns_dad_nonce.pcap");
    const at = locate(frame!);
    expect(at.ip.ipv6.source).toBe("::");
    expect(at.ip.ipv6.destination).toBe("ff02::1:ffe1:f");
    const view = new NdpView();
    expect(view.reset(frame!, at.ipv6Offset, at.icmpOffset, at.icmpEnd)).toBe(0);
    expect([view.hasSourceLinkLayer, view.hasNonce, view.nonceLength, view.verifyChecksum()]).toEqual([false, true, 6, true]);
    expect(toHex(frame!.subarray(view.nonceOffset, view.nonceOffset + view.nonceLength))).toBe("6069604c0aaa");
    expect(validateNdp(decodedNdpFrame(frame!))).toEqual([]);
  });

  it("the unsolicited NA with R+O to ff02::1 (Zeek's icmp6-nd-options)", () => {
    const all = frames("ndp_dad_ns_unsolicited_na_ra_rs.pcap");
    const decoded = decodedNdpFrame(all[1]!);
    expect(decoded.ipv6.destination).toBe("ff02::1");
    expect(decoded.ndp).toEqual({
      kind: "neighbor-advertisement",
      router: true,
      solicited: false,
      override: true,
      reserved: 0,
      targetAddress: "fe80::c000:54ff:fef5:0",
      options: [{ type: 2, length: 1, linkLayerAddress: "c2:00:54:f5:00:00" }],
    });
    expect(decoded.icmpv6.checksumValid).toBe(true);
    expect(validateNdp(decoded)).toEqual([]);
  });

  it("truncated NS/NA in Zeek's icmp6-nd-short-options: TRUNCATED at the target field, as Wireshark marks it", () => {
    const all = frames("ndp_short_options_malformed.pcap");
    // frames 3 and 5: 16-byte messages; 14 and 15: 8-byte messages (the ICMPv6 message starts at byte 54).
    for (const n of [3, 5, 14, 15]) {
      const frame = all[n - 1]!;
      const at = locate(frame);
      expect(at.icmpOffset).toBe(54);
      try {
        decodeNdp(frame, at.ipv6Offset, at.icmpOffset, at.icmpEnd);
        throw new Error(`frame ${n} decoded`);
      } catch (error) {
        expect(isFrameError(error)).toBe(true);
        expect(error, `frame ${n}`).toMatchObject({ code: "TRUNCATED", layer: "ndp", offset: 54 + 8 });
      }
    }
    // Redirect and RA frames are not NS/NA: undefined, not an error.
    const redirect = all[7]!;
    const at = locate(redirect);
    expect(decodeNdp(redirect, at.ipv6Offset, at.icmpOffset, at.icmpEnd)).toBeUndefined();
  });

  it("a real LAN boot (suricata-verify): every NS/NA decodes, verifies and passes validation", () => {
    const all = frames("mixed_arp_probe_announce_ndp_dad_boot.pcap");
    let count = 0;
    for (const frame of all) {
      const eth = decodeEthernet(frame);
      if (eth.protocol !== 0x86dd) continue;
      const ip = decodeIpv6(frame, eth.payloadOffset, eth.payloadEnd);
      if (ip.upperLayerProtocol !== 58) continue;
      const type = frame[ip.payloadOffset];
      if (type !== 135 && type !== 136) continue;
      count++;
      const decoded = decodedNdpFrame(frame);
      expect(decoded.icmpv6.checksumValid).toBe(true);
      expect(validateNdp(decoded)).toEqual([]);
    }
    expect(count).toBe(22);
  });

  it("IPv6 version 0 frames (tcpdump's ipv6-bad-version) decode leniently and fail validation", () => {
    const all = frames("ipv6_bad_version_with_dad_ns.pcap");
    const decoded = decodedNdpFrame(all[1]!);
    expect(decoded.ipv6.version).toBe(0);
    expect(decoded.ndp.kind).toBe("neighbor-advertisement");
    expect(validateNdp(decoded).map((v) => v.rule)).toEqual(["ipv6-version"]);
    expect(validateNdp(decodedNdpFrame(all[0]!))).toEqual([]);
  });
});

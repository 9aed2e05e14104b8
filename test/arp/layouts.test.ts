import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Buffer } from "node:buffer";
import { fcOptions } from "../helpers/fc.js";
import { ARP_ETHERNET_IPV4_LAYOUT, ARP_FIXED_HEADER_LAYOUT, type ArpEthernetIpv4Fields } from "../../src/layouts/arp.js";
import { ArpView, decodeArp, encodeArp } from "../../src/arp/arp.js";
import { ARP_ETHERNET_IPV4_LENGTH, ARP_HEADER_LENGTH } from "../../src/arp/constants.js";
import { formatMac } from "../../src/address/mac.js";
import { formatIpv4Number } from "../../src/address/ipv4.js";

describe("ARP buffer-layout declarations", () => {
  it("spans and field offsets equal the constants and ArpView's offsets", () => {
    expect(ARP_FIXED_HEADER_LAYOUT.span).toBe(ARP_HEADER_LENGTH);
    expect(ARP_ETHERNET_IPV4_LAYOUT.span).toBe(ARP_ETHERNET_IPV4_LENGTH);
    const view = new ArpView();
    const bytes = new Uint8Array(28);
    bytes[4] = 6;
    bytes[5] = 4;
    expect(view.reset(bytes)).toBe(0);
    expect(ARP_ETHERNET_IPV4_LAYOUT.offsetOf("hardwareLength")).toBe(4);
    expect(ARP_ETHERNET_IPV4_LAYOUT.offsetOf("operation")).toBe(6);
    expect(ARP_ETHERNET_IPV4_LAYOUT.offsetOf("senderHardwareAddress")).toBe(view.senderHardwareOffset);
    expect(ARP_ETHERNET_IPV4_LAYOUT.offsetOf("senderProtocolAddress")).toBe(view.senderProtocolOffset);
    expect(ARP_ETHERNET_IPV4_LAYOUT.offsetOf("targetHardwareAddress")).toBe(view.targetHardwareOffset);
    expect(ARP_ETHERNET_IPV4_LAYOUT.offsetOf("targetProtocolAddress")).toBe(view.targetProtocolOffset);
    for (const f of ["hardwareType", "protocolType", "hardwareLength", "protocolLength", "operation"]) {
      expect(ARP_FIXED_HEADER_LAYOUT.offsetOf(f)).toBe(ARP_ETHERNET_IPV4_LAYOUT.offsetOf(f));
    }
  });

  it("its decode agrees with decodeArp and its encode with encodeArp on random Ethernet/IPv4 messages", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 28, maxLength: 28 }), fc.integer({ min: 0, max: 9 }), (random, at) => {
        const message = random.slice();
        message[4] = 6;
        message[5] = 4;
        const buf = Buffer.alloc(at + 28);
        buf.set(message, at);
        const fields = ARP_ETHERNET_IPV4_LAYOUT.decode(buf, at);
        const ours = decodeArp(message);
        expect(ours.hardwareType).toBe(fields.hardwareType);
        expect(ours.protocolType).toBe(fields.protocolType);
        expect(ours.hardwareLength).toBe(fields.hardwareLength);
        expect(ours.protocolLength).toBe(fields.protocolLength);
        expect(ours.operation).toBe(fields.operation);
        expect(ours.senderHardwareAddress).toBe(formatMac(fields.senderHardwareAddress));
        expect(ours.targetHardwareAddress).toBe(formatMac(fields.targetHardwareAddress));
        if (fields.protocolType === 0x0800) {
          expect(ours.senderProtocolAddress).toBe(formatIpv4Number(fields.senderProtocolAddress));
          expect(ours.targetProtocolAddress).toBe(formatIpv4Number(fields.targetProtocolAddress));
        }
        const fixed = ARP_FIXED_HEADER_LAYOUT.decode(buf, at);
        expect(fixed).toEqual({
          hardwareType: fields.hardwareType,
          protocolType: fields.protocolType,
          hardwareLength: 6,
          protocolLength: 4,
          operation: fields.operation,
        });
        // Encode the layout's fields with both encoders.
        const src: ArpEthernetIpv4Fields = fields;
        const out = Buffer.alloc(28, 0xaa);
        expect(ARP_ETHERNET_IPV4_LAYOUT.encode(src, out, 0)).toBe(28);
        const encoded = encodeArp({
          hardwareType: fields.hardwareType,
          protocolType: fields.protocolType,
          operation: fields.operation,
          senderHardwareAddress: fields.senderHardwareAddress,
          senderProtocolAddress: fields.senderProtocolAddress,
          targetHardwareAddress: fields.targetHardwareAddress,
          targetProtocolAddress: fields.targetProtocolAddress,
        });
        expect(new Uint8Array(out)).toEqual(encoded);
        expect(encoded).toEqual(message);
      }),
      fcOptions(),
    );
  });
});

/**
 * The three anchor frames, byte for byte as ../shared/anchors/go/run.sh writes them
 * (`ANCHOR_FRAMES_DIR=DIR run.sh` → arp.hex, ns.hex, na.hex), so our figures and gopacket's/mdlayher's are
 * for the same bytes.
 */

// Parsed here rather than with the package's parseHex: this file is also imported by the unit tests (the fuzz
// corpus), which run from the sources with no build, while the benchmark imports the built package.
function hex(text: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})+$/.test(text)) throw new Error("bad hex in bench/frames.ts");
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** 42-byte Ethernet + ARP request: 02:00:00:00:00:01 / 192.0.2.1 asks for 192.0.2.240. */
export const ARP_REQUEST = hex("ffffffffffff02000000000108060001080006040001020000000001c0000201000000000000c00002f0");

/** 86-byte NS from 2001:db8::1 for 2001:db8::f0 to ff02::1:ff00:f0, with a source link-layer option. */
export const NS_FRAME = hex(
  "3333ff0000f002000000000186dd6000000000203aff20010db8000000000000000000000001ff0200000000000000000001ff0000f0" +
    "87001a4b0000000020010db80000000000000000000000f00101020000000001",
);

/** 86-byte unsolicited NA (Override) for 2001:db8::f0 to ff02::1, with a target link-layer option. */
export const NA_FRAME = hex(
  "33330000000102000000000186dd6000000000203aff20010db80000000000000000000000f0ff020000000000000000000000000001" +
    "8800f74c2000000020010db80000000000000000000000f00201020000000001",
);

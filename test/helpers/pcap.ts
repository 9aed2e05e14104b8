import { readFileSync } from "node:fs";

/** One frame from a capture file, as the tests need it. */
export interface TestFrame {
  data: Uint8Array;
  linkType: number;
}

/**
 * A deliberately small, independent pcap/pcapng reader for test fixtures (not the library's reader, so that
 * tests of other layers neither depend on it nor share its bugs). Handles both byte orders, µs/ns pcap and
 * pcapng EPB/SPB with several IDBs.
 */
export function readPcapFrames(file: string): TestFrame[] {
  const buf = readFileSync(file);
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: TestFrame[] = [];
  const magic = dv.getUint32(0, false);
  if (magic === 0x0a0d0d0a) {
    let p = 0;
    let le = true;
    let links: number[] = [];
    while (p + 12 <= bytes.length) {
      const bom = dv.getUint32(p + 8, true);
      let type = dv.getUint32(p, le);
      if (type === 0x0a0d0d0a) {
        le = bom === 0x1a2b3c4d;
        links = [];
        type = 0x0a0d0d0a;
      }
      const len = dv.getUint32(p + 4, le);
      if (len < 12 || p + len > bytes.length) break;
      if (type === 1) links.push(dv.getUint16(p + 8, le));
      else if (type === 6) {
        const iface = dv.getUint32(p + 8, le);
        const caplen = dv.getUint32(p + 20, le);
        frames.push({ data: bytes.slice(p + 28, p + 28 + caplen), linkType: links[iface] ?? 1 });
      } else if (type === 3) {
        const orig = dv.getUint32(p + 8, le);
        frames.push({ data: bytes.slice(p + 12, p + 12 + Math.min(orig, len - 16)), linkType: links[0] ?? 1 });
      }
      p += len;
    }
    return frames;
  }
  const le = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  if (!le && magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`${file}: not a capture`);
  const linkType = dv.getUint32(20, le) & 0xffff;
  let p = 24;
  while (p + 16 <= bytes.length) {
    const caplen = dv.getUint32(p + 8, le);
    if (p + 16 + caplen > bytes.length) break;
    frames.push({ data: bytes.slice(p + 16, p + 16 + caplen), linkType });
    p += 16 + caplen;
  }
  return frames;
}

/** Writes frames as a minimal little-endian µs pcap (link type Ethernet unless told), for tshark tests. */
export function writeTestPcap(frames: readonly Uint8Array[], linkType = 1): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 262144, true);
  dv.setUint32(20, linkType, true);
  let p = 24;
  frames.forEach((f, i) => {
    dv.setUint32(p, 1_700_000_000 + Math.floor(i / 1e6), true);
    dv.setUint32(p + 4, i % 1e6, true);
    dv.setUint32(p + 8, f.length, true);
    dv.setUint32(p + 12, f.length, true);
    out.set(f, p + 16);
    p += 16 + f.length;
  });
  return out;
}

/**
 * Printing helpers for interop failures: frames as hex, decoded objects as JSON with byte fields in hex.
 */

/** Lowercase hex of `bytes`, no separators (paste into `arp-ndp decode` or Wireshark's hex import). */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** Bytes of a hex string. */
export function fromHex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, "hex"));
}

/** A decoded object with every Uint8Array replaced by its hex, for JSON.stringify. */
export function printable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `hex:${hex(v)}` : v)));
}

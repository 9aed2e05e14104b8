import { readFileSync } from "node:fs";
import { isFrameError, type FrameError } from "../../src/errors.js";

/** A file's bytes as a plain Uint8Array view (no copy). */
export function load(file: string): Uint8Array {
  const b = readFileSync(file);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** tshark's frame.time_epoch text ("1213957237.965649000") as nanoseconds. */
export function epochToNs(text: string): bigint {
  const [s = "0", f = ""] = text.split(".");
  return BigInt(s) * 1_000_000_000n + BigInt(f.padEnd(9, "0").slice(0, 9));
}

/** The FrameError `f` throws (fails the test on anything else, or on no throw). */
export function catchFrameError(f: () => unknown): FrameError {
  try {
    f();
  } catch (e) {
    if (isFrameError(e)) return e;
    throw e;
  }
  throw new Error("expected a FrameError");
}

/** Same, for an async function. */
export async function catchFrameErrorAsync(f: () => Promise<unknown>): Promise<FrameError> {
  try {
    await f();
  } catch (e) {
    if (isFrameError(e)) return e;
    throw e;
  }
  throw new Error("expected a FrameError");
}

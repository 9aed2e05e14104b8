import { expect } from "vitest";
import { isFrameError } from "../../src/errors.js";

/**
 * Asserts that `f` throws a FrameError `INVALID_FIELD` whose message contains `needle`, and, when `layer`
 * is given, whose layer is that one.
 */
export function expectInvalidField(f: () => unknown, needle: string, layer?: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isFrameError(caught), `expected a FrameError, got ${String(caught)}`).toBe(true);
  if (!isFrameError(caught)) return;
  expect(caught.code).toBe("INVALID_FIELD");
  if (layer !== undefined) expect(caught.layer).toBe(layer);
  expect(caught.message).toContain(needle);
}

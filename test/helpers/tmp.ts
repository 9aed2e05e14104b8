/**
 * Temporary folders that the tests remove again. Every test that writes files makes its folder here, under
 * the one prefix that `test/helpers/no-leftovers.ts` checks after the whole run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, onTestFinished } from "vitest";

/** The prefix of every folder the unit tests make in the system's temporary directory. */
export const TEMP_PREFIX = "arp-ndp-test-";

function make(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `${TEMP_PREFIX}${name}-`));
}

/** A folder for one test, removed when that test finishes (passed or failed). Call it inside `it`. */
export function testTempDir(name: string): string {
  const dir = make(name);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A folder for a whole file or `describe`, removed after its last test. Call it at module or describe level. */
export function suiteTempDir(name: string): string {
  const dir = make(name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Replays every input the fuzzer saved in test/fixtures/crashers/ through every decoder target (the same
 * targets `npm run fuzz` drives, differential and round-trip checks included): only a `FrameError` may
 * come out. Each input is run as it was saved, and embedded at an offset between guard bytes. An input
 * saved for being slow (or hanging) must now decode within 100 ms. Passes with no crashers (the folder holds a README).
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isFrameError } from "../../src/errors.js";
import { FIXTURES_DIR } from "../helpers/paths.js";
import { loadTargets, type Target } from "./targets.js";

const DIR = path.join(FIXTURES_DIR, "crashers");
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith(".bin")).sort() : [];

let targets: Target[] = [];

beforeAll(async () => {
  targets = (await loadTargets()).targets;
});

/** Runs a target; returns the error when it threw something other than a FrameError. */
function crashOf(target: Target, bytes: Uint8Array, offset: number, end: number): unknown {
  try {
    target.run(bytes, offset, end);
    return undefined;
  } catch (error) {
    return isFrameError(error) ? undefined : error;
  }
}

describe("fuzz crashers", () => {
  it("the crashers folder exists, with its README", () => {
    expect(existsSync(path.join(DIR, "README.md"))).toBe(true);
  });

  it("loads a target for every decoder the fuzzer covers", () => {
    const names = targets.map((t) => t.name);
    for (const name of ["ethernet", "arp", "ipv6", "ndp", "ndp-in-ipv6", "ndp-options", "frame", "frame-cooked", "readPcap", "readPcapng", "PcapCursor", "PcapngCursor"]) {
      expect(names).toContain(name);
    }
  });

  it.each(files.length > 0 ? files : ["(none)"])("%s decodes or fails with FrameError only, in every decoder", (file) => {
    if (file === "(none)") return;
    const input = new Uint8Array(readFileSync(path.join(DIR, file)));
    const note = path.join(DIR, file.replace(/\.bin$/, ".txt"));
    const slow = existsSync(note) && /^kind: (slow|hang)$/m.test(readFileSync(note, "utf8"));
    const embedded = new Uint8Array(input.length + 19);
    embedded.fill(0xa5);
    embedded.set(input, 7);
    const failures: string[] = [];
    for (const target of targets) {
      for (const [bytes, offset] of [
        [input, 0],
        [embedded, 7],
      ] as const) {
        const t0 = performance.now();
        const crash = crashOf(target, bytes, offset, offset + input.length);
        const ms = performance.now() - t0;
        if (crash !== undefined) failures.push(`${target.name} @${offset}: ${crash instanceof Error ? `${crash.name}: ${crash.message}` : String(crash)}`);
        if (slow && ms > 100) failures.push(`${target.name} @${offset}: took ${ms.toFixed(1)} ms`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * The fuzzing campaign's own verdicts: a run that tested nothing fails (it used to print "no failing
 * inputs" and exit 0 when the corpus was missing), and a short real run passes with its count printed.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";

function fuzz(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "test/fuzz/run.ts", "--no-linear", "--workers", "1", "--seed", "7", ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
}

describe("npm run fuzz", () => {
  it("fails when it ran no input", () => {
    const r = fuzz("--inputs", "0");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("nothing was tested");
    expect(r.stdout).not.toContain("no failing inputs");
  });

  it("passes a short campaign over the repository's own corpus, and says how many inputs it ran", () => {
    const r = fuzz("--inputs", "500");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/total: 500 inputs, [1-9]\d* decoder calls/);
    expect(r.stdout).toContain("no failing inputs");
  });
});

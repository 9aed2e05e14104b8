/**
 * Vitest global setup: after the whole run, no folder made by {@link suiteTempDir} or {@link testTempDir}
 * may be left in the temporary directory (each `npm test` used to leave a set of them behind).
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { TEMP_PREFIX } from "./tmp.js";

function ours(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((name) => name.startsWith(TEMP_PREFIX)));
}

export default function setup(): () => void {
  const before = ours();
  return () => {
    const left = [...ours()].filter((name) => !before.has(name));
    if (left.length === 0) return;
    // Vitest reports an error thrown here but still exits 0, so fail the process explicitly.
    console.error(`the tests left ${left.length} folders in ${tmpdir()}: ${left.join(", ")}`);
    process.exitCode = 1;
  };
}

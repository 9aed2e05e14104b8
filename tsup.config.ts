import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: ESM + CJS + declarations for both, one entry per public subpath. Splitting puts what
    // the entries share (FrameError among it) in one chunk per format, so one class serves every subpath.
    // No source maps in the package: they were 2.1 MB of its 3.4 MB.
    entry: { index: "src/index.ts", "layouts/index": "src/layouts/index.ts", "capture/node": "src/capture/node.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    target: "node20",
    treeshake: true,
    splitting: true,
  },
  {
    // The command-line tool: ESM only, with its shebang.
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: false,
    target: "node20",
    splitting: false,
  },
]);

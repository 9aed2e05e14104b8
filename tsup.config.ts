import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: ESM + CJS + declarations for both, one entry per public subpath.
    entry: { index: "src/index.ts", "layouts/index": "src/layouts/index.ts", "capture/node": "src/capture/node.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    treeshake: true,
    splitting: false,
  },
  {
    // The command-line tool: ESM only, with its shebang.
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    target: "node20",
    splitting: false,
  },
]);

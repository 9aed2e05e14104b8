// Checks the built package as a user loads it: every entry point, ESM and CJS, throws the one FrameError
// class that `arp-ndp` exports (before splitting, `arp-ndp/capture/node` bundled a copy of its own and its
// errors failed `instanceof`). Run by `npm run check:package` after the build.
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const esm = await import("arp-ndp");
const esmNode = await import("arp-ndp/capture/node");
const cjs = require("arp-ndp");
const cjsNode = require("arp-ndp/capture/node");

async function captureFileError(node) {
  try {
    for await (const _ of node.readCaptureFile(new URL("../package.json", import.meta.url).pathname)) break;
  } catch (error) {
    return error;
  }
  throw new Error("readCaptureFile accepted package.json as a capture");
}

for (const [name, core, node] of [["ESM", esm, esmNode], ["CJS", cjs, cjsNode]]) {
  const error = await captureFileError(node);
  assert.ok(error instanceof core.FrameError, `${name}: arp-ndp/capture/node's error is instanceof arp-ndp's FrameError`);
  assert.ok(core.isFrameError(error), `${name}: isFrameError`);
  assert.equal(typeof error.offset, "number");
}
// The ESM and CJS copies recognise each other's errors too (the dual-package hazard).
assert.ok((await captureFileError(cjsNode)) instanceof esm.FrameError, "a CJS FrameError is instanceof the ESM class");
assert.ok((await captureFileError(esmNode)) instanceof cjs.FrameError, "an ESM FrameError is instanceof the CJS class");
assert.equal(new Error("x") instanceof esm.FrameError, false);
console.log("entry points: one FrameError across arp-ndp and arp-ndp/capture/node, ESM and CJS");

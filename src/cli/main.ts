#!/usr/bin/env node
/**
 * The `arp-ndp` executable (package `bin`, built by tsup to dist/cli/main.js). Everything happens in
 * {@link main}; this file only connects it to the process.
 *
 * @packageDocumentation
 */
import { main } from "./cli.js";
import { EXIT_USAGE } from "./errors.js";
import { nodeIo, stdoutFailed } from "./io.js";

// A pipe's write errors arrive as events: EPIPE (`arp-ndp decode big.pcap | head`) ends quietly with 0,
// anything else is one line on stderr and status 2.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  try {
    stdoutFailed(error);
  } catch (failure) {
    process.stderr.write(`arp-ndp: ${failure instanceof Error ? failure.message : String(failure)}\n`);
    process.exit(EXIT_USAGE);
  }
});

process.exitCode = await main(process.argv.slice(2), nodeIo());

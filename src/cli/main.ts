#!/usr/bin/env node
/**
 * The `arp-ndp` executable (package `bin`, built by tsup to dist/cli/main.js). Everything happens in
 * {@link main}; this file only connects it to the process.
 *
 * @packageDocumentation
 */
import { main } from "./cli.js";
import { nodeIo } from "./io.js";

// `arp-ndp decode big.pcap | head`: the reader went away; stop quietly, as cat and tshark do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), nodeIo());

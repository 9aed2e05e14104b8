/**
 * The `arp-ndp` command line: dispatch, `--help`, `--version`, and the error policy (a user's mistake is
 * one line on stderr and exit status 2; a bug is a stack trace and status 1).
 *
 * `main(argv, io)` runs in-process (the tests use it with captured output); `main.ts` is the executable.
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { runBuild } from "./build.js";
import { runDecode } from "./decode.js";
import { runDemo } from "./demo.js";
import { EXIT_INTERNAL, EXIT_USAGE, isUsageError } from "./errors.js";
import { BUILD_HELP, DECODE_HELP, DEMO_HELP, MAIN_HELP } from "./help.js";
import type { CliIo } from "./io.js";

/** The package version, read from package.json (two levels up from both src/cli and dist/cli). */
export function packageVersion(): string {
  try {
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

const COMMAND_HELP: Readonly<Record<string, string>> = { decode: DECODE_HELP, build: BUILD_HELP, demo: DEMO_HELP };

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit status.
 * Never throws: errors are reported on `io.stderr`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr(`arp-ndp: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`arp-ndp: internal error (please report it)\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stderr("arp-ndp: missing command (commands: decode, build, demo, help; see arp-ndp --help)\n");
      return EXIT_USAGE;
    case "-h":
    case "--help":
      await io.stdout(MAIN_HELP);
      return 0;
    case "help": {
      const topic = rest[0];
      if (topic === undefined) {
        await io.stdout(MAIN_HELP);
        return 0;
      }
      const text = COMMAND_HELP[topic];
      if (text === undefined) return unknownCommand(topic, io);
      await io.stdout(text);
      return 0;
    }
    case "-V":
    case "--version":
    case "version":
      await io.stdout(`arp-ndp ${packageVersion()}\n`);
      return 0;
    case "decode":
      return runDecode(rest, io);
    case "build":
      return runBuild(rest, io);
    case "demo":
      return runDemo(rest, io);
    default:
      return unknownCommand(command, io);
  }
}

function unknownCommand(command: string, io: CliIo): number {
  const what = command.startsWith("-") ? `unknown option ${command}` : `unknown command ${JSON.stringify(command)}`;
  io.stderr(`arp-ndp: ${what} (commands: decode, build, demo, help; see arp-ndp --help)\n`);
  return EXIT_USAGE;
}

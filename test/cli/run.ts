/**
 * Runs the CLI in-process with captured output (fast: most tests), or as a real process (a few tests,
 * for exit codes, pipes and the shebang entry).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { main } from "../../src/cli/cli.js";
import type { CliIo } from "../../src/cli/io.js";
import { REPO_ROOT } from "../helpers/paths.js";

/** What a CLI run printed and returned. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `arp-ndp ...args` in-process. */
export async function runCli(args: readonly string[], options: { stdin?: string | Uint8Array; cwd?: string; tty?: boolean } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: async function* () {
      const bytes = typeof options.stdin === "string" ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array(0));
      // In pieces of 7 bytes, so every test of standard input also tests reading across chunk boundaries.
      for (let p = 0; p < bytes.length; p += 7) yield bytes.subarray(p, p + 7);
    },
    stderrIsTty: options.tty ?? false,
    cwd: options.cwd ?? REPO_ROOT,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

/** Runs `node --import tsx src/cli/main.ts ...args` as a child process. */
export function spawnCli(args: readonly string[], options: { input?: string; cwd?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "src/cli/main.ts"), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Output lines without the final empty one. */
export function lines(text: string): string[] {
  const all = text.split("\n");
  if (all[all.length - 1] === "") all.pop();
  return all;
}

/**
 * A user's mistake (unknown command or option, bad address text, missing file, unknown format): the CLI
 * prints its message as ONE line on stderr, `arp-ndp: <message>`, and exits with status 2. Anything else
 * that escapes a command is a bug: stack trace, status 1.
 *
 * @packageDocumentation
 */
import { isFrameError } from "../errors.js";

/** Exit status for a user's mistake. */
export const EXIT_USAGE = 2;
/** Exit status for an internal error. */
export const EXIT_INTERNAL = 1;

/** An error the user can fix; its message is printed on one line without a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** True for a {@link UsageError}. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

/** A one-line description of a Node file-system error (`no such file`, `permission denied`, ...). */
export function describeFsError(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a parent is not a directory";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    case "EMFILE":
      return "too many open files";
    default:
      return typeof code === "string" && code.startsWith("E") ? code : undefined;
  }
}

/** Runs `f`, turning a FrameError (bad address text, bad option value) into a UsageError about `what`. */
export function userInput<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (isFrameError(error)) throw new UsageError(`${what}: ${stripLayer(error.message)}`);
    throw error;
  }
}

/** "address: not a MAC address: \"x\"" → "not a MAC address: \"x\"" (the layer prefix means little to a user). */
export function stripLayer(message: string): string {
  return message.replace(/^(address|builder): /, "");
}

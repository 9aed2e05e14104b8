/**
 * The CLI's window on the outside world, so that every command can run in-process under test with
 * captured output, and as a real process with Node's streams.
 *
 * @packageDocumentation
 */
import { UsageError, describeFsError } from "./errors.js";

/** Where a command writes and reads. */
export interface CliIo {
  /** Writes text to standard output; a returned promise resolves once the text may be followed by more. */
  stdout(text: string): void | Promise<void>;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** Standard input, chunk by chunk. */
  stdin(): AsyncIterable<Uint8Array>;
  /** True when standard error is a terminal (progress is shown only then). */
  stderrIsTty: boolean;
  /** The directory relative paths are resolved against. */
  cwd: string;
}

/** The real process's streams. */
export function nodeIo(): CliIo {
  return {
    stdout(text: string): void | Promise<void> {
      let flushed: boolean;
      try {
        flushed = process.stdout.write(text);
      } catch (error) {
        // A file or device as standard output is written synchronously, so its errors arrive here (a
        // pipe's come as the stream's "error" event, handled in main.ts).
        return stdoutFailed(error);
      }
      if (flushed) return undefined;
      return new Promise<void>((resolve) => process.stdout.once("drain", resolve));
    },
    stderr(text: string): void {
      process.stderr.write(text);
    },
    stdin(): AsyncIterable<Uint8Array> {
      return process.stdin as AsyncIterable<Uint8Array>;
    },
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
  };
}

/**
 * Standard output failed: a reader that went away (EPIPE: `arp-ndp decode big.pcap | head`) ends the
 * process quietly with status 0, as cat and tshark do; any other failure (ENOSPC on a full disk,
 * /dev/full) is a user-facing error: one line, status 2.
 */
export function stdoutFailed(error: unknown): never {
  if ((error as { code?: unknown } | null)?.code === "EPIPE") process.exit(0);
  throw new UsageError(`cannot write standard output: ${describeFsError(error) ?? String(error)}`);
}

/**
 * Collects output lines and hands them to {@link CliIo.stdout} in chunks of about 64 KiB, waiting when
 * the stream asks to (so decoding a 1 GB capture into a slow pipe does not pile output up in memory).
 */
export class LineWriter {
  private buffer = "";

  constructor(private readonly io: CliIo) {}

  /** Adds one line (without its newline); may have to wait for the stream to drain. */
  async line(text: string): Promise<void> {
    this.buffer += text + "\n";
    if (this.buffer.length >= 65_536) await this.flush();
  }

  /** Writes what is buffered. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer;
    this.buffer = "";
    await this.io.stdout(text);
  }
}

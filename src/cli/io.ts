/**
 * The CLI's window on the outside world, so that every command can run in-process under test with
 * captured output, and as a real process with Node's streams.
 *
 * @packageDocumentation
 */

/** Where a command writes and reads. */
export interface CliIo {
  /** Writes text to standard output; a returned promise resolves once the text may be followed by more. */
  stdout(text: string): void | Promise<void>;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input. */
  readStdin(): Promise<Uint8Array>;
  /** True when standard error is a terminal (progress is shown only then). */
  stderrIsTty: boolean;
  /** The directory relative paths are resolved against. */
  cwd: string;
}

/** The real process's streams. */
export function nodeIo(): CliIo {
  return {
    stdout(text: string): void | Promise<void> {
      if (process.stdout.write(text)) return undefined;
      return new Promise<void>((resolve) => process.stdout.once("drain", resolve));
    },
    stderr(text: string): void {
      process.stderr.write(text);
    },
    async readStdin(): Promise<Uint8Array> {
      const chunks: Uint8Array[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
      const all = Buffer.concat(chunks);
      return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
    },
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
  };
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

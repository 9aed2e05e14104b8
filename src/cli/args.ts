/**
 * Argument parsing on `node:util` parseArgs, with its errors rewritten as one-line usage errors that name
 * the command and point at its `--help`.
 *
 * @packageDocumentation
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.js";

/** parseArgs option declarations. */
export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** What {@link parseCommandArgs} returns. */
export interface ParsedArgs {
  /** Option values by name (string, boolean or string[] for repeatable options). */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** Positional arguments. */
  positionals: string[];
}

/**
 * Parses `args` strictly against `options` (always with `--help`/`-h`).
 * @throws UsageError for an unknown option, a missing value or an unexpected positional.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: OptionSpec, allowPositionals: boolean): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(args, options),
      options: { help: { type: "boolean", short: "h" }, ...options },
      allowPositionals,
      strict: true,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    throw new UsageError(rewriteParseError(command, error));
  }
}

/**
 * `--vlan -1` as `--vlan=-1`: parseArgs takes a value that starts with "-" for an option of its own and
 * refuses it in three lines; joined, the value reaches the option's own check, which says what is wrong.
 */
function joinNegativeValues(args: readonly string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const spec = arg.startsWith("--") ? options[arg.slice(2)] : undefined;
    if (spec?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function rewriteParseError(command: string, error: unknown): string {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const hint = `(see arp-ndp ${command} --help)`;
  const quoted = /'([^']*)'/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `${command}: unknown option ${quoted ?? message} ${hint}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const name = quoted?.split(" ")[0];
      return name !== undefined && /argument missing/.test(message)
        ? `${command}: option ${name} needs a value ${hint}`
        : `${command}: ${message} ${hint}`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `${command}: unexpected argument ${quoted ?? message} ${hint}`;
    default:
      return `${command}: ${message} ${hint}`;
  }
}

/** A string option's value (the last one when given several times), or undefined. */
export function stringOption(values: ParsedArgs["values"], name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) {
    const last = v[v.length - 1];
    return typeof last === "string" ? last : undefined;
  }
  return typeof v === "string" ? v : undefined;
}

/** A repeatable string option's values, in order. */
export function stringList(values: ParsedArgs["values"], name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/** A boolean flag's value. */
export function flag(values: ParsedArgs["values"], name: string): boolean {
  return values[name] === true;
}

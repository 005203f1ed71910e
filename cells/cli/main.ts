import { evalCommand } from "./eval.ts";
import { trainCommand } from "./train.ts";
import type { CliIO } from "./io.ts";

const USAGE = `Usage:
  tensorsheet eval FILE [--json]     evaluate every cell of a sheet
  tensorsheet train FILE [--cell NAME] [--epochs N] [--threads N] [--out FILE]
                                     run a training cell; --out writes the trained sheet;
                                     --threads: cores for matrix products (default: all)
  tensorsheet help                   show this message

Exit codes: 0 success, 1 a cell error or failed training, 2 unreadable or invalid file or bad usage.`;

/** The command-line tool's core: parse argv, run a command, return the exit code. No process access. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "eval":
      return evalCommand(rest, io);
    case "train":
      return trainCommand(rest, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`tensorsheet: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

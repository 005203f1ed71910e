import { evalCommand } from "./eval.ts";
import { exportCommand } from "./export.ts";
import { trainCommand } from "./train.ts";
import type { CliIO } from "./io.ts";
import { takeMaxElements, withMaxElements } from "./max-elements.ts";

const USAGE = `Usage:
  tensorsheet eval FILE [--json] [--max-elements N]
                                     evaluate every cell of a sheet
  tensorsheet train FILE [--cell NAME] [--epochs N] [--threads N] [--out FILE] [--max-elements N]
                                     run a training cell; --out writes the trained sheet;
                                     --threads: cores for matrix products (default: all)
  tensorsheet export FILE --to pytorch [-o OUT.py]
                                     write the sheet as a PyTorch script (default: FILE with .py);
                                     large params and MNIST go beside it as .npy files
  tensorsheet help                   show this message

  --max-elements N                   the most elements one tensor may have (default 268,435,456,
                                     i.e. 2^28 = 1 GiB of float32); a cell past it gets an error

Exit codes: 0 success, 1 a cell error or failed training, 2 unreadable or invalid file or bad usage,
130 / 143 training interrupted by Ctrl-C / SIGTERM (with --out, the state reached is written; train it again to resume).`;

/** The command-line tool's core: parse argv, run a command, return the exit code. No process access. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "export":
      return exportCommand(rest, io);
    case "eval":
    case "train": {
      const options = takeMaxElements(rest);
      if ("error" in options) {
        io.err(`tensorsheet ${command}: ${options.error}`);
        return 2;
      }
      const run = command === "eval" ? evalCommand : trainCommand;
      return withMaxElements(options.maxElements, () => run(options.args, io));
    }
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

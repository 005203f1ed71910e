import { CellError } from "../errors.ts";
import { pytorchScript } from "../pytorch/script.ts";
import { usesMnist } from "../datasets.ts";
import { loadOrReport } from "./eval.ts";
import type { CliIO } from "./io.ts";

interface ExportArgs {
  readonly file: string;
  readonly out: string;
}

/**
 * `tensorsheet export FILE --to pytorch [-o OUT.py]`: the sheet as a PyTorch script, with its large
 * param values and the built-in MNIST (if the sheet reads it) as .npy files beside the script.
 */
export async function exportCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, io);
  if (args === null) return 2;
  const loaded = await loadOrReport(args.file, io);
  if (loaded === null) return 2;
  const { sheet, document } = loaded;
  const fileName = args.out.split(/[\\/]/).pop()!;
  let exported;
  try {
    const mnist = usesMnist(document.cells.map((c) => c.source)) ? await io.loadMnist() : undefined;
    exported = pytorchScript(sheet, { fileName, writeFiles: true, ...(mnist ? { mnist } : {}) });
  } catch (e) {
    if (e instanceof CellError) {
      io.err(`tensorsheet export: cannot write ${args.file} as PyTorch: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const folder = args.out.slice(0, args.out.length - fileName.length);
  await io.writeFile(args.out, exported.script);
  for (const f of exported.files) await io.writeFile(folder + f.name, f.bytes);
  const beside = exported.files.length > 0 ? ` and ${exported.files.map((f) => f.name).join(", ")} beside it` : "";
  io.out(`wrote ${args.out}${beside}; run it with python3 ${args.out}`);
  return 0;
}

function parseArgs(argv: readonly string[], io: CliIO): ExportArgs | null {
  const fail = (message: string): null => {
    io.err(`tensorsheet export: ${message}\nusage: tensorsheet export FILE --to pytorch [-o OUT.py]`);
    return null;
  };
  const files: string[] = [];
  let to: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--to") to = argv[++i];
    else if (a === "-o" || a === "--out") out = argv[++i];
    else if (a.startsWith("-")) return fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) return fail("expected one FILE");
  if (to !== "pytorch") return fail(to === undefined ? "say what to export to: --to pytorch" : `cannot export to "${to}"; the one target is pytorch`);
  if (out === "") return fail("-o needs a file name");
  const file = files[0]!;
  return { file, out: out ?? `${file.replace(/(\.tensorsheet)?\.json$/i, "")}.py` };
}

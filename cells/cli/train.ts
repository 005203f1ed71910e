import { exportSheet, type LoadedSheet } from "../io.ts";
import { CellError } from "../errors.ts";
import type { Sheet } from "../sheet.ts";
import { formatNumber } from "../summary.ts";
import { checkpointToJSON } from "../training/checkpoint-json.ts";
import { drive, type TrainingProgress } from "../training/driver.ts";
import { checkpointFromFile } from "../training/file-state.ts";
import { TrainingError, TrainingRun } from "../training/run.ts";
import { FormatError } from "../format/index.ts";
import { loadOrReport } from "./eval.ts";
import type { CliIO } from "./io.ts";

interface TrainArgs {
  readonly file: string;
  readonly cell?: string;
  readonly epochs?: number;
  readonly out?: string;
  readonly threads?: number;
}

/** `tensorsheet train FILE [--cell NAME] [--epochs N] [--threads N] [--out FILE]`: the same loop the browser's worker runs. */
export async function trainCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, io);
  if (args === null) return 2;
  const loaded = await loadOrReport(args.file, io);
  if (loaded === null) return 2;
  const { sheet, document } = loaded;
  const address = chooseTrainingCell(sheet, args.cell, io);
  if (address === null) return 1;
  const key = sheet.result(address)!.name ?? address;

  let run: TrainingRun;
  try {
    run = startOrResume(loaded, address, key, args.epochs);
  } catch (e) {
    if (e instanceof CellError || e instanceof TrainingError || e instanceof FormatError) {
      io.err(`tensorsheet: cannot train ${key}: ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (run.step > 0) io.out(`resuming ${key} at epoch ${run.epoch + 1}, step ${run.step}`);
  if (run.resumeNotice !== null) io.err(`tensorsheet: ${run.resumeNotice}`);
  const threads = io.startThreads ? await io.startThreads(args.threads ?? 0) : 1;
  if (threads > 1) io.err(`matrix products on ${threads} threads`);

  // Ctrl-C or SIGTERM stops the run at the next step boundary, so the state it reached is written.
  const interrupt = new AbortController();
  const stopListening = io.onInterrupt?.((signal) => interrupt.abort(signal)) ?? (() => {});
  const started = run.elapsedMs;
  let outcome: string;
  try {
    outcome = await drive(run, {
      runKey: key,
      signal: interrupt.signal,
      onProgress: (p) => io.isTTY && io.err(`\r${progressLine(p)}\u001b[K`),
      onEpoch: (p) => {
        if (io.isTTY) io.err("\r\u001b[K");
        io.out(epochLine(p));
      },
    });
  } catch (e) {
    if (!(e instanceof TrainingError || e instanceof CellError)) throw e;
    io.err(`tensorsheet: training ${key} stopped: ${e.message}`);
    return 1;
  } finally {
    stopListening();
    // Whatever happened, the trained params and the full training state so far are written out:
    // the run's own state, which is consistent (a failed step changes nothing).
    if (args.out !== undefined) {
      run.applyToSheet();
      sheet.evaluate();
      await io.writeFile(args.out, exportSheet(sheet, {
        includeTensors: true,
        layout: document.layout,
        training: { ...(document.training ?? {}), [key]: checkpointToJSON(run.checkpoint(key)) },
      }));
    }
  }
  if (outcome === "stopped" && interrupt.signal.aborted) {
    const signal = String(interrupt.signal.reason);
    if (io.isTTY) io.err("\r\u001b[K");
    io.err(`tensorsheet: ${signal}: stopped training ${key} at epoch ${run.epoch + 1}, step ${run.step}; `
      + (args.out ? `wrote ${args.out}, train it again to resume` : "nothing written (use --out FILE to keep the state)"));
    return signal === "SIGTERM" ? 143 : 130;
  }
  io.out(`${outcome} ${key}: ${run.step} steps in ${((run.elapsedMs - started) / 1000).toFixed(1)} s${args.out ? `; wrote ${args.out}` : ""}`);
  return 0;
}

/**
 * A fresh run, or one continuing the file's training state for `key`. A bare loss history
 * (`{step, lossHistory}`, what the app exports for a run it trained itself) starts afresh; any
 * other state is a full one, checked against the plan and the file's stored params before any
 * step runs, so a damaged state is refused rather than silently restarted.
 */
function startOrResume({ sheet, document }: LoadedSheet, address: string, key: string, epochs: number | undefined): TrainingRun {
  const overrides = epochs === undefined ? {} : { epochs };
  const checkpoint = checkpointFromFile(sheet, document, address, key, overrides);
  return checkpoint === null ? TrainingRun.start(sheet, address, overrides) : TrainingRun.resume(sheet, address, checkpoint, overrides);
}

function parseArgs(argv: readonly string[], io: CliIO): TrainArgs | null {
  const files: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--cell" || a === "--epochs" || a === "--out" || a === "--threads") {
      const v = argv[++i];
      if (v === undefined) {
        io.err(`tensorsheet train: ${a} needs a value`);
        return null;
      }
      options[a.slice(2)] = v;
    } else if (a.startsWith("--")) {
      io.err(`tensorsheet train: unknown option ${a}; use --cell NAME, --epochs N, --threads N, --out FILE`);
      return null;
    } else files.push(a);
  }
  if (files.length !== 1) {
    io.err("tensorsheet train: expected one FILE");
    return null;
  }
  const epochs = options.epochs === undefined ? undefined : Number(options.epochs);
  if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1)) {
    io.err(`tensorsheet train: --epochs must be a whole number ≥ 1, got ${options.epochs}`);
    return null;
  }
  const threads = options.threads === undefined ? undefined : Number(options.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    io.err(`tensorsheet train: --threads must be a whole number ≥ 1, got ${options.threads}`);
    return null;
  }
  return {
    file: files[0]!, ...(options.cell ? { cell: options.cell } : {}), ...(epochs ? { epochs } : {}),
    ...(options.out ? { out: options.out } : {}), ...(threads ? { threads } : {}),
  };
}

function chooseTrainingCell(sheet: Sheet, wanted: string | undefined, io: CliIO): string | null {
  const training = sheet.addresses().filter((a) => sheet.result(a)!.isTraining);
  const label = (a: string) => sheet.result(a)!.name ?? a;
  if (wanted !== undefined) {
    const a = sheet.resolve(wanted);
    if (a !== undefined && training.includes(a)) return a;
    io.err(`tensorsheet train: ${wanted} is not a training cell${training.length ? `; training cells: ${training.map(label).join(", ")}` : ""}`);
    return null;
  }
  if (training.length === 1) return training[0]!;
  io.err(training.length === 0
    ? "tensorsheet train: this sheet has no training cell (a cell such as fit = train(loss, [W], {…}))"
    : `tensorsheet train: this sheet has ${training.length} training cells (${training.map(label).join(", ")}); choose one with --cell`);
  return null;
}

function progressLine(p: TrainingProgress): string {
  const eta = Number.isFinite(p.etaSeconds) ? `ETA ${Math.ceil(p.etaSeconds)} s` : "";
  return `epoch ${Math.min(p.epoch + 1, p.epochs)}/${p.epochs}  step ${p.stepInEpoch}/${p.stepsPerEpoch}  loss ${formatNumber(p.loss)}  ${Math.round(p.samplesPerSecond)} samples/s${p.threads > 1 ? ` on ${p.threads} threads` : ""}  ${eta}`;
}

function epochLine(p: TrainingProgress): string {
  const metrics = Object.entries(p.metrics).map(([k, v]) => `  ${k} ${v === null ? "-" : formatNumber(v)}`).join("");
  return `epoch ${p.epoch}/${p.epochs}  loss ${formatNumber(p.loss)}${metrics}`;
}

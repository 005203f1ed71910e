import type { Sheet } from "../sheet.ts";
import type { TrainingPlan } from "../training/plan.ts";
import { optimizerCode } from "./optimizers.ts";
import { pyString } from "./python.ts";
import type { CellStatement, SheetStatements } from "./statements.ts";

export interface TrainingSection {
  readonly code: readonly string[];
  readonly helpers: ReadonlySet<string>;
}

/**
 * Each training cell as a standard PyTorch loop: a Module whose forward re-runs the cells between
 * the params and feeds and the loss (and whose metrics() re-runs the metric cells), the sheet's
 * optimizer and hyper-parameters, DataLoader batches reshuffled every epoch, and under torchrun
 * DistributedDataParallel with a DistributedSampler.
 */
export function trainingSection(sheet: Sheet, plans: readonly TrainingPlan[], statements: SheetStatements): TrainingSection {
  if (plans.length === 0) return { code: [], helpers: new Set() };
  const optimizerClasses = new Map<string, string>();
  const trainers = plans.map((plan) => {
    const variable = statements.variables.get(plan.address)!;
    const optimizer = optimizerCode(plan.optimizer, "model.parameters()");
    optimizerClasses.set(optimizer.construct.slice(0, optimizer.construct.indexOf("(")), optimizer.classCode);
    const code = [moduleClass(sheet, plan, statements), trainFunction(plan, statements, optimizer.construct, statements.helpers.has("dropout"), sheet.seed)];
    return { variable, code: code.join("\n\n\n") };
  });
  const main = `def main():
    parser = argparse.ArgumentParser(description="Train this sheet's training cell with PyTorch.")
    parser.add_argument("--cell", choices=[${trainers.map((t) => pyString(t.variable)).join(", ")}], default=${pyString(trainers[0]!.variable)})
    parser.add_argument("--epochs", type=int, default=None, help="override the sheet's number of epochs")
    args = parser.parse_args()
    trainers = {${trainers.map((t) => `${pyString(t.variable)}: train_${t.variable}`).join(", ")}}
    trainers[args.cell](args.epochs)


if __name__ == "__main__":
    main()`;
  const code = [
    `# ---- Training ${"-".repeat(86)}\n`,
    ...[...optimizerClasses.values()].map((c) => `${c}\n`),
    START_PROCESSES,
    ...trainers.map((t) => `${t.code}\n`),
    main,
  ].join("\n\n").split("\n");
  return { code, helpers: new Set() };
}

const START_PROCESSES = `def start_processes():
    """Under torchrun (WORLD_SIZE > 1) join the process group: gloo on CPU, nccl on GPUs. Returns rank, world size and device."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    cuda = torch.cuda.is_available()
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
    if world > 1:
        torch.distributed.init_process_group("nccl" if cuda else "gloo")
    return (torch.distributed.get_rank() if world > 1 else 0), world, device
`;

/** The cells a program re-runs, as SheetProgram.build picks them: downstream of the inputs, upstream of the targets. */
function programCells(sheet: Sheet, statements: SheetStatements, targets: readonly string[], inputs: readonly string[]): CellStatement[] {
  const down = new Set(inputs.flatMap((a) => [...sheet.downstream(a)]));
  const up = new Set(targets.flatMap((t) => [t, ...sheet.upstream(t)]));
  return statements.cells.filter((c) => down.has(c.address) && up.has(c.address) && !inputs.includes(c.address));
}

/** Module-level values the program reads: they become buffers, so they move to the device with the model. */
function programConstants(sheet: Sheet, statements: SheetStatements, cells: readonly CellStatement[], inputs: readonly string[]): string[] {
  const inside = new Set([...cells.map((c) => c.address), ...inputs]);
  const out = new Set<string>();
  for (const c of cells) {
    for (const ref of sheet.compiledCell(c.address)?.refs.keys() ?? []) {
      const target = sheet.resolve(ref);
      // A def is a module-level function, not a value to move to the device.
      if (target !== undefined && !inside.has(target) && !sheet.compiledCell(target)?.definition) out.add(statements.variables.get(target)!);
    }
    for (const k of c.constants) out.add(k);
  }
  return [...out];
}

function moduleClass(sheet: Sheet, plan: TrainingPlan, statements: SheetStatements): string {
  const v = (address: string) => statements.variables.get(address)!;
  const params = plan.params.map((p) => v(p.address));
  const feeds = plan.feed.map((f) => v(f.address));
  const inputs = [...plan.params, ...plan.feed].map((r) => r.address);
  const lossCells = programCells(sheet, statements, [plan.loss.address], inputs);
  const metricCells = plan.metrics.length > 0 ? programCells(sheet, statements, plan.metrics.map((m) => m.address), plan.params.map((p) => p.address)) : [];
  const lossConstants = programConstants(sheet, statements, lossCells, inputs);
  const metricConstants = programConstants(sheet, statements, metricCells, plan.params.map((p) => p.address));
  const constants = [...new Set([...lossConstants, ...metricConstants])];
  const bind = (names: readonly string[], from: string) => (names.length > 0 ? [`${names.join(", ")} = ${names.map((n) => `self.${n}`).join(", ")}  # ${from}`] : []);
  const body = (cells: readonly CellStatement[]) => cells.flatMap((c) => c.lines).map((l) => `        ${l}`);
  const locals = (read: readonly string[]) => [...bind(params, "the trained params"), ...bind(read, "cells this run reads as they are")].map((l) => `        ${l}`).join("\n");
  const metricNames = plan.metrics.map((m) => `${pyString(m.name)}: ${v(m.address)}`).join(", ");
  return `class ${className(v(plan.address))}(torch.nn.Module):
    """${plan.key}'s training: the params ${params.join(", ")} and the cells from them${feeds.length ? ` and the feed ${feeds.join(", ")}` : ""} to the loss ${v(plan.loss.address)}."""

    def __init__(self):
        super().__init__()
${params.map((p) => `        self.${p} = torch.nn.Parameter(${p}.detach().clone())`).join("\n")}
${constants.map((c) => `        self.register_buffer(${pyString(c)}, ${c}.detach(), persistent=False)`).join("\n")}

    def forward(self${feeds.map((f) => `, ${f}`).join("")}):
${locals(lossConstants)}
${body(lossCells).join("\n")}
        return ${v(plan.loss.address)}

    def metrics(self):
        """The metric cells on the full data with the current params, as the sheet reports them after each epoch."""
${locals(metricConstants)}
${body(metricCells).join("\n")}
        return {${metricNames}}`.replace(/\n(\s*\n)+(\s+)(return|self\.|"""|[A-Za-z_]\w* = )/g, "\n$2$3");
}

function trainFunction(plan: TrainingPlan, statements: SheetStatements, optimizer: string, dropout: boolean, seed: number): string {
  const v = (address: string) => statements.variables.get(address)!;
  const feeds = plan.feed.map((f) => v(f.address));
  const data = feeds.length > 0
    ? `    data = torch.utils.data.TensorDataset(${feeds.map((f) => `${f}.detach()`).join(", ")})
    sampler = torch.utils.data.distributed.DistributedSampler(data) if world > 1 else None
    loader = torch.utils.data.DataLoader(data, batch_size=${plan.batch}, shuffle=sampler is None, sampler=sampler)`
    : `    sampler = None
    loader = [()]  # no feed: every step sees the whole sheet`;
  return `def train_${v(plan.address)}(epochs=None):
    """${plan.key}: ${plan.optimizer.kind}, batch ${plan.batch}, ${plan.epochs} epoch${plan.epochs === 1 ? "" : "s"}, as the sheet trains it. Returns the trained model."""
${dropout ? "    global TRAINING_STEP\n" : ""}    epochs = ${plan.epochs} if epochs is None else epochs
    rank, world, device = start_processes()
    torch.manual_seed(${seed})  # the sheet's seed: runs repeat (torch draws the batch order and dropout, not the sheet's generator)
    model = ${className(v(plan.address))}().to(device)
    net = torch.nn.parallel.DistributedDataParallel(model, broadcast_buffers=False) if world > 1 else model
    optimizer = ${optimizer}
${data}
    for epoch in range(epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)  # a new shuffle every epoch
        totals = torch.zeros(2, dtype=torch.float64, device=device)  # loss sum, batches
${dropout ? "        TRAINING_STEP = True\n" : ""}        for batch in loader:
            loss = net(*(t.to(device) for t in batch))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            totals += torch.tensor([loss.item(), 1.0], dtype=torch.float64, device=device)
${dropout ? "        TRAINING_STEP = False\n" : ""}        if world > 1:
            torch.distributed.all_reduce(totals)
        if rank == 0:
            shown = "".join(f", {name} {value.item():.4f}" for name, value in model.metrics().items())
            print(f"epoch {epoch + 1}/{epochs}: ${plan.loss.name} {(totals[0] / totals[1]).item():.4f} (mean over the epoch's batches){shown}", flush=True)
    if world > 1:
        torch.distributed.destroy_process_group()
    return model`;
}

function className(variable: string): string {
  return `${variable[0]!.toUpperCase()}${variable.slice(1)}Model`.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

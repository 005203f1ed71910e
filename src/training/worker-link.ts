// The training client's line to its worker: creates the worker on first use, replaces a crashed
// one at the next command, and pairs probe answers with the promises that asked for them.
import type { TrainingCommand, TrainingEvent } from "./protocol.ts";

/** What the client needs of a Worker (tests pass a fake). */
export interface TrainingWorkerPort {
  postMessage(message: TrainingCommand): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<TrainingEvent>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export type ProbeAnswer = Extract<TrainingEvent, { type: "probed" }>;

function defaultWorker(): TrainingWorkerPort {
  return new Worker(new URL("./train-worker.ts", import.meta.url), { type: "module", name: "training" }) as unknown as TrainingWorkerPort;
}

export interface WorkerLinkOptions {
  readonly createWorker?: () => TrainingWorkerPort;
  readonly onEvent: (e: TrainingEvent) => void;
  /** The worker died; `heardFrom`: it had sent something (so it loads, and a new one is worth asking). */
  readonly onCrash: (detail: string, heardFrom: boolean) => void;
}

export class WorkerLink {
  private worker: TrainingWorkerPort | null = null;
  private nextId = 1;
  private readonly probes = new Map<number, (answer: ProbeAnswer | null) => void>();
  private heardFrom = false;

  constructor(private readonly options: WorkerLinkOptions) {}

  send(command: TrainingCommand): void {
    this.ensureWorker().postMessage(command);
  }

  /** Ask the worker for the stored checkpoint of runKey (with its params and histories when `full`). */
  probe(runKey: string, full: boolean): Promise<ProbeAnswer | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.probes.set(id, resolve);
      this.send({ type: "probe", id, runKey, full });
    });
  }

  /** Settle the probe this answer is for. */
  answer(e: ProbeAnswer): void {
    const resolve = this.probes.get(e.id);
    this.probes.delete(e.id);
    resolve?.(e);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.dropProbes();
  }

  private dropProbes(): void {
    for (const resolve of this.probes.values()) resolve(null);
    this.probes.clear();
  }

  private ensureWorker(): TrainingWorkerPort {
    if (this.worker !== null) return this.worker;
    const worker = (this.options.createWorker ?? defaultWorker)();
    this.heardFrom = false;
    worker.onmessage = (m) => {
      this.heardFrom = true;
      this.options.onEvent(m.data);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.crashed(e.message || "an error it could not report");
    };
    worker.onmessageerror = () => this.crashed("a message it sent could not be read");
    this.worker = worker;
    return worker;
  }

  /** Drop the dead worker (the next command starts a new one). */
  private crashed(detail: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.dropProbes();
    this.options.onCrash(detail, this.heardFrom);
  }
}

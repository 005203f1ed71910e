// Text for the training panel: progress lines, durations, numbers. Pure, so it is tested in Node.
import type { TrainingProgress } from "../../cells/index.ts";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "0:42", "3:05", "1:02:03"; "—" when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** "1,234" */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? integer.format(n) : "—";
}

/** A loss or metric value: 4 significant digits, exponent for very small/large ones. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** The epoch being worked on (1-based), clamped to the last one when done. */
export function currentEpoch(p: TrainingProgress): number {
  return Math.min(p.epoch + 1, p.epochs);
}

/** "epoch 2/5 · step 120/600 · 1,234 samples/s on 2 threads · ETA 0:42" */
export function formatProgress(p: TrainingProgress, running = true): string {
  const parts = [`epoch ${currentEpoch(p)}/${p.epochs}`, `step ${formatCount(p.step)}/${formatCount(p.totalSteps)}`];
  if (p.samplesPerSecond > 0) parts.push(`${formatCount(p.samplesPerSecond)} samples/s${p.threads > 1 ? ` on ${p.threads} threads` : ""}`);
  if (running && p.step < p.totalSteps) parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
  return parts.join(" · ");
}

/** "batch loss 0.0123 · accuracy 0.9312": the last step's loss, then the metrics of the last epoch. */
export function formatMetrics(p: TrainingProgress): string {
  // Before the first step there is no batch loss yet (the run reports NaN for it): a dash, not "NaN",
  // which would read as a diverged run.
  const parts = [`batch loss ${p.step === 0 ? "—" : formatValue(p.loss)}`];
  for (const [name, v] of Object.entries(p.metrics)) parts.push(`${name} ${formatValue(v)}`);
  return parts.join(" · ");
}

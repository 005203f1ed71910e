// A bounded loss series for the live chart: every step goes in, at most `maxPoints` come out.
// Beyond that, neighbouring points merge (their mean), halving the resolution; the series stays
// exact in what it covers: each point is the mean loss of a run of consecutive steps.

interface Bucket {
  /** floor(stepIndex / stride) of the steps it holds. */
  index: number;
  sum: number;
  count: number;
  /** 1-based number of the last step in the bucket (the point's x). */
  lastStep: number;
}

export const DEFAULT_MAX_POINTS = 5000;

export class LossSeries {
  /** Steps per point (a power of two). */
  private strideValue = 1;
  private buckets: Bucket[] = [];
  private nextStep = 0;

  constructor(readonly maxPoints: number = DEFAULT_MAX_POINTS) {
    if (!(maxPoints >= 2)) throw new RangeError(`a loss series needs room for at least 2 points, not ${maxPoints}`);
  }

  get stride(): number {
    return this.strideValue;
  }

  /** Steps taken in so far (the next expected 0-based step index). */
  get steps(): number {
    return this.nextStep;
  }

  get length(): number {
    return this.buckets.length;
  }

  clear(): void {
    this.strideValue = 1;
    this.buckets = [];
    this.nextStep = 0;
  }

  /**
   * The losses of steps fromStep, fromStep + 1, … (0-based). Steps already taken in are skipped,
   * so a repeated message does not count twice; a gap leaves a gap.
   */
  append(fromStep: number, losses: ArrayLike<number>): void {
    const skip = Math.max(0, this.nextStep - fromStep);
    for (let i = skip; i < losses.length; i++) this.push(fromStep + i, losses[i]!);
  }

  /** The chart's data: x = step number (1-based, the last step of each point), y = mean loss. */
  points(): { steps: number[]; values: number[] } {
    const steps = new Array<number>(this.buckets.length);
    const values = new Array<number>(this.buckets.length);
    this.buckets.forEach((b, i) => {
      steps[i] = b.lastStep;
      values[i] = b.sum / b.count;
    });
    return { steps, values };
  }

  private push(step: number, loss: number): void {
    this.nextStep = step + 1;
    const index = Math.floor(step / this.strideValue);
    const last = this.buckets.at(-1);
    if (last !== undefined && last.index === index) {
      last.sum += loss;
      last.count++;
      last.lastStep = step + 1;
    } else {
      this.buckets.push({ index, sum: loss, count: 1, lastStep: step + 1 });
    }
    while (this.buckets.length > this.maxPoints) this.halve();
  }

  /** Double the stride: buckets 2k and 2k+1 become one. */
  private halve(): void {
    this.strideValue *= 2;
    const merged: Bucket[] = [];
    for (const b of this.buckets) {
      const index = Math.floor(b.index / 2);
      const last = merged.at(-1);
      if (last !== undefined && last.index === index) {
        last.sum += b.sum;
        last.count += b.count;
        last.lastStep = b.lastStep;
      } else {
        merged.push({ index, sum: b.sum, count: b.count, lastStep: b.lastStep });
      }
    }
    this.buckets = merged;
  }
}

/** A whole loss history as at most `maxPoints` chart points. */
export function downsampleLosses(losses: ArrayLike<number>, maxPoints: number = DEFAULT_MAX_POINTS): { steps: number[]; values: number[] } {
  const series = new LossSeries(maxPoints);
  series.append(0, losses);
  return series.points();
}

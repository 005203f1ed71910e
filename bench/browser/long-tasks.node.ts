/**
 * Main-thread long tasks of a page (PerformanceObserver "longtask", > 50 ms), with Chrome's long
 * animation frames ("long-animation-frame") to say which scripts ran in them. A measurement for
 * the bench's report, never a test's pass/fail: how long a task takes depends on the machine's load.
 */
import type { BrowserContext, Page } from "playwright-core";

export interface LongTask {
  /** ms since the page's navigation */
  readonly startTime: number;
  readonly duration: number;
}

/** A long animation frame: what ran in it. */
export interface LongFrame extends LongTask {
  /** The scripts that ran, longest first: "12 ms <invoker> <source path> <function>:<char position>". */
  readonly scripts: string[];
  /** Style and layout at the frame's end, ms. */
  readonly renderMs: number;
}

declare global {
  interface Window {
    __longTasks?: LongTask[];
    __longFrames?: LongFrame[];
  }
}

/** Record long tasks and long frames in every page of the context, from each page's first script on. */
export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__longTasks = [];
    window.__longFrames = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks!.push({ startTime: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
    } catch {
      // No longtask support: nothing is recorded.
    }
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as {
          startTime: number;
          duration: number;
          renderStart?: number;
          scripts?: { duration: number; invoker?: string; sourceURL?: string; sourceFunctionName?: string; sourceCharPosition?: number }[];
        }[]) {
          const scripts = [...(e.scripts ?? [])]
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 5)
            .map(
              (s) =>
                `${Math.round(s.duration)} ms ${s.invoker ?? "?"} ${(s.sourceURL ?? "").replace(/^https?:\/\/[^/]+/, "")}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ""}:${s.sourceCharPosition ?? "?"}`,
            );
          const renderMs = e.renderStart ? Math.round(e.startTime + e.duration - e.renderStart) : 0;
          window.__longFrames!.push({ startTime: e.startTime, duration: e.duration, scripts, renderMs });
        }
      }).observe({ type: "long-animation-frame", buffered: true });
    } catch {
      // No long-animation-frame support: tasks are reported without attribution.
    }
  });
}

/** The page's time now, ms since its navigation (to split its long tasks into phases). */
export function pageTime(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

export interface RecordedTasks {
  readonly tasks: LongTask[];
  readonly frames: LongFrame[];
}

/** Everything recorded since the page's navigation. */
export function recordedTasks(page: Page): Promise<RecordedTasks> {
  return page.evaluate(() => ({ tasks: [...(window.__longTasks ?? [])], frames: [...(window.__longFrames ?? [])] }));
}

/** One line for a long task: its duration, when, and the long frames overlapping it. */
export function describeLongTask(task: LongTask, frames: readonly LongFrame[]): string {
  const overlapping = frames.filter((f) => f.startTime < task.startTime + task.duration && task.startTime < f.startTime + f.duration);
  const what = overlapping
    .map((f) => `[frame ${Math.round(f.duration)} ms, render ${f.renderMs} ms: ${f.scripts.join("; ") || "no script attribution"}]`)
    .join(" ");
  return `${Math.round(task.duration)} ms at ${(task.startTime / 1000).toFixed(2)} s ${what || "(no long frame recorded)"}`;
}

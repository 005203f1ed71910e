// The formula of each training cell as its grid cell last showed it, by run key: the inspector's
// panel is not given the formula, and reads the plan (epochs, batch, optimizer) from here.
import { createStore } from "solid-js/store";

const [sources, setSources] = createStore<Record<string, string>>({});

export function noteTrainingSource(runKey: string, source: string): void {
  if (sources[runKey] !== source) setSources(runKey, source);
}

/** Reactive: the last formula noted for runKey, if any. */
export function trainingSource(runKey: string): string | undefined {
  return sources[runKey];
}

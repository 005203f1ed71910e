import { For, Show, type JSX } from "solid-js";
import { viewAriaLabel } from "./describe.ts";
import { topLabel } from "./top-classes.ts";
import type { ViewProps } from "./types.ts";
import "./top-classes.css";

/**
 * The most probable classes of a probability vector as labelled bars ("7 · 91%"); on an argmax
 * cell (guess = argmax(my_probs)), its class big, beside the bars of the probabilities it read.
 */
export function TopClassesView(props: ViewProps): JSX.Element {
  const top = () => props.preview.top!;
  const guess = () => (top().of !== null ? top().classes[0]! : null);
  const spoken = () => {
    const bars = top().classes.map((_, i) => topLabel(top(), i)).join(", ");
    const head = guess() !== null ? `${guess()}, the most probable class of ${top().of}; top ${top().classes.length}: ` : `top ${top().classes.length} classes: `;
    return `${props.label ? `${props.label}: ` : ""}${head}${bars}`;
  };
  return (
    <figure class={`tv tv-${props.size} tv-top`} data-testid="view-top" aria-label={viewAriaLabel("top", props.preview, props.label)}>
      <div class="tv-top-body" role="img" aria-label={spoken()}>
        <Show when={guess() !== null}>
          <div class="tv-top-guess" data-testid="top-guess">{guess()}</div>
        </Show>
        <ol class="tv-top-bars">
          <For each={top().classes}>
            {(c, i) => (
              <li class="tv-top-row" data-testid="top-class" data-class={c} data-probability={top().probabilities[i()]}>
                <span class="tv-top-label">{topLabel(top(), i())}</span>
                <span class="tv-top-track">
                  <span class="tv-top-bar" style={{ width: `${(top().probabilities[i()]! * 100).toFixed(1)}%` }} />
                </span>
              </li>
            )}
          </For>
        </ol>
      </div>
      <Show when={top().of !== null && props.size === "large"}>
        <figcaption class="muted">The top {top().classes.length} of {top().of}, the probabilities this argmax read</figcaption>
      </Show>
    </figure>
  );
}

import { Show, type JSX } from "solid-js";
import type { TensorSummary } from "../../cells/index.ts";
import { nonFiniteLabel, nonFiniteText } from "./non-finite.ts";
import "./views.css";

/** A warning badge with a tensor's NaN, +Inf and −Inf counts; nothing when all values are finite. */
export function NonFiniteBadge(props: { readonly summary: TensorSummary | null | undefined }): JSX.Element {
  const text = () => (props.summary ? nonFiniteText(props.summary) : null);
  return (
    <Show when={text()}>
      {(t) => (
        <span class="tv-nonfinite" data-testid="nonfinite-badge" role="img" aria-label={nonFiniteLabel(props.summary!) ?? t()} title={nonFiniteLabel(props.summary!) ?? t()}>
          {t()}
        </span>
      )}
    </Show>
  );
}

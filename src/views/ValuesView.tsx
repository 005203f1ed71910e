import { createMemo, type JSX } from "solid-js";
import { viewAriaLabel } from "./describe.ts";
import { fittedNumpyText, numpyText } from "./numpy-text.ts";
import { NOMINAL, type ViewProps, type ViewSize } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** Width of one monospace character at each size's font (the CSS below: 11px and 12px). */
const CHAR_WIDTH: Readonly<Record<ViewSize, number>> = { cell: 6.7, large: 7.3 };
/** Height of a line of text in a cell: 11px × line-height 1.3 (the CSS below). */
const CELL_LINE_PX = 14.3;

/** The tensor's values as NumPy prints them, in selectable monospace text. */
export function ValuesView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const text = createMemo(() => {
    const p = props.preview;
    if (!p.values) return "";
    const linewidth = Math.max(16, Math.floor(box.size().width / CHAR_WIDTH[props.size]));
    // A cell shows what fits its box; the inspector prints as NumPy does (threshold 1000), and scrolls.
    if (props.size === "large") return numpyText(p.values, p.shape, { linewidth });
    return fittedNumpyText(p.values, p.shape, linewidth, Math.max(1, Math.floor(box.size().height / CELL_LINE_PX)));
  });
  return (
    <figure class={`tv tv-${props.size} tv-values`} aria-label={viewAriaLabel("values", props.preview, props.label)}>
      <div class="tv-plot tv-values-box" ref={box.ref}>
        <pre class="tv-values-text" data-testid="view-values" tabindex={props.size === "large" ? 0 : undefined}>
          {text()}
        </pre>
      </div>
    </figure>
  );
}

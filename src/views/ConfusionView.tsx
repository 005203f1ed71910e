import { For, Index, Show, createEffect, createMemo, createSignal, type JSX } from "solid-js";
import type { ConfusionPreview } from "../../cells/index.ts";
import { countLegend, countScale, listHeading, movedSquare, squareColours, squareLabel, squareList, unitOf, type SquareAt } from "./confusion.ts";
import { viewAriaLabel } from "./describe.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";
import "./confusion.css";

/**
 * A confusion_matrix cell: rows the true class, columns the predicted one, the count in each square
 * and the diagonal (the correct answers) outlined. In the inspector each square is a button that
 * lists its examples as images; arrow keys move between squares.
 */
export function ConfusionView(props: ViewProps): JSX.Element {
  const c = () => props.preview.confusion!;
  const k = () => c().classes;
  const count = (at: SquareAt) => props.preview.values?.[at.truth * k() + at.predicted] ?? 0;
  const scale = createMemo(() => countScale(props.preview.summary.max));
  const classes = createMemo(() => Array.from({ length: k() }, (_, i) => i));
  const label = () => viewAriaLabel("confusion", props.preview, props.label);
  return (
    <Show
      when={props.size === "large"}
      fallback={
        <figure class="tv tv-cell tv-confusion" data-testid="view-confusion" aria-label={label()}>
          <div class="tv-cm-mini" style={{ "grid-template-columns": `repeat(${k()}, 1fr)` }} aria-hidden="true">
            <Index each={Array.from(props.preview.values ?? [])}>
              {(v, i) => <span classList={{ "tv-cm-diagonal": i % (k() + 1) === 0 }} style={{ background: squareColours(scale(), v()).fill }} />}
            </Index>
          </div>
        </figure>
      }
    >
      <figure class="tv tv-large tv-confusion" data-testid="view-confusion" aria-label={label()}>
        <ConfusionGrid preview={c()} classes={classes()} count={count} scale={scale()} />
        <figcaption class="tv-cm-caption">
          Rows: true class · columns: predicted · outlined: correct · colour: 0
          <span class="tv-cm-legend" aria-hidden="true" style={{ background: countLegend(scale()) }} />
          {props.preview.summary.max} (log scale)
        </figcaption>
      </figure>
    </Show>
  );
}

interface GridProps {
  readonly preview: ConfusionPreview;
  readonly classes: readonly number[];
  readonly count: (at: SquareAt) => number;
  readonly scale: ReturnType<typeof countScale>;
}

function ConfusionGrid(props: GridProps): JSX.Element {
  const [selected, setSelected] = createSignal<SquareAt | null>(null);
  // Roving focus: one square is in the tab order, arrow keys move it (a hundred tab stops would not do).
  const [focusAt, setFocusAt] = createSignal<SquareAt>({ truth: 0, predicted: 0 });
  const unit = () => unitOf(props.preview);
  const box = useBoxSize(() => NOMINAL.large);
  // Squares fill the inspector's width: a header column of at most 48 px, 2 px between squares.
  const side = () => {
    const k = Math.max(1, props.classes.length);
    return Math.max(14, Math.min(34, Math.floor((box.size().width - 48 - 2 * (k + 2)) / k)));
  };
  let table!: HTMLTableElement;
  const onKeyDown = (e: KeyboardEvent) => {
    const next = movedSquare(focusAt(), e.key, props.classes.length);
    if (next === null) return;
    e.preventDefault();
    setFocusAt(next);
    table.querySelector<HTMLButtonElement>(`button[data-truth="${next.truth}"][data-predicted="${next.predicted}"]`)?.focus();
  };
  const isAt = (a: SquareAt | null, b: SquareAt) => a !== null && a.truth === b.truth && a.predicted === b.predicted;
  return (
    <div class="tv-cm" ref={box.ref}>
      <table class="tv-cm-table" classList={{ "tv-cm-small": side() < 24 }} ref={table} onKeyDown={onKeyDown} style={{ "--tv-cm-side": `${side()}px` }}>
        <caption class="tv-cm-axis">predicted class →</caption>
        <thead>
          <tr>
            <th scope="col" class="tv-cm-corner">true ↓</th>
            <For each={props.classes}>{(p) => <th scope="col">{p}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.classes}>
            {(truth) => (
              <tr>
                <th scope="row">{truth}</th>
                <For each={props.classes}>
                  {(predicted) => {
                    const at = { truth, predicted };
                    const n = () => props.count(at);
                    const colours = () => squareColours(props.scale, n());
                    return (
                      <td>
                        <button
                          type="button"
                          class="tv-cm-square"
                          classList={{ "tv-cm-diagonal": truth === predicted, "tv-cm-zero": n() === 0 }}
                          data-testid="confusion-square"
                          data-truth={truth}
                          data-predicted={predicted}
                          data-count={n()}
                          tabIndex={isAt(focusAt(), at) ? 0 : -1}
                          aria-pressed={isAt(selected(), at)}
                          aria-label={squareLabel(at, n(), unit())}
                          style={{ background: colours().fill, color: colours().ink }}
                          onFocus={() => setFocusAt(at)}
                          onClick={() => setSelected(at)}
                        >
                          {n()}
                        </button>
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <ExampleList preview={props.preview} at={selected()} count={selected() ? props.count(selected()!) : 0} unit={unit()} />
    </div>
  );
}

/** The examples of the chosen square as thumbnails with their index, and what is left out. */
function ExampleList(props: { preview: ConfusionPreview; at: SquareAt | null; count: number; unit: string }): JSX.Element {
  const list = createMemo(() => (props.at ? squareList(props.preview, props.at, props.count) : null));
  return (
    <section class="tv-cm-list" data-testid="confusion-examples" aria-live="polite">
      <Show when={props.at} fallback={<p class="tv-cm-hint">Click a square (or focus it and press Enter) to see its {props.unit}s.</p>}>
        {(at) => (
          <>
            <h3 class="tv-cm-heading" data-testid="confusion-heading">{listHeading(at(), props.count, props.unit)}</h3>
            <Show when={at().truth !== at().predicted && props.preview.missing}>
              <p class="tv-cm-missing" data-testid="confusion-missing">{props.preview.missing}</p>
            </Show>
            <ul class="tv-cm-examples">
              <For each={list()?.slots ?? []}>
                {(slot, i) => <Example preview={props.preview} slot={slot} index={list()!.indices[i()]!} unit={props.unit} />}
              </For>
            </ul>
            <Show when={(list()?.more ?? 0) > 0}>
              <p class="tv-cm-more" data-testid="confusion-more">and {list()!.more} more</p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function Example(props: { preview: ConfusionPreview; slot: number; index: number; unit: string }): JSX.Element {
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    const images = props.preview.images;
    const side = props.preview.side;
    const ctx = canvas?.getContext("2d");
    if (!images || !ctx) return;
    const img = ctx.createImageData(side, side);
    const area = side * side;
    for (let p = 0; p < area; p++) {
      const g = images[props.slot * area + p] ?? 0;
      img.data.set([g, g, g, 255], p * 4);
    }
    ctx.putImageData(img, 0, 0);
  });
  return (
    <li class="tv-cm-example" data-testid="confusion-example" data-index={props.index}>
      <Show when={props.preview.images}>
        <canvas ref={canvas} width={props.preview.side} height={props.preview.side} role="img" aria-label={`${props.unit} ${props.index}`} />
      </Show>
      <span class="tv-cm-index">#{props.index}</span>
    </li>
  );
}

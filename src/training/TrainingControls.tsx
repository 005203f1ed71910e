import { Show, createSignal, type JSX } from "solid-js";
import { formatCount } from "./format.ts";
import { keep, type TrainingActions, type TrainingPanelProps, type TrainingRun } from "./training-run.ts";

/**
 * The run's commands, each saying what it does: start; pause / stop while it trains; then resume
 * (an unfinished checkpoint), train N more epochs (a finished one), continue from the current
 * weights or restart from the initial ones (both new runs), and reset (asked first, undoable).
 */
export function TrainingControls(props: { panel: TrainingPanelProps; run: TrainingRun; actions: TrainingActions }): JSX.Element {
  const { panel, run, actions } = props;
  const client = panel.client;
  const { busy, otherBusy, savedStep, progress } = run;
  const [confirming, setConfirming] = createSignal(false);
  let resetButton: HTMLButtonElement | undefined;
  const blocked = () => otherBusy() || panel.readOnly === true;
  const hasRun = () => savedStep() !== null || progress() !== null;
  const act = (f: () => void) => () => {
    setConfirming(false);
    f();
  };
  return (
    <div class="tp-buttons" role="group" aria-label="Training controls">
      <Show when={!busy() && !hasRun()}>
        <button type="button" data-testid="train-start" aria-label="Start training" disabled={blocked()} onMouseDown={keep} onClick={act(() => actions.start())}>
          Start
        </button>
      </Show>
      <Show when={busy()}>
        <button type="button" data-testid="train-pause" aria-label="Pause training (saves a checkpoint)" onMouseDown={keep} onClick={() => client.pause()}>
          Pause
        </button>
        <button type="button" data-testid="train-stop" aria-label="Stop training (saves a checkpoint and keeps the params)" onMouseDown={keep} onClick={() => client.stop()}>
          Stop
        </button>
      </Show>
      <Show when={!busy() && savedStep() !== null}>
        <CheckpointButton run={run} blocked={blocked()} resume={act(actions.resume)} more={(n) => act(() => actions.more(n))()} />
      </Show>
      <Show when={!busy() && hasRun()}>
        <NewRunButtons panel={panel} blocked={blocked()} start={(fromInitial) => act(() => actions.start(fromInitial))()} />
      </Show>
      <Show when={!busy()}>
        <button
          type="button"
          class="tp-reset"
          ref={resetButton}
          data-testid="train-reset"
          aria-label="Reset… (asks first): delete the checkpoint and re-initialize the trained params"
          aria-expanded={confirming()}
          disabled={panel.readOnly}
          onMouseDown={keep}
          onClick={() => setConfirming(!confirming())}
        >
          Reset…
        </button>
      </Show>
      <Show when={!busy() && client.state.undoReset === panel.runKey}>
        <button type="button" data-testid="train-undo-reset" aria-label="Undo reset: bring the deleted checkpoint back" onMouseDown={keep} onClick={act(actions.undoReset)}>
          Undo reset
        </button>
      </Show>
      <span class="tp-status" role="status" aria-live="polite" data-testid="train-status">
        {run.statusText()}
      </span>
      <Show when={confirming() && !busy()}>
        <ResetConfirm
          onReset={act(() => void actions.reset())}
          onCancel={() => {
            setConfirming(false);
            resetButton?.focus();
          }}
        />
      </Show>
    </div>
  );
}

/**
 * What a saved checkpoint offers: Resume when the run has epochs left; a finished run, where
 * resuming would do nothing, trains as many more epochs as its formula asks for.
 */
function CheckpointButton(props: { run: TrainingRun; blocked: boolean; resume: () => void; more: (epochs: number) => void }): JSX.Element {
  const run = props.run;
  const step = () => formatCount(run.savedStep() ?? 0);
  const moreEpochs = () => run.plan()?.epochs ?? run.progress()?.epochs ?? 1;
  const moreText = () => `Train ${moreEpochs()} more epoch${moreEpochs() === 1 ? "" : "s"}`;
  return (
    <Show
      when={run.finished()}
      fallback={
        <button
          type="button"
          class="tp-primary"
          data-testid="train-resume"
          aria-label={`Resume training from step ${step()}`}
          title="Continue the run exactly where its saved checkpoint left off (same batches, same optimizer state)"
          disabled={props.blocked}
          onMouseDown={keep}
          onClick={() => props.resume()}
        >
          {run.status() === "paused" ? "Resume" : `Resume from step ${step()}`}
        </button>
      }
    >
      <button
        type="button"
        class="tp-primary"
        data-testid="train-more"
        aria-label={`${moreText()}, on from step ${step()}`}
        title="The run is finished: go on training it for more epochs from its checkpoint"
        disabled={props.blocked}
        onMouseDown={keep}
        onClick={() => props.more(moreEpochs())}
      >
        {moreText()}
      </button>
    </Show>
  );
}

/** Two new runs, told apart by where their weights start. */
function NewRunButtons(props: { panel: TrainingPanelProps; blocked: boolean; start: (fromInitial: boolean) => void }): JSX.Element {
  const short = () => props.panel.compact === true || props.panel.inGrid === true;
  return (
    <>
      <button
        type="button"
        data-testid="train-continue"
        aria-label="Continue from current weights: a new run starting from the params as they are now"
        title="A new run (step 0, fresh optimizer) that starts from the params' current, trained values"
        disabled={props.blocked}
        onMouseDown={keep}
        onClick={() => props.start(false)}
      >
        {short() ? "Continue" : "Continue from current weights"}
      </button>
      <button
        type="button"
        data-testid="train-restart"
        aria-label="Restart from initial weights: a new run from the params' initializers, like the first run"
        title="A new run from the params' initial values (same seed): its first epoch repeats the first run's exactly"
        disabled={props.blocked}
        onMouseDown={keep}
        onClick={() => props.start(true)}
      >
        {short() ? "Restart" : "Restart from initial weights"}
      </button>
    </>
  );
}

/** Asks before a reset; the reset can still be undone afterwards. */
function ResetConfirm(props: { onReset: () => void; onCancel: () => void }): JSX.Element {
  return (
    <div
      class="tp-confirm"
      role="alertdialog"
      aria-label="Confirm reset"
      data-testid="train-reset-confirm"
      // Focus starts on Cancel: Enter on a just-opened question must not delete anything.
      ref={(el) => queueMicrotask(() => el.querySelector<HTMLButtonElement>("[data-testid=train-reset-cancel]")?.focus())}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onCancel();
      }}
    >
      <span>Delete the saved checkpoint and re-initialize the trained params?</span>
      <button type="button" class="tp-reset" data-testid="train-reset-confirm-yes" onMouseDown={keep} onClick={props.onReset}>
        Reset
      </button>
      <button type="button" data-testid="train-reset-cancel" onMouseDown={keep} onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

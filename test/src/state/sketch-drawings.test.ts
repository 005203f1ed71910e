import { describe, expect, it } from "vitest";
import { createRoot } from "solid-js";
import { parseSheetDocument, type Drawing, type SheetDocument } from "../../../cells/index.ts";
import { CellClipboard } from "../../../src/state/cell-clipboard.ts";
import { rangeBetween } from "../../../src/state/cell-range.ts";
import { EditHistory, inverse } from "../../../src/state/history.ts";
import { restoredStacks, historyRecord } from "../../../src/state/history-store.ts";
import { SheetDraft } from "../../../src/state/sheet-draft.ts";
import { SheetEditor } from "../../../src/state/sheet-editor.ts";
import type { SheetClient } from "../../../src/state/sheet-client.ts";
import { SketchPads } from "../../../src/state/sketch-pads.ts";
import { supersedesEvaluation, type SheetCommand } from "../../../src/worker/protocol.ts";

const SEVEN_BAR: Drawing = [[0.3, 0.25, 0.7, 0.25]];
const SEVEN: Drawing = [...SEVEN_BAR, [0.7, 0.25, 0.45, 0.8]];

function document(): SheetDocument {
  return parseSheetDocument({
    format: "tensorsheet", version: 1, title: "t", seed: 0,
    cells: [{ address: "A1", source: "my_digit = sketch([28, 28])", drawing: SEVEN_BAR }, { address: "A2", source: "s = sum(my_digit)" }],
  });
}

/** An editor over a draft of `document()`, with the commands it sends and a frame clock to step. */
function setup() {
  const sent: SheetCommand[] = [];
  const frames: (() => void)[] = [];
  const client = { send: (c: SheetCommand) => sent.push(c) } as unknown as SheetClient;
  const pads = new SketchPads(client, (run) => frames.push(run));
  const draft = new SheetDraft(document());
  pads.reset(draft.document().cells);
  const history = new EditHistory();
  const editor = new SheetEditor({
    history, client, pads, draft: () => draft, sources: () => draft.document().cells, select: () => undefined, inform: () => undefined,
    writable: () => true, saveNow: () => Promise.resolve(), historyChanged: () => undefined, keepHistory: () => undefined,
  });
  return { sent, frames, pads, draft, history, editor };
}

describe("drawing on a sketch cell", () => {
  it("sends a stroke in progress at most once a frame, the latest drawing only", () => {
    createRoot((dispose) => {
      const { sent, frames, pads } = setup();
      pads.live("A1", [[0.3, 0.25]]);
      pads.live("A1", [[0.3, 0.25, 0.5, 0.25]]);
      pads.live("A1", SEVEN_BAR);
      expect(sent).toEqual([]);
      expect(frames.length).toBe(1);
      frames.shift()!();
      expect(sent).toEqual([{ type: "setDrawing", address: "A1", drawing: SEVEN_BAR }]);
      // A drawing update supersedes the pass in flight, like an edit of the cell.
      expect(supersedesEvaluation(sent[0]!)).toBe(true);
      dispose();
    });
  });

  it("makes each stroke one undo step, and undo brings the previous drawing back everywhere", () => {
    createRoot((dispose) => {
      const { sent, pads, draft, editor, history } = setup();
      editor.commitDrawing("A1", SEVEN);
      expect(draft.document().cells[0]).toEqual({ address: "A1", source: "my_digit = sketch([28, 28])", drawing: SEVEN });
      expect(pads.drawing("A1")).toEqual(SEVEN);
      editor.commitDrawing("A1", []); // Clear
      expect(draft.document().cells[0]).toEqual({ address: "A1", source: "my_digit = sketch([28, 28])" });
      expect(pads.drawing("A1")).toEqual([]);
      editor.undo();
      expect(pads.drawing("A1")).toEqual(SEVEN);
      expect(draft.drawing("A1")).toEqual(SEVEN);
      editor.undo();
      expect(pads.drawing("A1")).toEqual(SEVEN_BAR);
      expect(sent.map((c) => (c.type === "setDrawing" ? c.drawing.length : c.type))).toEqual([2, 0, 2, 1]);
      expect(history.canUndo).toBe(false);
      editor.redo();
      expect(pads.drawing("A1")).toEqual(SEVEN);
      dispose();
    });
  });

  it("keeps the drawing when the cell's source is edited, and does not record an unchanged drawing", () => {
    createRoot((dispose) => {
      const { draft, editor, history } = setup();
      editor.commit("A1", "my_digit = sketch([14, 14])");
      expect(draft.drawing("A1")).toEqual(SEVEN_BAR);
      editor.commitDrawing("A1", SEVEN_BAR);
      expect(history.stacks().done.length).toBe(1);
      dispose();
    });
  });

  it("inverts a drawing edit and keeps it in the undo history across reloads", () => {
    const edit = { kind: "drawing", address: "A1", before: SEVEN_BAR, after: SEVEN } as const;
    expect(inverse(edit)).toEqual({ kind: "drawing", address: "A1", before: SEVEN, after: SEVEN_BAR });
    const cells = document().cells;
    const record = historyRecord("s", { done: [edit], undone: [] }, cells, 0);
    expect(restoredStacks(record, cells)).toEqual({ done: [edit], undone: [] });
    expect(restoredStacks({ ...record, done: [{ ...edit, after: "seven" }] }, cells)).toEqual({ dropped: "it is damaged" });
  });
});

describe("the pads' drawings", () => {
  it("are plain arrays that survive structured cloning (postMessage, IndexedDB)", () => {
    createRoot((dispose) => {
      const { pads, editor } = setup();
      editor.commitDrawing("A1", SEVEN);
      expect(structuredClone(pads.drawing("A1"))).toEqual(SEVEN);
      expect(structuredClone([...pads.drawing("A1"), [0.5, 0.5]])).toEqual([...SEVEN, [0.5, 0.5]]);
      dispose();
    });
  });
});

describe("deleting a sketch cell", () => {
  it("is undone with its drawing, alone or in a range", () => {
    createRoot((dispose) => {
      const { sent, pads, draft, editor } = setup();
      editor.commit("A1", "");
      expect(draft.source("A1")).toBeNull();
      expect(pads.drawing("A1")).toEqual([]);
      editor.undo();
      expect(draft.document().cells[0]).toEqual({ address: "A1", source: "my_digit = sketch([28, 28])", drawing: SEVEN_BAR });
      expect(pads.drawing("A1")).toEqual(SEVEN_BAR);
      expect(sent.slice(-2)).toEqual([
        { type: "setCell", address: "A1", source: "my_digit = sketch([28, 28])" },
        { type: "setDrawing", address: "A1", drawing: SEVEN_BAR },
      ]);
      editor.redo();
      expect(pads.drawing("A1")).toEqual([]);
      editor.undo();
      editor.commitCells([{ address: "A1", source: null }, { address: "A2", source: null }], "A1");
      expect(draft.document().cells).toEqual([]);
      editor.undo();
      expect(draft.drawing("A1")).toEqual(SEVEN_BAR);
      expect(pads.drawing("A1")).toEqual(SEVEN_BAR);
      dispose();
    });
  });
});

describe("copying a sketch cell", () => {
  /** The editor's sheet as the clipboard sees it (the page's clipboard API is absent in Node, so the copy kept in the page is pasted). */
  function clipboardOf(s: ReturnType<typeof setup>) {
    return new CellClipboard({
      sources: () => s.draft.document().cells,
      drawingOf: (address) => s.pads.drawing(address),
      commitCells: (changes, focus) => s.editor.commitCells(changes, focus),
    });
  }

  it("pastes its drawing with it, as one undo step", async () => {
    const s = setup();
    await createRoot(async (dispose) => {
      const clipboard = clipboardOf(s);
      clipboard.copy(rangeBetween(null, "A1"));
      await clipboard.paste(rangeBetween(null, "B1"));
      expect(s.draft.source("B1")).toBe("my_digit_2 = sketch([28, 28])");
      expect(s.draft.drawing("B1")).toEqual(SEVEN_BAR);
      expect(s.pads.drawing("B1")).toEqual(SEVEN_BAR);
      expect(s.sent.slice(-2)).toEqual([
        { type: "setCell", address: "B1", source: "my_digit_2 = sketch([28, 28])" },
        { type: "setDrawing", address: "B1", drawing: SEVEN_BAR },
      ]);
      s.editor.undo();
      expect(s.draft.source("B1")).toBeNull();
      expect(s.pads.drawing("B1")).toEqual([]);
      s.editor.redo();
      expect(s.pads.drawing("B1")).toEqual(SEVEN_BAR);
      dispose();
    });
  });

  it("over another sketch cell, undo gives that cell its own drawing back", async () => {
    const s = setup();
    await createRoot(async (dispose) => {
      const clipboard = clipboardOf(s);
      s.editor.commit("B1", "other = sketch([28, 28])");
      s.editor.commitDrawing("B1", SEVEN);
      clipboard.copy(rangeBetween(null, "A1"));
      await clipboard.paste(rangeBetween(null, "B1"));
      expect(s.draft.drawing("B1")).toEqual(SEVEN_BAR);
      s.editor.undo();
      expect(s.draft.source("B1")).toBe("other = sketch([28, 28])");
      expect(s.draft.drawing("B1")).toEqual(SEVEN);
      expect(s.pads.drawing("B1")).toEqual(SEVEN);
      dispose();
    });
  });

  it("cut and paste moves the drawing with the cell and its name", async () => {
    const s = setup();
    await createRoot(async (dispose) => {
      const clipboard = clipboardOf(s);
      clipboard.cut(rangeBetween(null, "A1"));
      expect(s.pads.drawing("A1")).toEqual([]);
      await clipboard.paste(rangeBetween(null, "C3"));
      expect(s.draft.source("C3")).toBe("my_digit = sketch([28, 28])");
      expect(s.pads.drawing("C3")).toEqual(SEVEN_BAR);
      dispose();
    });
  });
});

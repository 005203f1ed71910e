// Cells' public face: everything the app (src/) uses from the sheet layer, and the few engine
// values it needs, re-exported so the app never imports the engine. The browser worker pool is in
// runtime.web.ts. test/layering.test.ts keeps the app to these two files.

// Addresses and documents.
export { compareAddresses, formatAddress, isAddress, parseAddress } from "./address.ts";
export { FORMAT_NAME, FORMAT_VERSION, type CellRecord, type SheetDocument } from "./document.ts";
export { CellError, type CellErrorKind, type Span } from "./errors.ts";
export { FormatError, parseSheetDocument, serializeSheetDocument } from "./format/index.ts";
export { exportDocument, importSheet, sheetFromDocument } from "./io.ts";

// The language, as the formula editor sees it.
export { FUNCTIONS, FUNCTION_GROUPS, type FunctionGroup, type SheetFunction } from "./language/functions.ts";
export { parseCell } from "./language/parse.ts";
export { endsValue, readLexeme, type LexemeKind } from "./language/lexer.ts";
export { definedName, renameReference, renameReferences } from "./language/rename.ts";
export { BRUSH_DIAMETER_AT_28, rasterize, storedCoordinate, type Drawing, type Stroke } from "./sketch.ts";
export { sketchShapeOf } from "./sketch-source.ts";

// Sheets and what the views show of their values.
export { Sheet, type EvaluationReport } from "./sheet.ts";
export { availableViews, buildPreview, defaultView, POINT_LIMIT, type TensorPreview, type ViewKind } from "./preview.ts";
export { formatNumber, type TensorSummary } from "./summary.ts";
export { topOfCell, type TopClasses } from "./preview-top.ts";
export { confusionPreview, type ConfusionPreview } from "./preview-confusion.ts";
export type { FeatureMaps } from "./preview-maps.ts";
export { describeGraph, type ComputationGraph, type GraphNodeView } from "./graph-description.ts";
export { cutWindow, matrixDims, MAX_WINDOW_COLS, MAX_WINDOW_ROWS, WindowError, type ValueWindow, type ValueWindowRequest } from "./value-window.ts";

// Data sets.
export { mnistProvider, usesMnist, type DatasetProvider } from "./datasets.ts";
export { csvUnavailable, float32Text, parseCsv, writeCsv } from "./csv.ts";

// Training.
export { CheckpointStoreError, type CheckpointStore, type StoredTensor, type TrainingCheckpoint } from "./training/checkpoint.ts";
export { drive, progressOf, type DriveOptions, type TrainingProgress } from "./training/driver.ts";
export { checkTrainingStates } from "./training/file-state.ts";
export { sheetFingerprint } from "./training/plan-hash.ts";
export { TrainingError, TrainingRun } from "./training/run.ts";

// Export as a PyTorch script (the CLI's export --to pytorch, and the app's button).
export { pytorchScript, shellWord, type PytorchExport } from "./pytorch/script.ts";

// The command-line tool's core (bin/tensorsheet.js supplies the Node file system and threads).
export { main as runCli } from "./cli/main.ts";
export type { CliIO } from "./cli/io.ts";

// From the engine, for the app's workers and stores.
export { EngineError, releaseIdleMemory, Tensor, type OptimizerKind, type ResolvedOptimizerConfig } from "../engine/index.ts";
export { fetchMnistBytes, gunzipWeb, loadIdx, loadNpy } from "../engine/datasets/index.ts";
export { encodeNpy, isZip, parseNpz, type NpyArray, type NpzArray } from "../engine/datasets/index.ts";

import { describe, expect, it } from "vitest";
import type { Peer, Runner } from "../../bench/cases.ts";
import { appendRounds, mergeRecords, toRecord, type BenchRecord } from "../../bench/record.ts";
import { formatTable, runBench, type BenchRow } from "../../bench/table.ts";

const QUICK = { rounds: 1, round: () => ({ warmupMs: 0, budgetMs: 0, minRuns: 3 }) };

/** A runner whose probe returns `output`; runs take no measurable time. */
const runner = (output: number[]): Runner => ({ run() {}, probe: () => Float32Array.from(output), dispose() {} });

/** A peer that runs every row with `output`, or none of them. */
function fakePeer(name: string, output: number[] | "throws" | "absent", describe?: string): Peer {
  const make = (): Runner => {
    if (output === "throws") throw new Error("Kernel 'Conv2DBackpropFilter' not registered");
    return runner(output as number[]);
  };
  return {
    name,
    activate: async () => {},
    ...(describe ? { describe: () => describe } : {}),
    matmul: make,
    mlpStep: make,
    ...(output === "absent" ? {} : { convnetStep: make, conv2d: make }),
  };
}

const rows: BenchRow[] = [
  { label: "step", note: "samples/s", score: (ms) => 1000 / (ms + 1), make: (p) => p.convnetStep?.({} as never) },
  { label: "conv", note: "ms", score: () => 4, lowerIsBetter: true, make: (p) => p.conv2d?.({} as never) },
];

describe("bench table", () => {
  it("records a peer that throws as n/a with its reason, skips a peer without the workload, and marks disagreement", async () => {
    const lines: string[] = [];
    const result = await runBench({
      peers: [
        fakePeer("tensorsheet", [2.5, 2.25], "tensorsheet: gemm:wasm-simd-fma optim:wasm"),
        fakePeer("tfjs-cpu", "absent"),
        fakePeer("tfjs-wasm", "throws", "tfjs-wasm: tfjs-backend-wasm-simd.wasm"),
        fakePeer("other", [2.5, 2.3]),
      ],
      rows,
      schedule: QUICK,
      log: (line) => lines.push(line),
    });
    expect(result.peers).toEqual(["tensorsheet", "tfjs-cpu", "tfjs-wasm", "other"]);
    expect(result.environment).toEqual(["tensorsheet: gemm:wasm-simd-fma optim:wasm", "tfjs-wasm: tfjs-backend-wasm-simd.wasm"]);
    expect(lines).toContain("  ! other (2.500000, 2.300000) disagrees with tensorsheet (2.500000, 2.250000) on step");
    expect(lines).toContain("  ! tfjs-wasm cannot run step: Kernel 'Conv2DBackpropFilter' not registered");

    const table = formatTable(result, { caption: ["measured today"] }).split("\n");
    expect(table).toEqual([
      "- measured today",
      "- tensorsheet: gemm:wasm-simd-fma optim:wasm",
      "- tfjs-wasm: tfjs-backend-wasm-simd.wasm",
      "",
      "| benchmark (GFLOP/s unless noted) | tensorsheet | tfjs-cpu | tfjs-wasm | other | tensorsheet ÷ tfjs-wasm | what |",
      "|---|--:|--:|--:|--:|--:|---|",
      `| step | ${table[6]!.split(" | ")[1]} | — | n/a | ${table[6]!.split(" | ")[4]} | — | samples/s |`,
      "| conv | 4.00 | — | n/a | 4.00 ⚠ | — | ms |",
      "",
      "- n/a: tfjs-wasm could not run \"step\": Kernel 'Conv2DBackpropFilter' not registered",
      "- n/a: tfjs-wasm could not run \"conv\": Kernel 'Conv2DBackpropFilter' not registered",
    ]);
    expect(table[6]).toMatch(/^\| step \| \d+ \| — \| n\/a \| \d+ ⚠ \| — \| samples\/s \|$/);
  });

  it("prints a ratio column per pair of peers that both ran: rates divide ours by theirs, times theirs by ours", async () => {
    const result = await runBench({
      peers: [fakePeer("tensorsheet", [1]), fakePeer("tfjs-wasm", [1])],
      rows: [{ label: "conv", note: "ms", score: (ms) => ms, lowerIsBetter: true, make: (p) => p.conv2d?.({} as never) }],
      schedule: QUICK,
    });
    // Fixed samples, so the ratio is exact: ours 2 ms, theirs 6 ms → 3× as fast.
    result.rows[0]!.samples.set("tensorsheet", [2, 2, 2]);
    result.rows[0]!.samples.set("tfjs-wasm", [6, 6, 6]);
    const withMissingPair = formatTable(result, { ratios: [["tensorsheet", "tfjs-wasm"], ["tensorsheet 2 threads", "tfjs-wasm 2 threads"]] });
    expect(withMissingPair.split("\n")).toEqual([
      "| benchmark (GFLOP/s unless noted) | tensorsheet | tfjs-wasm | tensorsheet ÷ tfjs-wasm | what |",
      "|---|--:|--:|--:|---|",
      "| conv | 2.00 | 6.00 | 3.00× | ms |",
    ]);
  });

  it("survives postMessage: records merge into one table, columns in order, and a second run checks against the first's outputs", async () => {
    const first = await runBench({ peers: [fakePeer("tensorsheet", [1, 2]), fakePeer("tfjs-wasm", [1, 2])], rows, schedule: QUICK });
    const record = JSON.parse(JSON.stringify(toRecord(first)));
    const second = await runBench({
      peers: [fakePeer("tfjs-wasm 2 threads", [1, 2.5])],
      rows,
      schedule: QUICK,
      reference: mergeRecords([record], rows).reference,
      referencePeer: "tensorsheet",
    });
    const merged = mergeRecords([record, JSON.parse(JSON.stringify(toRecord(second)))], rows);
    expect(merged.peers).toEqual(["tensorsheet", "tfjs-wasm", "tfjs-wasm 2 threads"]);
    expect([...merged.rows[0]!.mismatch]).toEqual(["tfjs-wasm 2 threads"]);
    expect(merged.rows[0]!.samples.get("tfjs-wasm")).toEqual(first.rows[0]!.samples.get("tfjs-wasm"));
    expect(Array.from(merged.reference.get("step")!)).toEqual([1, 2]);
  });

  it("appends one peer set's rounds, run one message at a time, into one record: samples in round order, failures and mismatches kept", () => {
    const round = (samples: number[], extra: Partial<BenchRecord["rows"][number]> = {}): BenchRecord => ({
      peers: ["tfjs-wasm 2 threads"],
      rows: [{ label: "step", samples: { "tfjs-wasm 2 threads": samples }, mismatch: [], failed: {}, ...extra }],
      environment: ["tfjs-wasm 2 threads: tfjs-backend-wasm-threaded-simd.wasm"],
      reference: { step: [1, 2] },
    });
    expect(appendRounds([round([3, 4]), round([5], { mismatch: ["tfjs-wasm 2 threads"] }), round([6], { failed: { x: "no kernel" } })])).toEqual({
      peers: ["tfjs-wasm 2 threads"],
      rows: [{ label: "step", samples: { "tfjs-wasm 2 threads": [3, 4, 5, 6] }, mismatch: ["tfjs-wasm 2 threads"], failed: { x: "no kernel" } }],
      environment: ["tfjs-wasm 2 threads: tfjs-backend-wasm-threaded-simd.wasm"],
      reference: { step: [1, 2] },
    });
  });
});

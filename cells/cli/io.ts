/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string>;
  /** Text as UTF-8; bytes as they are (the .npy files `export --to pytorch` writes beside its script). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  readonly isTTY: boolean;
  /** The packed built-in MNIST (see engine/datasets/mnist-pack.ts); loaded only for sheets that use it. */
  loadMnist(): Promise<Uint8Array>;
  /**
   * Lets `threads` threads share large matrix products (helper threads; see
   * engine/kernels/wasm/gemm-threads.ts) and resolves to how many do. Absent: one thread.
   */
  startThreads?(threads: number): Promise<number>;
  /**
   * Calls `handler` with the signal's name when the user interrupts (Ctrl-C: SIGINT) or the
   * process is asked to end (SIGTERM), instead of ending at once; returns a function that stops
   * listening (and restores the default). Commands listen only while they have state to save.
   * Absent: interruption ends the process as usual.
   */
  onInterrupt?(handler: (signal: string) => void): () => void;
}

// Finding and launching Chromium for the browser tests and the browser bench (playwright-core
// drives the system browser; no browser is downloaded). The sandbox has no network, so every
// background fetch is turned off.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from "playwright-core";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export const MISSING_CHROMIUM_MESSAGE =
  "Chromium is needed for the browser tests. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH to a Chrome/Chromium binary)";

/** Flags for a headless browser in a container without network, GPU or user namespaces. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * The Chromium binary: $CHROMIUM_PATH, else /usr/bin/chromium. When it is missing and we are root,
 * install Debian's chromium with apt-get; otherwise say exactly what to do.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${MISSING_CHROMIUM_MESSAGE}`);
    return fromEnv;
  }
  if (existsSync(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;
  if (process.getuid?.() === 0) {
    console.warn("Chromium not found; installing it with apt-get (running as root).");
    const r = spawnSync("sh", ["-c", "apt-get update && apt-get install -y chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (r.status === 0 && existsSync(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;
    throw new Error(`apt-get install -y chromium failed (exit ${r.status ?? r.signal}). ${MISSING_CHROMIUM_MESSAGE}`);
  }
  throw new Error(MISSING_CHROMIUM_MESSAGE);
}

function freshProfileDir(): string {
  return mkdtempSync(path.join(tmpdir(), "tensorsheet-e2e-profile-"));
}

function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // A temp dir left behind is harmless.
  }
}

/**
 * A headless Chromium with a fresh profile: a new user with no IndexedDB. (playwright creates a new
 * temporary --user-data-dir for every chromium.launch and refuses one passed in args; use
 * launchPersistentChromium to choose the directory.) Contexts created from the browser are isolated
 * from each other; within one context, IndexedDB survives page.reload().
 */
export async function launchChromium(options: Omit<LaunchOptions, "executablePath"> = {}): Promise<Browser> {
  return chromium.launch({
    timeout: 60_000,
    ...options,
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

export interface PersistentBrowser {
  readonly context: BrowserContext;
  /** The profile directory; launch again with it to see what a returning user sees. */
  readonly profileDir: string;
  /** Close the browser; the profile is deleted unless keepProfile. */
  close(keepProfile?: boolean): Promise<void>;
}

/**
 * A persistent context on a profile directory (a fresh one unless given), for tests that must
 * close and reopen the browser with the same storage.
 */
export async function launchPersistentChromium(profileDir: string = freshProfileDir()): Promise<PersistentBrowser> {
  const executablePath = findChromium();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
    viewport: { width: 1440, height: 900 },
  });
  return {
    context,
    profileDir,
    async close(keepProfile = false) {
      await context.close().catch(() => undefined);
      if (!keepProfile) removeDir(profileDir);
    },
  };
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  THEME_STORAGE_KEY,
  chooseTheme,
  followSystemTheme,
  nextThemeChoice,
  readThemeChoice,
  resolveTheme,
  themeToggleLabel,
  type ThemeChoice,
  type ThemeEnvironment,
} from "../../../src/state/theme.ts";

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

function fakeMedia(matches: boolean) {
  const listeners = new Set<() => void>();
  return {
    matches,
    addEventListener: (_: string, f: () => void) => void listeners.add(f),
    removeEventListener: (_: string, f: () => void) => void listeners.delete(f),
    flip(to: boolean) {
      this.matches = to;
      for (const f of listeners) f();
    },
    listeners,
  };
}

function fakeEnv(stored: Record<string, string>, prefersDark: boolean) {
  const root = { dataset: {} as Record<string, string> };
  const storage = memoryStorage(stored);
  const media = fakeMedia(prefersDark);
  const env = { root: root as unknown as HTMLElement, storage, prefersDark: media } satisfies ThemeEnvironment;
  return { env, root, storage, media };
}

/** Runs index.html's inline boot script against a fake window and returns the <html> dataset. */
function runBootScript(stored: string | null, prefersDark: boolean): Record<string, string> {
  const html = readFileSync(new URL("../../../index.html", import.meta.url), "utf8");
  const script = /<script id="theme-boot">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!script) throw new Error("index.html has no theme-boot script");
  const dataset: Record<string, string> = {};
  const localStorage = { getItem: (k: string) => (k === THEME_STORAGE_KEY ? stored : null) };
  const window = { matchMedia: (q: string) => ({ matches: q === "(prefers-color-scheme: dark)" && prefersDark }) };
  new Function("localStorage", "window", "document", script)(localStorage, window, { documentElement: { dataset } });
  return dataset;
}

describe("theme", () => {
  it("reads a stored choice and treats anything else as system", () => {
    expect(readThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: "dark" }))).toBe("dark");
    expect(readThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: "light" }))).toBe("light");
    expect(readThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: "purple" }))).toBe("system");
    expect(readThemeChoice(memoryStorage())).toBe("system");
    expect(readThemeChoice(null)).toBe("system");
    expect(readThemeChoice({ getItem: () => { throw new Error("blocked"); } })).toBe("system");
  });

  it("resolves system to the system's preference and cycles system → light → dark", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
    expect([nextThemeChoice("system"), nextThemeChoice("light"), nextThemeChoice("dark")]).toEqual(["light", "dark", "system"]);
    expect(themeToggleLabel("light")).toBe("Colour theme: light. Switch to dark");
  });

  it("stores and applies a choice, and follows the system only while the choice is system", () => {
    const { env, root, storage, media } = fakeEnv({}, false);
    let choice: ThemeChoice = "system";
    const stop = followSystemTheme(env, () => choice);
    expect(chooseTheme(env, "system")).toBe("light");
    media.flip(true);
    expect(root.dataset).toEqual({ theme: "dark", themeChoice: "system" });
    choice = "light";
    expect(chooseTheme(env, "light")).toBe("light");
    expect(storage.items.get(THEME_STORAGE_KEY)).toBe("light");
    media.flip(false);
    media.flip(true);
    expect(root.dataset.theme).toBe("light");
    stop();
    expect(media.listeners.size).toBe(0);
  });

  it("index.html's boot script resolves the theme exactly as theme.ts does, from the same key", () => {
    for (const stored of [null, "system", "light", "dark", "bogus"]) {
      for (const dark of [false, true]) {
        const choice = readThemeChoice(memoryStorage(stored === null ? {} : { [THEME_STORAGE_KEY]: stored }));
        expect(runBootScript(stored, dark), `stored ${stored}, system dark ${dark}`).toEqual({ theme: resolveTheme(choice, dark), themeChoice: choice });
      }
    }
  });
});

// The colour theme: the user's choice (system, light or dark), remembered in localStorage, and the
// theme it resolves to, set as <html data-theme> so app.css picks its colour variables.
// index.html runs the same resolution inline before first paint, so a dark page never flashes light;
// keep THEME_STORAGE_KEY and the inline script in step (test/src/state/theme.test.ts checks it).

export type ThemeChoice = "system" | "light" | "dark";
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "tensorsheet-theme";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

/** The stored choice; anything unreadable or unknown counts as "system". */
export function readThemeChoice(storage: Pick<Storage, "getItem"> | null): ThemeChoice {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(THEME_STORAGE_KEY) ?? null;
  } catch {
    // Storage can throw (blocked cookies, sandboxed frames): fall back to the system theme.
  }
  return (THEME_CHOICES as readonly string[]).includes(stored ?? "") ? (stored as ThemeChoice) : "system";
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  return choice === "system" ? (systemPrefersDark ? "dark" : "light") : choice;
}

/** The choice after `choice`, for a one-button toggle: system → light → dark → system. */
export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length]!;
}

/** What the toggle says: the current choice and what a click does. */
export function themeToggleLabel(choice: ThemeChoice): string {
  const name = { system: "system", light: "light", dark: "dark" }[choice];
  return `Colour theme: ${name}. Switch to ${nextThemeChoice(choice)}`;
}

/** The part of a MediaQueryList the theme uses. */
export interface DarkPreference {
  readonly matches: boolean;
  addEventListener(type: "change", listener: () => void): void;
  removeEventListener(type: "change", listener: () => void): void;
}

export interface ThemeEnvironment {
  readonly root: HTMLElement;
  readonly storage: Pick<Storage, "getItem" | "setItem"> | null;
  readonly prefersDark: DarkPreference | null;
}

/** The browser's environment, or nulls where it has none (tests, storage blocked). */
export function browserThemeEnvironment(): ThemeEnvironment {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return { root: document.documentElement, storage, prefersDark: window.matchMedia?.("(prefers-color-scheme: dark)") ?? null };
}

export function applyTheme(env: ThemeEnvironment, choice: ThemeChoice): Theme {
  const theme = resolveTheme(choice, env.prefersDark?.matches ?? false);
  env.root.dataset.theme = theme;
  env.root.dataset.themeChoice = choice;
  return theme;
}

/** Store and apply a choice. */
export function chooseTheme(env: ThemeEnvironment, choice: ThemeChoice): Theme {
  try {
    env.storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not remembered, but still applied for this visit.
  }
  return applyTheme(env, choice);
}

/** Re-apply when the system theme changes while the choice is "system". Returns the unsubscribe. */
export function followSystemTheme(env: ThemeEnvironment, currentChoice: () => ThemeChoice): () => void {
  const onChange = () => {
    if (currentChoice() === "system") applyTheme(env, "system");
  };
  env.prefersDark?.addEventListener("change", onChange);
  return () => env.prefersDark?.removeEventListener("change", onChange);
}

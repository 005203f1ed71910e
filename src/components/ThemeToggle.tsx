import { createSignal, onCleanup } from "solid-js";
import {
  applyTheme,
  browserThemeEnvironment,
  chooseTheme,
  followSystemTheme,
  nextThemeChoice,
  readThemeChoice,
  themeToggleLabel,
  type ThemeChoice,
} from "../state/theme.ts";

const ICONS: Record<ThemeChoice, string> = { system: "◐", light: "☀", dark: "☾" };

/** One button cycling the colour theme: system → light → dark. index.html applied the stored one already. */
export function ThemeToggle() {
  const env = browserThemeEnvironment();
  const [choice, setChoice] = createSignal<ThemeChoice>(readThemeChoice(env.storage));
  applyTheme(env, choice());
  onCleanup(followSystemTheme(env, choice));
  const next = () => {
    const c = nextThemeChoice(choice());
    setChoice(c);
    chooseTheme(env, c);
  };
  return (
    <button
      type="button"
      class="toolbar-icon"
      data-testid="theme-toggle"
      data-choice={choice()}
      aria-label={themeToggleLabel(choice())}
      title={themeToggleLabel(choice())}
      onClick={next}
    >
      <span aria-hidden="true">{ICONS[choice()]}</span>
    </button>
  );
}

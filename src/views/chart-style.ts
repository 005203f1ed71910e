// uPlot styles that follow the app's theme. uPlot accepts functions for colours and calls them on
// every draw, so the charts read the current CSS variables and a theme switch needs only a redraw.
import type uPlot from "uplot";

const FONT = "11px system-ui, sans-serif";

function themeColour(variable: string, fallback: string): () => string {
  return () => getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || fallback;
}

/** Axis text, grid lines and ticks in the theme's muted, grid-line and line colours. */
export function themedAxis(): uPlot.Axis {
  return {
    stroke: themeColour("--muted", "#57606a"),
    font: FONT,
    labelFont: FONT,
    grid: { stroke: themeColour("--grid-line", "#eaeef2"), width: 1 },
    ticks: { stroke: themeColour("--line", "#d0d7de"), width: 1 },
  };
}

/** The colour of a chart's main line. */
export const themedLine = themeColour("--accent", "#2f6fdd");

/** Redraws `chart` whenever the page's theme (<html data-theme>) changes; returns the disposer. */
export function redrawOnThemeChange(chart: () => uPlot | undefined): () => void {
  if (typeof MutationObserver === "undefined") return () => undefined;
  const observer = new MutationObserver(() => chart()?.redraw(false, true));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

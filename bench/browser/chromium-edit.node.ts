/**
 * The app's b1 edit latency for `npm run bench`: a production build in headless Chromium. Where
 * Chromium is missing or the app fails to start, the reason takes the figure's place, so the
 * rest of the bench still prints.
 */
import { buildAndPreviewApp } from "../../tools/app-server.node.ts";
import { launchChromium } from "../../tools/chromium.node.ts";
import { measureAppEditLatency, type AppEditLatency } from "./edit-latency.node.ts";

export async function measureChromiumEdit(samples: number, log: (line: string) => void): Promise<AppEditLatency | string> {
  let app: Awaited<ReturnType<typeof buildAndPreviewApp>> | null = null;
  try {
    app = await buildAndPreviewApp(log);
    const browser = await launchChromium();
    try {
      return await measureAppEditLatency(browser, app.url, samples, log);
    } finally {
      await browser.close();
    }
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
    log(`Chromium edit latency not measured: ${reason}`);
    return reason;
  } finally {
    await app?.close();
  }
}

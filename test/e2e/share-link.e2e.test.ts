// Share by link (issue 14): Copy link on the first-look sheet, the link opened by someone else (a
// fresh browser context: empty IndexedDB) as an unsaved preview, "Save a copy", and the saved copy's
// cells compared with the original's through Export; a tampered link is refused and the sheets list
// stays as it was.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, openApp, screenshot, waitForCell, waitForIdle, waitUntil, type AppPage } from "./app.ts";
import { dismissNotice, exportSheet, readNotice, savedSheetTitles, sheetTitle, showFileActions, waitForNotice } from "./files-helpers.ts";
import { useBrowserSession } from "./session.ts";
import { storedSheets } from "./stored-sheets.ts";
import { encodeSharePayload } from "../../src/share/share-codec.ts";

const session = useBrowserSession();
const FIRST_LOOK_TITLE = "A first look at a neural network";

/** What a sheet's cells are, as its file holds them: compared between the original and the copy. */
interface WrittenSheet {
  readonly title: string;
  readonly seed: number;
  readonly objective?: string | null;
  readonly cells: readonly { address: string; source: string; note?: string }[];
  readonly layout?: unknown;
}

function written(text: string): WrittenSheet {
  const { title, seed, objective, cells, layout } = JSON.parse(text) as WrittenSheet;
  return { title, seed, objective: objective ?? null, cells: [...cells].sort((a, b) => a.address.localeCompare(b.address)), layout: layout ?? null };
}

async function setWithValues(page: Page, checked: boolean): Promise<void> {
  await showFileActions(page);
  await page.getByTestId("export-with-values").setChecked(checked);
}

/** Press Copy link and wait until it has said something (copied, or why not). */
async function copyLink(page: Page): Promise<{ text: string; error: boolean }> {
  await showFileActions(page);
  await page.getByTestId("copy-link-button").click();
  return waitForNotice(page, /^Link copied|no link was copied|not copied/);
}

/** Open `url` in a page of `target` and wait until the app shows a grid. */
function openLink(target: Parameters<typeof openApp>[0], url: string): Promise<AppPage> {
  return openApp(target, url);
}

describe("share by link", () => {
  let link = "";
  let original: WrittenSheet;
  let other: AppPage | null = null;
  let refusedPage: AppPage | null = null;

  it("Copy link: refused past 16 KB with trained values (it says so, copies nothing); without them, a link to the sheet on the clipboard", async () => {
    const app = await session.firstLook();
    const page = app.page;
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(session.server().url).origin });
    await page.evaluate(() => navigator.clipboard.writeText("nothing yet"));

    // The first-look sheet's trained weights are megabytes: no link can carry them.
    await setWithValues(page, true);
    const refused = await copyLink(page);
    expect(refused.error).toBe(true);
    expect(refused.text).toMatch(/^This sheet's link would be \d+ KB, past the 16 KB that browsers and chat tools carry safely, so no link was copied\. Uncheck “with trained values” for a shorter link, or use Export to share it as a file\.$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("nothing yet");
    await dismissNotice(page);

    await setWithValues(page, false);
    const copied = await copyLink(page);
    expect(copied.error).toBe(false);
    expect(copied.text).toMatch(/^Link copied \(\d+\.\d KB\): it carries the sheet's cells, layout and seed \(no trained values\), not datasets you loaded\.$/);
    link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${session.server().url.replace(/\/$/, "")}/?#share=[A-Za-z0-9_-]+$`));
    expect(link.length).toBeLessThanOrEqual(16 * 1024);
    expect(await page.getByTestId("copy-link-button").getAttribute("data-link-length")).toBe(String(link.length));
    original = written((await exportSheet(page)).text);
    expect(original.title).toBe(FIRST_LOOK_TITLE);
    expect(original.cells.length).toBeGreaterThan(5);
  });

  it("opened in a fresh browser: a preview with a banner, nothing saved; Save a copy adds it, and its cells are the original's", async () => {
    expect(link).not.toBe("");
    other = await openLink(session.browser(), link);
    const page = other.page;
    const banner = page.getByTestId("share-banner");
    await banner.waitFor({ state: "visible" });
    expect((await page.getByTestId("share-banner-title").innerText()).trim()).toBe(
      `Shared sheet: ${FIRST_LOOK_TITLE} — opened from a link. Nothing is saved until you save a copy.`,
    );
    expect(await banner.getAttribute("aria-label")).toBe("Shared sheet");
    await waitForCell(page, "A1", "name", "train_images", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await waitForIdle(page, { saved: false, timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    expect((await page.getByTestId("save-status").innerText()).trim()).toBe("Not saved — preview of a shared link");
    expect(await page.evaluate(() => location.hash.startsWith("#share="))).toBe(true);
    // A preview is not one of the user's sheets: nothing was written, not even the first example.
    expect(await storedSheets(page)).toEqual([]);
    await screenshot(page, "share-link-banner");

    await page.getByTestId("share-save-copy").click();
    await waitForNotice(page, new RegExp(`^Saved a copy of the shared sheet to your sheets as “${FIRST_LOOK_TITLE.replace(/[()]/g, "\\$&")}”\\.$`));
    await banner.waitFor({ state: "detached" });
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    const stored = await storedSheets(page);
    expect(stored.map((s) => s.title)).toEqual([FIRST_LOOK_TITLE]);
    expect(await page.evaluate(() => location.hash)).toBe(`#sheet=${stored[0]!.id}`);
    expect(await sheetTitle(page)).toBe(FIRST_LOOK_TITLE);

    await showFileActions(page);
    await page.getByTestId("export-with-values").setChecked(false);
    expect(written((await exportSheet(page)).text)).toEqual(original);
    other.assertNoPageErrors();
  });

  it("a tampered link shows the link error, and the user's sheets stay as they were", async () => {
    expect(other).not.toBeNull();
    const context = other!.context;
    const before = await savedSheetTitles(other!.page);
    expect(before).toEqual([FIRST_LOOK_TITLE]);
    await other!.page.close();

    // Flip characters in the middle of the payload: still base64url, no longer the sheet.
    const at = link.indexOf("#share=") + 7 + Math.floor((link.length - link.indexOf("#share=") - 7) / 2);
    const flip = (c: string) => (c === "A" ? "B" : "A");
    const tampered = link.slice(0, at) + [...link.slice(at, at + 6)].map(flip).join("") + link.slice(at + 6);
    expect(tampered).not.toBe(link);

    const again = await openLink(context, tampered);
    const page = again.page;
    const notice = await waitForNotice(page, /^The shared link was not opened: /);
    expect(notice.error).toBe(true);
    expect(notice.text).toMatch(
      /^The shared link was not opened: (the link's data is damaged \(.+\); it may have been cut short when it was copied\.|the link's data does not match its checksum; it was changed or cut short after it was made\.)$/,
    );
    // The last open sheet opens as usual, and the URL names it again.
    await waitUntil(page, async () => (await sheetTitle(page)) === FIRST_LOOK_TITLE, FIRST_LOOK_TIMEOUT_MS, "the saved copy to open");
    await waitForCell(page, "A1", "name", "train_images", { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    await waitUntil(page, async () => /^#sheet=/.test(await page.evaluate(() => location.hash)), 10_000, "the URL to name the open sheet");
    expect(await page.getByTestId("share-banner").count()).toBe(0);
    await screenshot(page, "share-link-refused");
    expect((await readNotice(page))?.text).toBe(notice.text);
    expect(await savedSheetTitles(page)).toEqual(before);
    again.assertNoPageErrors();
    refusedPage = again;
  });

  it("a link pasted into an open page previews too, and names the datasets it reads that are not loaded here", async () => {
    expect(refusedPage).not.toBeNull();
    const page = refusedPage!.page;
    // Leaving the open sheet saves it (its time changes); which sheets there are, and their cells, do not.
    const sheets = async () => (await storedSheets(page)).map(({ id, title, sources }) => ({ id, title, sources }));
    const before = await sheets();
    const document = {
      format: "tensorsheet",
      version: 1,
      title: "Needs my data",
      seed: 0,
      cells: [
        { address: "A1", source: 'xs = dataset("xs")' },
        { address: "A2", source: "total = sum(xs)" },
        { address: "B1", source: "two = 1 + 1" },
      ],
    };
    const payload = await encodeSharePayload(JSON.stringify(document));
    // Only the hash changes: the page stays, and opens the link as a preview.
    await page.goto(`${new URL(session.server().url).origin}/#share=${payload}`);
    await page.getByTestId("share-banner").waitFor({ state: "visible" });
    await waitUntil(page, async () => (await sheetTitle(page)) === "Needs my data", 30_000, "the shared sheet to open");
    await waitForCell(page, "A1", "error", /no dataset named "xs"/);
    expect((await page.getByTestId("share-banner-data").innerText()).trim()).toBe(
      'It reads data the link does not carry: dataset("xs"). Load it under that name with Load data… (in More when the toolbar is narrow).',
    );
    // The earlier link's refusal is not about this one: it is gone.
    expect(await readNotice(page)).toBeNull();
    await screenshot(page, "share-link-missing-data");
    expect(await sheets()).toEqual(before);
    refusedPage!.assertNoPageErrors();
    await refusedPage!.close();
    await refusedPage!.context.close();
  });
});

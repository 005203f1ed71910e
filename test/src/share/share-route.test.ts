import { describe, expect, it } from "vitest";
import { MAX_LINK_LENGTH, shareLink, sharePayloadFromHash, tooLongMessage } from "../../../src/share/share-route.ts";
import { sheetIdFromHash } from "../../../src/state/sheet-route.ts";
import { datasetCalls, missingDatasets } from "../../../src/share/share-datasets.ts";
import { refusedLinkMessage } from "../../../src/share/share-preview.ts";

describe("share route", () => {
  it("reads the payload of #share= hashes only", () => {
    expect(sharePayloadFromHash("#share=ab-_9")).toBe("ab-_9");
    expect(sharePayloadFromHash("#share=")).toBe("");
    expect(sharePayloadFromHash("#sheet=abc")).toBeNull();
    expect(sharePayloadFromHash("")).toBeNull();
    // A share link names no saved sheet, so the sheet route leaves it alone.
    expect(sheetIdFromHash("#share=ab-_9")).toBeNull();
  });

  it("builds the link from the page's origin, path and query", () => {
    expect(shareLink({ origin: "https://x.org", pathname: "/app/", search: "?v=2" }, "QUJD")).toBe("https://x.org/app/?v=2#share=QUJD");
  });

  it("says how long a refused link would be and what to do instead", () => {
    expect(MAX_LINK_LENGTH).toBe(16384);
    expect(tooLongMessage(40_000, true)).toBe(
      "This sheet's link would be 40 KB, past the 16 KB that browsers and chat tools carry safely, so no link was copied. Uncheck “with trained values” for a shorter link, or use Export to share it as a file.",
    );
    expect(tooLongMessage(20_000, false)).toBe(
      "This sheet's link would be 20 KB, past the 16 KB that browsers and chat tools carry safely, so no link was copied. Use Export to share it as a file.",
    );
  });

  it("a refused link is worded like a refused file", () => {
    expect(refusedLinkMessage("$.cells: must be a list")).toBe("The shared link was not opened: $.cells: must be a list");
  });
});

describe("datasets a shared sheet needs", () => {
  it("names the datasets the worker lacks, once each, sorted", () => {
    const errors = [
      'no dataset named "xs"; load a .npy, .npz, .csv or IDX file with Load data… (loaded: none yet)',
      "W: shape mismatch",
      'no dataset named "labels"; load a .npy, .npz, .csv or IDX file with Load data… (loaded: none yet)',
      'no dataset named "xs"; load a .npy, .npz, .csv or IDX file with Load data… (loaded: "a")',
    ];
    expect(missingDatasets(errors)).toEqual(["labels", "xs"]);
    expect(datasetCalls(missingDatasets(errors))).toBe('dataset("labels"), dataset("xs")');
    expect(missingDatasets([])).toEqual([]);
  });
});

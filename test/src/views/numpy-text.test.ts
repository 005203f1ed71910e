import { describe, expect, it } from "vitest";
import { fittedNumpyText, numpyText } from "../../../src/views/numpy-text.ts";

// Expected strings are what NumPy 2.4 prints: str(np.array(values, dtype=np.float32).reshape(shape))
// under np.printoptions(linewidth, threshold, edgeitems); for whole numbers, the same values as an
// integer array (numpy-text prints whole-number float32 tensors like NumPy prints integers).
const ramp = (n: number, f: (k: number) => number) => Array.from({ length: n }, (_, k) => f(k));

describe("numpyText prints like NumPy", () => {
  it("fractions pad with spaces on the right", () => {
    expect(numpyText(Float32Array.from([0.1, 0.5, 2]), [3], {})).toBe("[0.1 0.5 2. ]");
  });

  it("prints the shortest float32 digits, at most 8 decimals", () => {
    expect(numpyText(Float32Array.from([1 / 3, 2, 100]), [3], {})).toBe("[  0.33333334   2.         100.        ]");
  });

  it("a range wider than 1000\u00d7 switches to exponents", () => {
    expect(numpyText(Float32Array.from([1e-5, 1.5, 3]), [3], {})).toBe("[1.0e-05 1.5e+00 3.0e+00]");
  });

  it("spells nan, inf and -inf, aligned with the numbers", () => {
    expect(numpyText(Float32Array.from([NaN, -Infinity, 0, Math.log(2)]), [4], {})).toBe("[      nan      -inf 0.        0.6931472]");
  });

  it("values of 1e8 and more switch to exponents", () => {
    expect(numpyText(Float32Array.from([1e9, 2.5]), [2], {})).toBe("[1.0e+09 2.5e+00]");
  });

  it("exponents keep the sign column", () => {
    expect(numpyText(Float32Array.from([-1.5e-7, 3e3]), [2], {})).toBe("[-1.5e-07  3.0e+03]");
  });

  it("a tensor of only non-finite values", () => {
    expect(numpyText(Float32Array.from([NaN, Infinity]), [2], {})).toBe("[nan inf]");
  });

  it("a value under 1e-4 switches to exponents", () => {
    expect(numpyText(Float32Array.from([0.00005, 0.5]), [2], {})).toBe("[5.e-05 5.e-01]");
  });

  it("signed decimals share one column width", () => {
    expect(numpyText(Float32Array.from([-0.5, 0.25, -12.125]), [3], {})).toBe("[ -0.5     0.25  -12.125]");
  });

  it("whole numbers mixed with nan keep the float layout", () => {
    expect(numpyText(Float32Array.from([1, NaN, 3.5]), [3], {})).toBe("[1.  nan 3.5]");
  });

  it("wraps at the line width with a hanging indent", () => {
    expect(numpyText(Float32Array.from(ramp(30, (k) => k * 1.5 + 0.25)), [30], {})).toBe("[ 0.25  1.75  3.25  4.75  6.25  7.75  9.25 10.75 12.25 13.75 15.25 16.75\n 18.25 19.75 21.25 22.75 24.25 25.75 27.25 28.75 30.25 31.75 33.25 34.75\n 36.25 37.75 39.25 40.75 42.25 43.75]");
  });

  it("a matrix of fractions in aligned columns", () => {
    expect(numpyText(Float32Array.from([1.5, -2, 3.25, 4]), [2, 2], {})).toBe("[[ 1.5  -2.  ]\n [ 3.25  4.  ]]");
  });

  it("a long vector shows 3 edge items each side of ...", () => {
    expect(numpyText(Float32Array.from(ramp(2000, (k) => k * 0.5 + 0.5)), [2000], {})).toBe("[5.000e-01 1.000e+00 1.500e+00 ... 9.990e+02 9.995e+02 1.000e+03]");
  });

  it("a large matrix elides rows and columns", () => {
    expect(numpyText(Float32Array.from(ramp(2000, (k) => (k % 97) * 0.25 + 0.5)), [40, 50], {})).toBe("[[ 0.5   0.75  1.   ... 12.25 12.5  12.75]\n [13.   13.25 13.5  ...  0.5   0.75  1.  ]\n [ 1.25  1.5   1.75 ... 13.   13.25 13.5 ]\n ...\n [ 2.25  2.5   2.75 ... 14.   14.25 14.5 ]\n [14.75 15.   15.25 ...  2.25  2.5   2.75]\n [ 3.    3.25  3.5  ... 14.75 15.   15.25]]");
  });

  it("a narrow line width wraps sooner", () => {
    expect(numpyText(Float32Array.from(ramp(12, (k) => k * 0.5 + 0.5)), [12], {linewidth: 20})).toBe("[0.5 1.  1.5 2.\n 2.5 3.  3.5 4.\n 4.5 5.  5.5 6. ]");
  });

  it("threshold and edge items are options", () => {
    expect(numpyText(Float32Array.from(ramp(10, (k) => k * 0.5 + 0.5)), [10], {threshold: 6, edgeitems: 2})).toBe("[0.5 1.  ... 4.5 5. ]");
  });

  it("whole numbers print like NumPy's integer arrays", () => {
    expect(numpyText(Float32Array.from([12, 3, 6, 14, 7]), [5], {})).toBe("[12  3  6 14  7]");
  });

  it("a shape prints as numbers", () => {
    expect(numpyText(Float32Array.from([2, 3, 4]), [3], {})).toBe("[2 3 4]");
  });

  it("rank 3 nests brackets with a blank line between blocks", () => {
    expect(numpyText(Float32Array.from(ramp(24, (k) => k)), [2, 3, 4], {})).toBe("[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]");
  });

  it("negative whole numbers are right-aligned", () => {
    expect(numpyText(Float32Array.from([-1, 0, 10]), [3], {})).toBe("[-1  0 10]");
  });

  it("a large rank-3 tensor elides on every axis", () => {
    expect(numpyText(Float32Array.from(ramp(3000, (k) => k)), [10, 10, 30], {})).toBe("[[[   0    1    2 ...   27   28   29]\n  [  30   31   32 ...   57   58   59]\n  [  60   61   62 ...   87   88   89]\n  ...\n  [ 210  211  212 ...  237  238  239]\n  [ 240  241  242 ...  267  268  269]\n  [ 270  271  272 ...  297  298  299]]\n\n [[ 300  301  302 ...  327  328  329]\n  [ 330  331  332 ...  357  358  359]\n  [ 360  361  362 ...  387  388  389]\n  ...\n  [ 510  511  512 ...  537  538  539]\n  [ 540  541  542 ...  567  568  569]\n  [ 570  571  572 ...  597  598  599]]\n\n [[ 600  601  602 ...  627  628  629]\n  [ 630  631  632 ...  657  658  659]\n  [ 660  661  662 ...  687  688  689]\n  ...\n  [ 810  811  812 ...  837  838  839]\n  [ 840  841  842 ...  867  868  869]\n  [ 870  871  872 ...  897  898  899]]\n\n ...\n\n [[2100 2101 2102 ... 2127 2128 2129]\n  [2130 2131 2132 ... 2157 2158 2159]\n  [2160 2161 2162 ... 2187 2188 2189]\n  ...\n  [2310 2311 2312 ... 2337 2338 2339]\n  [2340 2341 2342 ... 2367 2368 2369]\n  [2370 2371 2372 ... 2397 2398 2399]]\n\n [[2400 2401 2402 ... 2427 2428 2429]\n  [2430 2431 2432 ... 2457 2458 2459]\n  [2460 2461 2462 ... 2487 2488 2489]\n  ...\n  [2610 2611 2612 ... 2637 2638 2639]\n  [2640 2641 2642 ... 2667 2668 2669]\n  [2670 2671 2672 ... 2697 2698 2699]]\n\n [[2700 2701 2702 ... 2727 2728 2729]\n  [2730 2731 2732 ... 2757 2758 2759]\n  [2760 2761 2762 ... 2787 2788 2789]\n  ...\n  [2910 2911 2912 ... 2937 2938 2939]\n  [2940 2941 2942 ... 2967 2968 2969]\n  [2970 2971 2972 ... 2997 2998 2999]]]");
  });

  it("prints empty tensors as []", () => {
    expect(numpyText(new Float32Array(0), [0])).toBe("[]");
    expect(numpyText(new Float32Array(0), [2, 0])).toBe("[]");
  });

  it("prints a scalar as its element", () => {
    expect(numpyText(Float32Array.of(3.5), [])).toBe("3.5");
  });
});

describe("fittedNumpyText sizes the summary to the lines that fit", () => {
  const rows6 = Float32Array.from(ramp(24, (k) => k));
  it("shows every value when they fit", () => {
    expect(fittedNumpyText(rows6, [6, 4], 75, 6)).toBe("[[ 0  1  2  3]\n [ 4  5  6  7]\n [ 8  9 10 11]\n [12 13 14 15]\n [16 17 18 19]\n [20 21 22 23]]");
  });

  it("else the most edge items that fit (NumPy, threshold=0, edgeitems=2)", () => {
    expect(fittedNumpyText(rows6, [6, 4], 75, 5)).toBe("[[ 0  1  2  3]\n [ 4  5  6  7]\n ...\n [16 17 18 19]\n [20 21 22 23]]");
    expect(fittedNumpyText(Float32Array.from(ramp(64, (k) => k)), [64], 30, 1)).toBe("[ 0  1  2 ... 61 62 63]");
  });

  it("summarizes the rows first, keeping each row whole when it fits the line", () => {
    expect(fittedNumpyText(rows6, [6, 4], 75, 3)).toBe("[[ 0  1  2  3]\n ...\n [20 21 22 23]]");
  });

  it("summarizes every axis when whole rows do not fit (NumPy, threshold=0, edgeitems=1)", () => {
    // At 13 characters NumPy wraps whole rows: "[[ 0  1  2\n   3]\n [ 4  5  6\n   7]\n ...".
    expect(numpyText(rows6, [6, 4], { linewidth: 13 })).toBe("[[ 0  1  2\n   3]\n [ 4  5  6\n   7]\n [ 8  9 10\n  11]\n [12 13 14\n  15]\n [16 17 18\n  19]\n [20 21 22\n  23]]");
    expect(fittedNumpyText(rows6, [6, 4], 13, 3)).toBe("[[ 0 ...  3]\n ...\n [20 ... 23]]");
  });

  it("shows the top of the summary and counts the lines below when no summary fits", () => {
    const t = Float32Array.from(ramp(24, (k) => k));
    expect(fittedNumpyText(t, [2, 3, 4], 75, 4)).toBe("[[[ 0  1  2  3]\n  ...\n  [ 8  9 10 11]]\n⋯ 4 more lines");
    expect(fittedNumpyText(t, [2, 3, 4], 75, 1)).toBe("[[[ 0  1  2  3]\n⋯ 6 more lines");
  });
});

;; WebAssembly SIMD kernels for single-precision GEMM (the driver is gemm-wasm.ts).
;;
;; Compiled by `tools/build-wasm.node.ts` (npm package `wabt`) into the generated module
;; `gemm-bytes.generated.ts`, twice: as written (shared memory, for the multi-threaded driver)
;; and with `shared` removed (for pages without cross-origin isolation). Edit this file, not the
;; generated one.
;;
;; Division of labour (GotoBLAS-style, like the JavaScript kernel in ../matmul.ts):
;; - The JS driver copies A and B as they are into this memory, then calls `packA`/`packB` to
;;   lay op(A) out in MR-row panels and op(B) in NR-column panels. Packing handles both
;;   transposes (4×4 SIMD transposes where a panel's values are strided) and zero-pads edge
;;   panels to a whole MR×kc or kc×NR panel, so the micro-kernel never branches on an edge.
;; - `macro` walks every (A panel, B panel) pair of one packed block and writes a 4×8 tile of C
;;   per pair into a padded C buffer (row stride ldc, a multiple of NR) also in this memory; the
;;   driver copies the valid M×N part out.
;;
;; Micro-kernel: MR = 4 rows × NR = 8 columns. The 32 sums live in 8 f32x4 locals (two vectors
;; per row); per k it loads two B vectors and splats four A scalars: 6 loads per 32 multiply-adds.
;; 8 accumulators + 2 B + 1 A splat + 1 product = 12 vector registers, inside the 15 that V8
;; allocates on x86-64, so nothing spills (V8 unrolls the k loop twice itself; unrolling it here
;; as well made TurboFan hoist loads and spill, 35% slower). Written FMA-free (f32x4.mul then
;; f32x4.add) because relaxed SIMD is not available everywhere; tools/build-wasm.node.ts also
;; emits a variant with those pairs fused into f32x4.relaxed_madd, which the driver picks where it
;; validates.
;;
;; Precision: products and sums are float32 (as in tfjs-wasm/XNNPACK), not float64 like the JS
;; kernel. The driver bounds each sequential chain by K-blocking (kc ≤ KC), and across K blocks
;; adds the block's tile to C (accumulate = 1) in float32.
;;
;; Layouts (all offsets in bytes, all f32):
;;   packed A panel i (rows 4i..4i+3):  pa + i*kc*16, k-major: [a(4i,k) a(4i+1,k) a(4i+2,k) a(4i+3,k)] per k
;;   packed B panel j (cols 8j..8j+7):  pb + j*kc*32, k-major: [b(k,8j) .. b(k,8j+7)] per k
;;   C tile (4i, 8j):                   pc + (4i*ldc + 8j)*4, rows ldc floats apart
(module
  ;; Provided by the driver (one memory per thread pool, shared by its workers); grown from JS.
  (import "env" "memory" (memory 1 16384 shared))

  ;; packEdge(src, rowStride, colStride, valid, width, p0, kc, dst): the scalar path for a panel
  ;; (or the tail of one) that the SIMD paths below can't take. For p in [p0, kc) and r in
  ;; [0, width): dst[p*width + r] = r < valid ? src[r*rowStride + p*colStride] : 0 (strides in
  ;; bytes, dst in floats from the panel start).
  (func $packEdge
    (param $src i32) (param $rowStride i32) (param $colStride i32) (param $valid i32)
    (param $width i32) (param $p i32) (param $kc i32) (param $dst i32)
    (local $r i32) (local $w i32)
    (local.set $w (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $p) (local.get $width)) (i32.const 2))))
    (block $pDone
      (loop $pLoop
        (br_if $pDone (i32.ge_u (local.get $p) (local.get $kc)))
        (local.set $r (i32.const 0))
        (block $rDone
          (loop $rLoop
            (br_if $rDone (i32.ge_u (local.get $r) (local.get $width)))
            (f32.store (local.get $w)
              (if (result f32) (i32.lt_u (local.get $r) (local.get $valid))
                (then (f32.load
                  (i32.add (local.get $src)
                    (i32.add (i32.mul (local.get $r) (local.get $rowStride))
                             (i32.mul (local.get $p) (local.get $colStride))))))
                (else (f32.const 0))))
            (local.set $w (i32.add (local.get $w) (i32.const 4)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rLoop)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pLoop)))
  )

  ;; 4×4 transpose of the rows v0..v3 (4 values each): lane k of the result j is row k's value j.
  ;; Returned as 4 vectors (multi-value).
  (func $transpose4 (param $v0 v128) (param $v1 v128) (param $v2 v128) (param $v3 v128)
    (result v128 v128 v128 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    ;; t0 = v0[0] v1[0] v0[1] v1[1], t1 = v0[2] v1[2] v0[3] v1[3], t2/t3 likewise for v2, v3
    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2))
    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2))
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3))
    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3))
  )

  ;; Stores four 4-float vectors at dst, dst+stride, dst+2·stride, dst+3·stride (bytes).
  (func $store4 (param $dst i32) (param $stride i32)
    (param $r0 v128) (param $r1 v128) (param $r2 v128) (param $r3 v128)
    (v128.store (local.get $dst) (local.get $r0))
    (v128.store (i32.add (local.get $dst) (local.get $stride)) (local.get $r1))
    (v128.store (i32.add (local.get $dst) (i32.shl (local.get $stride) (i32.const 1))) (local.get $r2))
    (v128.store (i32.add (local.get $dst) (i32.mul (local.get $stride) (i32.const 3))) (local.get $r3))
  )

  ;; packA(trans, src, ld, mc, kc, dst): op(A)[i0:i0+mc, p0:p0+kc] → 4-row panels at dst.
  ;; src is the byte address of A's element for (i0, p0); ld its row length in floats.
  ;; trans = 0: A stored [M,K], a panel's 4 values at one depth are ld apart → 4×4 transposes.
  ;; trans = 1: A stored [K,M], those 4 values are adjacent → one vector copy per depth.
  (func (export "packA")
    (param $trans i32) (param $src i32) (param $ld i32) (param $mc i32) (param $kc i32) (param $dst i32)
    (local $ib i32) (local $valid i32) (local $s i32) (local $d i32) (local $p i32) (local $ldb i32)
    (local $kc4 i32)
    (local.set $ldb (i32.shl (local.get $ld) (i32.const 2)))
    (local.set $kc4 (i32.and (local.get $kc) (i32.const -4)))
    (local.set $ib (i32.const 0))
    (block $done
      (loop $panel
        (br_if $done (i32.ge_u (local.get $ib) (local.get $mc)))
        (local.set $valid (i32.sub (local.get $mc) (local.get $ib)))
        (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $ib) (local.get $kc)) (i32.const 2))))
        (if (local.get $trans)
          (then
            (local.set $s (i32.add (local.get $src) (i32.shl (local.get $ib) (i32.const 2))))
            (if (i32.ge_u (local.get $valid) (i32.const 4))
              (then
                (local.set $p (i32.const 0))
                (block $pDone
                  (loop $pLoop
                    (br_if $pDone (i32.ge_u (local.get $p) (local.get $kc)))
                    (v128.store (local.get $d) (v128.load (local.get $s)))
                    (local.set $s (i32.add (local.get $s) (local.get $ldb)))
                    (local.set $d (i32.add (local.get $d) (i32.const 16)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $pLoop))))
              (else
                (call $packEdge (local.get $s) (i32.const 4) (local.get $ldb) (local.get $valid)
                  (i32.const 4) (i32.const 0) (local.get $kc) (local.get $d)))))
          (else
            (local.set $s (i32.add (local.get $src) (i32.mul (local.get $ib) (local.get $ldb))))
            (if (i32.ge_u (local.get $valid) (i32.const 4))
              (then
                (local.set $p (i32.const 0))
                (block $pDone
                  (loop $pLoop
                    (br_if $pDone (i32.ge_u (local.get $p) (local.get $kc4)))
                    (call $store4 (local.get $d) (i32.const 16)
                      (call $transpose4
                        (v128.load (local.get $s))
                        (v128.load (i32.add (local.get $s) (local.get $ldb)))
                        (v128.load (i32.add (local.get $s) (i32.shl (local.get $ldb) (i32.const 1))))
                        (v128.load (i32.add (local.get $s) (i32.mul (local.get $ldb) (i32.const 3))))))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (local.set $d (i32.add (local.get $d) (i32.const 64)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (br $pLoop)))
                ;; the last kc mod 4 depths
                (call $packEdge (i32.add (local.get $src) (i32.mul (local.get $ib) (local.get $ldb)))
                  (local.get $ldb) (i32.const 4) (i32.const 4) (i32.const 4) (local.get $kc4) (local.get $kc)
                  (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $ib) (local.get $kc)) (i32.const 2)))))
              (else
                (call $packEdge (local.get $s) (local.get $ldb) (i32.const 4) (local.get $valid)
                  (i32.const 4) (i32.const 0) (local.get $kc) (local.get $d))))))
        (local.set $ib (i32.add (local.get $ib) (i32.const 4)))
        (br $panel)))
  )

  ;; packB(trans, src, ld, kc, nc, dst): op(B)[p0:p0+kc, j0:j0+nc] → 8-column panels at dst.
  ;; src is the byte address of B's element for (p0, j0); ld its row length in floats.
  ;; trans = 0: B stored [K,N], a panel's 8 values at one depth are adjacent → two vector copies.
  ;; trans = 1: B stored [N,K], those 8 values are ld apart → two 4×4 transposes per 4 depths.
  (func (export "packB")
    (param $trans i32) (param $src i32) (param $ld i32) (param $kc i32) (param $nc i32) (param $dst i32)
    (local $jb i32) (local $valid i32) (local $s i32) (local $d i32) (local $p i32) (local $ldb i32)
    (local $kc4 i32) (local $s4 i32)
    (local.set $ldb (i32.shl (local.get $ld) (i32.const 2)))
    (local.set $kc4 (i32.and (local.get $kc) (i32.const -4)))
    (local.set $jb (i32.const 0))
    (block $done
      (loop $panel
        (br_if $done (i32.ge_u (local.get $jb) (local.get $nc)))
        (local.set $valid (i32.sub (local.get $nc) (local.get $jb)))
        (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $jb) (local.get $kc)) (i32.const 2))))
        (if (local.get $trans)
          (then
            (local.set $s (i32.add (local.get $src) (i32.mul (local.get $jb) (local.get $ldb))))
            (if (i32.ge_u (local.get $valid) (i32.const 8))
              (then
                (local.set $p (i32.const 0))
                (block $pDone
                  (loop $pLoop
                    (br_if $pDone (i32.ge_u (local.get $p) (local.get $kc4)))
                    (call $store4 (local.get $d) (i32.const 32)
                      (call $transpose4
                        (v128.load (local.get $s))
                        (v128.load (i32.add (local.get $s) (local.get $ldb)))
                        (v128.load (i32.add (local.get $s) (i32.shl (local.get $ldb) (i32.const 1))))
                        (v128.load (i32.add (local.get $s) (i32.mul (local.get $ldb) (i32.const 3))))))
                    (local.set $s4 (i32.add (local.get $s) (i32.shl (local.get $ldb) (i32.const 2))))
                    (call $store4 (i32.add (local.get $d) (i32.const 16)) (i32.const 32)
                      (call $transpose4
                        (v128.load (local.get $s4))
                        (v128.load (i32.add (local.get $s4) (local.get $ldb)))
                        (v128.load (i32.add (local.get $s4) (i32.shl (local.get $ldb) (i32.const 1))))
                        (v128.load (i32.add (local.get $s4) (i32.mul (local.get $ldb) (i32.const 3))))))
                    (local.set $s (i32.add (local.get $s) (i32.const 16)))
                    (local.set $d (i32.add (local.get $d) (i32.const 128)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (br $pLoop)))
                (call $packEdge (i32.add (local.get $src) (i32.mul (local.get $jb) (local.get $ldb)))
                  (local.get $ldb) (i32.const 4) (i32.const 8) (i32.const 8) (local.get $kc4) (local.get $kc)
                  (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $jb) (local.get $kc)) (i32.const 2)))))
              (else
                (call $packEdge (local.get $s) (local.get $ldb) (i32.const 4) (local.get $valid)
                  (i32.const 8) (i32.const 0) (local.get $kc) (local.get $d)))))
          (else
            (local.set $s (i32.add (local.get $src) (i32.shl (local.get $jb) (i32.const 2))))
            (if (i32.ge_u (local.get $valid) (i32.const 8))
              (then
                (local.set $p (i32.const 0))
                (block $pDone
                  (loop $pLoop
                    (br_if $pDone (i32.ge_u (local.get $p) (local.get $kc)))
                    (v128.store offset=0 (local.get $d) (v128.load offset=0 (local.get $s)))
                    (v128.store offset=16 (local.get $d) (v128.load offset=16 (local.get $s)))
                    (local.set $s (i32.add (local.get $s) (local.get $ldb)))
                    (local.set $d (i32.add (local.get $d) (i32.const 32)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br $pLoop))))
              (else
                (call $packEdge (local.get $s) (i32.const 4) (local.get $ldb) (local.get $valid)
                  (i32.const 8) (i32.const 0) (local.get $kc) (local.get $d))))))
        (local.set $jb (i32.add (local.get $jb) (i32.const 8)))
        (br $panel)))
  )

  ;; macro(mc, nc, kc, pa, pb, pc, ldc, accumulate)
  ;;   mc: rows of the packed A block, a multiple of 4; nc: columns of the packed B block, a
  ;;   multiple of 8; kc ≥ 1: depth; ldc: C row stride in floats; accumulate: 0 → C = A·B,
  ;;   1 → C += A·B (for the second and later K blocks).
  (func (export "macro")
    (param $mc i32) (param $nc i32) (param $kc i32)
    (param $pa i32) (param $pb i32) (param $pc i32) (param $ldc i32) (param $accumulate i32)
    (local $jr i32) (local $ir i32)
    (local $ap i32) (local $bp i32) (local $aEnd i32)   ;; panel cursors, end of the A panel
    (local $bPanel i32)                                 ;; start of the current B panel
    (local $cp i32) (local $ldcb i32)                   ;; C tile address, row stride in bytes
    (local $av v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)

    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 2)))

    ;; for jr in 0, 8, .., nc-8 (B panels: the outer loop so one B panel, kc×8 floats ≤ 8 KiB,
    ;; stays in L1 while every A panel of the block, ≤ MC×KC floats, streams from L2)
    (local.set $jr (i32.const 0))
    (block $jDone
      (loop $jLoop
        (br_if $jDone (i32.ge_u (local.get $jr) (local.get $nc)))
        ;; B panel jr/8 starts at pb + jr*kc*4 bytes
        (local.set $bPanel
          (i32.add (local.get $pb) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2))))

        ;; for ir in 0, 4, .., mc-4
        (local.set $ir (i32.const 0))
        (block $iDone
          (loop $iLoop
            (br_if $iDone (i32.ge_u (local.get $ir) (local.get $mc)))
            ;; A panel ir/4 starts at pa + ir*kc*4 bytes and is kc*16 bytes long
            (local.set $ap
              (i32.add (local.get $pa) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2))))
            (local.set $aEnd (i32.add (local.get $ap) (i32.shl (local.get $kc) (i32.const 4))))
            (local.set $bp (local.get $bPanel))

            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))

            ;; k loop (kc ≥ 1, so a do-while): C[r][0:8] += a(r,k) * B[k][0:8] for r = 0..3
            (loop $kLoop
              (local.set $b0 (v128.load offset=0 (local.get $bp)))
              (local.set $b1 (v128.load offset=16 (local.get $bp)))

              (local.set $av (v128.load32_splat offset=0 (local.get $ap)))
              (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat offset=4 (local.get $ap)))
              (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat offset=8 (local.get $ap)))
              (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat offset=12 (local.get $ap)))
              (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))

              (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
              (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
              (br_if $kLoop (i32.lt_u (local.get $ap) (local.get $aEnd))))

            ;; C tile at pc + (ir*ldc + jr)*4
            (local.set $cp
              (i32.add (local.get $pc)
                (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr)) (i32.const 2))))
            (if (local.get $accumulate)
              (then
                (local.set $c00 (f32x4.add (local.get $c00) (v128.load offset=0 (local.get $cp))))
                (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $cp))))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (local.set $c10 (f32x4.add (local.get $c10) (v128.load offset=0 (local.get $cp))))
                (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $cp))))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (local.set $c20 (f32x4.add (local.get $c20) (v128.load offset=0 (local.get $cp))))
                (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $cp))))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (local.set $c30 (f32x4.add (local.get $c30) (v128.load offset=0 (local.get $cp))))
                (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (local.get $cp))))
                ;; back to the tile's first row for the stores below
                (local.set $cp (i32.sub (local.get $cp) (i32.mul (local.get $ldcb) (i32.const 3))))))
            (v128.store offset=0 (local.get $cp) (local.get $c00))
            (v128.store offset=16 (local.get $cp) (local.get $c01))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
            (v128.store offset=0 (local.get $cp) (local.get $c10))
            (v128.store offset=16 (local.get $cp) (local.get $c11))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
            (v128.store offset=0 (local.get $cp) (local.get $c20))
            (v128.store offset=16 (local.get $cp) (local.get $c21))
            (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
            (v128.store offset=0 (local.get $cp) (local.get $c30))
            (v128.store offset=16 (local.get $cp) (local.get $c31))

            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $iLoop)))

        (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
        (br $jLoop))))
)

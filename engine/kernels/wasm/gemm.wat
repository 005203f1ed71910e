;; WebAssembly SIMD macro-kernel for single-precision GEMM (see gemm-wasm.ts for the driver).
;;
;; Compiled by `engine/kernels/wasm/build.node.ts` (npm package `wabt`, SIMD feature enabled) into
;; the generated module `gemm-bytes.generated.ts`. Edit this file, not the generated one.
;;
;; Division of labour (GotoBLAS-style, like the JavaScript kernel in ../matmul.ts):
;; - The JS driver packs op(A) into MR-row panels and op(B) into NR-column panels straight into
;;   this module's memory. Packing handles both transposes and zero-pads edge panels to a whole
;;   MR×kc or kc×NR panel, so the single micro-kernel here never branches on an edge.
;; - `macro` walks every (A panel, B panel) pair of one packed block and writes a 4×8 tile of C
;;   per pair into a padded C buffer (row stride ldc, a multiple of NR) also in this memory; the
;;   driver copies the valid M×N part out.
;;
;; Micro-kernel: MR = 4 rows × NR = 8 columns. The 32 sums live in 8 f32x4 locals (two vectors
;; per row); per k it loads two B vectors and splats four A scalars: 6 loads per 32 multiply-adds.
;; 8 accumulators + 2 B + 1 A splat = 11 vector registers, inside the 16 XMM registers of x86-64
;; SSE so nothing spills. FMA-free (f32x4.mul then f32x4.add): relaxed-SIMD FMA is not portable.
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
  ;; Grown by the driver (memory.grow from JS) to hold the packed blocks and padded C.
  (memory (export "memory") 1)

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
        (br $jLoop)))))

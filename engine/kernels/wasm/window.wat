;; WebAssembly SIMD loops over the windows of a convolution or pooling on NHWC images (the driver
;; is window-wasm.ts; the JavaScript loops in ../conv.ts and ../pool.ts are the fallback and the
;; specification). Both are branchy, scalar and slow in JavaScript: a max pool's "is this the new
;; maximum?" is a coin flip the CPU mispredicts, and col2im's adds run one float at a time.
;;
;; Compiled by tools/build-wasm.node.ts into window-bytes.generated.ts. Results are
;; bit-identical to the JavaScript loops: the same elements win the max (the first on ties, a NaN
;; over any number), and col2im adds the same float32 values in the same order (a float32 add
;; equals JavaScript's float64 add rounded to float32).
;;
;; Addresses are bytes; offsets written out are element indices, as the JavaScript loops write.
(module
  (memory (export "memory") 1)

  ;; For each output element of a max pool (valid padding, C a multiple of 4), the element offset
  ;; in x of its window's maximum plus $base (at $out) and that maximum (at $vals): four channels
  ;; at a time, the winner kept with a lane mask. $base: where these N images start in the whole
  ;; batch, when the driver pools it a few images at a time.
  (func (export "maxPool") (param $x i32) (param $out i32) (param $vals i32) (param $base i32) (param $N i32) (param $H i32)
    (param $W i32) (param $C i32) (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (param $OH i32) (param $OW i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $c i32) (local $i i32) (local $j i32)
    (local $corner i32) (local $a i32) (local $best v128) (local $idx v128) (local $v v128) (local $take v128)
    (block $nDone (loop $nLoop
      (br_if $nDone (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $oh (i32.const 0))
      (block $ohDone (loop $ohLoop
        (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $owDone (loop $owLoop
          (br_if $owDone (i32.ge_u (local.get $ow) (local.get $OW)))
          ;; corner = ((n·H + oh·sh)·W + ow·sw)·C
          (local.set $corner (i32.mul (i32.add
            (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (i32.mul (local.get $oh) (local.get $sh))) (local.get $W))
            (i32.mul (local.get $ow) (local.get $sw))) (local.get $C)))
          (local.set $c (i32.const 0))
          (block $cDone (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $C)))
            (local.set $a (i32.add (local.get $corner) (local.get $c)))
            (local.set $best (v128.load (i32.add (local.get $x) (i32.shl (local.get $a) (i32.const 2)))))
            (local.set $idx (i32x4.add (i32x4.splat (i32.add (local.get $a) (local.get $base))) (v128.const i32x4 0 1 2 3)))
            ;; Every window element, the corner too: it never beats itself (v > v is false, and a
            ;; NaN corner is already the maximum).
            (local.set $i (i32.const 0))
            (block $iDone (loop $iLoop
              (br_if $iDone (i32.ge_u (local.get $i) (local.get $kh)))
              (local.set $j (i32.const 0))
              (block $jDone (loop $jLoop
                (br_if $jDone (i32.ge_u (local.get $j) (local.get $kw)))
                (local.set $a (i32.add (i32.add (local.get $corner) (local.get $c))
                  (i32.mul (i32.add (i32.mul (local.get $i) (local.get $W)) (local.get $j)) (local.get $C))))
                (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (local.get $a) (i32.const 2)))))
                ;; v wins when larger, or when it is NaN and the best so far is not.
                (local.set $take (v128.or (f32x4.gt (local.get $v) (local.get $best))
                  (v128.and (f32x4.ne (local.get $v) (local.get $v)) (f32x4.eq (local.get $best) (local.get $best)))))
                (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $take)))
                (local.set $idx (v128.bitselect
                  (i32x4.add (i32x4.splat (i32.add (local.get $a) (local.get $base))) (v128.const i32x4 0 1 2 3))
                  (local.get $idx) (local.get $take)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $jLoop)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $iLoop)))
            (v128.store (local.get $out) (local.get $idx))
            (v128.store (local.get $vals) (local.get $best))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $vals (i32.add (local.get $vals) (i32.const 16)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $cLoop)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $owLoop)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $ohLoop)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $nLoop))))

  ;; dst[0..len) += src[0..len), floats: four at a time, then one at a time.
  (func $addRun (param $dst i32) (param $src i32) (param $len i32)
    (local $end i32) (local $vend i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $len) (i32.const 2))))
    (local.set $vend (i32.add (local.get $dst) (i32.shl (i32.and (local.get $len) (i32.const -4)) (i32.const 2))))
    (block $vDone (loop $vLoop
      (br_if $vDone (i32.ge_u (local.get $dst) (local.get $vend)))
      (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (br $vLoop)))
    (block $sDone (loop $sLoop
      (br_if $sDone (i32.ge_u (local.get $dst) (local.get $end)))
      (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (br $sLoop))))

  ;; col2im: rows [p0, p0 + count) of dcols (at $src, rows of kh·kw·C floats) added into dx (at
  ;; $dx, whose image 0 is the one p0 falls in) at the pixels their windows read, in the order of
  ;; ../conv.ts's col2imAdd: position by position, window row by window row.
  (func (export "col2imAdd") (param $src i32) (param $dx i32) (param $p0 i32) (param $count i32)
    (param $H i32) (param $W i32) (param $C i32) (param $kh i32) (param $kw i32) (param $sh i32)
    (param $sw i32) (param $padTop i32) (param $padLeft i32) (param $OH i32) (param $OW i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $r i32) (local $i i32) (local $j i32)
    (local $top i32) (local $left i32) (local $ih i32) (local $iw i32) (local $inside i32)
    (local $run i32) (local $rowSrc i32)
    (local.set $run (i32.mul (local.get $kw) (local.get $C)))
    (local.set $oh (i32.div_u (i32.rem_u (local.get $p0) (i32.mul (local.get $OH) (local.get $OW))) (local.get $OW)))
    (local.set $ow (i32.rem_u (local.get $p0) (local.get $OW)))
    (block $rDone (loop $rLoop
      (br_if $rDone (i32.ge_u (local.get $r) (local.get $count)))
      (local.set $top (i32.sub (i32.mul (local.get $oh) (local.get $sh)) (local.get $padTop)))
      (local.set $left (i32.sub (i32.mul (local.get $ow) (local.get $sw)) (local.get $padLeft)))
      (local.set $inside (i32.and (i32.ge_s (local.get $left) (i32.const 0))
        (i32.le_s (i32.add (local.get $left) (local.get $kw)) (local.get $W))))
      (local.set $i (i32.const 0))
      (block $iDone (loop $iLoop
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $kh)))
        (local.set $ih (i32.add (local.get $top) (local.get $i)))
        (local.set $rowSrc (i32.add (local.get $src) (i32.shl (i32.mul (local.get $i) (local.get $run)) (i32.const 2))))
        (if (i32.and (i32.ge_s (local.get $ih) (i32.const 0)) (i32.lt_s (local.get $ih) (local.get $H)))
          (then
            (if (local.get $inside)
              (then
                (call $addRun (call $pixel (local.get $dx) (local.get $n) (local.get $ih) (local.get $left) (local.get $H) (local.get $W) (local.get $C))
                  (local.get $rowSrc) (local.get $run)))
              (else
                (local.set $j (i32.const 0))
                (block $jDone (loop $jLoop
                  (br_if $jDone (i32.ge_u (local.get $j) (local.get $kw)))
                  (local.set $iw (i32.add (local.get $left) (local.get $j)))
                  (if (i32.and (i32.ge_s (local.get $iw) (i32.const 0)) (i32.lt_s (local.get $iw) (local.get $W)))
                    (then
                      (call $addRun (call $pixel (local.get $dx) (local.get $n) (local.get $ih) (local.get $iw) (local.get $H) (local.get $W) (local.get $C))
                        (i32.add (local.get $rowSrc) (i32.shl (i32.mul (local.get $j) (local.get $C)) (i32.const 2)))
                        (local.get $C))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $jLoop)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iLoop)))
      (local.set $src (i32.add (local.get $src) (i32.shl (i32.mul (local.get $kh) (local.get $run)) (i32.const 2))))
      (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
      (if (i32.eq (local.get $ow) (local.get $OW))
        (then
          (local.set $ow (i32.const 0))
          (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
          (if (i32.eq (local.get $oh) (local.get $OH))
            (then
              (local.set $oh (i32.const 0))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rLoop))))

  ;; The byte address of pixel (n, ih, iw)'s first channel in an [N, H, W, C] image batch at $base.
  (func $pixel (param $base i32) (param $n i32) (param $ih i32) (param $iw i32) (param $H i32) (param $W i32)
    (param $C i32) (result i32)
    (i32.add (local.get $base) (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H))
      (local.get $ih)) (local.get $W)) (local.get $iw)) (local.get $C)) (i32.const 2))))
)

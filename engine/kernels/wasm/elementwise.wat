;; WebAssembly SIMD element-wise and reduction loops that every training step runs (the driver
;; is elementwise-wasm.ts; the JavaScript kernels in ../elementwise.ts and ../reduce.ts are the
;; fallback and the specification).
;;
;; Compiled by build.node.ts into elementwise-bytes.generated.ts. Every result is bit-identical
;; to the JavaScript one: + − × ÷ of two float32 values rounded to float32 equal the float64
;; operation rounded once (JavaScript's way), relu is max(x, 0) with NaN kept, and column sums
;; accumulate in float64 in the same row order as reduceAxes.
;;
;; Addresses are bytes; lengths are padded to whole 4-float vectors by the driver, which copies
;; back only the valid part.
(module
  (memory (export "memory") 1)

  ;; out = a ∘ b element-wise over n floats; op 0 +, 1 −, 2 ×, 3 ÷.
  (func (export "binary") (param $op i32) (param $a i32) (param $b i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (block $div (block $mul (block $sub (block $add
        (br_table $add $sub $mul $div (local.get $op)))
        ;; add
        (loop $l
          (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
          (v128.store (local.get $out) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
          (local.set $a (i32.add (local.get $a) (i32.const 16)))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))
          (br $l)))
        ;; sub
        (loop $l
          (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
          (v128.store (local.get $out) (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
          (local.set $a (i32.add (local.get $a) (i32.const 16)))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))
          (br $l)))
        ;; mul
        (loop $l
          (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
          (v128.store (local.get $out) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
          (local.set $a (i32.add (local.get $a) (i32.const 16)))
          (local.set $b (i32.add (local.get $b) (i32.const 16)))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))
          (br $l)))
      ;; div
      (loop $l
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out) (f32x4.div (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $l))))

  ;; out[r, :] = a[r, :] ∘ b for r < rows: b is one row of `row` floats (a multiple of 4), broadcast
  ;; down the batch like a bias. Same op codes as `binary`.
  (func (export "binaryRow") (param $op i32) (param $a i32) (param $b i32) (param $out i32)
    (param $rows i32) (param $row i32)
    (local $r i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $row) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (call $rowOp (local.get $op) (local.get $a) (local.get $b) (local.get $out) (local.get $rowBytes))
        (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next))))

  ;; One row of binaryRow: `bytes` bytes of a ∘ b into out.
  (func $rowOp (param $op i32) (param $a i32) (param $b i32) (param $out i32) (param $bytes i32)
    (local $j i32) (local $x v128) (local $y v128) (local $z v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $x (v128.load (i32.add (local.get $a) (local.get $j))))
        (local.set $y (v128.load (i32.add (local.get $b) (local.get $j))))
        (local.set $z
          (if (result v128) (i32.lt_u (local.get $op) (i32.const 2))
            (then (if (result v128) (i32.eqz (local.get $op))
              (then (f32x4.add (local.get $x) (local.get $y)))
              (else (f32x4.sub (local.get $x) (local.get $y)))))
            (else (if (result v128) (i32.eq (local.get $op) (i32.const 2))
              (then (f32x4.mul (local.get $x) (local.get $y)))
              (else (f32x4.div (local.get $x) (local.get $y)))))))
        (v128.store (i32.add (local.get $out) (local.get $j)) (local.get $z))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $next))))

  ;; out = max(x, 0) over n floats; NaN stays NaN, −0 becomes +0 (as relu in ../../ops/elementwise.ts).
  (func (export "relu") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out) (f32x4.max (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))

  ;; out = x > 0 ? g : 0 over n floats (relu's VJP): the gradient masked by the comparison.
  (func (export "reluGrad") (param $g i32) (param $x i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out)
          (v128.and (v128.load (local.get $g)) (f32x4.gt (v128.load (local.get $x)) (v128.const f32x4 0 0 0 0))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))

  ;; out[j] = Σ_r x[r, j] for a [rows, cols] block (cols a multiple of 4): a bias gradient. Four
  ;; columns at a time, summed in float64 (two f64x2 per four columns) row by row, then rounded.
  (func (export "sumRows") (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $j i32) (local $p i32) (local $r i32) (local $stride i32) (local $v v128)
    (local $lo v128) (local $hi v128)
    (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
    (block $done
      (loop $column
        (br_if $done (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $lo (v128.const f64x2 0 0))
        (local.set $hi (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $x) (local.get $j)))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $v (v128.load (local.get $p)))
            (local.set $lo (f64x2.add (local.get $lo) (f64x2.promote_low_f32x4 (local.get $v))))
            (local.set $hi (f64x2.add (local.get $hi)
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $row)))
        ;; lanes: demote(lo) = [s0 s1 0 0], demote(hi) = [s2 s3 0 0] → [s0 s1 s2 s3]
        (v128.store (i32.add (local.get $out) (local.get $j))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $column))))
)

;; WebAssembly SIMD optimizer updates (the driver is optim-wasm.ts; the JavaScript rules in
;; engine/optim/ are the fallback and the specification).
;;
;; Compiled by build.node.ts into optim-bytes.generated.ts. Only the rules bound by square roots
;; and divisions are here: in scalar JavaScript those cost ~20 cycles per element, f32x4.sqrt and
;; f32x4.div a few for four. SGD and momentum are a multiply-add per element; copying them in and
;; out of this memory would cost more than it saves.
;;
;; Every function walks `n` floats, a multiple of 4 (the driver pads each buffer to whole
;; vectors and copies back only the valid part), at byte addresses p (param), g (gradient) and
;; the rule's slots. Arithmetic is float32 throughout, as Keras does it with float32 variables.
(module
  (memory (export "memory") 1)

  ;; Keras RMSprop: v ← ρ·v + (1 − ρ)·g²;  Δ = lr·g / √(v + ε);  p ← p − Δ
  (func (export "rmsprop")
    (param $p i32) (param $g i32) (param $v i32) (param $n i32)
    (param $lr f32) (param $rho f32) (param $oneMinusRho f32) (param $eps f32)
    (local $end i32) (local $gv v128) (local $vv v128)
    (local $lr4 v128) (local $rho4 v128) (local $omr4 v128) (local $eps4 v128)
    (local.set $lr4 (f32x4.splat (local.get $lr)))
    (local.set $rho4 (f32x4.splat (local.get $rho)))
    (local.set $omr4 (f32x4.splat (local.get $oneMinusRho)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $vv
          (f32x4.add (f32x4.mul (local.get $rho4) (v128.load (local.get $v)))
                     (f32x4.mul (local.get $omr4) (f32x4.mul (local.get $gv) (local.get $gv)))))
        (v128.store (local.get $v) (local.get $vv))
        (v128.store (local.get $p)
          (f32x4.sub (v128.load (local.get $p))
            (f32x4.div (f32x4.mul (local.get $lr4) (local.get $gv))
                       (f32x4.sqrt (f32x4.add (local.get $vv) (local.get $eps4))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $next))))

  ;; Keras RMSprop with momentum: as above, then b ← momentum·b + Δ;  p ← p − b
  (func (export "rmspropMomentum")
    (param $p i32) (param $g i32) (param $v i32) (param $b i32) (param $n i32)
    (param $lr f32) (param $rho f32) (param $oneMinusRho f32) (param $eps f32) (param $momentum f32)
    (local $end i32) (local $gv v128) (local $vv v128) (local $bv v128)
    (local $lr4 v128) (local $rho4 v128) (local $omr4 v128) (local $eps4 v128) (local $mom4 v128)
    (local.set $lr4 (f32x4.splat (local.get $lr)))
    (local.set $rho4 (f32x4.splat (local.get $rho)))
    (local.set $omr4 (f32x4.splat (local.get $oneMinusRho)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $mom4 (f32x4.splat (local.get $momentum)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $vv
          (f32x4.add (f32x4.mul (local.get $rho4) (v128.load (local.get $v)))
                     (f32x4.mul (local.get $omr4) (f32x4.mul (local.get $gv) (local.get $gv)))))
        (v128.store (local.get $v) (local.get $vv))
        (local.set $bv
          (f32x4.add (f32x4.mul (local.get $mom4) (v128.load (local.get $b)))
            (f32x4.div (f32x4.mul (local.get $lr4) (local.get $gv))
                       (f32x4.sqrt (f32x4.add (local.get $vv) (local.get $eps4))))))
        (v128.store (local.get $b) (local.get $bv))
        (v128.store (local.get $p) (f32x4.sub (v128.load (local.get $p)) (local.get $bv)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $next))))

  ;; Keras Adam, bias correction folded into alpha (computed by the driver, as in adam.ts):
  ;; m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);  p ← p − α·m / (√v + ε)
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $alpha f32) (param $oneMinusBeta1 f32) (param $oneMinusBeta2 f32) (param $eps f32)
    (local $end i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $alpha4 v128) (local $omb1 v128) (local $omb2 v128) (local $eps4 v128)
    (local.set $alpha4 (f32x4.splat (local.get $alpha)))
    (local.set $omb1 (f32x4.splat (local.get $oneMinusBeta1)))
    (local.set $omb2 (f32x4.splat (local.get $oneMinusBeta2)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $mv (v128.load (local.get $m)))
        (local.set $mv (f32x4.add (local.get $mv)
          (f32x4.mul (f32x4.sub (local.get $gv) (local.get $mv)) (local.get $omb1))))
        (local.set $vv (v128.load (local.get $v)))
        (local.set $vv (f32x4.add (local.get $vv)
          (f32x4.mul (f32x4.sub (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $vv)) (local.get $omb2))))
        (v128.store (local.get $m) (local.get $mv))
        (v128.store (local.get $v) (local.get $vv))
        (v128.store (local.get $p)
          (f32x4.sub (v128.load (local.get $p))
            (f32x4.div (f32x4.mul (local.get $alpha4) (local.get $mv))
                       (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $eps4)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $next))))

  ;; Keras Adagrad: a ← a + g²;  p ← p − lr·g / √(a + ε)
  (func (export "adagrad")
    (param $p i32) (param $g i32) (param $a i32) (param $n i32) (param $lr f32) (param $eps f32)
    (local $end i32) (local $gv v128) (local $av v128) (local $lr4 v128) (local $eps4 v128)
    (local.set $lr4 (f32x4.splat (local.get $lr)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $av (f32x4.add (v128.load (local.get $a)) (f32x4.mul (local.get $gv) (local.get $gv))))
        (v128.store (local.get $a) (local.get $av))
        (v128.store (local.get $p)
          (f32x4.sub (v128.load (local.get $p))
            (f32x4.div (f32x4.mul (local.get $lr4) (local.get $gv))
                       (f32x4.sqrt (f32x4.add (local.get $av) (local.get $eps4))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $next))))
)

;; The boosting fit's kernels in WebAssembly: histograms (histogram.ts's buildHistograms, the same
;; sums in the same order, so the same bits), row partitions (partition.ts) and gradient gathers.
;; The histogram loop runs about 2.5x faster than the JavaScript one, which pays a bounds check
;; on every typed-array access; a 500k x 20 regression fit went from about 10 s to 5.5 s.
;;
;; Build the embedded bytes with `pnpm --filter @mlpy/core wasm` after editing this file
;; (kernels-wasm.test.ts checks that they match).
;;
;; All pointers are byte addresses in the fit's shared memory (FitMemory):
;;   bins     u8,  column-major: feature f's bin of row r at bins + f * nRows + r
;;   rows     i32, the node's rows in positions [start, end)
;;   g, h     f64, gradients and hessians gathered in the same positions as rows
;;   hist     f64, three values per bin (sum g, sum h, count); feature f's bins from offsets[f]
;;   offsets  i32, nFeatures + 1 entries
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Fills the histograms of features [from, to) for rows[start, end). With `unit` set every
  ;; hessian is 1: h is not read and each bin's hessian sum is set to its count.
  (func (export "build")
        (param $bins i32) (param $nRows i32) (param $rows i32) (param $g i32) (param $h i32)
        (param $start i32) (param $end i32) (param $from i32) (param $to i32)
        (param $hist i32) (param $offsets i32) (param $unit i32)
    (local $f i32) (local $lo i32) (local $hi i32)
    (local.set $lo (call $binAddress (local.get $hist) (local.get $offsets) (local.get $from)))
    (local.set $hi (call $binAddress (local.get $hist) (local.get $offsets) (local.get $to)))
    (memory.fill (local.get $lo) (i32.const 0) (i32.sub (local.get $hi) (local.get $lo)))
    (local.set $f (local.get $from))
    (block $fours
      (loop $next
        (br_if $fours (i32.gt_u (i32.add (local.get $f) (i32.const 4)) (local.get $to)))
        (if (local.get $unit)
          (then (call $fourUnit (local.get $bins) (local.get $nRows) (local.get $rows) (local.get $g)
                  (local.get $start) (local.get $end) (local.get $f) (local.get $hist) (local.get $offsets)))
          (else (call $four (local.get $bins) (local.get $nRows) (local.get $rows) (local.get $g) (local.get $h)
                  (local.get $start) (local.get $end) (local.get $f) (local.get $hist) (local.get $offsets))))
        (local.set $f (i32.add (local.get $f) (i32.const 4)))
        (br $next)))
    (if (i32.le_u (i32.add (local.get $f) (i32.const 2)) (local.get $to))
      (then
        (call $two (local.get $bins) (local.get $nRows) (local.get $rows) (local.get $g) (local.get $h)
          (local.get $start) (local.get $end) (local.get $unit) (local.get $f) (local.get $hist) (local.get $offsets))
        (local.set $f (i32.add (local.get $f) (i32.const 2)))))
    (block $ones
      (loop $next
        (br_if $ones (i32.ge_u (local.get $f) (local.get $to)))
        (call $one (local.get $rows) (local.get $g) (local.get $h)
          (local.get $start) (local.get $end) (local.get $unit)
          (i32.add (local.get $bins) (i32.mul (local.get $f) (local.get $nRows)))
          (call $binAddress (local.get $hist) (local.get $offsets) (local.get $f)))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br $next)))
    ;; Unit hessians: the hessian slots counted, the counts are the same numbers.
    (if (local.get $unit)
      (then
        (block $done
          (loop $copy
            (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
            (f64.store offset=16 (local.get $lo) (f64.load offset=8 (local.get $lo)))
            (local.set $lo (i32.add (local.get $lo) (i32.const 24)))
            (br $copy))))))

  ;; Address of feature f's first bin: hist + offsets[f] * 24.
  (func $binAddress (param $hist i32) (param $offsets i32) (param $f i32) (result i32)
    (i32.add (local.get $hist)
      (i32.mul (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $f) (i32.const 2))))
        (i32.const 24))))

  ;; Features f..f+3 in one pass over the rows, with hessians: (g, h) added as one f64x2.
  (func $four
        (param $bins i32) (param $nRows i32) (param $rows i32) (param $g i32) (param $h i32)
        (param $start i32) (param $end i32) (param $f i32) (param $hist i32) (param $offsets i32)
    (local $k i32) (local $r i32) (local $o i32) (local $v v128)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local.set $c0 (i32.add (local.get $bins) (i32.mul (local.get $f) (local.get $nRows))))
    (local.set $c1 (i32.add (local.get $c0) (local.get $nRows)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $nRows)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $nRows)))
    (local.set $b0 (call $binAddress (local.get $hist) (local.get $offsets) (local.get $f)))
    (local.set $b1 (call $binAddress (local.get $hist) (local.get $offsets) (i32.add (local.get $f) (i32.const 1))))
    (local.set $b2 (call $binAddress (local.get $hist) (local.get $offsets) (i32.add (local.get $f) (i32.const 2))))
    (local.set $b3 (call $binAddress (local.get $hist) (local.get $offsets) (i32.add (local.get $f) (i32.const 3))))
    (local.set $k (local.get $start))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $r (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $v
          (f64x2.replace_lane 1
            (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))))
            (f64.load (i32.add (local.get $h) (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $o (i32.add (local.get $b0) (i32.mul (i32.load8_u (i32.add (local.get $c0) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.const 1)))
        (local.set $o (i32.add (local.get $b1) (i32.mul (i32.load8_u (i32.add (local.get $c1) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.const 1)))
        (local.set $o (i32.add (local.get $b2) (i32.mul (i32.load8_u (i32.add (local.get $c2) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.const 1)))
        (local.set $o (i32.add (local.get $b3) (i32.mul (i32.load8_u (i32.add (local.get $c3) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $row))))

  ;; Features f..f+3, unit hessians: (g, 1) added as one f64x2 to the bin's gradient and hessian
  ;; slots, the hessian slot counting (build copies it to the count slot).
  (func $fourUnit
        (param $bins i32) (param $nRows i32) (param $rows i32) (param $g i32)
        (param $start i32) (param $end i32) (param $f i32) (param $hist i32) (param $offsets i32)
    (local $k i32) (local $r i32) (local $o i32) (local $v v128)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local.set $c0 (i32.add (local.get $bins) (i32.mul (local.get $f) (local.get $nRows))))
    (local.set $c1 (i32.add (local.get $c0) (local.get $nRows)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $nRows)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $nRows)))
    (local.set $b0 (call $binAddress (local.get $hist) (local.get $offsets) (local.get $f)))
    (local.set $b1 (call $binAddress (local.get $hist) (local.get $offsets) (i32.add (local.get $f) (i32.const 1))))
    (local.set $b2 (call $binAddress (local.get $hist) (local.get $offsets) (i32.add (local.get $f) (i32.const 2))))
    (local.set $b3 (call $binAddress (local.get $hist) (local.get $offsets) (i32.add (local.get $f) (i32.const 3))))
    (local.set $k (local.get $start))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $r (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $v (v128.load64_lane 0 (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))) (v128.const f64x2 0 1)))
        (local.set $o (i32.add (local.get $b0) (i32.mul (i32.load8_u (i32.add (local.get $c0) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (local.set $o (i32.add (local.get $b1) (i32.mul (i32.load8_u (i32.add (local.get $c1) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (local.set $o (i32.add (local.get $b2) (i32.mul (i32.load8_u (i32.add (local.get $c2) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (local.set $o (i32.add (local.get $b3) (i32.mul (i32.load8_u (i32.add (local.get $c3) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $row))))

  ;; Features f and f+1 (what is left after fours): (g, h) added as one f64x2, or with unit
  ;; hessians (g, 1), the hessian slot counting.
  (func $two
        (param $bins i32) (param $nRows i32) (param $rows i32) (param $g i32) (param $h i32)
        (param $start i32) (param $end i32) (param $unit i32) (param $f i32) (param $hist i32) (param $offsets i32)
    (local $k i32) (local $r i32) (local $o i32) (local $v v128)
    (local $c0 i32) (local $c1 i32) (local $b0 i32) (local $b1 i32)
    (local.set $c0 (i32.add (local.get $bins) (i32.mul (local.get $f) (local.get $nRows))))
    (local.set $c1 (i32.add (local.get $c0) (local.get $nRows)))
    (local.set $b0 (call $binAddress (local.get $hist) (local.get $offsets) (local.get $f)))
    (local.set $b1 (call $binAddress (local.get $hist) (local.get $offsets) (i32.add (local.get $f) (i32.const 1))))
    (local.set $k (local.get $start))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $r (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $v
          (if (result v128) (local.get $unit)
            (then (v128.load64_lane 0 (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))) (v128.const f64x2 0 1)))
            (else
              (f64x2.replace_lane 1
                (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))))
                (f64.load (i32.add (local.get $h) (i32.shl (local.get $k) (i32.const 3))))))))
        (local.set $o (i32.add (local.get $b0) (i32.mul (i32.load8_u (i32.add (local.get $c0) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (if (i32.eqz (local.get $unit))
          (then (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.const 1)))))
        (local.set $o (i32.add (local.get $b1) (i32.mul (i32.load8_u (i32.add (local.get $c1) (local.get $r))) (i32.const 24))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (if (i32.eqz (local.get $unit))
          (then (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $row))))

  ;; Stable partition of positions [a, b) of rows by one split (partition.ts's partitionBlock):
  ;; rows going left are packed from a, the others written to scratch from a; returns how many
  ;; went left. $col is the split feature's column; $bits, when not 0, a categorical split's
  ;; bitset (bit b set: bin b goes left), else bins <= $thr go left and $missingBin goes to
  ;; $missingLeft.
  (func (export "partition")
        (param $rows i32) (param $scratch i32) (param $col i32) (param $a i32) (param $b i32)
        (param $thr i32) (param $missingBin i32) (param $missingLeft i32) (param $bits i32)
        (result i32)
    (local $k i32) (local $p i32) (local $q i32) (local $row i32) (local $bin i32) (local $left i32)
    (local.set $k (local.get $a))
    (local.set $p (local.get $a))
    (local.set $q (local.get $a))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $b)))
        (local.set $row (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $bin (i32.load8_u (i32.add (local.get $col) (local.get $row))))
        (local.set $left
          (if (result i32) (local.get $bits)
            (then
              (i32.and
                (i32.shr_u
                  (i32.load (i32.add (local.get $bits) (i32.shl (i32.shr_u (local.get $bin) (i32.const 5)) (i32.const 2))))
                  (i32.and (local.get $bin) (i32.const 31)))
                (i32.const 1)))
            (else
              (select (local.get $missingLeft) (i32.le_u (local.get $bin) (local.get $thr))
                (i32.eq (local.get $bin) (local.get $missingBin))))))
        (i32.store (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2))) (local.get $row))
        (i32.store (i32.add (local.get $scratch) (i32.shl (local.get $q) (i32.const 2))) (local.get $row))
        (local.set $p (i32.add (local.get $p) (local.get $left)))
        (local.set $q (i32.add (local.get $q) (i32.xor (local.get $left) (i32.const 1))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (i32.sub (local.get $p) (local.get $a)))

  ;; og[k] = g[rows[k]] (and oh[k] = h[rows[k]] when $withH is set) for k in [start, end). The
  ;; callers move $og and $oh back to put position $start's anywhere (addresses wrap).
  (func (export "gather")
        (param $rows i32) (param $g i32) (param $h i32) (param $og i32) (param $oh i32)
        (param $start i32) (param $end i32) (param $withH i32)
    (local $k i32) (local $r i32)
    (local.set $k (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $r (i32.shl (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))
        (f64.store (i32.add (local.get $og) (i32.shl (local.get $k) (i32.const 3)))
          (f64.load (i32.add (local.get $g) (local.get $r))))
        (if (local.get $withH)
          (then
            (f64.store (i32.add (local.get $oh) (i32.shl (local.get $k) (i32.const 3)))
              (f64.load (i32.add (local.get $h) (local.get $r))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; One feature (column at $col, bins at $base); the up to three features left after fours.
  ;; Adds like $two.
  (func $one
        (param $rows i32) (param $g i32) (param $h i32)
        (param $start i32) (param $end i32) (param $unit i32) (param $col i32) (param $base i32)
    (local $k i32) (local $o i32) (local $v v128)
    (local.set $k (local.get $start))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $o
          (i32.add (local.get $base)
            (i32.mul
              (i32.load8_u (i32.add (local.get $col)
                (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2))))))
              (i32.const 24))))
        (local.set $v
          (if (result v128) (local.get $unit)
            (then (v128.load64_lane 0 (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))) (v128.const f64x2 0 1)))
            (else
              (f64x2.replace_lane 1
                (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $k) (i32.const 3))))
                (f64.load (i32.add (local.get $h) (i32.shl (local.get $k) (i32.const 3))))))))
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (local.get $v)))
        (if (i32.eqz (local.get $unit))
          (then (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $row))))


  ;; splitter.ts's scanNumeric: the best threshold of one numeric feature under the plain gain,
  ;; better than best[0]; writes [gain, bin, missing left, gl, hl, cl] at $best and returns 1,
  ;; or returns 0. $hist is the feature's first bin (24 bytes a bin), $nb its bin count.
  (func (export "scan")
        (param $hist i32) (param $nb i32) (param $count f64) (param $sumG f64) (param $sumH f64)
        (param $l2 f64) (param $msl f64) (param $mh f64) (param $parentScore f64) (param $best i32)
        (result i32)
    (local $b i32) (local $last i32) (local $o i32) (local $found i32)
    (local $gm f64) (local $hm f64) (local $cm f64) (local $cb f64) (local $bestGain f64)
    (local $gl f64) (local $hl f64) (local $cl f64) (local $gl2 f64) (local $hl2 f64) (local $cl2 f64)
    (local $gr f64) (local $gain f64)
    (local.set $bestGain (f64.load (local.get $best)))
    (local.set $o (i32.add (local.get $hist) (i32.mul (local.get $nb) (i32.const 24))))
    (local.set $gm (f64.load (local.get $o)))
    (local.set $hm (f64.load offset=8 (local.get $o)))
    (local.set $cm (f64.load offset=16 (local.get $o)))
    (local.set $last
      (i32.sub (local.get $nb) (select (i32.const 1) (i32.const 2) (f64.gt (local.get $cm) (f64.const 0)))))
    (block $done
      (loop $next
        (br_if $done (i32.gt_s (local.get $b) (local.get $last)))
        (local.set $o (i32.add (local.get $hist) (i32.mul (local.get $b) (i32.const 24))))
        (local.set $cb (f64.load offset=16 (local.get $o)))
        ;; An empty bin gives the same partition as the previous threshold.
        (if (i32.eqz (i32.and (f64.eq (local.get $cb) (f64.const 0)) (i32.lt_s (local.get $b) (local.get $last))))
          (then
            (local.set $gl (f64.add (local.get $gl) (f64.load (local.get $o))))
            (local.set $hl (f64.add (local.get $hl) (f64.load offset=8 (local.get $o))))
            (local.set $cl (f64.add (local.get $cl) (local.get $cb)))
            (if (i32.and
                  (i32.and (f64.ge (local.get $cl) (local.get $msl))
                    (f64.ge (f64.sub (local.get $count) (local.get $cl)) (local.get $msl)))
                  (i32.and (f64.ge (local.get $hl) (local.get $mh))
                    (f64.ge (f64.sub (local.get $sumH) (local.get $hl)) (local.get $mh))))
              (then
                (local.set $gr (f64.sub (local.get $sumG) (local.get $gl)))
                (local.set $gain
                  (f64.sub
                    (f64.add
                      (f64.div (f64.mul (local.get $gl) (local.get $gl)) (f64.add (local.get $hl) (local.get $l2)))
                      (f64.div (f64.mul (local.get $gr) (local.get $gr))
                        (f64.add (f64.sub (local.get $sumH) (local.get $hl)) (local.get $l2))))
                    (local.get $parentScore)))
                (if (f64.gt (local.get $gain) (local.get $bestGain))
                  (then
                    (local.set $bestGain (local.get $gain))
                    ;; With no missing values in the node, NaN follows the larger child.
                    (call $setBest (local.get $best) (local.get $gain) (local.get $b)
                      (if (result f64) (f64.gt (local.get $cm) (f64.const 0))
                        (then (f64.const 0))
                        (else (f64.convert_i32_u (f64.ge (local.get $cl) (f64.sub (local.get $count) (local.get $cl))))))
                      (local.get $gl) (local.get $hl) (local.get $cl))
                    (local.set $found (i32.const 1))))))
            ;; Missing values sent left with the bins <= b.
            (if (i32.and (f64.gt (local.get $cm) (f64.const 0))
                  (i32.lt_s (local.get $b) (i32.sub (local.get $nb) (i32.const 1))))
              (then
                (local.set $gl2 (f64.add (local.get $gl) (local.get $gm)))
                (local.set $hl2 (f64.add (local.get $hl) (local.get $hm)))
                (local.set $cl2 (f64.add (local.get $cl) (local.get $cm)))
                (if (i32.and
                      (i32.and (f64.ge (local.get $cl2) (local.get $msl))
                        (f64.ge (f64.sub (local.get $count) (local.get $cl2)) (local.get $msl)))
                      (i32.and (f64.ge (local.get $hl2) (local.get $mh))
                        (f64.ge (f64.sub (local.get $sumH) (local.get $hl2)) (local.get $mh))))
                  (then
                    (local.set $gr (f64.sub (local.get $sumG) (local.get $gl2)))
                    (local.set $gain
                      (f64.sub
                        (f64.add
                          (f64.div (f64.mul (local.get $gl2) (local.get $gl2)) (f64.add (local.get $hl2) (local.get $l2)))
                          (f64.div (f64.mul (local.get $gr) (local.get $gr))
                            (f64.add (f64.sub (local.get $sumH) (local.get $hl2)) (local.get $l2))))
                        (local.get $parentScore)))
                    (if (f64.gt (local.get $gain) (local.get $bestGain))
                      (then
                        (local.set $bestGain (local.get $gain))
                        (call $setBest (local.get $best) (local.get $gain) (local.get $b) (f64.const 1)
                          (local.get $gl2) (local.get $hl2) (local.get $cl2))
                        (local.set $found (i32.const 1))))))))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $next)))
    (local.get $found))

  (func $setBest (param $best i32) (param $gain f64) (param $bin i32) (param $missingLeft f64)
        (param $gl f64) (param $hl f64) (param $cl f64)
    (f64.store (local.get $best) (local.get $gain))
    (f64.store offset=8 (local.get $best) (f64.convert_i32_s (local.get $bin)))
    (f64.store offset=16 (local.get $best) (local.get $missingLeft))
    (f64.store offset=24 (local.get $best) (local.get $gl))
    (f64.store offset=32 (local.get $best) (local.get $hl))
    (f64.store offset=40 (local.get $best) (local.get $cl)))

  ;; Binary log-loss gradients (losses.ts's binaryLogLoss): p = 1 / (1 + e^-raw),
  ;; g = w (p - y), h = w p (1 - p), two rows per step. y holds bytes (the classes, 0 or 1: a
  ;; byte a row in the fit's memory, not eight). $w is 0 without weights. e^x is
  ;; expSeries's (losses.ts), the same operations in the same order, so the same bits as the
  ;; JavaScript. With Math.exp the JavaScript loop took 20-28 ns a row on the benchmark VM; this
  ;; one takes 8-10.
  (func (export "logistic")
        (param $y i32) (param $raw i32) (param $w i32) (param $g i32) (param $h i32) (param $n i32)
    (local $i i32) (local $o i32) (local $pair i32)
    (local $x v128) (local $kb v128) (local $k v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $r8 v128)
    (local $p v128) (local $wi v128) (local $gv v128) (local $hv v128)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        ;; The last row of an odd count goes alone in lane 0.
        (local.set $pair (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $x
          (f64x2.neg
            (if (result v128) (local.get $pair)
              (then (v128.load (i32.add (local.get $raw) (local.get $o))))
              (else (v128.load64_zero (i32.add (local.get $raw) (local.get $o)))))))
        ;; e^x = 2^k e^r, x = k ln 2 + r (ln 2 in two parts), x clamped to [-708, 709]. k is
        ;; x log2(e) rounded to nearest (ties to even) by adding and subtracting 1.5 * 2^52; the
        ;; sum's low bits hold k as an integer ($kb).
        (local.set $x
          (f64x2.pmin (f64x2.pmax (local.get $x) (v128.const f64x2 -708 -708)) (v128.const f64x2 709 709)))
        (local.set $kb
          (f64x2.add (f64x2.mul (local.get $x) (v128.const f64x2 1.4426950408889634 1.4426950408889634))
            (v128.const f64x2 0x1.8p52 0x1.8p52)))
        (local.set $k (f64x2.sub (local.get $kb) (v128.const f64x2 0x1.8p52 0x1.8p52)))
        (local.set $r
          (f64x2.sub
            (f64x2.sub (local.get $x)
              (f64x2.mul (local.get $k) (v128.const f64x2 0.6931471803691238 0.6931471803691238)))
            (f64x2.mul (local.get $k) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
        (local.set $r8 (f64x2.mul (local.get $r4) (local.get $r4)))
        ;; e^r to r^13 (Estrin): (a + r4 b) + r8 (c + r4 d).
        (local.set $p
          (f64x2.mul
            (f64x2.add
              (f64x2.add
                ;; a = (1 + r) + r2 (1/2 + r/6)
                (f64x2.add (f64x2.add (v128.const f64x2 1 1) (local.get $r))
                  (f64x2.mul (local.get $r2)
                    (f64x2.add (v128.const f64x2 0.5 0.5)
                      (f64x2.mul (local.get $r) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))))
                ;; b = (1/4! + r/5!) + r2 (1/6! + r/7!)
                (f64x2.mul (local.get $r4)
                  (f64x2.add
                    (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664)
                      (f64x2.mul (local.get $r) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
                    (f64x2.mul (local.get $r2)
                      (f64x2.add (v128.const f64x2 0.001388888888888889 0.001388888888888889)
                        (f64x2.mul (local.get $r) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))))))
              (f64x2.mul (local.get $r8)
                (f64x2.add
                  ;; c = (1/8! + r/9!) + r2 (1/10! + r/11!)
                  (f64x2.add
                    (f64x2.add (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)
                      (f64x2.mul (local.get $r) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
                    (f64x2.mul (local.get $r2)
                      (f64x2.add (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)
                        (f64x2.mul (local.get $r) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))))
                  ;; d = 1/12! + r/13!
                  (f64x2.mul (local.get $r4)
                    (f64x2.add (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)
                      (f64x2.mul (local.get $r) (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10)))))))
            ;; 2^k from its exponent bits (k in [-1021, 1023]).
            (i64x2.shl (i64x2.add (local.get $kb) (v128.const i64x2 1023 1023)) (i32.const 52))))
        (local.set $p
          (f64x2.div (v128.const f64x2 1 1) (f64x2.add (v128.const f64x2 1 1) (local.get $p))))
        (local.set $wi
          (if (result v128) (i32.eqz (local.get $w))
            (then (v128.const f64x2 1 1))
            (else
              (if (result v128) (local.get $pair)
                (then (v128.load (i32.add (local.get $w) (local.get $o))))
                (else (v128.load64_zero (i32.add (local.get $w) (local.get $o))))))))
        ;; y is one byte a row (0 or 1), widened to two doubles; a lone last row is read alone
        ;; (its copy in lane 1 is never stored).
        (local.set $gv
          (f64x2.mul (local.get $wi)
            (f64x2.sub (local.get $p)
              (f64x2.convert_low_i32x4_u
                (i32x4.extend_low_i16x8_u
                  (i16x8.extend_low_i8x16_u
                    (if (result v128) (local.get $pair)
                      (then (v128.load16_splat (i32.add (local.get $y) (local.get $i))))
                      (else (v128.load8_splat (i32.add (local.get $y) (local.get $i)))))))))))
        (local.set $hv
          (f64x2.mul (f64x2.mul (local.get $wi) (local.get $p))
            (f64x2.sub (v128.const f64x2 1 1) (local.get $p))))
        (if (local.get $pair)
          (then
            (v128.store (i32.add (local.get $g) (local.get $o)) (local.get $gv))
            (v128.store (i32.add (local.get $h) (local.get $o)) (local.get $hv)))
          (else
            (v128.store64_lane 0 (i32.add (local.get $g) (local.get $o)) (local.get $gv))
            (v128.store64_lane 0 (i32.add (local.get $h) (local.get $o)) (local.get $hv))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next))))

  ;; Sorts a[0..n) (f64, no NaN) ascending in place, in the order TypedArray#sort gives (-0
  ;; before +0): an LSD radix sort on the values' bits mapped to unsigned order, 8 bits per pass,
  ;; skipping passes whose digit is the same for every value. $tmp holds 8n scratch bytes and
  ;; $counts 8 KiB.
  (func (export "sortFloat64") (param $a i32) (param $tmp i32) (param $n i32) (param $counts i32)
    (local $i i32) (local $key i64) (local $shift i64) (local $pass i32) (local $c i32)
    (local $sum i32) (local $t i32) (local $src i32) (local $dst i32) (local $b i32)
    (memory.fill (local.get $counts) (i32.const 0) (i32.const 8192))
    ;; Keys: negative values have every bit flipped, the others their sign bit; all eight digit
    ;; histograms in the same pass.
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $key (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $key
          (i64.xor (local.get $key)
            (i64.or (i64.shr_s (local.get $key) (i64.const 63)) (i64.const 0x8000000000000000))))
        (i64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))) (local.get $key))
        (local.set $pass (i32.const 0))
        (loop $digit
          (local.set $c
            (i32.add (local.get $counts)
              (i32.shl
                (i32.add (i32.shl (local.get $pass) (i32.const 8))
                  (i32.wrap_i64
                    (i64.and
                      (i64.shr_u (local.get $key) (i64.extend_i32_u (i32.shl (local.get $pass) (i32.const 3))))
                      (i64.const 255))))
                (i32.const 2))))
          (i32.store (local.get $c) (i32.add (i32.load (local.get $c)) (i32.const 1)))
          (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
          (br_if $digit (i32.lt_u (local.get $pass) (i32.const 8))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.set $src (local.get $a))
    (local.set $dst (local.get $tmp))
    (local.set $pass (i32.const 0))
    (block $passes
      (loop $nextPass
        (br_if $passes (i32.ge_u (local.get $pass) (i32.const 8)))
        (local.set $shift (i64.extend_i32_u (i32.shl (local.get $pass) (i32.const 3))))
        (local.set $c (i32.add (local.get $counts) (i32.shl (local.get $pass) (i32.const 10))))
        ;; A pass whose digit is the same for every value leaves the order as it is.
        (if (i32.and (i32.gt_u (local.get $n) (i32.const 0))
              (i32.ne (local.get $n)
                (i32.load
                  (i32.add (local.get $c)
                    (i32.shl
                      (i32.wrap_i64 (i64.and (i64.shr_u (i64.load (local.get $src)) (local.get $shift)) (i64.const 255)))
                      (i32.const 2))))))
          (then
            ;; Counts to starting positions.
            (local.set $sum (i32.const 0))
            (local.set $b (i32.const 0))
            (loop $prefix
              (local.set $t (i32.load (i32.add (local.get $c) (i32.shl (local.get $b) (i32.const 2)))))
              (i32.store (i32.add (local.get $c) (i32.shl (local.get $b) (i32.const 2))) (local.get $sum))
              (local.set $sum (i32.add (local.get $sum) (local.get $t)))
              (local.set $b (i32.add (local.get $b) (i32.const 1)))
              (br_if $prefix (i32.lt_u (local.get $b) (i32.const 256))))
            (local.set $i (i32.const 0))
            (block $scattered
              (loop $scatter
                (br_if $scattered (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $key (i64.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 3)))))
                (local.set $b
                  (i32.add (local.get $c)
                    (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $key) (local.get $shift)) (i64.const 255)))
                      (i32.const 2))))
                (local.set $t (i32.load (local.get $b)))
                (i32.store (local.get $b) (i32.add (local.get $t) (i32.const 1)))
                (i64.store (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 3))) (local.get $key))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $scatter)))
            (local.set $t (local.get $src))
            (local.set $src (local.get $dst))
            (local.set $dst (local.get $t))))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br $nextPass)))
    (if (i32.ne (local.get $src) (local.get $a))
      (then (memory.copy (local.get $a) (local.get $src) (i32.shl (local.get $n) (i32.const 3)))))
    ;; Keys back to values.
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $key (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
        (i64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))
          (i64.xor (local.get $key)
            (select (i64.const 0x8000000000000000) (i64.const -1)
              (i64.lt_s (local.get $key) (i64.const 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)

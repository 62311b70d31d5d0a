// Int8 microkernels for x86_64 processors with AVX-512 F/BW/DQ/VL and VNNI, in a module of their
// own because only this module is compiled with those instruction sets (Package.swift). MicroRuntime
// calls into it only after `S8Avx512.isUsable` (CPUID + XCR0) said yes, so the same binary still
// runs on AVX2-only machines. Nothing here knows MicroRuntime's types: pointers and integers only.
//
// GEMM ("c4" packing): `vpdpbusd` multiplies 4 unsigned bytes by 4 signed bytes and adds the four
// products to a 32-bit lane. The left operand (a row of activations) is made unsigned by adding
// 128 (x ^ 0x80) and the 128 · Σw this adds is folded into the bias with the input zero point:
// acc = Σ (x + 128)·w + bias − (zp_in + 128)·Σw = Σ (x − zp_in)·w + bias, exactly the reference's
// sum (int32 arithmetic that wraps the same way). For each tile of 16 output channels and each
// quad of k the packed weights hold 16 × 4 bytes, channel n's w[n, 4q ..< 4q + 4] at n·4: one zmm,
// the right operand for all rows; a row's quad is one 32-bit broadcast.
//
// Requantization (16 lanes at a time, TFLite's double rounding bit for bit): with p = (acc << l)·m
// as a 64-bit product, SRDHM(acc << l, m) = ⌊(p + 2^30) / 2^31⌋ (m > 0) and the rounding right shift
// by r ≥ 1 of a value h is ⌊(h + 2^(r−1) − [h < 0]) / 2^r⌋; since ⌊(⌊y/a⌋ + c)/b⌋ = ⌊(y + c·a)/(a·b)⌋
// for integers, both together are (p + add) >> (31 + r) with add = 2^30 + (2^(r−1) − [p < −2^30])·2^31
// (r = 0: add = 2^30) — one 64-bit add and one arithmetic shift per lane. FULLY_CONNECTED's single
// rounding is the same shape with add = 2^(s−1), shift s. Per tile of 16 channels the parameters
// are laid out as `RequantizationTile`.

import CPUFeatures
import _Builtin_intrinsics.intel

/// Int8 kernels on AVX-512 VNNI.
public enum S8Avx512 {
  /// Whether this processor and OS run AVX-512 F/BW/DQ/VL + VNNI code (checked once).
  public static let isUsable: Bool = mote_cpu_has_avx512_vnni() != 0

  /// Output channels per tile (one zmm of int32).
  public static var tileChannels: Int { 16 }
  /// Rows per GEMM tile (accumulators in registers).
  public static var tileRows: Int { 12 }

  // MARK: Layout

  /// k padded to a multiple of 4.
  @inlinable public static func depthPadded(_ depth: Int) -> Int { (depth + 3) & ~3 }
  /// Channel tiles of 16.
  @inlinable public static func tiles(_ channels: Int) -> Int { (channels + 15) / 16 }
  /// Bytes of packed weights for `channels` × `depth`.
  public static func weightBytes(channels: Int, depth: Int) -> Int { tiles(channels) * depthPadded(depth) * 16 }
  /// Bytes of folded bias (16 Int32 per tile).
  public static func biasBytes(channels: Int) -> Int { tiles(channels) * 64 }
  /// Bytes of requantization parameters (one `RequantizationTile` per tile).
  public static func requantizationBytes(channels: Int) -> Int { tiles(channels) * RequantizationTile.bytes }
  /// Bytes of GEMM scratch: the panel of `tileRows` rows of `depthPadded` bytes, and 64 bytes of
  /// slack for `flipSigns` and `fill`.
  public static func panelBytes(depth: Int) -> Int { tileRows * depthPadded(depth) + 64 }

  /// Packs row-major weights [channels, depth] into `packed` (weightBytes) and writes the folded
  /// bias (bias − (zp_in + 128)·Σw; 0 in padding channels) into `folded` (biasBytes).
  public static func packGemm(weights w: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?, channels: Int, depth: Int,
                              inputZeroPoint: Int32, packed: UnsafeMutableRawPointer, folded: UnsafeMutableRawPointer) {
    let quads = depthPadded(depth) / 4
    let out = packed.assumingMemoryBound(to: Int8.self)
    let b = folded.assumingMemoryBound(to: Int32.self)
    for t in 0..<tiles(channels) {
      for n in 0..<16 {
        let c = t * 16 + n
        var sum: Int32 = 0
        for q in 0..<quads {
          for j in 0..<4 {
            let k = 4 * q + j
            let v: Int8 = c < channels && k < depth ? w[c * depth + k] : 0
            out[(t * quads + q) * 64 + n * 4 + j] = v
            sum &+= Int32(v)
          }
        }
        b[t * 16 + n] = c < channels ? (bias?[c] ?? 0) &- (inputZeroPoint &+ 128) &* sum : 0
      }
    }
  }

  /// Writes the requantization parameters of `channels` channels into `out` (requantizationBytes);
  /// `parameters(c)` is channel c's Q31 multiplier (≥ 0) and TFLite shift exponent.
  public static func fillRequantization(_ out: UnsafeMutableRawPointer, channels: Int, singleRounding: Bool,
                                        parameters: (Int) -> (multiplier: Int32, shift: Int32)) {
    for t in 0..<tiles(channels) {
      let tile = RequantizationTile(out + t * RequantizationTile.bytes)
      for n in 0..<16 {
        let c = t * 16 + n
        let (m, e) = c < channels ? parameters(c) : (0, 0)
        tile.set(channel: n, multiplier: m, exponent: e, singleRounding: singleRounding)
      }
    }
  }
  // MARK: Requantization in registers

  /// One tile's requantization parameters, held in registers.
  @usableFromInline
  struct Requantize16 {
    var m: __m512i, mOdd: __m512i, left: __m512i
    var shiftEven: __m512i, shiftOdd: __m512i
    var addPositiveEven: __m512i, addPositiveOdd: __m512i, addNegativeEven: __m512i, addNegativeOdd: __m512i
    var half: __m512i, offset: __m512i, low: __m512i, high: __m512i
    /// Whether any channel shifts left (multiplier > 1, rare): the shift is skipped otherwise.
    var shiftsLeft: Bool

    @inline(__always)
    init(_ tile: UnsafeRawPointer, outputOffset: Int32, low: Int32, high: Int32) {
      func load(_ i: Int) -> __m512i { _mm512_loadu_si512(tile + 64 * i) }
      m = load(0)
      mOdd = _mm512_srli_epi64(m, 32)
      left = load(1)
      shiftsLeft = _mm512_test_epi32_mask(left, left) != 0
      shiftEven = load(2); shiftOdd = load(3)
      addPositiveEven = load(4); addPositiveOdd = load(5)
      addNegativeEven = load(6); addNegativeOdd = load(7)
      half = _mm512_set1_epi64(1 << 30)
      offset = _mm512_set1_epi32(outputOffset)
      self.low = _mm512_set1_epi32(low)
      self.high = _mm512_set1_epi32(high)
    }

    /// The 16 requantized, offset and clamped values (in −128...127).
    @inline(__always)
    func apply(_ acc: __m512i) -> __m512i {
      _mm512_min_epi32(_mm512_max_epi32(_mm512_add_epi32(scale(acc), offset), low), high)
    }

    /// The 16 requantized values (RDBPOT(SRDHM(acc << left, m), right), or the single rounding).
    @inline(__always)
    func scale(_ acc: __m512i) -> __m512i {
      let x = shiftsLeft ? _mm512_sllv_epi32(acc, left) : acc
      // y = p + 2^30 (its sign is [p < −2^30]), then + (add − 2^30) of that sign, then the shift.
      let ye = _mm512_add_epi64(_mm512_mul_epi32(x, m), half)
      let yo = _mm512_add_epi64(_mm512_mul_epi32(_mm512_srli_epi64(x, 32), mOdd), half)
      let ae = _mm512_mask_blend_epi64(_mm512_movepi64_mask(ye), addPositiveEven, addNegativeEven)
      let ao = _mm512_mask_blend_epi64(_mm512_movepi64_mask(yo), addPositiveOdd, addNegativeOdd)
      let re = _mm512_srav_epi64(_mm512_add_epi64(ye, ae), shiftEven)
      let ro = _mm512_srav_epi64(_mm512_add_epi64(yo, ao), shiftOdd)
      return _mm512_mask_blend_epi32(0xAAAA, re, _mm512_slli_epi64(ro, 32))
    }

    /// Requantizes and stores the first lanes selected by `mask` as bytes at `out`.
    @inline(__always)
    func store(_ acc: __m512i, _ out: UnsafeMutablePointer<Int8>, _ mask: __mmask16) {
      _mm512_mask_cvtsepi32_storeu_epi8(out, mask, apply(acc))
    }
  }

  @inline(__always) static func mask(_ count: Int) -> __mmask16 {
    count >= 16 ? 0xFFFF : __mmask16(truncatingIfNeeded: (1 << count) - 1)
  }

  // MARK: GEMM

  /// requantize(A · Wᵀ + bias) for `rows` rows into `output` (row-major, stride `channels`).
  /// `gather(first, count, panel, stride)` writes rows first ..< first + count of A (`depth` values
  /// each, as unsigned bytes x + 128, i.e. x ^ 0x80 — `flipSigns`, `fill`) into the panel at the
  /// given row stride; `panel` is panelBytes(depth) of scratch. Bytes past `depth` in a row may
  /// hold anything: they meet zero weights.
  public static func gemm(rows: Int, channels: Int, depth: Int, weights: UnsafeRawPointer, bias: UnsafeRawPointer,
                          requantization: UnsafeRawPointer, outputOffset: Int32, low: Int32, high: Int32,
                          output: UnsafeMutablePointer<Int8>, panel: UnsafeMutableRawPointer,
                          gather: (Int, Int, UnsafeMutablePointer<Int8>, Int) -> Void) {
    let stride = depthPadded(depth)
    let quads = stride / 4
    let rowsPanel = panel.assumingMemoryBound(to: Int8.self)
    let biases = bias.assumingMemoryBound(to: Int32.self)
    var m0 = 0
    while m0 < rows {
      let count = Swift.min(tileRows, rows - m0)
      gather(m0, count, rowsPanel, stride)
      for t in 0..<tiles(channels) {
        let n0 = t * 16
        let q = Requantize16(requantization + t * RequantizationTile.bytes, outputOffset: outputOffset, low: low, high: high)
        let out = output + m0 * channels + n0
        let w = weights + t * quads * 64
        let b = _mm512_loadu_si512(biases + n0)
        let columns = mask(channels - n0)
        if count == 1 {
          q.store(dot1(quads, UnsafeRawPointer(rowsPanel), w, b), out, columns)
        } else {
          tile12(quads, UnsafeRawPointer(rowsPanel), stride, w, b, q, rows: count, out: out, outStride: channels, columns: columns)
        }
      }
      m0 += count
    }
  }

  /// Copies `count` int8 values as unsigned bytes (x ^ 0x80) into the panel, 64 per step. The
  /// last step reads with a mask (nothing past `count`) but stores all 64 bytes: up to 63 bytes
  /// after the run are overwritten (the panel has that much slack; bytes past a row's end are
  /// rewritten by the next row or meet zero weights). Full stores, unlike masked ones, forward to
  /// the kernel's loads that follow at once.
  public static func flipSigns(_ x: UnsafePointer<Int8>, _ count: Int, into y: UnsafeMutablePointer<Int8>) {
    let signs = _mm512_set1_epi8(-128)
    var i = 0
    while i + 64 <= count {
      _mm512_storeu_si512(y + i, _mm512_xor_si512(_mm512_loadu_si512(x + i), signs))
      i += 64
    }
    if i < count {
      let k = __mmask64(truncatingIfNeeded: (UInt64(1) << UInt64(count - i)) &- 1)
      _mm512_storeu_si512(y + i, _mm512_xor_si512(_mm512_maskz_loadu_epi8(k, x + i), signs))
    }
  }

  /// One im2col row of a window inside the image: `rows` runs of `span` values, run r at
  /// source + r · rowStride, copied one after another as `flipSigns` does (same overwrite).
  public static func flipSignsWindow(_ source: UnsafePointer<Int8>, rowStride: Int, rows: Int, span: Int,
                                     into y: UnsafeMutablePointer<Int8>) {
    if span > 64 {
      for r in 0..<rows { flipSigns(source + r * rowStride, span, into: y + r * span) }
      return
    }
    // The narrowest vector that holds a run (fewer stores that cross a cache line).
    if span <= 16 {
      let signs = _mm_set1_epi8(-128), k = __mmask16(truncatingIfNeeded: (1 << span) - 1)
      for r in 0..<rows {
        UnsafeMutableRawPointer(y + r * span).storeBytes(
          of: _mm_xor_si128(_mm_maskz_loadu_epi8(k, source + r * rowStride), signs), as: __m128i.self)
      }
    } else if span <= 32 {
      let signs = _mm256_set1_epi8(-128), k = __mmask32(truncatingIfNeeded: (UInt64(1) << UInt64(span)) &- 1)
      for r in 0..<rows {
        UnsafeMutableRawPointer(y + r * span).storeBytes(
          of: _mm256_xor_si256(_mm256_maskz_loadu_epi8(k, source + r * rowStride), signs), as: __m256i.self)
      }
    } else {
      let signs = _mm512_set1_epi8(-128)
      let k = __mmask64(truncatingIfNeeded: span == 64 ? UInt64.max : (UInt64(1) << UInt64(span)) &- 1)
      for r in 0..<rows {
        _mm512_storeu_si512(y + r * span, _mm512_xor_si512(_mm512_maskz_loadu_epi8(k, source + r * rowStride), signs))
      }
    }
  }

  /// Writes `count` copies of `value` into the panel, with `flipSigns`'s overwrite of up to 63 bytes.
  public static func fill(_ value: Int8, _ count: Int, into y: UnsafeMutablePointer<Int8>) {
    let v = _mm512_set1_epi8(value)
    var i = 0
    while i < count {
      _mm512_storeu_si512(y + i, v)
      i += 64
    }
  }

  /// One row: four partial sums over interleaved quads (four dependency chains), then added.
  @inline(__always)
  static func dot1(_ quads: Int, _ a: UnsafeRawPointer, _ w: UnsafeRawPointer, _ bias: __m512i) -> __m512i {
    var s0 = bias, s1 = _mm512_setzero_si512(), s2 = s1, s3 = s1
    var q = 0
    while q + 4 <= quads {
      let x = a + 4 * q, wq = w + 64 * q
      s0 = _mm512_dpbusd_epi32(s0, _mm512_set1_epi32(x.loadUnaligned(as: Int32.self)), _mm512_loadu_si512(wq))
      s1 = _mm512_dpbusd_epi32(s1, _mm512_set1_epi32(x.loadUnaligned(fromByteOffset: 4, as: Int32.self)), _mm512_loadu_si512(wq + 64))
      s2 = _mm512_dpbusd_epi32(s2, _mm512_set1_epi32(x.loadUnaligned(fromByteOffset: 8, as: Int32.self)), _mm512_loadu_si512(wq + 128))
      s3 = _mm512_dpbusd_epi32(s3, _mm512_set1_epi32(x.loadUnaligned(fromByteOffset: 12, as: Int32.self)), _mm512_loadu_si512(wq + 192))
      q += 4
    }
    while q < quads {
      s0 = _mm512_dpbusd_epi32(s0, _mm512_set1_epi32((a + 4 * q).loadUnaligned(as: Int32.self)), _mm512_loadu_si512(w + 64 * q))
      q += 1
    }
    return _mm512_add_epi32(_mm512_add_epi32(s0, s1), _mm512_add_epi32(s2, s3))
  }

  /// 12 rows × 16 channels: per quad one weight load and, per row, a 32-bit broadcast and a
  /// `vpdpbusd`; then the requantization and masked narrowing stores of the first `rows` rows.
  @inline(__always)
  static func tile12(_ quads: Int, _ a: UnsafeRawPointer, _ stride: Int, _ w: UnsafeRawPointer, _ bias: __m512i,
                     _ q: Requantize16, rows: Int, out: UnsafeMutablePointer<Int8>, outStride: Int, columns: __mmask16) {
    var c0 = bias, c1 = bias, c2 = bias, c3 = bias, c4 = bias, c5 = bias
    var c6 = bias, c7 = bias, c8 = bias, c9 = bias, c10 = bias, c11 = bias
    var x = a, wq = w
    for _ in 0..<quads {
      let wv = _mm512_loadu_si512(wq)
      func b(_ r: Int) -> __m512i { _mm512_set1_epi32(x.loadUnaligned(fromByteOffset: r &* stride, as: Int32.self)) }
      c0 = _mm512_dpbusd_epi32(c0, b(0), wv)
      c1 = _mm512_dpbusd_epi32(c1, b(1), wv)
      c2 = _mm512_dpbusd_epi32(c2, b(2), wv)
      c3 = _mm512_dpbusd_epi32(c3, b(3), wv)
      c4 = _mm512_dpbusd_epi32(c4, b(4), wv)
      c5 = _mm512_dpbusd_epi32(c5, b(5), wv)
      c6 = _mm512_dpbusd_epi32(c6, b(6), wv)
      c7 = _mm512_dpbusd_epi32(c7, b(7), wv)
      c8 = _mm512_dpbusd_epi32(c8, b(8), wv)
      c9 = _mm512_dpbusd_epi32(c9, b(9), wv)
      c10 = _mm512_dpbusd_epi32(c10, b(10), wv)
      c11 = _mm512_dpbusd_epi32(c11, b(11), wv)
      x += 4
      wq += 64
    }
    func store(_ r: Int, _ acc: __m512i) -> Bool {
      guard r < rows else { return false }
      q.store(acc, out + r * outStride, columns)
      return true
    }
    _ = store(0, c0) && store(1, c1) && store(2, c2) && store(3, c3) && store(4, c4) && store(5, c5)
      && store(6, c6) && store(7, c7) && store(8, c8) && store(9, c9) && store(10, c10) && store(11, c11)
  }

  // MARK: ADD

  /// Bytes of ADD parameters: three tiles (input A, input B, output), all lanes alike.
  public static var addBytes: Int { 3 * RequantizationTile.bytes }

  /// Writes the ADD parameters: each input's multiplier and the output's (Q31 multiplier ≥ 0,
  /// TFLite shift exponent), TFLite's double rounding.
  public static func fillAdd(_ out: UnsafeMutableRawPointer, a: (Int32, Int32), b: (Int32, Int32), output: (Int32, Int32)) {
    for (i, (m, e)) in [a, b, output].enumerated() {
      let tile = RequantizationTile(out + i * RequantizationTile.bytes)
      for n in 0..<16 { tile.set(channel: n, multiplier: m, exponent: e, singleRounding: false) }
    }
  }

  /// Int8 ADD of same-shape inputs, TFLite's reference arithmetic 16 elements at a time:
  /// A = scale_a(((a + offsetA) << inputShift)), B likewise, out = clamp(scale_out(A + B) + zp).
  public static func add(count: Int, a: UnsafePointer<Int8>, b: UnsafePointer<Int8>, offsetA: Int32, offsetB: Int32,
                         inputShift: Int32, parameters: UnsafeRawPointer, outputOffset: Int32, low: Int32, high: Int32,
                         output: UnsafeMutablePointer<Int8>) {
    let qa = Requantize16(parameters, outputOffset: 0, low: 0, high: 0)
    let qb = Requantize16(parameters + RequantizationTile.bytes, outputOffset: 0, low: 0, high: 0)
    let qo = Requantize16(parameters + 2 * RequantizationTile.bytes, outputOffset: outputOffset, low: low, high: high)
    let oa = _mm512_set1_epi32(offsetA), ob = _mm512_set1_epi32(offsetB), shift = _mm512_set1_epi32(inputShift)
    var i = 0
    while i < count {
      let k = mask(count - i)
      let xa = _mm512_sllv_epi32(_mm512_add_epi32(_mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(k, a + i)), oa), shift)
      let xb = _mm512_sllv_epi32(_mm512_add_epi32(_mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(k, b + i)), ob), shift)
      qo.store(_mm512_add_epi32(qa.scale(xa), qb.scale(xb)), output + i, k)
      i += 16
    }
  }

  // MARK: Depthwise

  /// Bytes of a depthwise filter widened to Int32 (tiles × taps × 16).
  public static func depthwiseFilterBytes(channels: Int, taps: Int) -> Int { tiles(channels) * taps * 64 }

  /// Widens the filter [1, taps, channels] into `widened` (depthwiseFilterBytes): per tile of 16
  /// channels, per tap, 16 Int32 (0 in padding channels), so a tap's weights are one `vpmulld`
  /// memory operand; and writes the folded bias (bias + inputOffset·Σ_taps w) into `folded`
  /// (biasBytes). The driver points taps in the padding at input-zero-point values, so every tap of
  /// every pixel is summed and Σ (x + offset)·w = Σ x·w + offset·Σw.
  public static func packDepthwise(filter: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?, channels: Int, taps: Int,
                                   inputOffset: Int32, widened: UnsafeMutableRawPointer, folded: UnsafeMutableRawPointer) {
    let w = widened.assumingMemoryBound(to: Int32.self)
    let b = folded.assumingMemoryBound(to: Int32.self)
    for t in 0..<tiles(channels) {
      for n in 0..<16 {
        let c = t * 16 + n
        var sum: Int32 = 0
        for k in 0..<taps {
          let v = c < channels ? Int32(filter[k * channels + c]) : 0
          w[(t * taps + k) * 16 + n] = v
          sum &+= v
        }
        b[c] = c < channels ? (bias?[c] ?? 0) &+ inputOffset &* sum : 0
      }
    }
  }

  /// Depthwise convolution of `pixels` output pixels over all `channels`: pixel p's tap t reads
  /// x[t] + p·step (step 0 when `pixels` is 1); acc = folded bias + Σ_t x·w over every tap, 16
  /// channels per step (`vpmovsxbd` of the input, `vpmulld` with the widened filter, `vpaddd`), then
  /// the requantization; pixel p's outputs go to output + p·channels.
  public static func depthwise(pixels: Int, step: Int, channels: Int, taps: Int, x: UnsafePointer<UnsafePointer<Int8>>,
                               filter: UnsafeRawPointer, bias: UnsafeRawPointer, requantization: UnsafeRawPointer,
                               outputOffset: Int32, low: Int32, high: Int32, output: UnsafeMutablePointer<Int8>) {
    let biases = bias.assumingMemoryBound(to: Int32.self)
    var c = 0
    while c < channels {
      let k = mask(channels - c)
      let q = Requantize16(requantization + (c / 16) * RequantizationTile.bytes, outputOffset: outputOffset, low: low,
                           high: high)
      let b = _mm512_loadu_si512(biases + c)
      let w = filter + (c / 16) * taps * 64
      var offset = c
      var p = 0
      // Two pixels per step: independent sums that share each tap's weights.
      while p + 2 <= pixels {
        var acc0 = b, acc1 = b
        for t in 0..<taps {
          let wv = _mm512_loadu_si512(w + 64 * t)
          let x0 = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(k, x[t] + offset))
          let x1 = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(k, x[t] + offset + step))
          acc0 = _mm512_add_epi32(acc0, _mm512_mullo_epi32(x0, wv))
          acc1 = _mm512_add_epi32(acc1, _mm512_mullo_epi32(x1, wv))
        }
        q.store(acc0, output + p * channels + c, k)
        q.store(acc1, output + (p + 1) * channels + c, k)
        offset += 2 * step
        p += 2
      }
      if p < pixels {
        var acc = b
        for t in 0..<taps {
          let xv = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(k, x[t] + offset))
          acc = _mm512_add_epi32(acc, _mm512_mullo_epi32(xv, _mm512_loadu_si512(w + 64 * t)))
        }
        q.store(acc, output + p * channels + c, k)
      }
      c += 16
    }
  }
}

/// The requantization parameters of 16 channels, 512 bytes: multiplier and left shift (Int32 × 16),
/// then total right shift, add − 2^30 for p ≥ −2^30 and for p < −2^30 (Int64 × 8 for the even
/// channels, then × 8 for the odd ones — the lanes of the two `vpmuldq` products).
struct RequantizationTile {
  static var bytes: Int { 512 }
  let base: UnsafeMutableRawPointer
  init(_ base: UnsafeMutableRawPointer) { self.base = base }

  /// Channel n's parameters from its Q31 multiplier (≥ 0) and TFLite shift exponent.
  func set(channel n: Int, multiplier m: Int32, exponent e: Int32, singleRounding: Bool) {
    let left: Int32, total: Int64, addPositive: Int64, addNegative: Int64
    if singleRounding {
      // (acc · m + 2^(s − 1)) >> s, s = 31 − e.
      left = 0
      total = 31 - Int64(e)
      addPositive = 1 << (total - 1)
      addNegative = addPositive
    } else {
      left = max(e, 0)
      let r = Int64(max(-e, 0))
      total = 31 + r
      addPositive = (1 << 30) + (r > 0 ? 1 << (30 + r) : 0)
      addNegative = r > 0 ? addPositive - (1 << 31) : addPositive
    }
    // Stored less the 2^30 that `Requantize16.scale` adds first.
    set(channel: n, multiplier: m, left: left, shift: total, addPositive: addPositive - (1 << 30),
        addNegative: addNegative - (1 << 30))
  }

  func set(channel n: Int, multiplier: Int32, left: Int32, shift: Int64, addPositive: Int64, addNegative: Int64) {
    base.storeBytes(of: multiplier, toByteOffset: 4 * n, as: Int32.self)
    base.storeBytes(of: left, toByteOffset: 64 + 4 * n, as: Int32.self)
    let lane = 8 * (n / 2) + (n % 2 == 0 ? 0 : 64)
    base.storeBytes(of: shift, toByteOffset: 128 + lane, as: Int64.self)
    base.storeBytes(of: addPositive, toByteOffset: 256 + lane, as: Int64.self)
    base.storeBytes(of: addNegative, toByteOffset: 384 + lane, as: Int64.self)
  }
}

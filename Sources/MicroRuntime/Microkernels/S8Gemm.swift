// Int8 matrix products for CONV_2D and FULLY_CONNECTED: weights packed once in prepare, rows of the
// left operand widened (and gathered, for convolutions) into a small int16 panel in eval, and an
// MR×NR register-blocked microkernel chosen from the catalog (Catalog+S8.swift).
//
// Layout ("c2"): K is padded to an even count; for every tile of NR = 8 output channels the packed
// weights hold, for each pair of k, the 8 channels' (w[n, k], w[n, k + 1]) pairs — 16 bytes that
// widen to one 256-bit vector of int16, the right operand of a pairwise multiply-add (`vpmaddwd`
// on AVX2; on ARM the same pairs feed widening multiply-accumulates). The panel holds MR rows of
// int16 values with stride `kPadded`, so a row's k pair is one 32-bit broadcast.
//
// The input zero point is folded into the bias once: acc = Σ x·w + (bias − zp_in·Σ w), which equals
// the reference's Σ (x − zp_in)·w + bias exactly (wrapping int32 arithmetic). Taps in the padding
// are gathered as x = zp_in, so they add zp_in·w − zp_in·w = 0, as in the reference.

/// An int8 GEMM microkernel over one tile of 4 panel rows × 8 packed channels:
/// acc[r][n] = bias[n] + Σ_k a[r * aStride + k] · w(k, n) over `kPairs` pairs of k, requantized by the
/// S8Requantization at `requantization` (channels `channel` ..< `channel` + 8) and stored for the
/// first `rows` rows and `columns` channels at `out` + r · outStride.
public typealias S8GemmMicrokernel = @convention(c) (
  _ kPairs: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ w: UnsafePointer<Int8>, _ bias: UnsafePointer<Int32>,
  _ requantization: UnsafeRawPointer, _ channel: Int, _ rows: Int, _ columns: Int,
  _ out: UnsafeMutablePointer<Int8>, _ outStride: Int
) -> Void

/// Requantizes and stores a 4 × 8 accumulator tile (row stride 8) of which `rows` × `columns` are kept.
@inlinable @inline(__always)
public func s8StoreTile(_ acc: UnsafePointer<Int32>, _ q: S8Requantization, channel: Int, rows: Int, columns: Int,
                        out: UnsafeMutablePointer<Int8>, outStride: Int) {
  if columns == 8 {
    for r in 0..<rows { q.apply8(acc + r * 8, channel: channel, into: out + r * outStride) }
  } else {
    for r in 0..<rows { q.apply(acc + r * 8, channel: channel, count: columns, into: out + r * outStride) }
  }
}

/// 32 Int32 accumulators on the stack.
public struct S8TileAccumulators {
  @usableFromInline var storage: (SIMD16<Int32>, SIMD16<Int32>) = (.zero, .zero)
  public init() {}
  /// Runs `body` with the accumulators as 32 contiguous Int32.
  @inlinable @inline(__always)
  public mutating func with<R>(_ body: (UnsafeMutablePointer<Int32>) -> R) -> R {
    withUnsafeMutableBytes(of: &storage) { body($0.baseAddress!.assumingMemoryBound(to: Int32.self)) }
  }
}

/// Rows per tile and channels per tile of every S8 GEMM microkernel.
public enum S8GemmTile {
  /// Panel rows (MR).
  public static var rows: Int { 4 }
  /// Packed channels (NR).
  public static var channels: Int { 8 }
}

/// Weights packed for the S8 GEMM microkernels plus the folded bias, in persistent arena memory
/// owned by the arena for the interpreter's lifetime.
public struct S8PackedWeights: BitwiseCopyable {
  /// Tiles × pairs × 16 bytes.
  public var weights: UnsafeMutablePointer<Int8>
  /// Tiles × 8 folded biases (bias − zp_in · Σ w; 0 in padded channels).
  public var bias: UnsafeMutablePointer<Int32>
  /// Output channels (N).
  public var channels: Int
  /// Accumulation length (K) and its even padding.
  public var depth: Int, depthPadded: Int

  /// Bytes of persistent memory a packing of `channels` × `depth` takes (weights, then biases).
  public static func bytes(channels: Int, depth: Int) -> (weights: Int, bias: Int) {
    let tiles = (channels + 7) / 8
    return (tiles * ((depth + 1) / 2) * 16, tiles * 8 * 4)
  }

  /// Packs row-major weights [channels, depth] (each row one output channel) into persistent
  /// memory, folding `inputZeroPoint` into `bias` (nil: zero bias).
  public static func pack(_ ctx: inout PrepareContext, weights w: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
                          channels: Int, depth: Int, inputZeroPoint: Int32) throws(MicroError) -> S8PackedWeights {
    let size = bytes(channels: channels, depth: depth)
    let packed = try ctx.allocatePersistent(bytes: size.weights, alignment: 32).assumingMemoryBound(to: Int8.self)
    let folded = try ctx.allocatePersistent(bytes: size.bias, alignment: 32).assumingMemoryBound(to: Int32.self)
    let p = S8PackedWeights(weights: packed, bias: folded, channels: channels, depth: depth, depthPadded: (depth + 1) / 2 * 2)
    if ctx.materializes { p.fill(weights: w, bias: bias, inputZeroPoint: inputZeroPoint) }
    return p
  }

  /// Writes the packing into already reserved memory (`pack` and the tests use it).
  public func fill(weights w: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?, inputZeroPoint: Int32) {
    let pairs = depthPadded / 2
    let tiles = (channels + 7) / 8
    for t in 0..<tiles {
      let tile = weights + t * pairs * 16
      for n in 0..<8 {
        let c = t * 8 + n
        var sum: Int32 = 0
        for p in 0..<pairs {
          for j in 0..<2 {
            let k = 2 * p + j
            let v: Int8 = (c < channels && k < depth) ? w[c * depth + k] : 0
            tile[p * 16 + n * 2 + j] = v
            sum &+= Int32(v)
          }
        }
        self.bias[t * 8 + n] = c < channels ? (bias?[c] ?? 0) &- inputZeroPoint &* sum : 0
      }
    }
  }
}

/// Requantizes 8 accumulators of consecutive channels: per-channel multiplier, left and right
/// shift; `params` = (output offset, low, high).
public typealias S8Requantize8Microkernel = @convention(c) (
  _ acc: UnsafePointer<Int32>, _ multiplier: UnsafePointer<Int32>, _ left: UnsafePointer<Int32>,
  _ right: UnsafePointer<Int32>, _ params: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Int8>
) -> Void

/// The portable requantization of 8 channels (plain loop over S8Requantization.scale).
public func s8Requantize8Scalar(_ acc: UnsafePointer<Int32>, _ multiplier: UnsafePointer<Int32>,
                                _ left: UnsafePointer<Int32>, _ right: UnsafePointer<Int32>,
                                _ params: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  let offset = params[0], low = params[1], high = params[2]
  for j in 0..<8 {
    var v = S8Requantization.scale(acc[j], multiplier: multiplier[j], left: left[j], right: right[j]) &+ offset
    v = v < low ? low : v
    v = v > high ? high : v
    out[j] = Int8(truncatingIfNeeded: v)
  }
}

/// The single-rounding requantization of 8 channels (FULLY_CONNECTED; `left` is unused).
public func s8Requantize8SingleRoundingScalar(_ acc: UnsafePointer<Int32>, _ multiplier: UnsafePointer<Int32>,
                                              _ left: UnsafePointer<Int32>, _ right: UnsafePointer<Int32>,
                                              _ params: UnsafePointer<Int32>, _ out: UnsafeMutablePointer<Int8>) {
  let offset = params[0], low = params[1], high = params[2]
  for j in 0..<8 {
    var v = S8Requantization.scaleOnce(acc[j], multiplier: multiplier[j], right: right[j]) &+ offset
    v = v < low ? low : v
    v = v > high ? high : v
    out[j] = Int8(truncatingIfNeeded: v)
  }
}

/// Per-channel requantization parameters, unpacked once in prepare so that a loop over channels
/// has no branches: y = clamp(RDBPOT(SRDHM(acc << left, multiplier), right) + zp_out).
public struct S8Requantization: BitwiseCopyable {
  /// Per channel: Q31 multiplier, left shift, right shift (three arrays of `channels` Int32).
  public var multiplier: UnsafeMutablePointer<Int32>
  public var left: UnsafeMutablePointer<Int32>
  public var right: UnsafeMutablePointer<Int32>
  public var outputOffset: Int32
  public var low: Int32, high: Int32
  /// outputOffset, low, high in memory (for the microkernel).
  public var params: UnsafeMutablePointer<Int32>
  /// The catalog's 8-channel requantization microkernel.
  public var requantize8: S8Requantize8Microkernel
  /// LiteRT's int8 FULLY_CONNECTED rounds once, (acc · m + 2^(right − 1)) >> right with
  /// right = 31 − shift (see Reference.fullyConnected); the other kernels round twice.
  public var singleRounding: Bool = false

  /// Unpacks `q` into persistent memory.
  public static func make(_ ctx: inout PrepareContext, _ q: ChannelRequantization,
                          singleRounding: Bool = false) throws(MicroError) -> S8Requantization {
    let n = q.channels
    let raw = try ctx.allocatePersistent(bytes: 3 * n * 4 + 64, alignment: 32).assumingMemoryBound(to: Int32.self)
    let r = S8Requantization(multiplier: raw, left: raw + n, right: raw + 2 * n, outputOffset: q.outputOffset,
                             low: q.clamp.low, high: q.clamp.high, params: raw + 3 * n,
                             requantize8: singleRounding ? MicrokernelCatalog.s8Requantize8SingleRounding.kernel
                                                         : MicrokernelCatalog.s8Requantize8.kernel,
                             singleRounding: singleRounding)
    if ctx.materializes { r.fill(q) }
    return r
  }

  /// Writes the parameters of `q` into already reserved memory.
  public func fill(_ q: ChannelRequantization) {
    for c in 0..<q.channels {
      let m = q.multipliers[c]
      multiplier[c] = m.multiplier
      left[c] = singleRounding ? 0 : (m.shift > 0 ? m.shift : 0)
      right[c] = singleRounding ? 31 - m.shift : (m.shift > 0 ? 0 : -m.shift)
    }
    params[0] = outputOffset
    params[1] = low
    params[2] = high
  }

  /// Requantizes `count` accumulators of consecutive channels starting at `channel` into `out`.
  /// Bit-identical to `ChannelRequantization.output`: the doubling high multiply equals
  /// ⌊(a·b + 2^30) / 2^31⌋ for b > 0 (the multiplier is never Int32.min), and the rounding shift is
  /// written without branches, so the loop vectorizes.
  @inlinable @inline(__always)
  public func apply(_ acc: UnsafePointer<Int32>, channel: Int, count: Int, into out: UnsafeMutablePointer<Int8>) {
    let m = multiplier + channel, l = left + channel, r = right + channel
    if singleRounding {
      for j in 0..<count {
        var v = S8Requantization.scaleOnce(acc[j], multiplier: m[j], right: r[j]) &+ outputOffset
        v = v < low ? low : v
        v = v > high ? high : v
        out[j] = Int8(truncatingIfNeeded: v)
      }
      return
    }
    for j in 0..<count {
      var v = S8Requantization.scale(acc[j], multiplier: m[j], left: l[j], right: r[j])
      v = v &+ outputOffset
      v = v < low ? low : v
      v = v > high ? high : v
      out[j] = Int8(truncatingIfNeeded: v)
    }
  }

  /// `apply` for exactly 8 channels, by the catalog's requantization microkernel.
  @inlinable @inline(__always)
  public func apply8(_ acc: UnsafePointer<Int32>, channel: Int, into out: UnsafeMutablePointer<Int8>) {
    requantize8(acc, multiplier + channel, left + channel, right + channel, params, out)
  }

  /// `apply` in blocks of 8 channels, then the rest.
  @inlinable @inline(__always)
  public func applyBlocks(_ acc: UnsafePointer<Int32>, count: Int, into out: UnsafeMutablePointer<Int8>) {
    var c = 0
    while c + 8 <= count {
      apply8(acc + c, channel: c, into: out + c)
      c += 8
    }
    if c < count { apply(acc + c, channel: c, count: count - c, into: out + c) }
  }

  /// The single rounding of int8 FULLY_CONNECTED: (acc · multiplier + 2^(right − 1)) >> right
  /// (right = 31 − shift, 1...62).
  @inlinable @inline(__always)
  public static func scaleOnce(_ acc: Int32, multiplier: Int32, right: Int32) -> Int32 {
    let total = Int64(right)
    return Int32(truncatingIfNeeded: (Int64(acc) &* Int64(multiplier) &+ (Int64(1) &<< (total &- 1))) &>> total)
  }

  /// QuantizedMultiplier.apply without branches (multiplier > 0, right shift 0...31).
  @inlinable @inline(__always)
  public static func scale(_ acc: Int32, multiplier: Int32, left: Int32, right: Int32) -> Int32 {
    let x = acc &<< left
    let ab = Int64(x) &* Int64(multiplier)
    let h = Int32(truncatingIfNeeded: (ab &+ (1 << 30)) &>> 31)
    let mask = Int32(bitPattern: (UInt32(1) &<< UInt32(bitPattern: right)) &- 1)
    let remainder = h & mask
    let threshold = (mask &>> 1) &+ ((h &>> 31) & 1)
    return (h &>> right) &+ (remainder > threshold ? 1 : 0)
  }
}

extension S8PackedWeights {
  /// C = requantize(A · Wᵀ + bias') for `rows` rows: `gather(row, panelRow)` writes the row's
  /// `depth` int16 values (then zeros up to `depthPadded`); outputs row-major with stride `channels`.
  /// `panel` holds 4 × depthPadded int16 (scratch); `requantization` points at `q`.
  @inlinable
  public func run(rows: Int, output: UnsafeMutablePointer<Int8>, requantization: UnsafeRawPointer,
                  kernel: S8GemmMicrokernel, panel: UnsafeMutablePointer<Int16>,
                  gather: (Int, UnsafeMutablePointer<Int16>) -> Void) {
    let pairs = depthPadded / 2
    let tiles = (channels + 7) / 8
    var m0 = 0
    while m0 < rows {
      let mr = Swift.min(4, rows - m0)
      for r in 0..<mr {
        let row = panel + r * depthPadded
        gather(m0 + r, row)
        if depthPadded > depth { row[depth] = 0 }
      }
      for t in 0..<tiles {
        let n0 = t * 8
        kernel(pairs, panel, depthPadded, weights + t * pairs * 16, bias + t * 8, requantization, n0, mr,
               Swift.min(8, channels - n0), output + m0 * channels + n0, channels)
      }
      m0 += 4
    }
  }
}

/// Widens `count` int8 values to int16.
@inlinable @inline(__always)
public func s8Widen(_ x: UnsafePointer<Int8>, _ count: Int, into y: UnsafeMutablePointer<Int16>) {
  for i in 0..<count { y[i] = Int16(x[i]) }
}

/// Fills `count` int16 values with `value`.
@inlinable @inline(__always)
public func s8Fill(_ value: Int16, _ count: Int, into y: UnsafeMutablePointer<Int16>) {
  for i in 0..<count { y[i] = value }
}

// MARK: - Portable microkernels

/// Plain loops (the microkernel spec; every target).
public func s8GemmTile4x8Scalar(
  _ kPairs: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ w: UnsafePointer<Int8>, _ bias: UnsafePointer<Int32>,
  _ requantization: UnsafeRawPointer, _ channel: Int, _ rows: Int, _ columns: Int,
  _ out: UnsafeMutablePointer<Int8>, _ outStride: Int
) {
  var tile = S8TileAccumulators()
  tile.with { acc in
    s8GemmAccumulate4x8Scalar(kPairs, a, aStride, w, bias, acc)
    s8StoreTile(acc, requantization.load(as: S8Requantization.self), channel: channel, rows: rows, columns: columns,
                out: out, outStride: outStride)
  }
}

/// Swift SIMD vectors (every target; widening multiply-accumulates on NEON).
public func s8GemmTile4x8Simd(
  _ kPairs: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ w: UnsafePointer<Int8>, _ bias: UnsafePointer<Int32>,
  _ requantization: UnsafeRawPointer, _ channel: Int, _ rows: Int, _ columns: Int,
  _ out: UnsafeMutablePointer<Int8>, _ outStride: Int
) {
  var tile = S8TileAccumulators()
  tile.with { acc in
    s8GemmAccumulate4x8Simd(kPairs, a, aStride, w, bias, acc)
    s8StoreTile(acc, requantization.load(as: S8Requantization.self), channel: channel, rows: rows, columns: columns,
                out: out, outStride: outStride)
  }
}

/// The accumulation of s8GemmTile4x8Scalar: acc[r * 8 + n] (plain loops).
@inlinable @inline(__always)
public func s8GemmAccumulate4x8Scalar(_ kPairs: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ w: UnsafePointer<Int8>,
                                _ bias: UnsafePointer<Int32>, _ acc: UnsafeMutablePointer<Int32>) {
  for r in 0..<4 {
    for n in 0..<8 { acc[r * 8 + n] = bias[n] }
  }
  for p in 0..<kPairs {
    for r in 0..<4 {
      let x0 = Int32(a[r * aStride + 2 * p]), x1 = Int32(a[r * aStride + 2 * p + 1])
      for n in 0..<8 {
        acc[r * 8 + n] &+= x0 &* Int32(w[p * 16 + 2 * n]) &+ x1 &* Int32(w[p * 16 + 2 * n + 1])
      }
    }
  }
}

/// The accumulation of s8GemmTile4x8Simd.
@inlinable @inline(__always)
public func s8GemmAccumulate4x8Simd(_ kPairs: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ w: UnsafePointer<Int8>,
                              _ bias: UnsafePointer<Int32>, _ acc: UnsafeMutablePointer<Int32>) {
  let b = UnsafeRawPointer(bias).loadUnaligned(as: SIMD8<Int32>.self)
  var c0 = b, c1 = b, c2 = b, c3 = b
  var wp = w
  var a0 = a, a1 = a + aStride, a2 = a + 2 * aStride, a3 = a + 3 * aStride
  for _ in 0..<kPairs {
    // Element-wise construction (the generic SIMD conversions are not always inlined).
    let we = SIMD8<Int32>(Int32(wp[0]), Int32(wp[2]), Int32(wp[4]), Int32(wp[6]),
                          Int32(wp[8]), Int32(wp[10]), Int32(wp[12]), Int32(wp[14]))
    let wo = SIMD8<Int32>(Int32(wp[1]), Int32(wp[3]), Int32(wp[5]), Int32(wp[7]),
                          Int32(wp[9]), Int32(wp[11]), Int32(wp[13]), Int32(wp[15]))
    c0 &+= we &* Int32(a0[0]) &+ wo &* Int32(a0[1])
    c1 &+= we &* Int32(a1[0]) &+ wo &* Int32(a1[1])
    c2 &+= we &* Int32(a2[0]) &+ wo &* Int32(a2[1])
    c3 &+= we &* Int32(a3[0]) &+ wo &* Int32(a3[1])
    wp += 16
    a0 += 2; a1 += 2; a2 += 2; a3 += 2
  }
  let out = UnsafeMutableRawPointer(acc)
  out.storeBytes(of: c0, toByteOffset: 0, as: SIMD8<Int32>.self)
  out.storeBytes(of: c1, toByteOffset: 32, as: SIMD8<Int32>.self)
  out.storeBytes(of: c2, toByteOffset: 64, as: SIMD8<Int32>.self)
  out.storeBytes(of: c3, toByteOffset: 96, as: SIMD8<Int32>.self)
}

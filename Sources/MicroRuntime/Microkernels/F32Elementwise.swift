// Float elementwise microkernels: binary operators over rows whose operands are contiguous or a
// broadcast scalar (stride 1 or 0), the driver that walks a broadcast layout in such rows, and the
// max pool over channel vectors.

/// A float binary operator in scalar and vector form (the two must agree exactly).
public protocol F32BinaryOperator {
  /// f(a, b).
  static func apply(_ a: Float, _ b: Float) -> Float
  /// f on eight lanes.
  static func apply<V: F32Vector8>(_: V.Type, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
}

/// a + b.
public enum F32AddOperator: F32BinaryOperator {
  @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a + b }
  @inlinable @inline(__always) public static func apply<V: F32Vector8>(_: V.Type, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a + b }
}

/// a · b.
public enum F32MulOperator: F32BinaryOperator {
  @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a * b }
  @inlinable @inline(__always) public static func apply<V: F32Vector8>(_: V.Type, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a * b }
}

/// PRELU: a ≥ 0 ? a : a · b (b is alpha). The vector form max(a, 0) + b · min(a, 0) is exact: one
/// of the two terms is zero.
public enum F32PreluOperator: F32BinaryOperator {
  @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a >= 0 ? a : a * b }
  @inlinable @inline(__always) public static func apply<V: F32Vector8>(_: V.Type, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    V.fma(V.max(a, SIMD8<Float>()), b, V.min(a, SIMD8<Float>()))
  }
}

/// A float binary microkernel over `rows` rows of `count` elements:
/// out[r · count + i] = clamp(f(a[r · rowStrideA + i · strideA], b[r · rowStrideB + i · strideB])),
/// element strides 0 or 1. Arguments: rows, count, a, rowStrideA, strideA, b, rowStrideB, strideB,
/// out, clamp.
public typealias F32BinaryFunction = (Int, Int, UnsafePointer<Float>, Int, Int, UnsafePointer<Float>, Int, Int,
                                      UnsafeMutablePointer<Float>, FloatClamp) -> Void

/// One float binary row variant.
public struct F32BinaryVariant {
  /// dtype, op and ISA, e.g. `f32VAddAvx2`.
  public var name: StaticString
  /// The microkernel.
  public var run: F32BinaryFunction
}

/// Float binary elementwise operators.
public enum F32Binary {
  /// The row loop, 8 lanes at a time, then scalars; `rows` rows of it.
  @inlinable @inline(__always)
  static func apply<F: F32BinaryOperator, V: F32Vector8>(
    _: F.Type, _: V.Type, _ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int,
    _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp
  ) {
    let low = SIMD8<Float>(repeating: clamp.low), high = SIMD8<Float>(repeating: clamp.high)
    var a = a, b = b, out = out
    for _ in 0..<rows {
      var i = 0
      if sa == 1 && sb == 1 {
        while i + 8 <= n {
          V.store(V.clamp(F.apply(V.self, V.load(a + i), V.load(b + i)), low, high), out + i)
          i &+= 8
        }
      } else if sa == 1 {
        let y = SIMD8<Float>(repeating: b[0])
        while i + 8 <= n {
          V.store(V.clamp(F.apply(V.self, V.load(a + i), y), low, high), out + i)
          i &+= 8
        }
      } else if sb == 1 {
        let x = SIMD8<Float>(repeating: a[0])
        while i + 8 <= n {
          V.store(V.clamp(F.apply(V.self, x, V.load(b + i)), low, high), out + i)
          i &+= 8
        }
      }
      while i < n {
        out[i] = clamp.apply(F.apply(a[i &* sa], b[i &* sb]))
        i &+= 1
      }
      a += ra
      b += rb
      out += n
    }
  }

  /// The scalar loop.
  @inlinable @inline(__always)
  static func applyScalar<F: F32BinaryOperator>(
    _: F.Type, _ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int,
    _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp
  ) {
    for r in 0..<rows {
      for i in 0..<n { out[r * n + i] = clamp.apply(F.apply(a[r * ra + i * sa], b[r * rb + i * sb])) }
    }
  }

  /// Applies a row variant over a broadcast layout: the innermost dimensions that are contiguous (or
  /// broadcast) in both inputs merge into one row; the outer ones are walked like an odometer.
  public static func run(_ v: F32BinaryVariant, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                         output: UnsafeMutablePointer<Float>, layout l: BroadcastLayout, clamp: FloatClamp) {
    if l.count == 0 { return }
    let last = l.rank - 1
    var inner = l.shape[last]
    let sa = l.strideA[last], sb = l.strideB[last]
    var d = last - 1
    while d >= 0 {
      if l.shape[d] != 1 {
        let okA = sa == 1 ? l.strideA[d] == inner : l.strideA[d] == 0
        let okB = sb == 1 ? l.strideB[d] == inner : l.strideB[d] == 0
        if !(okA && okB) { break }
        inner *= l.shape[d]
      }
      d -= 1
    }
    // The next dimension out becomes the microkernel's rows; the rest are walked here.
    var rows = d >= 0 ? l.shape[d] : 1
    let rowA = d >= 0 ? l.strideA[d] : 0, rowB = d >= 0 ? l.strideB[d] : 0
    d -= 1
    // Dimensions further out that continue the same row pattern merge into it (per-channel operands).
    while d >= 0 && (l.shape[d] == 1 || (l.strideA[d] == rowA * rows && l.strideB[d] == rowB * rows)) {
      rows *= l.shape[d]
      d -= 1
    }
    var index = InlineArray<6, Int>(repeating: 0)
    var o = 0, baseA = 0, baseB = 0
    while true {
      v.run(rows, inner, a + baseA, rowA, sa, b + baseB, rowB, sb, output + o, clamp)
      o += rows * inner
      var e = d
      while e >= 0 {
        index[e] += 1
        baseA += l.strideA[e]
        baseB += l.strideB[e]
        if index[e] < l.shape[e] { break }
        baseA -= l.strideA[e] * l.shape[e]
        baseB -= l.strideB[e] * l.shape[e]
        index[e] = 0
        e -= 1
      }
      if e < 0 { return }
    }
  }

  /// sum, portable SIMD.
  public static func vAddSimd(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    apply(F32AddOperator.self, SimdF32x8.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }
  /// sum, scalar.
  public static func vAddScalar(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    applyScalar(F32AddOperator.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }

  /// product, portable SIMD.
  public static func vMulSimd(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    apply(F32MulOperator.self, SimdF32x8.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }
  /// product, scalar.
  public static func vMulScalar(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    applyScalar(F32MulOperator.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }

  /// PRELU (a the input, b alpha), portable SIMD.
  public static func vPreluSimd(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    apply(F32PreluOperator.self, SimdF32x8.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }
  /// PRELU (a the input, b alpha), scalar.
  public static func vPreluScalar(_ rows: Int, _ n: Int, _ a: UnsafePointer<Float>, _ ra: Int, _ sa: Int, _ b: UnsafePointer<Float>, _ rb: Int, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    applyScalar(F32PreluOperator.self, rows, n, a, ra, sa, b, rb, sb, out, clamp)
  }
}

/// Float MAX_POOL_2D over channel vectors.
public enum F32Pool {
  /// Largest in-bounds cell of each window, clamped to [low, high].
  @inlinable @inline(__always)
  static func max<V: F32Vector8>(_: V.Type, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                                 geometry g: WindowGeometry, channels: Int, clamp: FloatClamp) {
    let low = SIMD8<Float>(repeating: clamp.low), high = SIMD8<Float>(repeating: clamp.high)
    var out = output
    for b in 0..<g.batches {
      let image = input + b * g.inputHeight * g.inputWidth * channels
      for oy in 0..<g.outputHeight {
        let top = oy * g.strideHeight - g.padTop
        let y0 = Swift.max(top, 0), y1 = Swift.min(top + g.filterHeight, g.inputHeight)
        for ox in 0..<g.outputWidth {
          let left = ox * g.strideWidth - g.padLeft
          let x0 = Swift.max(left, 0), x1 = Swift.min(left + g.filterWidth, g.inputWidth)
          let first = image + (y0 * g.inputWidth + x0) * channels
          var c = 0
          while c + 8 <= channels {
            var m = V.load(first + c)
            for y in y0..<y1 {
              for x in x0..<x1 { m = V.max(m, V.load(image + (y * g.inputWidth + x) * channels + c)) }
            }
            V.store(V.clamp(m, low, high), out + c)
            c &+= 8
          }
          while c < channels {
            var m = first[c]
            for y in y0..<y1 {
              for x in x0..<x1 { m = Swift.max(m, image[(y * g.inputWidth + x) * channels + c]) }
            }
            out[c] = clamp.apply(m)
            c &+= 1
          }
          out += channels
        }
      }
    }
  }

  /// MAX_POOL_2D, portable SIMD.
  public static func maxSimd(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                             _ g: WindowGeometry, _ channels: Int, _ clamp: FloatClamp) {
    max(SimdF32x8.self, input: input, output: output, geometry: g, channels: channels, clamp: clamp)
  }
}

/// Float reductions.
public enum F32Reduce {
  /// MEAN over the two spatial axes of NHWC (global average pooling): out[b, c] = Σ_p in[b, p, c] / pixels,
  /// summed in the reference's order (pixel by pixel), channels in vectors.
  @inlinable @inline(__always)
  static func spatialMean<V: F32Vector8>(_: V.Type, input: UnsafePointer<Float>, batches: Int, pixels: Int, channels: Int,
                                         output: UnsafeMutablePointer<Float>) {
    let n = SIMD8<Float>(repeating: Float(pixels))
    for b in 0..<batches {
      let image = input + b * pixels * channels
      let out = output + b * channels
      var c = 0
      while c + 8 <= channels {
        var s = SIMD8<Float>()
        for p in 0..<pixels { s += V.load(image + p * channels + c) }
        V.store(s / n, out + c)
        c &+= 8
      }
      while c < channels {
        var s: Float = 0
        for p in 0..<pixels { s += image[p * channels + c] }
        out[c] = s / Float(pixels)
        c &+= 1
      }
    }
  }

  /// `spatialMean`, portable SIMD.
  public static func spatialMeanSimd(_ input: UnsafePointer<Float>, _ batches: Int, _ pixels: Int, _ channels: Int,
                                     _ output: UnsafeMutablePointer<Float>) {
    spatialMean(SimdF32x8.self, input: input, batches: batches, pixels: pixels, channels: channels, output: output)
  }
}

// Float depthwise-convolution microkernels (channel-vectorized, over an indirection buffer of input
// row pointers so padding costs nothing in the inner loop) and the driver that runs a whole layer.

/// Float depthwise convolution with depth multiplier 1.
public enum F32Depthwise {
  /// `width` output pixels, 16 channels per step (then 8, then one at a time).
  @inlinable @inline(__always)
  static func up16<V: F32Vector8>(
    _: V.Type, _ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
    _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
    _ clamp: FloatClamp
  ) {
    let low = SIMD8<Float>(repeating: clamp.low), high = SIMD8<Float>(repeating: clamp.high)
    var rows = input
    var out = output
    for _ in 0..<width {
      var c = 0
      while c + 16 <= channels {
        var x0 = V.load(bias + c), x1 = V.load(bias + c + 8)
        var w = weights + c
        for t in 0..<taps {
          let p = rows[t] + c
          x0 = V.fma(x0, V.load(p), V.load(w))
          x1 = V.fma(x1, V.load(p + 8), V.load(w + 8))
          w += channels
        }
        V.store(V.clamp(x0, low, high), out + c)
        V.store(V.clamp(x1, low, high), out + c + 8)
        c &+= 16
      }
      if c + 8 <= channels {
        var x0 = V.load(bias + c)
        var w = weights + c
        for t in 0..<taps {
          x0 = V.fma(x0, V.load(rows[t] + c), V.load(w))
          w += channels
        }
        V.store(V.clamp(x0, low, high), out + c)
        c &+= 8
      }
      while c < channels {
        var acc = bias[c]
        for t in 0..<taps { acc += rows[t][c] * weights[t * channels + c] }
        out[c] = clamp.apply(acc)
        c &+= 1
      }
      rows += taps
      out += channels
    }
  }

  /// One channel at a time, no vectors.
  public static func scalar(_ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                            _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                            _ output: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    for px in 0..<width {
      let rows = input + px * taps
      for c in 0..<channels {
        var acc = bias[c]
        for t in 0..<taps { acc += rows[t][c] * weights[t * channels + c] }
        output[px * channels + c] = clamp.apply(acc)
      }
    }
  }

  /// 16 channels per step, nine taps, portable SIMD.
  public static func up16x9Simd(_ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                                _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                                _ output: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    up16(SimdF32x8.self, channels, width, 9, input, weights, bias, output, clamp)
  }

  /// 16 channels per step, any window, portable SIMD.
  public static func up16Simd(_ channels: Int, _ width: Int, _ taps: Int, _ input: UnsafePointer<UnsafePointer<Float>>,
                              _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                              _ output: UnsafeMutablePointer<Float>, _ clamp: FloatClamp) {
    up16(SimdF32x8.self, channels, width, taps, input, weights, bias, output, clamp)
  }

  /// Bytes of persistent memory a layer's `F32Indirection` needs: the input it was built
  /// for, one row pointer per tap of every output pixel, and a row of zeros.
  public static func indirectionBytes(_ g: WindowGeometry, channels: Int) -> Int {
    let pointer = MemoryLayout<UnsafePointer<Float>>.stride
    return pointer + g.batches * g.outputHeight * g.outputWidth * g.filterHeight * g.filterWidth * pointer + channels * 4
  }

  /// Fills `indirection` for `input` unless it was built for that address already: for every output
  /// pixel, one pointer per filter tap to the input pixel's `channels` floats, or to the zero row.
  public static func buildIndirection(input: UnsafePointer<Float>, geometry g: WindowGeometry, channels: Int,
                                      indirection: F32Indirection) {
    if indirection.builtFor.pointee == UnsafeRawPointer(input) { return }
    let zero = UnsafePointer(indirection.zeros)
    var r = indirection.rows
    for b in 0..<g.batches {
      let image = input + b * g.inputHeight * g.inputWidth * channels
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for fy in 0..<g.filterHeight {
            let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
            for fx in 0..<g.filterWidth {
              let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
              r.pointee = iy < 0 || iy >= g.inputHeight || ix < 0 || ix >= g.inputWidth
                ? zero : image + (iy * g.inputWidth + ix) * channels
              r += 1
            }
          }
        }
      }
    }
    indirection.builtFor.pointee = UnsafeRawPointer(input)
  }

  /// A whole depthwise layer (multiplier 1) in one microkernel call over every output pixel; the
  /// indirection rows are rebuilt only when the input's address changed since the last call.
  /// `bias` nil: zeros.
  public static func run(_ kernel: F32DepthwiseVariant, input: UnsafePointer<Float>, geometry g: WindowGeometry,
                         channels: Int, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                         output: UnsafeMutablePointer<Float>, clamp: FloatClamp, indirection: F32Indirection) {
    let taps = g.filterHeight * g.filterWidth
    let zero = UnsafePointer(indirection.zeros)
    buildIndirection(input: input, geometry: g, channels: channels, indirection: indirection)
    kernel.run(channels, g.batches * g.outputHeight * g.outputWidth, taps, indirection.rows, weights, bias ?? zero,
               output, clamp)
  }
}

/// A depthwise layer's indirection rows, in memory the caller owns (the arena's persistent part in
/// the kernel: it lives as long as the interpreter). Input addresses do not change between
/// invocations, so the rows are built once.
public struct F32Indirection: BitwiseCopyable {
  /// The input address the rows were built for (nil: not built).
  var builtFor: UnsafeMutablePointer<UnsafeRawPointer?>
  /// batches · outH · outW · taps row pointers.
  var rows: UnsafeMutablePointer<UnsafePointer<Float>>
  /// `channels` zeros: the row of every tap in the padding, and the bias when there is none.
  var zeros: UnsafeMutablePointer<Float>

  /// Lays the indirection out over `bytes` (`F32Depthwise.indirectionBytes` of them, pointer-aligned)
  /// and clears it when `materialize` (false: `bytes` is only where it will be; see PrepareContext).
  public init(_ bytes: UnsafeMutableRawPointer, _ g: WindowGeometry, channels: Int, materialize: Bool = true) {
    let pointer = MemoryLayout<UnsafePointer<Float>>.stride
    let count = g.batches * g.outputHeight * g.outputWidth * g.filterHeight * g.filterWidth
    builtFor = bytes.assumingMemoryBound(to: UnsafeRawPointer?.self)
    rows = (bytes + pointer).assumingMemoryBound(to: UnsafePointer<Float>.self)
    zeros = (bytes + pointer + count * pointer).assumingMemoryBound(to: Float.self)
    if !materialize { return }
    builtFor = bytes.bindMemory(to: UnsafeRawPointer?.self, capacity: 1)
    builtFor.pointee = nil
    rows = (bytes + pointer).bindMemory(to: UnsafePointer<Float>.self, capacity: count)
    zeros = (bytes + pointer + count * pointer).bindMemory(to: Float.self, capacity: channels)
    zeros.update(repeating: 0, count: channels)
  }
}

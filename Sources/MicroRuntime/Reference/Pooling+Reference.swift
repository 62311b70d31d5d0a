extension Reference {
  /// The in-bounds window of output cell (oy, ox): rows y0..<y1 and columns x0..<x1 of the input.
  @inlinable @inline(__always)
  static func poolWindow(_ g: WindowGeometry, _ oy: Int, _ ox: Int) -> (y0: Int, y1: Int, x0: Int, x1: Int) {
    let top = oy * g.strideHeight - g.padTop, left = ox * g.strideWidth - g.padLeft
    return (Swift.max(top, 0), Swift.min(top + g.filterHeight, g.inputHeight),
            Swift.max(left, 0), Swift.min(left + g.filterWidth, g.inputWidth))
  }

  /// Float AVERAGE_POOL_2D: the mean of the in-bounds window cells (padding is not counted), clamped.
  public static func averagePool2D(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                                   geometry g: WindowGeometry, channels: Int, clamp: FloatClamp) {
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let w = poolWindow(g, oy, ox)
          let count = (w.y1 - w.y0) * (w.x1 - w.x0)
          for c in 0..<channels {
            var sum: Float = 0
            for y in w.y0..<w.y1 {
              for x in w.x0..<w.x1 { sum += input[((b * g.inputHeight + y) * g.inputWidth + x) * channels + c] }
            }
            output[((b * g.outputHeight + oy) * g.outputWidth + ox) * channels + c] = clamp.apply(sum / Float(count))
          }
        }
      }
    }
  }

  /// Int8 AVERAGE_POOL_2D (input and output share scale and zero point): the window sum divided by the
  /// cell count, rounded half away from zero, clamped.
  public static func averagePool2D(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>,
                                   geometry g: WindowGeometry, channels: Int, clamp: QuantizedClamp) {
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let w = poolWindow(g, oy, ox)
          let count = Int32((w.y1 - w.y0) * (w.x1 - w.x0))
          for c in 0..<channels {
            var sum: Int32 = 0
            for y in w.y0..<w.y1 {
              for x in w.x0..<w.x1 { sum += Int32(input[((b * g.inputHeight + y) * g.inputWidth + x) * channels + c]) }
            }
            let mean = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count
            output[((b * g.outputHeight + oy) * g.outputWidth + ox) * channels + c] =
              Int8(truncatingIfNeeded: Swift.min(Swift.max(mean, clamp.low), clamp.high))
          }
        }
      }
    }
  }

  /// MAX_POOL_2D (float32 or int8, input and output sharing quantization): the largest in-bounds
  /// window cell, clamped to `[low, high]`.
  public static func maxPool2D<T: Comparable>(input: UnsafePointer<T>, output: UnsafeMutablePointer<T>,
                                              geometry g: WindowGeometry, channels: Int, low: T, high: T) {
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let w = poolWindow(g, oy, ox)
          for c in 0..<channels {
            var best = input[((b * g.inputHeight + w.y0) * g.inputWidth + w.x0) * channels + c]
            for y in w.y0..<w.y1 {
              for x in w.x0..<w.x1 { best = Swift.max(best, input[((b * g.inputHeight + y) * g.inputWidth + x) * channels + c]) }
            }
            output[((b * g.outputHeight + oy) * g.outputWidth + ox) * channels + c] = Swift.min(Swift.max(best, low), high)
          }
        }
      }
    }
  }
}

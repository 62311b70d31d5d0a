extension Reference {
  /// Float CONV_2D over NHWC input, filter [outC, fH, fW, inC]:
  /// output[b, y, x, o] = clamp(bias[o] + Σ_{fy, fx, i} input[b, y·sH − padT + fy·dH, x·sW − padL + fx·dW, i] · filter[o, fy, fx, i]),
  /// taps outside the input contributing nothing.
  public static func conv2D(
    input: UnsafePointer<Float>, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, geometry g: WindowGeometry, inputChannels: Int,
    outputChannels: Int, clamp: FloatClamp
  ) {
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for oc in 0..<outputChannels {
            var acc: Float = 0
            for fy in 0..<g.filterHeight {
              let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
              if iy < 0 || iy >= g.inputHeight { continue }
              for fx in 0..<g.filterWidth {
                let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                if ix < 0 || ix >= g.inputWidth { continue }
                let x = input + ((b * g.inputHeight + iy) * g.inputWidth + ix) * inputChannels
                let w = filter + ((oc * g.filterHeight + fy) * g.filterWidth + fx) * inputChannels
                for ic in 0..<inputChannels { acc += x[ic] * w[ic] }
              }
            }
            if let bias { acc += bias[oc] }
            output[((b * g.outputHeight + oy) * g.outputWidth + ox) * outputChannels + oc] = clamp.apply(acc)
          }
        }
      }
    }
  }

  /// Int8 CONV_2D, same layout: acc = bias[o] + Σ (input + inputOffset) · filter over in-bounds taps,
  /// then the channel's requantization, output offset and clamp.
  public static func conv2D(
    input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
    output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, inputChannels: Int,
    outputChannels: Int, requantization q: ChannelRequantization
  ) {
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for oc in 0..<outputChannels {
            var acc: Int32 = 0
            for fy in 0..<g.filterHeight {
              let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
              if iy < 0 || iy >= g.inputHeight { continue }
              for fx in 0..<g.filterWidth {
                let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                if ix < 0 || ix >= g.inputWidth { continue }
                let x = input + ((b * g.inputHeight + iy) * g.inputWidth + ix) * inputChannels
                let w = filter + ((oc * g.filterHeight + fy) * g.filterWidth + fx) * inputChannels
                for ic in 0..<inputChannels {
                  acc &+= (Int32(x[ic]) &+ q.inputOffset) &* Int32(w[ic])
                }
              }
            }
            if let bias { acc &+= bias[oc] }
            output[((b * g.outputHeight + oy) * g.outputWidth + ox) * outputChannels + oc] = q.output(acc, channel: oc)
          }
        }
      }
    }
  }
}

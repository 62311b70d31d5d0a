extension Reference {
  /// Float CONV_2D over NHWC input, filter [outC, fH, fW, filterC]:
  /// output[b, y, x, o] = clamp(bias[o] + Σ_{fy, fx, i} input[b, y·sH − padT + fy·dH, x·sW − padL + fx·dW, g(o)·filterC + i] · filter[o, fy, fx, i]),
  /// taps outside the input contributing nothing. Grouped convolution: the input's channels form
  /// inC / filterC groups, and output channel o belongs to group g(o) = o / (outC / groups).
  public static func conv2D(
    input: UnsafePointer<Float>, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, geometry g: WindowGeometry, inputChannels: Int,
    filterChannels: Int, outputChannels: Int, clamp: FloatClamp
  ) {
    let outputsPerGroup = outputChannels / (inputChannels / filterChannels)
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for oc in 0..<outputChannels {
            let channelBase = (oc / outputsPerGroup) * filterChannels
            var acc: Float = 0
            for fy in 0..<g.filterHeight {
              let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
              if iy < 0 || iy >= g.inputHeight { continue }
              for fx in 0..<g.filterWidth {
                let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                if ix < 0 || ix >= g.inputWidth { continue }
                let x = input + ((b * g.inputHeight + iy) * g.inputWidth + ix) * inputChannels + channelBase
                let w = filter + ((oc * g.filterHeight + fy) * g.filterWidth + fx) * filterChannels
                for ic in 0..<filterChannels { acc += x[ic] * w[ic] }
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
    filterChannels: Int, outputChannels: Int, requantization q: ChannelRequantization
  ) {
    let outputsPerGroup = outputChannels / (inputChannels / filterChannels)
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for oc in 0..<outputChannels {
            let channelBase = (oc / outputsPerGroup) * filterChannels
            var acc: Int32 = 0
            for fy in 0..<g.filterHeight {
              let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
              if iy < 0 || iy >= g.inputHeight { continue }
              for fx in 0..<g.filterWidth {
                let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                if ix < 0 || ix >= g.inputWidth { continue }
                let x = input + ((b * g.inputHeight + iy) * g.inputWidth + ix) * inputChannels + channelBase
                let w = filter + ((oc * g.filterHeight + fy) * g.filterWidth + fx) * filterChannels
                for ic in 0..<filterChannels {
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

extension Reference {
  /// Hybrid CONV_2D (float input and output, int8 filter with per-output-channel `scales`): each batch
  /// image is quantized into `quantized` (asymmetric or symmetric), then
  /// output = clamp(bias[o] + Float(Σ (q − zeroPoint) · filter) · (inputScale · scales[o])) over in-bounds taps.
  public static func conv2DHybrid(
    input: UnsafePointer<Float>, filter: UnsafePointer<Int8>, scales: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, geometry g: WindowGeometry,
    inputChannels: Int, filterChannels: Int, outputChannels: Int, asymmetric: Bool, quantized: UnsafeMutablePointer<Int8>,
    clamp: FloatClamp
  ) {
    let imageSize = g.inputHeight * g.inputWidth * inputChannels
    let outputsPerGroup = outputChannels / (inputChannels / filterChannels)
    for b in 0..<g.batches {
      var inputScale: Float, zeroPoint: Int32 = 0
      if asymmetric {
        (inputScale, zeroPoint) = quantizeAsymmetric(input + b * imageSize, count: imageSize, into: quantized)
      } else {
        inputScale = quantizeSymmetric(input + b * imageSize, count: imageSize, into: quantized)
      }
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for oc in 0..<outputChannels {
            let channelBase = (oc / outputsPerGroup) * filterChannels
            var acc: Int32 = 0
            for fy in 0..<g.filterHeight {
              let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
              if iy < 0 || iy >= g.inputHeight { continue }
              for fx in 0..<g.filterWidth {
                let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                if ix < 0 || ix >= g.inputWidth { continue }
                let x = quantized + (iy * g.inputWidth + ix) * inputChannels + channelBase
                let w = filter + ((oc * g.filterHeight + fy) * g.filterWidth + fx) * filterChannels
                for ic in 0..<filterChannels { acc &+= (Int32(x[ic]) &- zeroPoint) &* Int32(w[ic]) }
              }
            }
            let scaled = Float(acc) * (inputScale * scales[oc])
            output[((b * g.outputHeight + oy) * g.outputWidth + ox) * outputChannels + oc] = clamp.apply((bias?[oc] ?? 0) + scaled)
          }
        }
      }
    }
  }
}

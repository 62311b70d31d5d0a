extension Reference {
  /// Float DEPTHWISE_CONV_2D over NHWC input, filter [1, fH, fW, inC · multiplier]: output channel
  /// o = i · multiplier + m reads only input channel i:
  /// output[b, y, x, o] = clamp(bias[o] + Σ_{fy, fx} input[b, y·sH − padT + fy·dH, x·sW − padL + fx·dW, i] · filter[0, fy, fx, o]).
  public static func depthwiseConv2D(
    input: UnsafePointer<Float>, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, geometry g: WindowGeometry, inputChannels: Int,
    depthMultiplier: Int, clamp: FloatClamp
  ) {
    let outputChannels = inputChannels * depthMultiplier
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for ic in 0..<inputChannels {
            for m in 0..<depthMultiplier {
              let oc = ic * depthMultiplier + m
              var acc: Float = 0
              for fy in 0..<g.filterHeight {
                let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
                if iy < 0 || iy >= g.inputHeight { continue }
                for fx in 0..<g.filterWidth {
                  let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                  if ix < 0 || ix >= g.inputWidth { continue }
                  acc += input[((b * g.inputHeight + iy) * g.inputWidth + ix) * inputChannels + ic]
                    * filter[(fy * g.filterWidth + fx) * outputChannels + oc]
                }
              }
              if let bias { acc += bias[oc] }
              output[((b * g.outputHeight + oy) * g.outputWidth + ox) * outputChannels + oc] = clamp.apply(acc)
            }
          }
        }
      }
    }
  }

  /// Int8 DEPTHWISE_CONV_2D, same layout: acc = bias[o] + Σ (input + inputOffset) · filter, then the
  /// channel's requantization, output offset and clamp.
  public static func depthwiseConv2D(
    input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafePointer<Int32>?,
    output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, inputChannels: Int,
    depthMultiplier: Int, requantization q: ChannelRequantization
  ) {
    let outputChannels = inputChannels * depthMultiplier
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for ic in 0..<inputChannels {
            for m in 0..<depthMultiplier {
              let oc = ic * depthMultiplier + m
              var acc: Int32 = 0
              for fy in 0..<g.filterHeight {
                let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
                if iy < 0 || iy >= g.inputHeight { continue }
                for fx in 0..<g.filterWidth {
                  let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                  if ix < 0 || ix >= g.inputWidth { continue }
                  let x = Int32(input[((b * g.inputHeight + iy) * g.inputWidth + ix) * inputChannels + ic])
                  acc &+= (x &+ q.inputOffset) &* Int32(filter[(fy * g.filterWidth + fx) * outputChannels + oc])
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
}

extension Reference {
  /// Hybrid DEPTHWISE_CONV_2D (float input and output, int8 filter with per-output-channel `scales`):
  /// each batch image is quantized asymmetrically into `quantized`, then
  /// output = clamp(bias[o] + Float(Σ (q − zeroPoint) · filter) · scales[o] · inputScale) over in-bounds taps.
  public static func depthwiseConv2DHybrid(
    input: UnsafePointer<Float>, filter: UnsafePointer<Int8>, scales: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, geometry g: WindowGeometry,
    inputChannels: Int, depthMultiplier: Int, quantized: UnsafeMutablePointer<Int8>, clamp: FloatClamp
  ) {
    let outputChannels = inputChannels * depthMultiplier
    let imageSize = g.inputHeight * g.inputWidth * inputChannels
    for b in 0..<g.batches {
      let (inputScale, zeroPoint) = quantizeAsymmetric(input + b * imageSize, count: imageSize, into: quantized)
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          for ic in 0..<inputChannels {
            for m in 0..<depthMultiplier {
              let oc = ic * depthMultiplier + m
              var acc: Int32 = 0
              for fy in 0..<g.filterHeight {
                let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
                if iy < 0 || iy >= g.inputHeight { continue }
                for fx in 0..<g.filterWidth {
                  let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                  if ix < 0 || ix >= g.inputWidth { continue }
                  let x = Int32(quantized[(iy * g.inputWidth + ix) * inputChannels + ic])
                  acc &+= (x &- zeroPoint) &* Int32(filter[(fy * g.filterWidth + fx) * outputChannels + oc])
                }
              }
              // LiteRT's builtin depthwise kernel scales by the channel first, then the batch (its
              // reference kernel multiplies the two scales first and differs by an ulp).
              let scaled = (Float(acc) * scales[oc]) * inputScale
              output[((b * g.outputHeight + oy) * g.outputWidth + ox) * outputChannels + oc] = clamp.apply((bias?[oc] ?? 0) + scaled)
            }
          }
        }
      }
    }
  }
}

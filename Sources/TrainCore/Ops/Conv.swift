// 2-D convolutions on NHWC tensors with TensorFlow's SAME/VALID padding rules.

/// How a window op pads its input, following TensorFlow.
public enum Padding: String, Sendable, Codable {
  /// Pad so that `out = ceil(in / stride)`, splitting the padding with the extra element after.
  case same
  /// No padding: `out = ceil((in - effectiveKernel + 1) / stride)`.
  case valid
}

/// The output size and leading padding of one spatial axis of a window op.
struct WindowAxis {
  let input: Int, kernel: Int, stride: Int, dilation: Int
  let output: Int, padBefore: Int

  init(input: Int, kernel: Int, stride: Int, dilation: Int, padding: Padding) {
    precondition(kernel > 0 && stride > 0 && dilation > 0, "kernel, stride and dilation must be positive")
    self.input = input; self.kernel = kernel; self.stride = stride; self.dilation = dilation
    let effective = (kernel - 1) * dilation + 1
    switch padding {
    case .valid:
      precondition(input >= effective, "input extent \(input) smaller than kernel extent \(effective)")
      output = (input - effective) / stride + 1
      padBefore = 0
    case .same:
      output = (input + stride - 1) / stride
      padBefore = Swift.max((output - 1) * stride + effective - input, 0) / 2
    }
  }

  /// The input coordinate read by output `o` and kernel tap `k` (may be out of range: padding).
  @inline(__always) func source(_ o: Int, _ k: Int) -> Int { o * stride - padBefore + k * dilation }
}

extension Tensor {
  /// 2-D convolution of NHWC `self` with HWIO `filter` (`[kh, kw, in, out]`), via im2col and sgemm.
  public func conv2d(_ filter: Tensor, strides: (Int, Int) = (1, 1), padding: Padding = .valid,
                     dilation: (Int, Int) = (1, 1)) -> Tensor {
    precondition(rank == 4 && filter.rank == 4 && filter.shape[2] == shape[3],
                 "conv2d needs NHWC input and [kh,kw,\(rank == 4 ? shape[3] : -1),out] filter, got \(shape), \(filter.shape)")
    let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
    let (kh, kw, oc) = (filter.shape[0], filter.shape[1], filter.shape[3])
    let ay = WindowAxis(input: h, kernel: kh, stride: strides.0, dilation: dilation.0, padding: padding)
    let ax = WindowAxis(input: w, kernel: kw, stride: strides.1, dilation: dilation.1, padding: padding)
    let (oh, ow) = (ay.output, ax.output)
    let rows = n * oh * ow, kdim = kh * kw * c

    // im2col: one row per output pixel, columns ordered (ky, kx, channel) to match HWIO.
    var cols = [Float](repeating: 0, count: rows * kdim)
    data.withUnsafeBufferPointer { x in cols.withUnsafeMutableBufferPointer { col in
      for b in 0..<n { for oy in 0..<oh { for ox in 0..<ow {
        let row = ((b * oh + oy) * ow + ox) * kdim
        for ky in 0..<kh {
          let iy = ay.source(oy, ky)
          if iy < 0 || iy >= h { continue }
          for kx in 0..<kw {
            let ix = ax.source(ox, kx)
            if ix < 0 || ix >= w { continue }
            let src = ((b * h + iy) * w + ix) * c, dst = row + (ky * kw + kx) * c
            for ci in 0..<c { col[dst + ci] = x[src + ci] }
          }
        }
      } } }
    } }
    let wdata = filter.data
    let out = BLAS.matmul(cols, wdata, m: rows, n: oc, k: kdim)
    let (nx, nw) = (requiresGrad, filter.requiresGrad)
    let inCount = count
    return Tensor.record([n, oh, ow, oc], out, [self, filter]) { g in
      let gw = nw ? BLAS.matmul(cols, g, m: kdim, n: oc, k: rows, transA: true) : nil   // colsᵀ · g
      var gx: [Float]? = nil
      if nx {
        let gcols = BLAS.matmul(g, wdata, m: rows, n: kdim, k: oc, transB: true)         // g · Wᵀ
        var r = [Float](repeating: 0, count: inCount)
        // col2im: scatter-add each column entry back to the pixel it was read from.
        for b in 0..<n { for oy in 0..<oh { for ox in 0..<ow {
          let row = ((b * oh + oy) * ow + ox) * kdim
          for ky in 0..<kh {
            let iy = ay.source(oy, ky)
            if iy < 0 || iy >= h { continue }
            for kx in 0..<kw {
              let ix = ax.source(ox, kx)
              if ix < 0 || ix >= w { continue }
              let dst = ((b * h + iy) * w + ix) * c, src = row + (ky * kw + kx) * c
              for ci in 0..<c { r[dst + ci] += gcols[src + ci] }
            }
          }
        } } }
        gx = r
      }
      return [gx, gw]
    }
  }

  /// Depthwise 2-D convolution of NHWC `self` with filter `[kh, kw, in, multiplier]`;
  /// output channel `c * multiplier + m` (TensorFlow's layout).
  public func depthwiseConv2d(_ filter: Tensor, strides: (Int, Int) = (1, 1), padding: Padding = .valid,
                              dilation: (Int, Int) = (1, 1)) -> Tensor {
    precondition(rank == 4 && filter.rank == 4 && filter.shape[2] == shape[3],
                 "depthwiseConv2d needs NHWC input and [kh,kw,in,mult] filter, got \(shape), \(filter.shape)")
    let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
    let (kh, kw, mult) = (filter.shape[0], filter.shape[1], filter.shape[3])
    let ay = WindowAxis(input: h, kernel: kh, stride: strides.0, dilation: dilation.0, padding: padding)
    let ax = WindowAxis(input: w, kernel: kw, stride: strides.1, dilation: dilation.1, padding: padding)
    let (oh, ow, oc) = (ay.output, ax.output, c * mult)
    let x = data, wt = filter.data

    /// Visits every (output index, input index, filter index) triple of the convolution.
    func taps(_ body: (Int, Int, Int) -> Void) {
      for b in 0..<n { for oy in 0..<oh { for ox in 0..<ow {
        let obase = ((b * oh + oy) * ow + ox) * oc
        for ky in 0..<kh {
          let iy = ay.source(oy, ky)
          if iy < 0 || iy >= h { continue }
          for kx in 0..<kw {
            let ix = ax.source(ox, kx)
            if ix < 0 || ix >= w { continue }
            let ibase = ((b * h + iy) * w + ix) * c, wbase = (ky * kw + kx) * oc
            for ci in 0..<c { for m in 0..<mult { body(obase + ci * mult + m, ibase + ci, wbase + ci * mult + m) } }
          }
        }
      } } }
    }
    var out = [Float](repeating: 0, count: n * oh * ow * oc)
    taps { o, i, k in out[o] += x[i] * wt[k] }
    let (nx, nw) = (requiresGrad, filter.requiresGrad)
    return Tensor.record([n, oh, ow, oc], out, [self, filter]) { g in
      var gx = nx ? [Float](repeating: 0, count: x.count) : []
      var gw = nw ? [Float](repeating: 0, count: wt.count) : []
      taps { o, i, k in
        if nx { gx[i] += g[o] * wt[k] }
        if nw { gw[k] += g[o] * x[i] }
      }
      return [nx ? gx : nil, nw ? gw : nil]
    }
  }
}

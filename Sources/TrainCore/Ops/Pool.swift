// Max and average pooling on NHWC tensors.

extension Tensor {
  /// Max pooling over `size` windows; SAME padding never selects padded positions.
  public func maxPool2d(size: (Int, Int), strides: (Int, Int)? = nil, padding: Padding = .valid) -> Tensor {
    precondition(rank == 4, "maxPool2d needs NHWC input, got \(shape)")
    let st = strides ?? size
    let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
    let ay = WindowAxis(input: h, kernel: size.0, stride: st.0, dilation: 1, padding: padding)
    let ax = WindowAxis(input: w, kernel: size.1, stride: st.1, dilation: 1, padding: padding)
    let (oh, ow) = (ay.output, ax.output)
    var out = [Float](repeating: -.infinity, count: n * oh * ow * c)
    var arg = [Int](repeating: -1, count: out.count)
    data.withUnsafeBufferPointer { x in
      for b in 0..<n { for oy in 0..<oh { for ox in 0..<ow {
        let obase = ((b * oh + oy) * ow + ox) * c
        for ky in 0..<size.0 {
          let iy = ay.source(oy, ky)
          if iy < 0 || iy >= h { continue }
          for kx in 0..<size.1 {
            let ix = ax.source(ox, kx)
            if ix < 0 || ix >= w { continue }
            let ibase = ((b * h + iy) * w + ix) * c
            for ci in 0..<c where arg[obase + ci] < 0 || x[ibase + ci] > out[obase + ci] {
              out[obase + ci] = x[ibase + ci]; arg[obase + ci] = ibase + ci
            }
          }
        }
      } } }
    }
    let total = count
    return Tensor.record([n, oh, ow, c], out, [self]) { g in
      var r = [Float](repeating: 0, count: total)
      for o in 0..<g.count { r[arg[o]] += g[o] }
      return [r]
    }
  }

  /// Average pooling over `size` windows; with SAME padding only real elements are counted (as in TF).
  public func avgPool2d(size: (Int, Int), strides: (Int, Int)? = nil, padding: Padding = .valid) -> Tensor {
    precondition(rank == 4, "avgPool2d needs NHWC input, got \(shape)")
    let st = strides ?? size
    let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
    let ay = WindowAxis(input: h, kernel: size.0, stride: st.0, dilation: 1, padding: padding)
    let ax = WindowAxis(input: w, kernel: size.1, stride: st.1, dilation: 1, padding: padding)
    let (oh, ow) = (ay.output, ax.output)

    /// Visits each output pixel with its in-range input pixels and their count.
    func windows(_ body: (_ obase: Int, _ ibases: [Int]) -> Void) {
      var ibases: [Int] = []
      ibases.reserveCapacity(size.0 * size.1)
      for b in 0..<n { for oy in 0..<oh { for ox in 0..<ow {
        ibases.removeAll(keepingCapacity: true)
        for ky in 0..<size.0 {
          let iy = ay.source(oy, ky)
          if iy < 0 || iy >= h { continue }
          for kx in 0..<size.1 {
            let ix = ax.source(ox, kx)
            if ix >= 0 && ix < w { ibases.append(((b * h + iy) * w + ix) * c) }
          }
        }
        body(((b * oh + oy) * ow + ox) * c, ibases)
      } } }
    }
    var out = [Float](repeating: 0, count: n * oh * ow * c)
    let x = data
    windows { o, ins in
      let inv = 1 / Float(ins.count)
      for i in ins { for ci in 0..<c { out[o + ci] += x[i + ci] } }
      for ci in 0..<c { out[o + ci] *= inv }
    }
    let total = count
    return Tensor.record([n, oh, ow, c], out, [self]) { g in
      var r = [Float](repeating: 0, count: total)
      windows { o, ins in
        let inv = 1 / Float(ins.count)
        for i in ins { for ci in 0..<c { r[i + ci] += g[o + ci] * inv } }
      }
      return [r]
    }
  }

  /// Mean over the spatial axes of NHWC input, keeping them: `[N, H, W, C] -> [N, 1, 1, C]`.
  public func globalAvgPool2d() -> Tensor {
    precondition(rank == 4, "globalAvgPool2d needs NHWC input, got \(shape)")
    return mean(axes: [1, 2], keepDims: true)
  }
}

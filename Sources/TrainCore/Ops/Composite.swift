// Operations built from primitives: softmax, log-softmax, dropout, batch normalization.

extension Tensor {
  /// `log(softmax(x))` along `axis`, stabilized by subtracting the (detached) maximum.
  public func logSoftmax(axis: Int = -1) -> Tensor {
    let shifted = self - max(axes: [axis], keepDims: true).detach()
    return shifted - shifted.exp().sum(axes: [axis], keepDims: true).log()
  }

  /// `exp(x) / sum(exp(x))` along `axis`.
  public func softmax(axis: Int = -1) -> Tensor {
    let e = (self - max(axes: [axis], keepDims: true).detach()).exp()
    return e / e.sum(axes: [axis], keepDims: true)
  }

  /// Inverted dropout: zeroes each element with probability `rate` and scales survivors by `1/(1-rate)`.
  public func dropout(rate: Float, rng: inout Xoshiro256) -> Tensor {
    precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1), got \(rate)")
    if rate == 0 { return self }
    let scale = 1 / (1 - rate)
    var mask = [Float](repeating: 0, count: count)
    for i in 0..<count where rng.nextFloat() >= rate { mask[i] = scale }
    return self * Tensor(shape: shape, data: mask)
  }
}

/// Batch normalization over every axis but the last (channels), PyTorch semantics.
///
/// In training it normalizes with the batch statistics (biased variance) and updates the running
/// statistics in place with `running = (1 - momentum) * running + momentum * batch` (unbiased
/// variance); in evaluation it uses the running statistics.
public func batchNorm(_ x: Tensor, scale: Tensor, offset: Tensor, runningMean: Tensor, runningVar: Tensor,
                      training: Bool, momentum: Float = 0.1, epsilon: Float = 1e-5) -> Tensor {
  let c = x.shape.last ?? 0
  precondition(scale.count == c && offset.count == c && runningMean.count == c && runningVar.count == c,
               "batchNorm parameters must have \(c) channels")
  let axes = Array(0..<(x.rank - 1))
  if training {
    let mean = x.mean(axes: axes)
    let centered = x - mean
    let variance = centered.pow(2).mean(axes: axes)
    let n = Float(x.count / Swift.max(c, 1))
    for i in 0..<c {
      runningMean.data[i] = (1 - momentum) * runningMean.data[i] + momentum * mean.data[i]
      let unbiased = n > 1 ? variance.data[i] * n / (n - 1) : variance.data[i]
      runningVar.data[i] = (1 - momentum) * runningVar.data[i] + momentum * unbiased
    }
    return centered / (variance + epsilon).sqrt() * scale + offset
  }
  return (x - runningMean.detach()) / (runningVar.detach() + epsilon).sqrt() * scale + offset
}
